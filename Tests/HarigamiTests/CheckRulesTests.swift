// Each check rule against a copy of the minimal fixture built to break it: exact path, line, column and rule id.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiCheck

/// The minimal fixture in memory, every translation stamped with its source-hash, so that a clean copy reports nothing.
enum CheckFixture {
    static func files(_ changes: [String: String?] = [:], stamp: Bool = true) throws -> [String: String] {
        var files = try TestSupport.snapshot(TestSupport.fixture("minimal")).mapValues { String(decoding: $0, as: UTF8.self) }
        for (path, text) in changes { files[path] = text }
        return stamp ? stamped(files) : files
    }

    /// Every `NAME.en.md` stamped with the hash of `NAME.ja.md` as it is in `files`.
    static func stamped(_ files: [String: String]) -> [String: String] {
        var result = files
        for (path, text) in files where path.hasSuffix(".en.md") {
            guard let source = files[String(path.dropLast("en.md".count)) + "ja.md"],
                  case .success(let split) = FrontMatterSplit.split(source, path: path),
                  case .success(let data) = SourceHash.stamped(Data(text.utf8), hash: SourceHash.of(body: split.body), path: path) else { continue }
            result[path] = String(decoding: data, as: UTF8.self)
        }
        return result
    }

    /// Load problems and check problems together, in report order.
    static func check(files: [String: String]) throws -> [Diagnostic] {
        let loaded = ContentLoader.load(.memory(files))
        let content = try #require(loaded.content)
        return (loaded.diagnostics + ContentChecker.check(content, loadProblems: loaded.diagnostics)).sortedForReport()
    }

    static func check(_ changes: [String: String?] = [:]) throws -> [Diagnostic] {
        try check(files: try files(changes))
    }
}

/// A diagnostic's position and rule, the part each test pins down exactly.
struct Finding: Equatable, CustomStringConvertible {
    var place: String
    var rule: String
    var severity: Severity = .error

    init(_ place: String, _ rule: String, _ severity: Severity = .error) {
        self.place = place
        self.rule = rule
        self.severity = severity
    }

    init(_ diagnostic: Diagnostic) {
        self.init(diagnostic.location.description, diagnostic.rule, diagnostic.severity)
    }

    var description: String { "\(place) \(severity) [\(rule)]" }
}

@Suite("Check rules")
struct CheckRulesTests {
    let example = "examples/time-binding/phone"
    let jaExample = """
        ---
        title: 電話が長時間続く場合
        summary: 同じ話が繰り返され、通話が1時間を超えそうな場合の対応です。
        channels: [phone]
        ---
        ## 想定される場面

        町政と関係のない話が30分以上続いています。

        ## 伝え方の例

        > 「申し訳ありませんが、お話は30分までとさせていただいております。」

        """
    let enExample = """
        ---
        title: A phone call that goes on for too long
        summary: When the same points are repeated and a call is heading past an hour.
        channels: [phone]
        ---
        ## The situation

        The caller has talked about matters unrelated to the Town for over 30 minutes.

        ## What you can say

        > "I'm sorry, but we keep calls like this to 30 minutes."

        """

    func findings(_ changes: [String: String?]) throws -> [Finding] {
        try CheckFixture.check(changes).map(Finding.init)
    }

    @Test("the minimal fixture, stamped, passes every check with nothing to report")
    func cleanFixture() throws {
        #expect(try CheckFixture.check().isEmpty)
    }

    // MARK: - Coverage

    @Test("a missing English example is one error at the file to create, naming the command that creates it")
    func exampleMissing() throws {
        let diagnostics = try CheckFixture.check(["\(example).en.md": nil])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/examples/time-binding/phone.en.md:1:1", "coverage.example-missing")])
        #expect(diagnostics[0].message == "this response example has no en version: create Content/examples/time-binding/phone.en.md with the en translation of Content/examples/time-binding/phone.ja.md; `harigami new example time-binding phone` creates it with the required sections")
    }

    @Test("a link to a page whose translation is missing adds no second error: the coverage error names the file")
    func linkToMissingTranslation() throws {
        let faq = "---\ntitle: Questions\nsummary: Answers.\n---\nSee [the example](/examples/time-binding/phone.md).\n"
        let faqJa = "---\ntitle: よくある質問\nsummary: 回答です。\n---\n[対応例](/examples/time-binding/phone.md)をご覧ください。\n"
        #expect(try findings(["\(example).en.md": nil, "pages/faq.en.md": faq, "pages/faq.ja.md": faqJa])
            == [Finding("Content/examples/time-binding/phone.en.md:1:1", "coverage.example-missing")])
    }

    @Test("a further page without its English version is reported at the file to create")
    func pageMissing() throws {
        let diagnostics = try CheckFixture.check(["pages/faq.en.md": nil])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/pages/faq.en.md:1:1", "coverage.page-missing")])
        #expect(diagnostics[0].message.contains("create Content/pages/faq.en.md with the en translation of Content/pages/faq.ja.md"))
    }

    @Test("the public notice is required in every language even when neither exists")
    func noticeMissing() throws {
        let diagnostics = try CheckFixture.check(["notice.ja.md": nil, "notice.en.md": nil])
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/notice.en.md:1:1", "coverage.page-missing"),
            Finding("Content/notice.ja.md:1:1", "coverage.page-missing"),
        ])
    }

    @Test("a category with no example is reported at its id in categories.yml with the command that adds one")
    func categoryEmpty() throws {
        let categories = try String(contentsOf: TestSupport.fixture("minimal/categories.yml"), encoding: .utf8) + """
            - id: violence
              ja:
                name: 暴力型
                summary: 職員に暴力を振るう行為です。
                poster-label: 暴力
              en:
                name: Violence
                summary: Hitting or kicking staff.
                poster-label: Violence

            """
        let diagnostics = try CheckFixture.check(["categories.yml": categories])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/categories.yml:11:7", "coverage.category-empty"),
                                                  Finding("Content/categories.yml:11:7", "translation.unstamped", .warning)])
        #expect(diagnostics[0].message.contains("`harigami new example violence SLUG`"))
    }

    @Test("a category's empty or absent wording is reported per language and key")
    func categoryWording() throws {
        let categories = """
            - id: time-binding
              ja:
                name: 時間拘束型
                summary: ""
                poster-label: 時間拘束

            """
        let diagnostics = try CheckFixture.check(["categories.yml": categories])
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/categories.yml:1:7", "coverage.category-text-missing"),
            Finding("Content/categories.yml:1:7", "coverage.category-text-missing"),
        ])
        #expect(diagnostics.map(\.message).sorted() == [
            "the category 'time-binding' has no en wording: in categories.yml, add 'en:' under it with 'name', 'summary' and 'poster-label'",
            "the category 'time-binding' has no ja summary: in categories.yml, write one sentence describing it after 'summary:' under 'ja:'",
        ])
    }

    // MARK: - Example sections

    @Test("a required section that is missing is reported where it belongs, in each language")
    func sectionMissing() throws {
        let ja = jaExample.replacingOccurrences(of: "## 想定される場面\n\n町政と関係のない話が30分以上続いています。\n\n", with: "")
        let en = enExample.replacingOccurrences(of: "## The situation\n\nThe caller has talked about matters unrelated to the Town for over 30 minutes.\n\n", with: "")
        let diagnostics = try CheckFixture.check(["\(example).ja.md": ja, "\(example).en.md": en])
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/examples/time-binding/phone.en.md:7:1", "example.section-missing"),
            Finding("Content/examples/time-binding/phone.ja.md:6:1", "example.section-missing"),
        ])
        #expect(diagnostics[1].message == "the required section '## 想定される場面' is missing: add it before '## 伝え方の例', as a line '## 想定される場面' followed by its text")
    }

    @Test("a required section missing at the end is reported on the last line")
    func sectionMissingAtEnd() throws {
        let ja = jaExample.replacingOccurrences(of: "\n## 伝え方の例\n\n> 「申し訳ありませんが、お話は30分までとさせていただいております。」\n", with: "")
        let diagnostics = try CheckFixture.check(["\(example).ja.md": ja]).filter { $0.location.path.hasSuffix("phone.ja.md") }
        #expect(diagnostics.map(Finding.init) == [Finding("Content/examples/time-binding/phone.ja.md:8:1", "example.section-missing")])
        #expect(diagnostics[0].message.contains("add it after the section '## 想定される場面'"))
    }

    @Test("required sections out of order are reported at the one that comes too late")
    func sectionOrder() throws {
        let ja = """
            ---
            title: 電話が長時間続く場合
            summary: 対応です。
            ---
            ## 伝え方の例

            > 「お話は30分までとさせていただいております。」

            ## 想定される場面

            町政と関係のない話が続いています。

            """
        let en = """
            ---
            title: A long call
            summary: What to do.
            ---
            ## What you can say

            > "We keep calls like this to 30 minutes."

            ## The situation

            The caller talks about unrelated matters.

            """
        let diagnostics = try CheckFixture.check(["\(example).ja.md": ja, "\(example).en.md": en])
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/examples/time-binding/phone.en.md:10:1", "example.section-order"),
            Finding("Content/examples/time-binding/phone.ja.md:9:1", "example.section-order"),
        ])
        #expect(diagnostics[1].message == "the section '## 想定される場面' must come before '## 伝え方の例'; the order is '## 想定される場面', '## 伝え方の例' (example-sections in site.yml)")
    }

    @Test("an empty required section is reported at its heading")
    func sectionEmpty() throws {
        let ja = jaExample.replacingOccurrences(of: "町政と関係のない話が30分以上続いています。\n\n", with: "")
        #expect(try findings(["\(example).ja.md": ja]) == [Finding("Content/examples/time-binding/phone.ja.md:6:1", "example.section-empty")])
    }

    @Test("a sample-wording section without block quotes is reported")
    func wordingMissing() throws {
        let ja = jaExample.replacingOccurrences(of: "> 「申し訳", with: "「申し訳")
        let diagnostics = try CheckFixture.check(["\(example).ja.md": ja])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/examples/time-binding/phone.ja.md:10:1", "example.wording-missing")])
        #expect(diagnostics[0].message.contains("quote what staff say as block quotes, each line starting with '> '"))
    }

    @Test("a required section written as ### is reported as the wrong level")
    func sectionLevel() throws {
        let ja = jaExample.replacingOccurrences(of: "## 伝え方の例", with: "### 伝え方の例")
        let diagnostics = try CheckFixture.check(["\(example).ja.md": ja])
        #expect(diagnostics.contains { Finding($0) == Finding("Content/examples/time-binding/phone.ja.md:10:1", "example.section-level") })
        #expect(!diagnostics.contains { $0.rule == "example.section-missing" })
    }

    @Test("a required section given twice is reported at the second")
    func sectionDuplicate() throws {
        let ja = jaExample + "\n## 想定される場面\n\nもう一度書いてしまった場面です。\n"
        let en = enExample + "\n## The situation\n\nThe situation again.\n"
        #expect(try findings(["\(example).ja.md": ja, "\(example).en.md": en]) == [
            Finding("Content/examples/time-binding/phone.en.md:15:1", "example.section-duplicate"),
            Finding("Content/examples/time-binding/phone.ja.md:14:1", "example.section-duplicate"),
        ])
    }

    // MARK: - Translation structure

    @Test("a translation whose list has fewer items than the Japanese list is reported at the list")
    func structureList() throws {
        let ja = "---\ntitle: よくある質問\nsummary: 回答です。\n---\n## 手順\n\n- 一つ目\n- 二つ目\n- 三つ目\n"
        let en = "---\ntitle: Questions\nsummary: Answers.\n---\n## Steps\n\n- First\n- Second\n"
        let diagnostics = try CheckFixture.check(["pages/faq.ja.md": ja, "pages/faq.en.md": en])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/pages/faq.en.md:8:1", "translation.structure", .warning)])
        #expect(diagnostics[0].message == "the structure differs from the ja page: here is a bulleted list of 2 items where Content/pages/faq.ja.md:7:1 has a bulleted list of 3 items; a translation keeps the headings, lists, tables and ::: blocks of Content/pages/faq.ja.md")
    }

    @Test("a translation that lacks a table of the Japanese page is reported at its last line")
    func structureMissingTable() throws {
        let ja = "---\ntitle: よくある質問\nsummary: 回答です。\n---\n## 窓口\n\n| 曜日 | 時間 |\n|---|---|\n| 平日 | 9時から |\n"
        let en = "---\ntitle: Questions\nsummary: Answers.\n---\n## Counters\n\nWeekdays from nine.\n"
        let diagnostics = try CheckFixture.check(["pages/faq.ja.md": ja, "pages/faq.en.md": en])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/pages/faq.en.md:8:1", "translation.structure", .warning)])
        #expect(diagnostics[0].message.hasPrefix("the structure differs from the ja page: Content/pages/faq.ja.md:7:1 has a table of 2 rows and 2 columns, which this translation lacks"))
    }

    @Test("a translation without the Japanese page's ::: staff block is an error: its staff text would be published")
    func structureContainer() throws {
        let en = "---\ntitle: A request to our residents\nsummary: How the Town responds.\n---\nThe Town will deal with your views honestly.\n\nFor details, see the [staff guideline](/guideline.md).\n"
        #expect(try findings(["notice.en.md": en]) == [Finding("Content/notice.en.md:8:1", "translation.staff-missing")])
    }

    @Test("a translation without the Japanese page's ::: note block is a structure warning")
    func structureNoteContainer() throws {
        let en = "---\ntitle: Staff guideline\nsummary: How staff respond.\n---\n## Our approach\n\nNo member of staff is left to deal with it alone.\n\nIf you feel in danger, call the police on 110.\n"
        #expect(try findings(["guideline.en.md": en]) == [Finding("Content/guideline.en.md:10:1", "translation.structure", .warning)])
    }

    // MARK: - Freshness

    @Test("a translation made from an earlier Japanese page is a stale-translation warning at its source-hash")
    func stale() throws {
        var files = try CheckFixture.files()
        files["pages/faq.ja.md"]! += "\n新しい段落を加えました。\n"
        let diagnostics = try CheckFixture.check(files: files)
        #expect(diagnostics.map(Finding.init) == [Finding("Content/pages/faq.en.md:4:14", "translation.stale", .warning)])
        #expect(diagnostics[0].message == "stale translation: Content/pages/faq.ja.md has changed since this translation was checked against it; update Content/pages/faq.en.md to match, then run `harigami translations stamp Content/pages/faq.en.md`")
    }

    @Test("a translation without a source-hash is a warning at its front matter")
    func unstamped() throws {
        var files = try CheckFixture.files()
        files["pages/faq.en.md"] = try String(contentsOf: TestSupport.fixture("minimal/pages/faq.en.md"), encoding: .utf8)
        #expect(try CheckFixture.check(files: files).map(Finding.init) == [Finding("Content/pages/faq.en.md:1:1", "translation.unstamped", .warning)])
    }

    // MARK: - Links and headings

    @Test("a link to a page that does not exist is reported at the link")
    func brokenLink() throws {
        let ja = "---\ntitle: よくある質問\nsummary: 回答です。\n---\n## 苦情\n\n[窓口](/pages/contact.md)へどうぞ。\n"
        let diagnostics = try CheckFixture.check(["pages/faq.ja.md": ja])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/pages/faq.ja.md:7:1", "link.unresolved")])
    }

    @Test("a public page linking to a staff page is an error; the staff page may link anywhere")
    func publicToStaff() throws {
        func internalPage(_ title: String) -> String { "---\ntitle: \(title)\nsummary: s\naudience: staff\n---\n[FAQ](/pages/faq.md)\n" }
        let ja = "---\ntitle: よくある質問\nsummary: 回答です。\n---\n## 苦情\n\n[内部手順](/pages/internal.md)\n"
        let en = "---\ntitle: Questions\nsummary: Answers.\n---\n## Complaints\n\n[Internal steps](/pages/internal.md)\n"
        let diagnostics = try CheckFixture.check(["pages/internal.ja.md": internalPage("内部"), "pages/internal.en.md": internalPage("Internal"),
                                                  "pages/faq.ja.md": ja, "pages/faq.en.md": en])
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/pages/faq.en.md:8:1", "link.unresolved"),
            Finding("Content/pages/faq.ja.md:7:1", "link.unresolved"),
        ])
        #expect(diagnostics.allSatisfy { $0.message.contains("staff-only page") })
    }

    @Test("an image without alt text is reported at the image")
    func imageAlt() throws {
        let ja = "---\ntitle: よくある質問\nsummary: 回答です。\n---\n## 苦情\n\n![](/images/counter.png)\n窓口の様子です。\n"
        let diagnostics = try CheckFixture.check(["pages/faq.ja.md": ja, "images/counter.png": "PNG"])
        #expect(diagnostics.map(Finding.init) == [Finding("Content/pages/faq.ja.md:7:1", "image.alt-missing")])
        #expect(diagnostics[0].message == "the image '/images/counter.png' has no alt text: say what it shows between the brackets, like ![what the picture shows](/images/counter.png)")
    }

    @Test("a # heading in the body and a skipped heading level are reported at the heading")
    func headings() throws {
        func page(_ title: String) -> String { "---\ntitle: \(title)\nsummary: s\n---\n# Title again\n\n## Section\n\n#### Too deep\n\nText.\n" }
        let diagnostics = try CheckFixture.check(["pages/faq.ja.md": page("質問"), "pages/faq.en.md": page("Questions")])
            .filter { $0.location.path.hasSuffix("faq.ja.md") }
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/pages/faq.ja.md:5:1", "heading.level-1"),
            Finding("Content/pages/faq.ja.md:9:1", "heading.skipped-level"),
        ])
        #expect(diagnostics[1].message == "this '####' heading skips a level after the heading before it (##): make it '###'")
    }

    @Test("a body whose first heading is ### skips the ## level under the page title")
    func firstHeadingTooDeep() throws {
        let ja = "---\ntitle: よくある質問\nsummary: 回答です。\n---\n### 苦情を言うとカスハラになりますか\n\nいいえ。\n"
        let en = "---\ntitle: Questions\nsummary: Answers.\n---\n### Will my complaint be treated as harassment?\n\nNo.\n"
        #expect(try findings(["pages/faq.ja.md": ja, "pages/faq.en.md": en]) == [
            Finding("Content/pages/faq.en.md:6:1", "heading.skipped-level"),
            Finding("Content/pages/faq.ja.md:5:1", "heading.skipped-level"),
        ])
    }

    // MARK: - One run

    @Test("every problem comes in one run, in path, line, column order")
    func everyProblemInOrder() throws {
        let ja = jaExample.replacingOccurrences(of: "> 「申し訳", with: "「申し訳")
        var files = try CheckFixture.files(["\(example).ja.md": ja, "pages/faq.en.md": nil, "images/a.png": "PNG"])
        files["notice.ja.md"]! += "\n![](/images/a.png)\n"
        let diagnostics = try CheckFixture.check(files: files)
        #expect(diagnostics.map(Finding.init) == [
            Finding("Content/examples/time-binding/phone.ja.md:10:1", "example.wording-missing"),
            Finding("Content/notice.en.md:5:14", "translation.stale", .warning),
            Finding("Content/notice.ja.md:14:1", "image.alt-missing"),
            Finding("Content/pages/faq.en.md:1:1", "coverage.page-missing"),
        ])
    }
}
