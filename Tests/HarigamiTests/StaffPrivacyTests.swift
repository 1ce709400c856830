// Staff-only content stays private by construction, and the leak scan backs it up: every way staff text was found
// to reach the public site is an error at its line, or never reaches it.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiMarkdown
@testable import HarigamiCheck
@testable import HarigamiRender

/// The minimal fixture with some files replaced (translations stamped), in a temporary folder, built in-process.
struct PrivacySite {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates = TestSupport.templates

    init(_ changes: [String: String?] = [:], images: [String: Data] = [:]) throws {
        root = try TestSupport.temporaryFolder()
        var files = try CheckFixture.files(changes)
        for (path, data) in images { files[path] = String(decoding: data, as: UTF8.self) }
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func options(_ audience: Audience) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = content.path
        options.templatesDirectory = templates.path
        options.outputDirectory = root.appendingPathComponent("Output").path
        options.audience = audience
        return options
    }

    func render(_ audience: Audience = .public) -> RenderedBuild { Builder.render(options(audience)) }
    func check() -> CheckReport { Builder.check(options(.public)) }

    /// The problems of a rule, as `path:line:col`, in report order.
    static func places(_ diagnostics: [Diagnostic], _ rule: String) -> [String] {
        diagnostics.filter { $0.rule == rule }.map { $0.location.description.replacingOccurrences(of: $0.location.path, with: Self.shortPath($0.location.path)) }
    }

    /// `…/Content/notice.ja.md` → `Content/notice.ja.md`.
    static func shortPath(_ path: String) -> String {
        guard let range = path.range(of: "/Content/", options: .backwards) else { return path }
        return "Content/" + path[range.upperBound...]
    }
}

@Suite("Staff privacy")
struct StaffPrivacyTests {
    /// The fixture's notice with a staff paragraph of two sentences, at line 10.
    static let notice = PrivacyTrustBatteryTests.notice(
        staff: "暴言が続く場合は、通話を録音していることを相手に伝えます。それでも続く場合は、総務課長に電話の交代を依頼します。")

    static func faq(summary: String = "質問と回答です。", _ body: String) -> String {
        "---\ntitle: よくある質問\nsummary: \"\(summary)\"\n---\n## 苦情を言うとカスハラになりますか\n\n\(body)\n"
    }

    // MARK: - The leak scan (normalised text, sentence by sentence, attributes included)

    static let leakForms: [(String, String)] = [
        ("one word made bold", faq("暴言が続く場合は、通話を**録音**していることを相手に伝えます。それでも続く場合は、総務課長に電話の交代を依頼します。")),
        ("ruby added", faq("暴言が続く場合は、通話を{録音|ろくおん}していることを{相手|あい|て}に伝えます。")),
        ("a link added", faq("暴言が続く場合は、[通話を録音](/guideline.md)していることを相手に伝えます。")),
        ("one sentence, rewrapped, without its punctuation", faq("いいえ。\nそれでも続く場合は\n総務課長に電話の交代を依頼します")),
        ("a full-width space for a comma", faq("暴言が続く場合は　通話を録音していることを相手に伝えます")),
        ("the page summary (meta description)", faq(summary: "それでも続く場合は、総務課長に電話の交代を依頼します。", "いいえ。")),
        ("an image's alt text", faq("![それでも続く場合は、総務課長に電話の交代を依頼します](https://example.org/a.png)")),
        ("a link title", faq("[詳しく](https://example.org/ \"それでも続く場合は、総務課長に電話の交代を依頼します\")")),
        ("a link address", faq("[詳しく](https://example.org/?q=それでも続く場合は、総務課長に電話の交代を依頼します)")),
        ("an absolute link address to the site itself", faq("[詳しく](https://www.town-fixture.test/policy/ja/?q=それでも続く場合は総務課長に電話の交代を依頼します)")),
    ]

    @Test("staff text copied into a public page is an error at the staff block, whatever its form", arguments: leakForms)
    func leakForm(form: String, faq: String) throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice, "pages/faq.ja.md": faq])
        defer { site.remove() }
        let built = site.render()
        #expect(built.site == nil, "\(form): the public site was built")
        #expect(PrivacySite.places(built.report.diagnostics, "audience.leak") == ["Content/notice.ja.md:10:1"], "\(form): \(built.report.diagnostics)")
        let leak = try #require(built.report.diagnostics.first { $0.rule == "audience.leak" })
        #expect(leak.severity == .error)
        #expect(leak.message.contains("/site/ja/faq/index.html"))
    }

    @Test("staff text in English is found with other emphasis, case and spacing")
    func leakInEnglish() throws {
        let faq = "---\ntitle: FAQ\nsummary: Questions.\n---\n## Will my complaint be treated as harassment?\n\nPlease *CALL* the General Affairs  manager on extension 1234 today.\n"
        let site = try PrivacySite(["pages/faq.en.md": faq])
        defer { site.remove() }
        #expect(PrivacySite.places(site.render().report.diagnostics, "audience.leak") == ["Content/notice.en.md:11:1"])
    }

    @Test("`check` runs the same leak scan as `build`, and the leak is reported once")
    func checkRunsTheLeakScan() throws {
        let site = try PrivacySite(["notice.ja.md": Self.notice, "pages/faq.ja.md": Self.leakForms[0].1])
        defer { site.remove() }
        let checked = site.check()
        #expect(PrivacySite.places(checked.diagnostics, "audience.leak") == ["Content/notice.ja.md:10:1"])
        #expect(checked.diagnostics.filter { $0.rule == "audience.leak" } == site.render().report.diagnostics.filter { $0.rule == "audience.leak" })
        #expect(checked.coverage != nil)
        #expect(checked.documentCount == 8)
    }

    @Test("the fixture, with its staff blocks, has nothing to report, and short shared phrases are not leaks")
    func noFalseLeaks() throws {
        // "総務課長に" and "伝えます" are in staff text too, but no sentence of it.
        let site = try PrivacySite(["notice.ja.md": Self.notice, "pages/faq.ja.md": Self.faq("総務課長に伝えます。録音しています。")])
        defer { site.remove() }
        #expect(site.check().diagnostics == [])
        #expect(site.render().site != nil)
        #expect(site.render(.staff).site != nil)
    }

    @Test("the leak scan reads a page's attributes and visible text, without ruby readings, and matches sentences")
    func leakScanUnit() {
        let staff = [Located("内線 1234 で総務課長と副課長を\n呼び出します。\nパスワードは社内で管理します。", at: SourceLocation(path: "Content/notice.ja.md", line: 10, column: 1))]
        let files: [String: Data] = [
            "ja/index.html": Data("<p>お問い合わせは市民相談課の<strong>代表電話</strong>へどうぞ。</p>".utf8),
            "ja/faq/index.html": Data("<p>内線\n１２３４\u{3000}で総務課長と副課長を呼び出します。</p>".utf8),
            "ja/a/index.html": Data("<p><ruby>パスワード<rp>(</rp><rt>ぱすわーど</rt><rp>)</rp></ruby>は社内で<em>管理</em>します</p>".utf8),
            "ja/b/index.html": Data("<meta name=\"description\" content=\"パスワードは&#x793E;内で管理します\">".utf8),
            "ja/c/index.html": Data("<a href=\"https://x.test/?q=\("パスワードは社内で管理します".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)\">x</a>".utf8),
            "ja/d/index.html": Data("<p>パスワード</p><p>は社内で管理します。</p>".utf8),
            "sitemap.xml": Data("<url>パスワードは社内で管理します。</url>".utf8),
            "images/x.png": Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE]),
            "robots.txt": Data("User-agent: *\n".utf8),
        ]
        let found = AudienceLeakScan.scan(files: files, staffTexts: staff, outputName: "site").map(\.message)
        #expect(found.count == 6, "\(found)")
        for file in ["ja/faq/index.html", "ja/a/index.html", "ja/b/index.html", "ja/c/index.html", "ja/d/index.html", "sitemap.xml"] {
            #expect(found.contains { $0.contains("site/\(file)") }, "\(file)")
        }
    }

    @Test("the leak scan reads each file once against every sentence: 10,000 pages and 2,000 sentences stay quick")
    func leakScanScales() {
        var staff: [Located<String>] = []
        for index in 0..<2_000 {
            staff.append(Located("職員向けの手順その\(index)番では、担当者が記録を確認して上司に報告します。", at: SourceLocation(path: "Content/x.ja.md", line: index + 1, column: 1)))
        }
        var files: [String: Data] = [:]
        let page = String(repeating: "<p>窓口では、皆様からのご意見に誠実に対応します。Staff respond to every request with care.</p>\n", count: 4)
        for index in 0..<10_000 { files["ja/p\(index)/index.html"] = Data((page + "<p>\(index)</p>").utf8) }
        files["ja/p77/index.html"] = Data("<p>職員向けの手順その1999番では、担当者が記録を確認して上司に報告します。</p>".utf8)
        let start = Date()
        let found = AudienceLeakScan.scan(files: files, staffTexts: staff, outputName: "site")
        #expect(found.map(\.location.line) == [2_000])
        // Looked for sentence by sentence in each file, this was 20 million searches through 5 GB; in one pass it
        // reads 3 MB (a few seconds in a debug build).
        #expect(Date().timeIntervalSince(start) < 30)
    }

    // MARK: - Text the public site carries by design

    /// Example sections with long headings, which the scan would find if it looked for them.
    static func siteWithLongHeadings() throws -> [String: String?] {
        var site = try String(contentsOf: TestSupport.fixture("minimal/site.yml"), encoding: .utf8)
        site = site.replacingOccurrences(of: "ja: 想定される場面", with: "ja: 想定される場面と対応の基本的な考え方")
            .replacingOccurrences(of: "en: The situation", with: "en: The situation and how staff should think about it")
            .replacingOccurrences(of: "ja: 伝え方の例", with: "ja: 窓口や電話でそのまま使える伝え方の例")
            .replacingOccurrences(of: "en: What you can say", with: "en: What you can say at the counter or on the phone")
        func example(_ path: String) throws -> String {
            try String(contentsOf: TestSupport.fixture("minimal/\(path)"), encoding: .utf8)
                .replacingOccurrences(of: "## 想定される場面", with: "## 想定される場面と対応の基本的な考え方")
                .replacingOccurrences(of: "## The situation", with: "## The situation and how staff should think about it")
                .replacingOccurrences(of: "## 伝え方の例", with: "## 窓口や電話でそのまま使える伝え方の例")
                .replacingOccurrences(of: "## What you can say", with: "## What you can say at the counter or on the phone")
        }
        let ja = try example("examples/time-binding/phone.ja.md")
        let en = try example("examples/time-binding/phone.en.md")
        // The category's summary and a public page's title, on lines of their own, besides the required headings.
        let staffJa = """
            ---
            title: 窓口で長時間続く場合（職員用）
            summary: 窓口での対応が長時間に及ぶ場合の、職員向けの手順です。
            channels: [counter]
            audience: staff
            ---
            ## 想定される場面と対応の基本的な考え方

            窓口で同じ要望が二時間近く繰り返されています。

            長時間にわたって職員を拘束する行為です。

            電話が長時間続く場合

            ## 窓口や電話でそのまま使える伝え方の例

            > 「本日はここまでとさせていただき、続きは書面でお答えいたします。」

            ## 記録

            対応の経過は、その日のうちに総務課の共有フォルダへ記録します。

            """
        let staffEn = """
            ---
            title: A counter visit that goes on (staff)
            summary: What staff do when a visit to the counter goes on for hours.
            channels: [counter]
            audience: staff
            ---
            ## The situation and how staff should think about it

            The same request has been repeated at the counter for nearly two hours.

            Keeping staff on the phone or at the counter for hours.

            A phone call that goes on for too long

            ## What you can say at the counter or on the phone

            > "We will stop here for today and answer the rest in writing."

            ## Records

            Write down what happened in the General Affairs shared folder the same day.

            """
        return [
            "site.yml": site,
            "examples/time-binding/phone.ja.md": ja,
            "examples/time-binding/phone.en.md": en,
            "examples/time-binding/internal.ja.md": staffJa,
            "examples/time-binding/internal.en.md": staffEn,
        ]
    }

    @Test("a staff-only example builds in both audiences: its required headings, category and title words are public by design")
    func staffOnlyExampleBuilds() throws {
        let site = try PrivacySite(try Self.siteWithLongHeadings())
        defer { site.remove() }
        #expect(site.check().diagnostics == [])
        let published = site.render()
        #expect(published.report.diagnostics == [])
        let files = try #require(published.site)
        #expect(files["ja/examples/time-binding/internal/index.html"] == nil)
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("共有フォルダ") })
        let staff = site.render(.staff)
        #expect(staff.report.diagnostics == [])
        #expect(staff.site?["ja/examples/time-binding/internal/index.html"] != nil)
    }

    @Test("a staff-only example's paragraph copied into a public page is still a leak")
    func staffOnlyExampleParagraphCopied() throws {
        var changes = try Self.siteWithLongHeadings()
        changes["pages/faq.ja.md"] = Self.faq("対応の経過は、その日のうちに総務課の共有フォルダへ記録します。")
        let site = try PrivacySite(changes)
        defer { site.remove() }
        #expect(PrivacySite.places(site.check().diagnostics, "audience.leak") == ["Content/examples/time-binding/internal.ja.md:1:1"])
    }

    @Test("staff-only examples do not count toward public coverage: a category with only those is a warning, not an error")
    func staffOnlyExampleCoverage() throws {
        let phone = { (language: String) throws -> String in
            try String(contentsOf: TestSupport.fixture("minimal/examples/time-binding/phone.\(language).md"), encoding: .utf8)
                .replacingOccurrences(of: "channels: [phone]\n", with: "channels: [phone]\naudience: staff\n")
        }
        let site = try PrivacySite(["examples/time-binding/phone.ja.md": try phone("ja"), "examples/time-binding/phone.en.md": try phone("en")])
        defer { site.remove() }
        let checked = site.check()
        #expect(checked.diagnostics.map(Finding.init) == [Finding("\(site.content.path)/categories.yml:1:7", "coverage.category-staff-only", .warning)])
        #expect(checked.coverage?.rows.first?.cells["ja"]?.examples == 0)
        #expect(site.render().site != nil)
    }

    // MARK: - A page is staff-only when any of its versions is

    @Test("a staff page whose translation lacks audience: staff is an error there, and no version of it is published")
    func audienceMismatch() throws {
        let site = try PrivacySite([
            "pages/secret.ja.md": "---\ntitle: 内部手順\nsummary: 職員向けです。\naudience: staff\n---\n## 手順\n\n当番の管理職に連絡します。\n",
            "pages/secret.en.md": "---\ntitle: Internal procedures\nsummary: For staff.\n---\n## Steps\n\nCall the duty manager.\n",
        ])
        defer { site.remove() }
        let checked = site.check()
        #expect(PrivacySite.places(checked.diagnostics, "audience.mismatch") == ["Content/pages/secret.en.md:1:1"])
        #expect(checked.diagnostics.allSatisfy { $0.rule == "audience.mismatch" })
        #expect(site.render().site == nil)
        // By construction, not only by the error: both versions load as staff-only, so no navigation or sitemap names them.
        let loaded = ContentLoader.load(.directory(site.content.path))
        let content = try #require(loaded.content)
        #expect(content.documents(key: "pages/secret").map(\.audience) == [.staff, .staff])
        let (templates, _) = TemplateSet.load(directory: site.templates.path, languages: content.site.languages)
        let files = SiteRenderer(content: content, templates: try #require(templates), audience: .public).render().files
        #expect(files["en/secret/index.html"] == nil)
        #expect(!files.values.contains { String(decoding: $0, as: UTF8.self).contains("secret/") })
    }

    // MARK: - A translation keeps the staff blocks of its source

    @Test("a translation that lost the source's ::: staff block is an error, and the site is not built")
    func translationLostStaffBlock() throws {
        let en = "---\ntitle: A request to our residents\nsummary: How the Town responds.\n---\nThe Town will deal with your views honestly.\n\nFor details, see the [staff guideline](/guideline.md).\n\nCall the General Affairs manager on extension 1234.\n"
        let site = try PrivacySite(["notice.en.md": en])
        defer { site.remove() }
        let checked = site.check()
        #expect(PrivacySite.places(checked.diagnostics, "translation.staff-missing") == ["Content/notice.en.md:10:1"])
        #expect(checked.diagnostics.first?.severity == .error)
        #expect(checked.diagnostics.first?.message.contains("notice.ja.md has 1 (at line 10)") == true)
        #expect(!checked.diagnostics.contains { $0.rule == "translation.structure" })
        #expect(site.render().site == nil)
    }

    // MARK: - Staff fences the container stage cannot read

    static func fenceProblems(_ body: String) -> [String] {
        MarkdownPipeline(settings: MarkdownSettings(language: "ja")).render(body, path: "x.md").diagnostics
            .map { "\($0.location.line):\($0.location.column) \($0.rule)" }
    }

    @Test("a ::: staff line the container stage would not read is an error at its line", arguments: [
        ("after a code fence left open in a list item", "- 手順\n  ```\n  code\n\n::: staff\n内線 1234 で総務課長を呼び出します。\n:::\n", ["5:1 markdown.container-ignored", "7:1 markdown.container-ignored"]),
        ("inside a code fence never closed", "```\nコード\n::: staff\n内線 1234 で総務課長を呼び出します。\n:::\n", ["3:1 markdown.container-ignored", "5:1 markdown.container-ignored"]),
        ("indented inside a list", "1. 手順\n    - 詳細\n\n      ::: staff\n      内線 1234 で総務課長を呼び出します。\n      :::\n", ["4:7 markdown.container-ignored", "6:7 markdown.container-ignored"]),
        ("after a list marker", "- ::: staff\n  内線 1234 で総務課長を呼び出します。\n- :::\n", ["1:3 markdown.container-ignored", "3:3 markdown.container-ignored"]),
        ("in a quote", "> ::: staff\n> 内線 1234 で総務課長を呼び出します。\n> :::\n", ["1:3 markdown.container-ignored", "3:3 markdown.container-ignored"]),
        ("after a code block that cmark-gfm closes at the list item's end", "- 手順\n  ```\n  code\n- 次\n  ::: staff\n  内線 1234 で総務課長を呼び出します。\n  ```\n", ["5:3 markdown.container-ignored"]),
    ] as [(String, String, [String])])
    func unreadFence(form: String, body: String, expected: [String]) {
        #expect(Self.fenceProblems(body) == expected, "\(form)")
    }

    @Test("a fence typed with full-width colons is an error, and its block still stays out of the public page", arguments: [
        "：：： staff\n内線 1234 で総務課長を呼び出します。\n：：：\n",
        "::：staff\n内線 1234 で総務課長を呼び出します。\n:::\n",
        "\u{3000}::: ｓｔａｆｆ\n内線 1234 で総務課長を呼び出します。\n:::\n",
    ])
    func fullWidthFence(body: String) {
        let rendered = MarkdownPipeline(settings: MarkdownSettings(language: "ja")).render(body, path: "x.md")
        #expect(rendered.diagnostics.contains { $0.rule == "markdown.container-full-width" && $0.location.line == 1 && $0.severity == .error })
        #expect(rendered.diagnostics.first { $0.location.line == 1 }?.message.contains("':::'") == true)
        #expect(!rendered.html.contains("総務課長"))
        #expect(rendered.staffTexts.count == 1)
    }

    @Test("a ::: line inside a closed code block is code, and a plain fence indented by up to three spaces still works")
    func fencesThatAreFine() {
        #expect(Self.fenceProblems("```\n::: staff\n例\n:::\n```\n") == [])
        let rendered = MarkdownPipeline(settings: MarkdownSettings(language: "ja")).render("   ::: staff\n内線 1234 で総務課長を呼び出します。\n   :::\n", path: "x.md")
        #expect(rendered.diagnostics == [])
        #expect(!rendered.html.contains("総務課長"))
    }

    @Test("check reports an unread staff fence at its file line, and the site is not built")
    func unreadFenceInCheck() throws {
        let site = try PrivacySite(["pages/faq.ja.md": Self.faq("> ::: staff\n> 内線 1234 で総務課長を呼び出します。\n> :::")])
        defer { site.remove() }
        let checked = site.check()
        #expect(PrivacySite.places(checked.diagnostics, "markdown.container-ignored") == ["Content/pages/faq.ja.md:7:3", "Content/pages/faq.ja.md:9:3"])
        #expect(site.render().site == nil)
    }

    // MARK: - Absolute addresses of the site

    @Test("a link to a staff page by the site's full address is an error, like a relative one", arguments: [
        "https://www.town-fixture.test/policy/en/internal/",
        "http://WWW.Town-Fixture.test/policy/en/internal/index.html#steps",
        "//www.town-fixture.test/policy/en/internal/",
        "https://www.town-fixture.test/policy/en/pages/internal/",
        "https://www.town-fixture.test/policy/pages/internal.md",
        "https://www.town-fixture.test/policy/ja/coverage/",
        "https://www.town-fixture.test/policy/%65n/internal/",
        "https://www.town-fixture.test/policy/EN/Internal/",
    ])
    func absoluteLinkToStaffPage(url: String) throws {
        let site = try PrivacySite([
            "pages/internal.en.md": "---\ntitle: Internal procedures\nsummary: For staff.\naudience: staff\n---\n## Steps\n\nCall the duty manager.\n",
            "pages/internal.ja.md": "---\ntitle: 内部手順\nsummary: 職員向けです。\naudience: staff\n---\n## 手順\n\n当番の管理職に連絡します。\n",
            "pages/faq.en.md": "---\ntitle: FAQ\nsummary: Questions.\n---\n## Question\n\n[Internal](\(url))\n",
        ])
        defer { site.remove() }
        let checked = site.check()
        #expect(PrivacySite.places(checked.diagnostics, "link.unresolved") == ["Content/pages/faq.en.md:8:1"], "\(url)")
        #expect(checked.diagnostics.first?.message.contains("staff-only page") == true)
    }

    @Test("full addresses of public pages and files of the site are kept; one that leads to no page is an error")
    func absoluteLinksToPublicPages() throws {
        let body = "[a](https://www.town-fixture.test/policy/en/faq/) [b](https://www.town-fixture.test/policy/) [c](https://www.town-fixture.test/policy/sitemap.xml) [d](https://other.test/policy/en/internal/) [e](https://www.town-fixture.test/policy/en/examples/time-binding/phone/)"
        let site = try PrivacySite(["pages/faq.en.md": "---\ntitle: FAQ\nsummary: Questions.\n---\n## Question\n\n\(body)\n\n[gone](https://www.town-fixture.test/policy/en/nothing-here/)\n"])
        defer { site.remove() }
        let checked = site.check()
        #expect(PrivacySite.places(checked.diagnostics, "link.unresolved") == ["Content/pages/faq.en.md:10:1"])
    }

    // MARK: - Pictures only staff content uses

    @Test("pictures only staff pages or staff blocks use stay in the staff build; the others are published")
    func staffOnlyImages() throws {
        let png = Data("PNG picture".utf8)
        let site = try PrivacySite([
            "pages/internal.en.md": "---\ntitle: Internal procedures\nsummary: For staff.\naudience: staff\n---\n## Steps\n\n![The duty roster](/images/roster.png)\n\n![Floor plan](/images/both.png)\n",
            "pages/internal.ja.md": "---\ntitle: 内部手順\nsummary: 職員向けです。\naudience: staff\n---\n## 手順\n\n![当番表](/images/roster.png)\n\n![見取り図](/images/both.png)\n",
            "pages/faq.en.md": "---\ntitle: FAQ\nsummary: Questions.\n---\n## Question\n\n![Our counter](/images/counter.png)\n\n![Floor plan](https://www.town-fixture.test/policy/images/both.png)\n\n::: staff\n![The exits](../images/exits.png)\n:::\n",
        ], images: ["images/roster.png": png, "images/both.png": png, "images/counter.png": png, "images/exits.png": png, "images/unused.png": png])
        defer { site.remove() }
        let published = try #require(site.render().site)
        #expect(published.keys.filter { $0.hasPrefix("images/") }.sorted() == ["images/both.png", "images/counter.png", "images/unused.png"])
        let staff = try #require(site.render(.staff).site)
        #expect(staff.keys.filter { $0.hasPrefix("images/") }.sorted() == ["images/both.png", "images/counter.png", "images/exits.png", "images/roster.png", "images/unused.png"])
    }

    @Test("a picture a template or style sheet names is published even when only staff pages link to it")
    func templateImage() throws {
        var site = try PrivacySite([
            "pages/internal.en.md": "---\ntitle: Internal procedures\nsummary: For staff.\naudience: staff\n---\n## Steps\n\n![Logo](/images/logo.png)\n",
            "pages/internal.ja.md": "---\ntitle: 内部手順\nsummary: 職員向けです。\naudience: staff\n---\n## 手順\n\n![ロゴ](/images/logo.png)\n",
        ], images: ["images/logo.png": Data("PNG".utf8)])
        defer { site.remove() }
        site.templates = site.root.appendingPathComponent("Templates")
        try TestSupport.copy(TestSupport.templates, to: site.templates)
        let css = site.templates.appendingPathComponent("assets/style.css")
        try (try String(contentsOf: css, encoding: .utf8) + "\nheader { background: url(../images/logo.png); }\n").write(to: css, atomically: true, encoding: .utf8)
        #expect(try #require(site.render().site)["images/logo.png"] != nil)
    }
}

extension StaffPrivacyTests {
    @Test("`check` reports a leak when another page has errors, and each of those errors once; `build` still refuses")
    func leakBesideErrors() throws {
        let broken = "---\ntitle: 連絡先\nsummary: 連絡先です。\n---\n# 大見出し\n\n![](/images/none.png)\n"
        let site = try PrivacySite(["notice.ja.md": Self.notice, "pages/faq.ja.md": Self.leakForms[0].1, "pages/contact.ja.md": broken])
        defer { site.remove() }
        let checked = site.check()
        #expect(PrivacySite.places(checked.diagnostics, "audience.leak") == ["Content/notice.ja.md:10:1"], "\(checked.diagnostics)")
        #expect(PrivacySite.places(checked.diagnostics, "heading.level-1") == ["Content/pages/contact.ja.md:5:1"])
        #expect(Set(checked.diagnostics).count == checked.diagnostics.count)
        let built = site.render()
        #expect(built.site == nil)
        #expect(!built.report.diagnostics.contains { $0.rule == "audience.leak" })
    }
}
