// The pieces around the rules: source-hash and stamping, the coverage table, scaffolding new content.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiCheck
@testable import HarigamiAuthoring

@Suite("Check tools")
struct CheckToolsTests {
    // MARK: - source-hash

    @Test("the source-hash is the first 16 hex digits of the body's SHA-256")
    func sourceHash() {
        // SHA-256 of "abc\n" is edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb (sha256sum).
        #expect(SourceHash.of(body: "abc\n") == "edeaaff3f1774ad2")
        #expect(SourceHash.of(body: "abc\n\n") != SourceHash.of(body: "abc\n"))
    }

    @Test("stamping adds the source-hash line before the closing --- and changes nothing else")
    func stampAdds() throws {
        let original = "---\ntitle: Notice\nsummary: S\n---\nBody.\n"
        let stamped = try SourceHash.stamped(Data(original.utf8), hash: "0123456789abcdef", path: "x.en.md").get()
        #expect(String(decoding: stamped, as: UTF8.self) == "---\ntitle: Notice\nsummary: S\nsource-hash: 0123456789abcdef\n---\nBody.\n")
    }

    @Test("stamping replaces only the existing source-hash line, keeping CRLF line ends, the BOM and comments")
    func stampReplaces() throws {
        let original = "\u{FEFF}---\r\ntitle: Notice # the title\r\nsource-hash: aaaaaaaaaaaaaaaa\r\nsummary: S\r\n---\r\nBody.\r\n"
        let stamped = try SourceHash.stamped(Data(original.utf8), hash: "0123456789abcdef", path: "x.en.md").get()
        #expect(String(decoding: stamped, as: UTF8.self) == original.replacingOccurrences(of: "aaaaaaaaaaaaaaaa", with: "0123456789abcdef"))
        #expect(stamped.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    @Test("a value of source-hash continued on indented lines is replaced whole; a nested key of the same name is left")
    func stampMultiline() throws {
        let original = "---\ntitle: T\nnote:\n  source-hash: nested\nsource-hash:\n  old\nsummary: S\n---\n"
        let stamped = try SourceHash.stamped(Data(original.utf8), hash: "0123456789abcdef", path: "x.en.md").get()
        #expect(String(decoding: stamped, as: UTF8.self) == "---\ntitle: T\nnote:\n  source-hash: nested\nsource-hash: 0123456789abcdef\nsummary: S\n---\n")
    }

    @Test("stamping and loading read the same fences: spaces around ---, and CR line ends")
    func stampReadsTheLoadersFences() throws {
        let original = "--- \rtitle: Notice\rsummary: S\r\t---\rBody.\r"
        let stamped = String(decoding: try SourceHash.stamped(Data(original.utf8), hash: "0123456789abcdef", path: "x.en.md").get(), as: UTF8.self)
        #expect(stamped == "--- \rtitle: Notice\rsummary: S\rsource-hash: 0123456789abcdef\r\t---\rBody.\r")
        let loaded = try FrontMatterSplit.split(stamped.replacingOccurrences(of: "\r", with: "\n"), path: "x.en.md").get()
        #expect(loaded.yaml == "title: Notice\nsummary: S\nsource-hash: 0123456789abcdef")
        #expect(loaded.body == "Body.\n")
        #expect(loaded.bodyLine == 6)
        let unclosed = "---\ntitle: Notice\n--\n"
        #expect(throws: Diagnostic.self) { try SourceHash.stamped(Data(unclosed.utf8), hash: "0123456789abcdef", path: "x.en.md").get() }
        #expect(throws: Diagnostic.self) { try FrontMatterSplit.split(unclosed, path: "x.en.md").get() }
    }

    @Test("a file without front matter cannot be stamped, and says why")
    func stampNoFrontMatter() {
        let result = SourceHash.stamped(Data("Body only.\n".utf8), hash: "0123456789abcdef", path: "Content/x.en.md")
        #expect(throws: Diagnostic.self) { try result.get() }
        if case .failure(let diagnostic) = result {
            #expect(diagnostic.location == SourceLocation(path: "Content/x.en.md"))
            #expect(diagnostic.rule == "load.front-matter")
        }
    }

    @Test("the stamp written by the tool is the hash the check expects")
    func stampMatchesCheck() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content")
        try TestSupport.copy(TestSupport.fixture("minimal"), to: content)
        let results = TranslationStamp.stamp([content.appendingPathComponent("pages/faq.en.md").path], contentDirectory: content.path)
        let stamped = try #require(try results.first?.get())
        #expect(stamped.changed)
        #expect(stamped.path == content.path + "/pages/faq.en.md")
        let loaded = ContentLoader.load(.directory(content.path))
        let diagnostics = ContentChecker.check(try #require(loaded.content))
        #expect(!diagnostics.contains { $0.location.path.hasSuffix("faq.en.md") })
        #expect(diagnostics.filter { $0.rule == "translation.unstamped" }.count == 3)
        let again = TranslationStamp.stamp([content.appendingPathComponent("pages/faq.en.md").path], contentDirectory: content.path)
        #expect(try again.first?.get().changed == false)
    }

    @Test("stamping refuses the Japanese page itself and files outside the content folder")
    func stampRefuses() throws {
        let fixture = TestSupport.fixture("minimal")
        let results = TranslationStamp.stamp([fixture.appendingPathComponent("notice.ja.md").path, "/tmp/elsewhere.en.md"], contentDirectory: fixture.path)
        guard case .failure(.usage(let source)) = results[0], case .failure(.usage(let outside)) = results[1] else {
            Issue.record("expected two usage failures, got \(results)")
            return
        }
        #expect(source.contains("is the ja page that translations are made from"))
        #expect(outside.hasPrefix("/tmp/elsewhere.en.md is not a file in the content folder"))
    }

    // MARK: - Coverage table

    let table = CoverageTable(languages: ["ja", "en"], rows: [
        .init(category: "time-binding", names: ["ja": "時間拘束型", "en": "Holding staff"], cells: [
            "ja": .init(examples: 2, wording: true, name: true, summary: true, posterLabel: true),
            "en": .init(examples: 0, wording: false, name: true, summary: false, posterLabel: true),
        ]),
    ])

    @Test("the text table has one aligned line per category and language, gaps written MISSING")
    func coverageText() {
        #expect(table.text() == """
            category      language  examples   sample wording  name  summary  poster label
            time-binding  ja        2          ok              ok    ok       ok
            time-binding  en        0 MISSING  MISSING         ok    MISSING  ok

            """)
        #expect(table.incompleteCells == 1)
    }

    @Test("the HTML table has column and row headers and marks missing cells with a class and a word")
    func coverageHTML() {
        let html = table.html(language: "en", strings: TestSupport.interfaceStrings)
        #expect(html.hasPrefix("<table class=\"coverage-table\">\n<thead>\n<tr><th scope=\"col\">Type</th><th scope=\"col\">Language</th>"))
        #expect(html.contains("<tr><th scope=\"row\">Holding staff <span class=\"coverage-id\">(time-binding)</span></th><td lang=\"en\">English</td><td class=\"missing\">0 MISSING</td><td class=\"missing\">MISSING</td><td>Yes</td><td class=\"missing\">MISSING</td><td>Yes</td></tr>"))
        let japanese = table.html(language: "ja", strings: TestSupport.interfaceStrings)
        #expect(japanese.contains("<th scope=\"row\">時間拘束型 <span class=\"coverage-id\">(time-binding)</span></th><td lang=\"ja\">日本語</td><td>2件</td><td>あり</td>"))
        #expect(japanese.contains("<td class=\"missing\">未整備</td>"))
    }

    @Test("the coverage table counts examples and sample wording per category and language")
    func coverageFromContent() throws {
        var files = try CheckFixture.files()
        files["examples/time-binding/phone.en.md"] = files["examples/time-binding/phone.en.md"]!.replacingOccurrences(of: "> \"I'm", with: "\"I'm")
        let loaded = ContentLoader.load(.memory(files))
        let report = ContentChecker.run(try #require(loaded.content))
        let row = try #require(report.coverage?.rows.first)
        #expect(row.cells["ja"] == CoverageTable.Cell(examples: 1, wording: true, name: true, summary: true, posterLabel: true))
        #expect(row.cells["en"] == CoverageTable.Cell(examples: 1, wording: false, name: true, summary: true, posterLabel: true))
    }

    // MARK: - Scaffolding

    @Test("new example writes every language's file with empty title and summary and the required sections")
    func newExample() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestSupport.copy(TestSupport.fixture("minimal"), to: folder.appendingPathComponent("Content"))
        let content = folder.appendingPathComponent("Content").path
        let outcome = try Scaffold.newExample(category: "time-binding", slug: "counter", contentDirectory: content).get()
        #expect(outcome.written == [content + "/examples/time-binding/counter.ja.md", content + "/examples/time-binding/counter.en.md"])
        let ja = try String(contentsOfFile: content + "/examples/time-binding/counter.ja.md", encoding: .utf8)
        #expect(ja == "---\ntitle: \"\"\nsummary: \"\"\n---\n\n## 想定される場面\n\n## 伝え方の例\n")
        // What check then says: the empty keys, each at its place.
        let loaded = ContentLoader.load(.directory(content))
        #expect(loaded.diagnostics.filter { $0.location.path.hasSuffix("counter.ja.md") }.map(Finding.init) == [
            Finding(content + "/examples/time-binding/counter.ja.md:2:8", "load.schema"),
            Finding(content + "/examples/time-binding/counter.ja.md:3:10", "load.schema"),
        ])
        let checked = ContentChecker.check(try #require(loaded.content), loadProblems: loaded.diagnostics)
        #expect(!checked.contains { $0.location.path.contains("counter") }, "a file that exists is not reported missing: \(checked)")
    }

    @Test("once title and summary are written, check names each empty section of a new example")
    func newExampleSections() throws {
        let ja = Scaffold.exampleText(site: try #require(ContentLoader.load(try TestSupport.minimalTree()).content).site, language: "ja")
            .replacingOccurrences(of: "title: \"\"", with: "title: 窓口で")
            .replacingOccurrences(of: "summary: \"\"", with: "summary: 対応です。")
        var files = try CheckFixture.files()
        files["examples/time-binding/phone.ja.md"] = ja
        let diagnostics = try CheckFixture.check(files: files).filter { $0.location.path.hasSuffix("phone.ja.md") }
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/examples/time-binding/phone.ja.md:6:1", "example.section-empty"),
            Finding("Content/examples/time-binding/phone.ja.md:8:1", "example.section-empty"),
        ])
    }

    @Test("new example keeps an existing file, and refuses when every file exists or the category is unknown")
    func newExampleRefuses() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content").path
        try TestSupport.copy(TestSupport.fixture("minimal"), to: folder.appendingPathComponent("Content"))
        let before = try Data(contentsOf: URL(fileURLWithPath: content + "/examples/time-binding/phone.ja.md"))
        try FileManager.default.removeItem(atPath: content + "/examples/time-binding/phone.en.md")
        let outcome = try Scaffold.newExample(category: "time-binding", slug: "phone", contentDirectory: content).get()
        #expect(outcome.written == [content + "/examples/time-binding/phone.en.md"])
        #expect(outcome.kept == [content + "/examples/time-binding/phone.ja.md"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: content + "/examples/time-binding/phone.ja.md")) == before)
        #expect(Scaffold.newExample(category: "time-binding", slug: "phone", contentDirectory: content)
            == .failure(.usage("\(content)/examples/time-binding/phone.ja.md and \(content)/examples/time-binding/phone.en.md already exist; nothing was written")))
        guard case .failure(.usage(let unknown)) = Scaffold.newExample(category: "violence", slug: "counter", contentDirectory: content) else {
            Issue.record("an unknown category must be refused")
            return
        }
        #expect(unknown.hasSuffix("add it first with `harigami new category violence`"))
        guard case .failure(.usage) = Scaffold.newExample(category: "time-binding", slug: "../escape", contentDirectory: content) else {
            Issue.record("a slug that is not an id must be refused")
            return
        }
    }

    @Test("new category appends an entry with empty wording per language, which check then reports")
    func newCategory() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content").path
        try TestSupport.copy(TestSupport.fixture("minimal"), to: folder.appendingPathComponent("Content"))
        let before = try String(contentsOfFile: content + "/categories.yml", encoding: .utf8)
        _ = try Scaffold.newCategory(id: "violence", contentDirectory: content).get()
        let after = try String(contentsOfFile: content + "/categories.yml", encoding: .utf8)
        #expect(after == before + """
            - id: violence
              ja:
                name: ""
                summary: ""
                poster-label: ""
                signs: ""
                response: ""
              en:
                name: ""
                summary: ""
                poster-label: ""
                signs: ""
                response: ""

            """)
        let loaded = ContentLoader.load(.directory(content))
        let diagnostics = ContentChecker.check(try #require(loaded.content), loadProblems: loaded.diagnostics)
            .filter { $0.location.path.hasSuffix("categories.yml") }
        #expect(diagnostics.map(\.rule) == ["coverage.category-empty"] + Array(repeating: "coverage.category-text-missing", count: 6))
        #expect(diagnostics.allSatisfy { $0.location.line == 11 && $0.location.column == 7 })
        #expect(Scaffold.newCategory(id: "violence", contentDirectory: content)
            == .failure(.usage("the category 'violence' is already in \(content)/categories.yml (line 11); nothing was written")))
        guard case .failure(.usage) = Scaffold.newCategory(id: "Violence!", contentDirectory: content) else {
            Issue.record("an id with capitals and punctuation must be refused")
            return
        }
    }

    @Test("new category refuses to extend a categories.yml whose list it cannot append to")
    func newCategoryFlowList() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("Content").path
        try TestSupport.copy(TestSupport.fixture("minimal"), to: folder.appendingPathComponent("Content"))
        let flow = "[{id: time-binding, ja: {name: 時間拘束型, summary: 長時間, poster-label: 時間拘束}, en: {name: Holding, summary: Hours, poster-label: Hours}}]\n"
        try flow.write(toFile: content + "/categories.yml", atomically: true, encoding: .utf8)
        guard case .failure(.usage(let message)) = Scaffold.newCategory(id: "violence", contentDirectory: content) else {
            Issue.record("a flow list must be refused")
            return
        }
        #expect(message.contains("add the category by hand"))
        #expect(try String(contentsOfFile: content + "/categories.yml", encoding: .utf8) == flow)
    }
}
