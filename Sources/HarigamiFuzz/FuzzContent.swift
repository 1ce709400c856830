// libFuzzer entry point: arbitrary bytes as a content page (front matter, Markdown, containers, ruby)
// through the loader, the Markdown pipeline and the site renderer. Built only by Scripts/fuzz.

import Foundation
import Harigami

/// A small valid site around the fuzzed page, so every stage after loading runs too.
private let siteYAML = """
languages: [ja, en]
base-url: "https://fuzz.example/"
title: {ja: 題, en: Title}
organisation: {ja: 市, en: City}
description: {ja: 説明, en: Description}
contact:
  department: {ja: 課, en: Section}
  phone: "000"
  email: "a@fuzz.example"
  hours: {ja: 平日, en: Weekdays}
example-sections:
  - {id: situation, ja: 場面, en: Situation}
  - {id: wording, wording: true, ja: 例, en: Wording}

"""

private let categoriesYAML = "- id: time-binding\n  ja: {name: a, summary: b, poster-label: c}\n  en: {name: a, summary: b, poster-label: c}\n"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let files: [String: Data] = [
        "site.yml": Data(siteYAML.utf8),
        "categories.yml": Data(categoriesYAML.utf8),
        "examples/time-binding/fuzz.ja.md": data,
        "pages/fuzz.en.md": data,
        "posters/fuzz.ja.md": data,
    ]
    let tree = ContentTree(displayRoot: "Content", list: { files.keys.sorted().map { ContentFile(path: $0) } }, read: { files[$0]! })
    let loaded = ContentLoader.load(tree)
    if let content = loaded.content {
        for document in content.documents {
            for audience in Audience.allCases {
                let settings = MarkdownSettings(language: document.language, allowHTML: false, audience: audience)
                _ = MarkdownPipeline(settings: settings).render(document.body, path: document.path, bodyLine: document.bodyLine)
            }
        }
    }
    // The raw bytes as a Markdown fragment, as `harigami render` sees them.
    if let text = String(validating: data, as: UTF8.self) {
        _ = MarkdownPipeline(settings: MarkdownSettings(language: "ja", allowHTML: true)).render(text)
        _ = MarkdownPipeline(settings: MarkdownSettings(language: "ja", allowHTML: false, audience: .public)).render(text)
    }
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
