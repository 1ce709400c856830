// The pipeline against the CommonMark spec examples, compared with the real cmark-gfm command.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiMarkdown

@Suite("CommonMark conformance")
struct CommonMarkConformanceTests {
    struct Example: Decodable {
        var markdown: String
        var html: String
        var example: Int
    }

    static func examples() throws -> [Example] {
        let url = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/commonmark.json")
        let fallback = TestSupport.packageRoot.appendingPathComponent("Tests/HarigamiTests/Fixtures/commonmark.json")
        let data = try Data(contentsOf: FileManager.default.fileExists(atPath: url.path) ? url : fallback)
        return try JSONDecoder().decode([Example].self, from: data)
    }

    /// The Debian `cmark-gfm` command on every example.
    static func plainCmark(_ examples: [Example], extensions: [String]) throws -> [String] {
        var outputs: [String] = []
        for example in examples {
            let arguments = ["--unsafe"] + (extensions.contains("strikethrough") ? ["--strikethrough-double-tilde"] : []) + extensions.flatMap { ["-e", $0] }
            let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/cmark-gfm"), arguments, input: Data(example.markdown.utf8))
            #expect(run.status == 0)
            outputs.append(run.stdout)
        }
        return outputs
    }

    @Test("render --allow-html matches plain cmark-gfm on every spec example cmark-gfm passes (647 of 652)")
    func matchesPlainCmark() throws {
        let examples = try Self.examples()
        let reference = try Self.plainCmark(examples, extensions: [])
        let pipeline = MarkdownPipeline(settings: MarkdownSettings(language: "en", allowHTML: true, extensions: false, audience: .staff))
        var cmarkPasses = 0, harigamiMatches = 0
        var mismatches: [Int] = []
        for (example, plain) in zip(examples, reference) where plain == example.html {
            cmarkPasses += 1
            if pipeline.render(example.markdown).html == plain { harigamiMatches += 1 } else { mismatches.append(example.example) }
        }
        #expect(examples.count == 652)
        #expect(cmarkPasses == 647)
        #expect(harigamiMatches == 647, "differs from cmark-gfm on examples \(mismatches)")
    }

    @Test("with GFM extensions on, the pipeline matches cmark-gfm with the same extensions on every example")
    func matchesCmarkWithExtensions() throws {
        let examples = try Self.examples()
        let reference = try Self.plainCmark(examples, extensions: ["table", "strikethrough", "autolink", "tagfilter"])
        let pipeline = MarkdownPipeline(settings: MarkdownSettings(language: "en", allowHTML: true, extensions: true, audience: .staff))
        var mismatches: [Int] = []
        for (example, gfm) in zip(examples, reference) where pipeline.render(example.markdown).html != gfm {
            mismatches.append(example.example)
        }
        #expect(mismatches.isEmpty, "differs from cmark-gfm --strikethrough-double-tilde -e table -e strikethrough -e autolink -e tagfilter on examples \(mismatches)")
    }

    @Test("the harigami render command gives the same HTML as the pipeline")
    func commandMatchesPipeline() throws {
        let markdown = "# Title\n\nSome *emphasis* and <b>raw</b> HTML.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        // `harigami render --allow-html --lang en -`
        let run = CommandOutput.render(Data(markdown.utf8), path: "-", settings: MarkdownSettings(language: "en", allowHTML: true, extensions: true, audience: .staff))
        #expect(run.status == .success)
        let pipeline = MarkdownPipeline(settings: MarkdownSettings(language: "en", allowHTML: true, audience: .staff))
        #expect(run.standardOutput == pipeline.render(markdown).html)
        #expect(run.standardOutput.contains("<b>raw</b>"))
        #expect(run.standardOutput.contains("<table>"))
    }
}
