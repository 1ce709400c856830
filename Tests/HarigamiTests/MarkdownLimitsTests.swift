// No Markdown, however long its lines or deep its nesting, crashes the pipeline; and its passes take time in
// proportion to the paragraph (the timings themselves are measured by Scripts/bench --pathological).

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiMarkdown
@testable import HarigamiCheck

// One test at a time: the timings compare renderings of one test, which tests running beside it would upset.
@Suite("Markdown limits", .serialized)
struct MarkdownLimitsTests {
    /// Renders `markdown` as a page's body, with the prose checks reading it (as `check` and `build` do).
    static func render(_ markdown: String, language: String = "ja") -> RenderedMarkdown {
        var settings = MarkdownSettings(language: language)
        settings.prose = ProseSettings()
        return MarkdownPipeline(settings: settings).render(markdown)
    }

    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    // MARK: Long lines

    @Test("a line of 20,000 'a_' renders as it is written")
    func underscoreLine() {
        let line = String(repeating: "a_", count: 20_000)
        #expect(Self.render(line + "\n").html == "<p>\(line)</p>\n")
        #expect(Self.render(line + "\n", language: "en").html == "<p>\(line)</p>\n")
    }

    /// What `harigami render -` prints for `input` with its default settings, in-process.
    static func renderCommand(_ input: Data) -> CommandOutput {
        .render(input, path: "-", settings: MarkdownSettings(language: "ja", audience: .staff))
    }

    @Test("the render command renders a line of 20,000 'a_' and exits 0")
    func underscoreLineThroughTheCommand() throws {
        let line = String(repeating: "a_", count: 20_000)
        let run = Self.renderCommand(Data((line + "\n").utf8))
        #expect(run.status == .success, "\(run.standardError)")
        #expect(run.standardOutput == "<p>\(line)</p>\n")
    }

    @Test("a page with a 48 KB line of '*a ' builds")
    func starLineBuilds() throws {
        let root = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        let page = content.appendingPathComponent("pages/faq.ja.md")
        let line = String(repeating: "*a ", count: 16_000)
        try (String(contentsOf: page, encoding: .utf8) + "\n" + line + "\n").write(to: page, atomically: true, encoding: .utf8)
        var options = BuildOptions()
        options.contentDirectory = content.path
        options.templatesDirectory = TestSupport.templates.path
        options.outputDirectory = root.appendingPathComponent("Output").path
        let rendered = Builder.render(options)
        #expect(!rendered.report.diagnostics.hasErrors, "\(rendered.report.diagnostics.filter { $0.severity == .error })")
        let shown = String(repeating: "*a ", count: 100)
        #expect(rendered.site?.values.contains { String(decoding: $0, as: UTF8.self).contains(shown) } == true)
    }

    @Test("a line of 16,000 '**重要**' between Japanese words renders each as strong emphasis")
    func japaneseStrongLine() {
        let html = Self.render(String(repeating: "これは**「重要」**です", count: 16_000) + "\n").html
        #expect(Self.count("<strong>", in: html) == 16_000)
    }

    // MARK: Deep nesting

    @Test("10,000 nested emphases with '*' render, each one")
    func nestedStars() {
        let html = Self.render(String(repeating: "*a ", count: 10_000) + String(repeating: "a* ", count: 10_000) + "\n").html
        #expect(Self.count("<em>", in: html) == 10_000)
        #expect(Self.count("</em>", in: html) == 10_000)
    }

    @Test("10,000 nested emphases with '_' render, each one")
    func nestedUnderscores() {
        let html = Self.render(String(repeating: "_a ", count: 10_000) + String(repeating: "a_ ", count: 10_000) + "\n").html
        #expect(Self.count("<em>", in: html) == 10_000)
    }

    @Test("10,000 nested strong emphases around 「」 in Japanese render, each one")
    func nestedJapaneseStrong() {
        let markdown = String(repeating: "**「あ", count: 10_000) + String(repeating: "」**い", count: 10_000) + "\n"
        let html = Self.render(markdown).html
        #expect(Self.count("<strong>", in: html) == 10_000)
        // The same shape, with soft line breaks between the levels.
        let lines = String(repeating: "**「あ\n", count: 2_000) + String(repeating: "」**い\n", count: 2_000)
        #expect(Self.count("<strong>", in: Self.render(lines).html) == 2_000)
    }

    @Test("10,000 nested brackets, links and images render")
    func nestedBrackets() {
        let brackets = Self.render(String(repeating: "[", count: 10_000) + "a" + String(repeating: "](b)", count: 10_000) + "\n")
        #expect(brackets.html.contains("<a href=\"b\">a</a>"))
        let images = Self.render(String(repeating: "![", count: 2_000) + "a" + String(repeating: "](b)", count: 2_000) + "\n")
        #expect(Self.count("<img", in: images.html) == 1)
        #expect(images.links.count == 2_000)
        let links = Self.render(String(repeating: "*[", count: 5_000) + "a" + String(repeating: "](b)*", count: 5_000) + "\n")
        #expect(links.html.contains("<a href=\"b\">a</a>"))
    }

    @Test("10,000 nested braces written like ruby render")
    func nestedRubyBraces() {
        let nested = Self.render(String(repeating: "{", count: 10_000) + "漢字|かんじ" + String(repeating: "}", count: 10_000) + "\n")
        #expect(Self.count("<ruby>", in: nested.html) == 1)
        let open = Self.render(String(repeating: "{漢字|", count: 10_000) + String(repeating: "}", count: 10_000) + "\n")
        #expect(open.html.hasPrefix("<p>{"))
        let many = Self.render(String(repeating: "{漢|かん}\\*", count: 10_000) + "\n")
        #expect(Self.count("<ruby>", in: many.html) == 10_000)
    }

    @Test("10,000 nested block quotes and lists render")
    func nestedBlocks() {
        let quotes = Self.render(String(repeating: ">", count: 10_000) + " 引用です\n")
        #expect(Self.count("<blockquote>", in: quotes.html) == 10_000)
        let lists = Self.render(String(repeating: "- ", count: 10_000) + "項目\n")
        #expect(Self.count("<li>", in: lists.html) == 10_000)
    }

    @Test("10,000 nested containers render, each one, and a staff block among them only for staff")
    func nestedContainers() {
        let notes = Self.render(String(repeating: "::: note\n", count: 10_000) + "本文です。\n" + String(repeating: ":::\n", count: 10_000))
        #expect(Self.count("<div class=\"callout callout-note\"", in: notes.html) == 10_000)
        #expect(Self.count("</div>", in: notes.html) == 10_000)
        let markdown = String(repeating: "::: note\n", count: 5_000) + "::: staff\n内部の話です。\n:::\n公開の話です。\n" + String(repeating: ":::\n", count: 5_000)
        let seen = MarkdownPipeline(settings: MarkdownSettings(language: "ja", audience: .public)).render(markdown)
        #expect(!seen.html.contains("内部") && seen.html.contains("公開の話です。"))
        #expect(seen.staffTexts.map(\.value).joined().contains("内部の話です。"))
        let staff = MarkdownPipeline(settings: MarkdownSettings(language: "ja", audience: .staff)).render(markdown)
        #expect(staff.html.contains("内部の話です。"))
    }

    // MARK: Time in proportion to the paragraph

    /// The shortest of three renderings of `markdown`, in seconds.
    static func fastest(_ markdown: String) -> Double {
        (0..<3).map { _ in
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = render(markdown) }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }.min() ?? 0
    }

    /// Rendering eight times the text takes well under sixty-four times as long (what a pass quadratic in the
    /// paragraph would take); twenty-four leaves room for a busy machine and for memory that grows slower to reach.
    static func expectLinear(_ unit: String, count: Int, _ comment: Comment) {
        let small = fastest(String(repeating: unit, count: count))
        let large = fastest(String(repeating: unit, count: count * 8))
        #expect(large / small < 24, "\(comment): \(small) s, then \(large) s for eight times the text")
    }

    @Test("one paragraph of strong emphasis next to 。 takes time in proportion to its length")
    func strongParagraphIsLinear() {
        Self.expectLinear("これは**重要。**です\n", count: 1_000, "これは**重要。**です lines")
    }

    @Test("one paragraph of Japanese soft line breaks takes time in proportion to its length")
    func softBreaksAreLinear() {
        Self.expectLinear("窓口での対応が長時間に及ぶ場合があります。\n", count: 1_000, "Japanese lines")
    }

    @Test("one line of 'a_' and one of '*a ' take time in proportion to their length")
    func longLinesAreLinear() {
        Self.expectLinear("a_", count: 2_000, "a_")
        Self.expectLinear("*a ", count: 2_000, "*a ")
        Self.expectLinear("{漢|かん}\\*", count: 1_000, "ruby and escapes")
    }

    /// A run of `count` backticks around a word, closed by a run one shorter: nothing closes, and cmark-gfm reports
    /// the text where the second run starts.
    static func unmatchedBackticks(_ count: Int) -> String {
        String(repeating: "`", count: count) + "a" + String(repeating: "`", count: count - 1) + "\n"
    }

    @Test("a run of backticks that closes nothing renders as written, in time in proportion to its length")
    func unmatchedBacktickRunIsLinear() {
        let line = Self.unmatchedBackticks(1_000)
        #expect(Self.render(line).html == "<p>\(line.dropLast())</p>\n")
        let small = Self.fastest(Self.unmatchedBackticks(1_000))
        let large = Self.fastest(Self.unmatchedBackticks(8_000))
        #expect(large / small < 24, "\(small) s, then \(large) s for eight times the run")
    }

    @Test("containers nested deep take time in proportion to their depth")
    func nestedContainersAreLinear() {
        let small = Self.fastest(String(repeating: "::: note\n", count: 1_000) + "a\n" + String(repeating: ":::\n", count: 1_000))
        let large = Self.fastest(String(repeating: "::: note\n", count: 8_000) + "a\n" + String(repeating: ":::\n", count: 8_000))
        #expect(large / small < 24, "\(small) s, then \(large) s for eight times the depth")
    }

    // MARK: Tables cmark-gfm would take minutes or gigabytes over

    /// A table of `columns` columns: the header, the delimiter row and `rows` rows of one word each.
    static func table(columns: Int, rows: [String]) -> String {
        String(repeating: "|a", count: columns) + "|\n" + String(repeating: "|-", count: columns) + "|\n" + rows.map { $0 + "\n" }.joined()
    }

    static func renderPage(_ markdown: String) -> RenderedMarkdown {
        MarkdownPipeline(settings: MarkdownSettings(language: "ja")).render(markdown, path: "Content/pages/faq.ja.md", bodyLine: 5)
    }

    @Test("a table row of 1,001 cells is an error at its line, and the table's lines are read as text")
    func tooWideRow() throws {
        let markdown = "前の段落です。\n\n" + Self.table(columns: 3, rows: ["|b|b|b|", String(repeating: "|c", count: 1_001) + "|", "|d|d|d|"])
        let rendered = Self.renderPage(markdown)
        let problem = try #require(rendered.diagnostics.first { $0.rule == "markdown.table-too-large" })
        #expect(problem.description == "Content/pages/faq.ja.md:10:1: error: this table row has 1,001 cells; a table row may have at most 1,000: split the table into narrower ones, or check for a line of '|' characters that is not meant as a table [markdown.table-too-large]")
        #expect(rendered.diagnostics.filter { $0.rule == "markdown.table-too-large" }.count == 1)
        #expect(!rendered.html.contains("<table>"))
        #expect(rendered.html.contains("<p>前の段落です。</p>"))
    }

    @Test("a table row of 1,000 cells, a header of 1,000 cells and a quoted table are tables, with no error")
    func widestRowIsATable() {
        let wide = Self.renderPage(Self.table(columns: 1_000, rows: [String(repeating: "|b", count: 1_000) + "|"]))
        #expect(wide.diagnostics.isEmpty, "\(wide.diagnostics)")
        #expect(Self.count("<td>b</td>", in: wide.html) == 1_000)
        let quoted = Self.renderPage("> | a | b |\n> |---|--:|\n> | 1 | 2 |\n")
        #expect(quoted.html.contains("<td align=\"right\">2</td>"))
    }

    @Test("a line of 100,000 '|' that no delimiter row follows is a paragraph, with no error")
    func pipesWithoutTable() {
        let line = String(repeating: "|a", count: 100_000) + "|"
        let rendered = Self.renderPage(line + "\n次の行です。\n")
        #expect(rendered.diagnostics.isEmpty)
        #expect(rendered.html.hasPrefix("<p>|a|a|"))
    }

    @Test("a delimiter row of 100,000 cells under a short header is an error: cmark-gfm reads it before comparing the widths")
    func wideDelimiterRow() {
        let rendered = Self.renderPage("|a|b|\n" + String(repeating: "|-", count: 100_000) + "|\n")
        #expect(rendered.diagnostics.map(\.rule) == ["markdown.table-too-large"])
        #expect(rendered.diagnostics.first?.location.line == 6)
    }

    @Test("a table of more than 250,000 cells, rows counted as wide as the header or wider, is an error at its header")
    func tooManyCells() throws {
        let over = Self.renderPage("## 表\n\n" + Self.table(columns: 1_000, rows: Array(repeating: "b", count: 249)))
        let problem = try #require(over.diagnostics.first { $0.rule == "markdown.table-too-large" })
        #expect(problem.description == "Content/pages/faq.ja.md:7:1: error: this table has 251,000 cells in all (each row counted as wide as this header row, or wider if more cells are written); a table may have at most 250,000: split it into smaller tables, or put a blank line where the table should end [markdown.table-too-large]")
        #expect(!over.html.contains("<table>"))
        let within = Self.renderPage(Self.table(columns: 1_000, rows: Array(repeating: "b", count: 248)))
        #expect(within.diagnostics.isEmpty)
        #expect(within.html.contains("<table>"))
        // Under a header of one cell, rows of 1,000 cells are a million cells read, then dropped.
        let wideRows = Self.renderPage("|a|\n|-|\n" + String(repeating: String(repeating: "|b", count: 1_000) + "|\n", count: 300))
        #expect(wideRows.diagnostics.map(\.rule) == ["markdown.table-too-large"])
        #expect(wideRows.diagnostics.first?.location.line == 5)
    }

    @Test("a table row of 1,001 cells with CR LF or CR line ends is found as with LF")
    func otherLineEnds() {
        for end in ["\r\n", "\r"] {
            let markdown = "|a|b|" + end + "|-|-|" + end + String(repeating: "|c", count: 1_001) + "|" + end
            let rendered = MarkdownPipeline(settings: MarkdownSettings(language: "ja")).render(markdown)
            #expect(rendered.diagnostics.map(\.location.line) == [3], "\(end.debugDescription): \(rendered.diagnostics)")
        }
    }

    @Test("a table of 50,000 rows of four cells is a table")
    func longTable() {
        let rendered = Self.renderPage(Self.table(columns: 4, rows: Array(repeating: "|1|2|3|4|", count: 50_000)))
        #expect(rendered.diagnostics.isEmpty)
        #expect(Self.count("<tr>", in: rendered.html) == 50_001)
    }

    @Test("a too-wide table row in a poster's body is refused, and the body is read without it as a table")
    func tooWideRowInPoster() throws {
        let table = Self.table(columns: 2, rows: [String(repeating: "|c", count: 5_000) + "|"]) + "\n"
        let list = try #require(PosterTests.japanese.range(of: "---\n- "))
        var poster = PosterTests.japanese
        poster.insert(contentsOf: table, at: poster.index(list.lowerBound, offsetBy: 4))
        let loaded = ContentLoader.load(try TestSupport.minimalTree(replacing: ["posters/awareness.ja.md": poster, "posters/awareness.en.md": PosterTests.english]))
        let content = try #require(loaded.content)
        let problems = ContentChecker.check(content, loadProblems: loaded.diagnostics)
        let path = "Content/posters/awareness.ja.md"
        #expect(problems.contains { $0.rule == "markdown.table-too-large" && $0.location.path == path && $0.location.line == 14 }, "\(problems)")
        #expect(problems.contains { $0.rule == "poster.body" && $0.location.path == path }, "\(problems)")
    }

    // MARK: The size of a Markdown file, and of what is parsed in one piece

    @Test("a page larger than 64 MB is an error naming its size and the limit, and is not read")
    func pageTooLarge() throws {
        let page = "---\ntitle: t\nsummary: s\n---\n" + String(repeating: "段落です。\n\n", count: 4_000_000)
        let loaded = ContentLoader.load(try TestSupport.minimalTree(replacing: ["pages/faq.ja.md": page]))
        let problem = try #require(loaded.diagnostics.first { $0.rule == "load.file-too-large" })
        #expect(problem.description == "Content/pages/faq.ja.md:1:1: error: the file is 64.8 MB (68,000,028 bytes); a Markdown file may be at most 64 MB (67,108,864 bytes): split it into several pages, or check that it is the file you meant [load.file-too-large]")
        #expect(loaded.content?.documents.contains { $0.path == "Content/pages/faq.ja.md" } == false)
    }

    @Test("a page of 3 MB loads, and a poster of 3 MB does not")
    func posterLimit() throws {
        let page = "---\ntitle: t\nsummary: s\n---\n" + String(repeating: "段落です。\n\n", count: 150_000)
        let loaded = ContentLoader.load(try TestSupport.minimalTree(replacing: ["pages/faq.ja.md": page]))
        #expect(!loaded.diagnostics.contains { $0.rule == "load.file-too-large" })
        #expect(loaded.content?.documents.contains { $0.path == "Content/pages/faq.ja.md" } == true)
        let poster = PosterTests.japanese + String(repeating: "\n", count: 3_000_000)
        let posters = ContentLoader.load(try TestSupport.minimalTree(replacing: ["posters/awareness.ja.md": poster, "posters/awareness.en.md": PosterTests.english]))
        let problem = try #require(posters.diagnostics.first { $0.rule == "load.file-too-large" })
        #expect(problem.message.hasPrefix("the file is 2.9 MB"), "\(problem.message)")
        #expect(problem.message.contains("a poster file may be at most 2 MB (2,097,152 bytes)"), "\(problem.message)")
    }

    @Test("harigami check refuses a poster file larger than 2 MB on disk, by its size, and exits 1")
    func posterTooLargeOnDisk() throws {
        let site = try InlineSite.minimal()
        try site.write("Content/posters/awareness.ja.md", PosterTests.japanese + String(repeating: "\n", count: 3_000_000))
        let run = try site.check()
        #expect(run.status == 1)
        #expect(run.stdout.contains("Content/posters/awareness.ja.md:1:1: error: the file is 2.9 MB"), "\(run.stdout)")
        #expect(run.stdout.contains("[load.file-too-large]"))
    }

    @Test("a paragraph of more than 2 MB is an error at its first line and is left out; the paragraph after it renders")
    func paragraphTooLarge() throws {
        let paragraph = String(repeating: "あ\n", count: 530_000)
        let rendered = Self.renderPage(paragraph + "\n後の段落です。\n")
        let problem = try #require(rendered.diagnostics.first)
        #expect(rendered.diagnostics.count == 1)
        #expect(problem.description == "Content/pages/faq.ja.md:5:1: error: the Markdown from here that has to be read in one go is 2,120,001 bytes (one paragraph, list, quote or table; on a page with code blocks, raw HTML or link reference definitions, the whole page); at most 2,097,152 bytes (2 MB) can be, so it is left out: put blank lines between its paragraphs, or split the page into several pages [markdown.block-too-large]")
        #expect(rendered.html == "<p>後の段落です。</p>\n")
    }

    @Test("the render command refuses more than 64 MB of input with exit 1; a 2 MB line renders, one byte more is refused")
    func renderInputLimit() throws {
        // The command reads one byte past the limit and stops: what it then has is what is given here.
        let over = Self.renderCommand(Data(repeating: UInt8(ascii: "\n"), count: MarkdownFile.byteLimit + 1))
        #expect(over.status == .contentErrors)
        #expect(over.standardOutput.isEmpty)
        #expect(over.standardError.contains("-:1:1: error: the file is larger than 64 MB; a Markdown file may be at most 64 MB (67,108,864 bytes)"), "\(over.standardError)")
        let limit = Containers.runLimit
        let at = Self.renderCommand(Data(repeating: UInt8(ascii: "a"), count: limit - 1) + Data("\n".utf8))
        #expect(at.status == .success, "\(at.standardError)")
        #expect(at.standardOutput.utf8.count == limit - 1 + "<p></p>\n".utf8.count)
        let past = Self.renderCommand(Data(repeating: UInt8(ascii: "a"), count: limit) + Data("\n".utf8))
        #expect(past.status == .contentErrors)
        #expect(past.standardError.contains("[markdown.block-too-large]"), "\(past.standardError)")
    }
}
