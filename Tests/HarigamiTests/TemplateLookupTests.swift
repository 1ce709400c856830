// The view models answer the templates by name exactly as reflection would, missing values included.

import Foundation
import Testing
import Mustache
@testable import Harigami
@testable import HarigamiRender
import HarigamiPosterLayout

@Suite("Template lookup")
struct TemplateLookupTests {
    static let link = LinkView(label: "基本方針", href: "../index.html", current: true)
    static let example = ExampleView(categoryName: "暴言型", categoryHref: "../../index.html#verbal-abuse", categorySummary: "大声で怒鳴る。", channels: "電話、窓口")
    static let category = CategoryView(id: "verbal-abuse", name: "暴言型", summary: "大声で怒鳴る。", examples: [
        ExampleLinkView(title: "電話で怒鳴られた場合", summary: "対応例です。", href: "verbal-abuse/phone/index.html", channels: "電話"),
    ])

    static func page(updated: String?, example: ExampleView?) -> PageView {
        var page = PageView(lang: "ja", ui: ["nav-notice": "基本方針"], siteTitle: "カスハラ対策", organisation: "サンプル市",
                            title: "対応例", htmlTitle: "対応例｜カスハラ対策", description: "説明", canonical: "https://x.test/ja/examples/",
                            alternates: [AlternateView(hreflang: "en", href: "https://x.test/en/examples/")], xDefault: "https://x.test/ja/examples/",
                            stylesheet: "../../assets/style.css", homeHref: "../index.html",
                            languages: [LanguageLinkView(label: "English", lang: "en", href: "../../en/examples/index.html", current: false)],
                            nav: [link], breadcrumbs: [CrumbView(label: "基本方針", href: "../index.html", last: false), CrumbView(label: "対応例", href: nil, last: true)],
                            contact: ContactView(department: "総務課", phone: "03-0000-0000", phoneHref: "tel:0000000000", email: "a@x.test", hours: "平日"),
                            staff: true, updated: updated, body: "<p>本文</p>")
        page.updatedText = updated.map { "令和8年（\($0)）" }
        page.categories = [category]
        page.example = example
        page.posters = [PosterView(title: "ポスター", subtitle: "副題", previewHref: nil, files: [PosterFileView(label: "A4", href: "a4.html")])]
        page.links = [link]
        return page
    }

    /// The value inside an optional, as the templates see it.
    static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    static func expectSameAsReflection(_ view: Any, answers: (String) -> Any?) {
        for property in Mirror(reflecting: view).children {
            let name = property.label ?? ""
            let reflected = unwrapped(property.value)
            let answered = answers(name)
            #expect((answered == nil) == (reflected == nil), "\(type(of: view)).\(name)")
            #expect(String(describing: answered) == String(describing: reflected), "\(type(of: view)).\(name)")
        }
        #expect(answers("noSuchName") == nil)
    }

    @Test("every stored property of every site view model is answered by name with the value reflection finds")
    func sameAsReflection() {
        let page = Self.page(updated: "2026-10-01", example: Self.example)
        Self.expectSameAsReflection(page, answers: page.child)
        Self.expectSameAsReflection(Self.link, answers: Self.link.child)
        Self.expectSameAsReflection(page.languages[0], answers: page.languages[0].child)
        Self.expectSameAsReflection(page.alternates[0], answers: page.alternates[0].child)
        for crumb in page.breadcrumbs { Self.expectSameAsReflection(crumb, answers: crumb.child) }
        Self.expectSameAsReflection(page.contact, answers: page.contact.child)
        Self.expectSameAsReflection(Self.category, answers: Self.category.child)
        Self.expectSameAsReflection(Self.category.examples[0], answers: Self.category.examples[0].child)
        Self.expectSameAsReflection(Self.example, answers: Self.example.child)
        var poster = page.posters[0]
        poster.files[0].downloadHref = "a4.pdf"
        poster.files[0].downloadText = "PDFファイル：312.4KB"
        Self.expectSameAsReflection(poster, answers: poster.child)
        Self.expectSameAsReflection(poster.files[0], answers: poster.files[0].child)
        let root = RootView(lang: "ja", htmlTitle: "対策", description: "説明", canonical: "https://x.test/", alternates: page.alternates, xDefault: "https://x.test/",
                            stylesheet: "assets/style.css", staff: false, languages: [
                                RootView.Language(lang: "ja", siteTitle: "対策", description: "説明", href: "ja/index.html", ui: page.ui, first: true,
                                                  accessibilityHref: "ja/accessibility/index.html"),
                            ])
        Self.expectSameAsReflection(root, answers: root.child)
        Self.expectSameAsReflection(root.languages[0], answers: root.languages[0].child)
    }

    @Test("every stored property of the accessibility page's view models is answered by name with the value reflection finds")
    func accessibilitySameAsReflection() throws {
        let row = AccessibilityPageRowView(label: "Staff guideline", labelLang: "en", href: "../../en/guideline/index.html", path: "en/guideline/index.html", titled: true,
                                           outcome: "fail", outcomeText: "問題あり（2件）", failed: true, testedOn: "令和8年11月20日")
        let criterion = AccessibilityCriterionView(number: "1.1.1", level: "A", status: "met", statusText: "問題なし")
        let results = AccessibilityResultsView(date: "2026-11-20", dateText: "令和8年11月20日", summary: "1ページ", tools: [AccessibilityToolView(name: "axe-core", version: "4.11.0")],
                                               pages: [row], criteria: [criterion], furtherCriteria: "1.4.10")
        let view = AccessibilityView(statement: "方針", scope: "範囲", policyDate: "2026-10-01", policyDateText: "令和8年10月1日", results: results)
        var page = Self.page(updated: nil, example: nil)
        page.accessibility = view
        page.accessibilityHref = "../accessibility/index.html"
        Self.expectSameAsReflection(page, answers: page.child)
        Self.expectSameAsReflection(view, answers: view.child)
        Self.expectSameAsReflection(results, answers: results.child)
        Self.expectSameAsReflection(results.tools[0], answers: results.tools[0].child)
        Self.expectSameAsReflection(row, answers: row.child)
        Self.expectSameAsReflection(criterion, answers: criterion.child)
    }

    /// Every view inside `view` too, through its fields and lists.
    static func expectSameAsReflectionThroughout(_ view: any TemplateView) {
        expectSameAsReflection(view, answers: view.child)
        for property in Mirror(reflecting: view).children {
            let value = unwrapped(property.value)
            if let nested = value as? any TemplateView { expectSameAsReflectionThroughout(nested) }
            if let list = value as? [Any] { for case let nested as any TemplateView in list { expectSameAsReflectionThroughout(nested) } }
        }
    }

    @Test("every stored property of the printed documents' view models (posters, notices, the staff card, name tags, the manual) is answered by name with the value reflection finds")
    func printedSameAsReflection() throws {
        var options = BuildOptions()
        options.contentDirectory = TestSupport.shippedContent.path
        options.templatesDirectory = TestSupport.templates.path
        options.audience = .staff
        let (prepared, loaded, problems) = Builder.prepare(options)
        let content = try #require(prepared, "\(problems)")
        let templates = try #require(loaded, "\(problems)")
        let posters = PosterRenderer(content: content, templates: templates)
        var kinds: Set<String> = []
        for edition in PosterEdition.all(content) {
            switch edition.kind {
            case .awareness: Self.expectSameAsReflectionThroughout(try posters.page(edition).get())
            case .notice: Self.expectSameAsReflectionThroughout(try posters.noticePage(edition).get())
            case .card: Self.expectSameAsReflectionThroughout(posters.cardPage(edition))
            }
            kinds.insert("\(edition.kind)")
        }
        #expect(kinds.count == 3)
        let nameTags = try #require(content.nameTags)
        Self.expectSameAsReflectionThroughout(NameTagRenderer(nameTags: nameTags, site: content.site, templates: templates).page(content.site.languages))
        let site = SiteRenderer(content: content, templates: templates, audience: .staff)
        let guideline = try #require(SiteRenderer.guideline(in: content.documents, language: "ja"))
        let manual = site.manualView(language: "ja", guideline: guideline, documents: content.documents, content: content) { _ in "<p>本文</p>" }
        #expect(!manual.chapters.isEmpty)
        Self.expectSameAsReflectionThroughout(manual)
    }

    @Test("a missing optional value is no value at all to the templates, so its section is left out")
    func missingValues() {
        let page = Self.page(updated: nil, example: nil)
        #expect(page.child(named: "updated") == nil)
        #expect(page.child(named: "example") == nil)
        #expect(page.breadcrumbs[1].child(named: "href") == nil)
        #expect(page.breadcrumbs[0].child(named: "href") as? String == "../index.html")
    }
}

@Suite("HTML escaping in templates")
struct HTMLEscapingTests {
    /// `text` through a template with Mustache's own escaping, and with Harigami's.
    static func both(_ text: String) throws -> (mustache: String, harigami: String) {
        HTMLEscaping.registered
        let plain = try MustacheTemplate(string: "[{{value}}]")
        let ours = try MustacheTemplate(string: HTMLEscaping.pragma + "[{{value}}]")
        return (plain.render(["value": text]), ours.render(["value": text]))
    }

    @Test("the same five characters as Mustache's own escaping", arguments: [
        "", "plain", "基本方針（令和8年）", "<script>alert('x')</script>", "a & b \"c\" 'd' <e> &amp;", "😀 & 👍🏽", "改行\r\nと\tタブ",
        "https://x.test/?a=1&b=2", "「責任者を出せ」",
    ])
    func sameAsMustache(text: String) throws {
        let (mustache, harigami) = try Self.both(text)
        #expect(harigami == mustache)
    }

    @Test("a quote or bracket followed by a combining mark is escaped too, which Mustache's own escaping leaves")
    func combiningMarks() throws {
        let text = "x\"\u{301} onmouseover=alert(1) <\u{338}b>"
        let (mustache, harigami) = try Self.both(text)
        #expect(harigami == "[x&quot;\u{301} onmouseover=alert(1) &lt;\u{338}b&gt;]")
        #expect(mustache != harigami, "Mustache's escaping reads the pair as one character and leaves it")
    }

    @Test("the pragma line is dropped from the output")
    func pragmaLeavesNoTrace() throws {
        HTMLEscaping.registered
        let template = try MustacheTemplate(string: HTMLEscaping.pragma + "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n")
        #expect(template.render(["items": ["a", "b"]]) == "<li>a</li>\n<li>b</li>\n")
    }

    /// The shipped Templates copied to a new folder, each i18n file passed through `edit(language, text)`.
    static func templates(editing edit: (String, String) -> String) throws -> URL {
        let folder = try TestSupport.temporaryFolder().appendingPathComponent("Templates")
        try TestSupport.copy(TestSupport.templates, to: folder)
        for language in ["ja", "en"] {
            let file = folder.appendingPathComponent("i18n/\(language).yml")
            try edit(language, try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test("a UI string that Harigami puts into pages itself, missing from every language, is an error naming each file and the key")
    func requiredStringMissing() throws {
        let folder = try Self.templates { _, text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("callout-note:") }.joined(separator: "\n")
        }
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let (templates, problems) = TemplateSet.load(directory: folder.path, languages: ["ja", "en"])
        #expect(templates == nil)
        #expect(problems.map(\.location.path) == ["ja", "en"].map { folder.path + "/i18n/\($0).yml" })
        #expect(problems.allSatisfy { $0.rule == "template.strings" && $0.message.hasPrefix("the UI string 'callout-note' is missing") })
    }

    @Test("a call-out's label is the templates' UI string in the check's rendering, which the build publishes")
    func interfaceStringsReachTheSite() throws {
        let folder = try Self.templates { language, text in
            language == "ja" ? text.replacingOccurrences(of: "callout-warning: 注意", with: "callout-warning: ご用心") : text
        }
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        var options = BuildOptions()
        options.contentDirectory = TestSupport.fixture("minimal").path
        options.templatesDirectory = folder.path
        let built = Builder.render(options)
        #expect(!built.report.diagnostics.hasErrors, "\(built.report.diagnostics)")
        let guideline = String(decoding: try #require(built.site?["ja/guideline/index.html"]), as: UTF8.self)
        #expect(guideline.contains("<p class=\"callout-label\">ご用心</p>"))
        #expect(!guideline.contains("<p class=\"callout-label\">注意</p>"))
    }
}
