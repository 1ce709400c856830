// Long Markdown is parsed in pieces (Containers.pieceSize); the pieces must render exactly as the whole would.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiMarkdown

@Suite("Long pages in pieces")
struct LongPageTests {
    /// HTML of `text` parsed whole, and parsed in the pieces `Containers.parse` cuts at every allowed place.
    static func wholeAndPieces(_ text: String) -> (whole: String, pieces: String, count: Int) {
        var options = CmarkTree.Options()
        options.extensions = true
        let whole = CmarkTree(text, options: options).html()
        let parts = Containers.parse(text, pieceSize: 1).parts
        var pieces = ""
        for part in parts {
            guard case .markdown(let piece, _) = part else { return (whole, "a container appeared", 0) }
            pieces += CmarkTree(piece, options: options).html()
        }
        return (whole, pieces, parts.count)
    }

    @Test("every spec example, and all of them as one page, render the same in pieces")
    func specExamples() throws {
        let examples = try CommonMarkConformanceTests.examples().map(\.markdown).filter { !$0.contains(":::") }
        for markdown in examples {
            let result = Self.wholeAndPieces(markdown)
            #expect(result.pieces == result.whole, "\(markdown)")
        }
        // Joined, the examples meet each other: lists, quotes and code followed by paragraphs after a blank line.
        let page = examples.filter { example in !["]:", "<", "```", "~~~"].contains { example.contains($0) } }.joined(separator: "\n\nParagraph between examples.\n\n")
        let result = Self.wholeAndPieces(page)
        #expect(result.count > 100, "the page was cut into \(result.count) pieces")
        #expect(result.pieces == result.whole)
    }

    @Test("the shipped content renders the same in pieces")
    func shippedContent() throws {
        let files = FileManager.default.enumerator(at: TestSupport.shippedContent, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "md" }
        var cut = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\n:::", with: "\n")
            let result = Self.wholeAndPieces(text)
            #expect(result.pieces == result.whole, "\(file.lastPathComponent)")
            if result.count > 1 { cut += 1 }
        }
        #expect(files.count > 20 && cut > 10)
    }

    @Test("a short page is never cut, a long one is cut only where a new block starts")
    func whereCut() {
        let short = "一行目です。\n\n二行目です。\n"
        #expect(Containers.parse(short).parts == [.markdown(short, line: 1)])
        let paragraph = "窓口での対応が**長時間**に及ぶ場合は区切りを伝えます。\n\n- 記録を残す\n- 上司に引き継ぐ\n\n"
        let long = String(repeating: paragraph, count: Containers.pieceSize / paragraph.utf8.count * 3)
        let parts = Containers.parse(long).parts
        #expect(parts.count >= 3 && parts.count <= 4)
        var expectedLine = 1
        for part in parts {
            guard case .markdown(let text, let line) = part else { Issue.record("not Markdown"); continue }
            #expect(line == expectedLine)
            #expect(text.hasPrefix("窓口"))
            expectedLine += text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        }
        // A link reference may be used anywhere on the page: such a page stays whole, as does one with fenced code.
        #expect(Containers.parse(long + "[a]: /a\n").parts.count == 1)
        #expect(Containers.parse(long + "[a]:\u{301}/a\n").parts.count == 1)
        #expect(Containers.parse(long + "~~~\ncode\n~~~\n").parts.count == 1)
    }

    @Test("fences the container parser cannot follow (opened on a list line, closed less indented) never get a cut")
    func fencesInLists() {
        let filler = String(repeating: "窓口での対応が長時間に及ぶ場合は区切りを伝えます。\n\n", count: 6000)
        for opening in ["Install:\n\n- ```sh\n  make install\n  ```\n\n", "- item\n  ```\n  code\n```\n\n", "```\ncode\n```\u{3000}\n\n"] {
            let page = opening + filler + "```\nimport os\n\ndef main():\n    pass\n```\n\n" + filler
            let result = Self.wholeAndPieces(page)
            #expect(result.pieces == result.whole)
            #expect(Containers.parse(page).parts.count == 1)
        }
    }
}
