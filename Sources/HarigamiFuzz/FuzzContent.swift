// libFuzzer entry point: arbitrary bytes as a content page (front matter, Markdown, containers, ruby)
// through the loader, the Markdown pipeline and the checks (Exercise.page), made into long lines and deep
// nesting for the Markdown passes (Exercise.markdownShapes), and as a request to the preview
// (FuzzRequestHead.swift). Built only by Scripts/fuzz.

import Foundation
import Harigami

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    if !fuzzingRequestsOnly {
        let data = Data(bytes: bytes, count: count)
        Exercise.page(data)
        Exercise.markdownShapes(data)
    }
    fuzzRequestHead(bytes, count)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`; hand control to libFuzzer's driver.
@_cdecl("HarigamiFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}
