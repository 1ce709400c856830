// Every input saved in Fixtures/fuzz-regressions (what the fuzzer once broke, and hostile inputs found by hand)
// goes through the fuzzer's stages again, as a page and made into long lines and deep nesting: none may crash,
// and each is read to the end.

import Foundation
import Testing
@testable import Harigami

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static var inputs: [URL] {
        let folder = TestSupport.packageRoot.appendingPathComponent("Tests/HarigamiTests/Fixtures/fuzz-regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("the saved inputs are there")
    func saved() {
        #expect(Self.inputs.count >= 5)
    }

    @Test("each saved input goes through loading, rendering and the checks", arguments: inputs)
    func replay(input: URL) throws {
        let data = try Data(contentsOf: input)
        // Every saved input is content with something wrong or unusual about it; the checks say so.
        #expect(Exercise.page(data) > 0, "\(input.lastPathComponent)")
    }

    @Test("the saved inputs, made into one long line and into deep nesting, render with the prose checks")
    func replayShapes() throws {
        var diagnostics = 0
        for input in Self.inputs {
            diagnostics += Exercise.markdownShapes(try Data(contentsOf: input))
        }
        // Half-width katakana, raw HTML, unclosed containers: some of the shapes are reported.
        #expect(diagnostics > 0)
    }
}
