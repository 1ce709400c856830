// Content variables and adaptation markers: what `{{…}}` becomes, where problems are reported, and the starter
// adopted by a ward and by a company with nothing of the sample left.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiLoad
@testable import HarigamiMarkdown
@testable import HarigamiCheck
@testable import HarigamiAuthoring

@Suite("Content variables")
struct ContentVariablesTests {
    /// The minimal fixture's site, as a ward, with `page` as the English FAQ (and a Japanese one beside it).
    func render(_ page: String, language: String = "en", audience: Audience = .public,
                site: (String) -> String = { $0 }) throws -> (html: String, diagnostics: [Diagnostic]) {
        let tree = try TestSupport.minimalTree(replacing: ["site.yml": site(try wardSite()), "pages/faq.\(language).md": page])
        let content = try #require(ContentLoader.load(tree).content)
        let document = try #require(content.document(key: "pages/faq", language: language))
        var settings = MarkdownSettings(language: language, audience: audience)
        settings.variables = ContentVariables(content: content, document: document)
        settings.strings = TestSupport.interfaceStrings[language] ?? [:]
        let rendered = MarkdownPipeline(settings: settings).render(document.body, path: document.path, bodyLine: document.bodyLine)
        return (rendered.html, rendered.diagnostics)
    }

    func wardSite() throws -> String {
        let site = try String(contentsOf: TestSupport.fixture("minimal").appendingPathComponent("site.yml"), encoding: .utf8)
        return site + "self:\n  ja: 本区\n  en: the Ward\n"
    }

    func page(_ body: String, title: String = "Questions") -> String {
        "---\ntitle: \(title)\nsummary: Answers.\n---\n\(body)"
    }

    @Test("a value starting an English sentence is capitalised; in the middle of one it is not")
    func capitalisation() throws {
        let (html, _) = try render(page("{{self}} records calls. Calls to {{self}} are kept!  {{self}} asks.\n{{ self }} also said so.\n\n## {{self}} and you\n\n- *{{self}}* helps\n"))
        #expect(html.contains("The Ward records calls. Calls to the Ward are kept!  The Ward asks.\nThe Ward also said so."))
        #expect(html.contains("<h2>The Ward and you</h2>"))
        #expect(html.contains("<em>The Ward</em> helps"))
    }

    @Test("Japanese values are written as they are, in the page's language")
    func japanese() throws {
        let (html, diagnostics) = try render(page("{{self}}は、{{organisation}}の{{contact.department}}（{{contact.phone}}）が受け付けます。{{categories.count}}つの類型があります。\n", title: "質問"), language: "ja")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(html.contains("本区は、"))
        #expect(html.contains("つの類型があります。"))
        #expect(!html.contains("{{"))
    }

    @Test("a value is text: markup in site.yml is escaped, never read as Markdown or HTML")
    func escaped() throws {
        let (html, _) = try render(page("We are {{organisation}}.\n")) { site in
            site.replacingOccurrences(of: "  en: Fixture Town\n", with: "  en: \"<b>A & *B*</b>\"\n")
        }
        #expect(html.contains("We are &lt;b&gt;A &amp; *B*&lt;/b&gt;."), "\(html)")
    }

    @Test("an unknown name is an error at its line and column; code shows {{…}} as written")
    func unknownName() throws {
        let (html, diagnostics) = try render(page("Intro.\n\nCall {{contact.fax}} or `{{self}}`.\n\n```\n{{nothing}}\n```\n"))
        #expect(diagnostics.map(\.description) == ["Content/pages/faq.en.md:7:6: error: there is no variable 'contact.fax'; the variables are "
            + ContentVariables.names.map { "{{\($0)}}" }.joined(separator: ", ") + " (see docs/content-variables.md) [content.unknown-variable]"])
        #expect(html.contains("<code>{{self}}</code>"))
        #expect(html.contains("{{nothing}}"))
    }

    @Test("a code block is read as cmark-gfm reads it: a fence with an info string inside it does not close it")
    func codeBlockAsCmarkReadsIt() throws {
        let (html, diagnostics) = try render(page("Intro.\n\n```\n```swift\n{{nothing}}\n```\n\nAfter {{nope}}.\n"))
        #expect(html.contains("{{nothing}}"))
        #expect(diagnostics.map(\.location.line) == [12])
    }

    @Test("a name written in another case suggests the right one")
    func nearName() throws {
        let (_, diagnostics) = try render(page("We are {{Self}}.\n"))
        #expect(diagnostics.first?.message.hasPrefix("there is no variable 'Self' (did you mean {{self}}?)") == true)
    }

    @Test("a marker shows its proposed value, is a warning at its column, and is highlighted only in the staff build")
    func markers() throws {
        let body = page("We keep recordings for {{adapt: one year}}.\n")
        let (publicHTML, diagnostics) = try render(body)
        #expect(publicHTML == "<p>We keep recordings for one year.</p>\n")
        #expect(diagnostics.map(\.description) == ["Content/pages/faq.en.md:5:24: warning: {{adapt: one year}} proposes 'one year', which your organisation must confirm: replace the whole marker with your own value, in every language [adapt.marker]"])
        let (staffHTML, _) = try render(body, audience: .staff)
        #expect(staffHTML == "<p>We keep recordings for <mark class=\"adapt\" title=\"to confirm\">one year</mark>.</p>\n")
    }

    @Test("an empty marker is an error")
    func emptyMarker() throws {
        let (_, diagnostics) = try render(page("Kept for {{adapt: }}.\n"))
        #expect(diagnostics.map(\.rule) == ["content.empty-marker"])
    }

    @Test("{{categories.table}} alone in a paragraph is a table of every category; inside a sentence it is an error")
    func categoriesTable() throws {
        let (html, diagnostics) = try render(page("Before.\n\n{{categories.table}}\n\nAfter {{categories.list}} here.\n"))
        #expect(html.contains("<table class=\"category-table\">"))
        #expect(html.contains("<th>Typical signs</th>"))
        #expect(html.contains("<td><a href=\"../../en/examples/index.html#time-binding\">"), "\(html)")
        #expect(diagnostics.map(\.description) == ["Content/pages/faq.en.md:9:7: error: {{categories.list}} makes a list or a table, so it must stand alone on a line, with a blank line before and after it [content.block-variable]"])
    }

    @Test("front matter texts take variables too, and their problems are reported at the key")
    func frontMatter() throws {
        let tree = try TestSupport.minimalTree(replacing: ["site.yml": try wardSite(),
                                                          "pages/faq.en.md": "---\ntitle: About {{self}}\nsummary: \"{{self}} answers {{nope}}\"\n---\nText.\n"])
        let loaded = ContentLoader.load(tree)
        let document = try #require(loaded.content?.document(key: "pages/faq", language: "en"))
        #expect(document.title.value == "About the Ward")
        #expect(document.summary.value == "The Ward answers {{nope}}")
        #expect(loaded.diagnostics.filter { $0.rule == "content.unknown-variable" }.map { "\($0.location.line):\($0.location.column)" } == ["3:28"])
    }

    @Test("sample values in site.yml are reported where they are written")
    func sampleValues() throws {
        let tree = try TestSupport.minimalTree(replacing: ["site.yml": try wardSite().replacingOccurrences(of: "https://www.town-fixture.test/", with: "https://www.city-sample.example/")
            .replacingOccurrences(of: "03-1111-2222", with: "000-000-0000")])
        let found = ContentLoader.load(tree).diagnostics.filter { $0.rule == "adapt.sample-value" }.map { "\($0.location.line):\($0.location.column) \($0.message.prefix(30))" }
        #expect(found.count == 2, "\(found)")
    }

    @Test("an address is a sample only when .example is its last label")
    func exampleDomain() {
        func found(_ text: String) -> [String] { SampleValue.find(inLine: Array(text.utf8)).map(\.written) }
        #expect(found("https://www.city-sample.example/kasuhara/ and mail@x.example.") == ["www.city-sample.example", "x.example"])
        #expect(found("https://www.city.kita.example.jp/ and example.com and 03-000-1234").isEmpty)
        #expect(found("call 000-000-0000 or (000-1234)") == ["000-000-0000", "000-1234"])
    }

    @Test("placeholders are found only in exactly two braces, closed on the same line")
    func finding() {
        func kinds(_ text: String) -> [Placeholder.Kind] { Placeholder.find(in: Array(text.utf8)).map(\.kind) }
        #expect(kinds("{{self}} {{ contact.phone }} {{adapt: 30分}}") == [.variable("self"), .variable("contact.phone"), .adapt("30分")])
        #expect(kinds("{{{body}}} {{#nav}} {{two words}} {{self\n}} {{}}").isEmpty)
        #expect(kinds("{{{{self}}}}").isEmpty)
        #expect(kinds(String(repeating: "{", count: 100_000) + "self" + String(repeating: "}", count: 100_000)).isEmpty)
    }
}

@Suite("Adopting the starter", .serialized)
struct AdoptionTests {
    struct Organisation: Sendable, CustomTestStringConvertible {
        var name: (ja: String, en: String)
        var selfName: (ja: String, en: String)
        var department: (ja: String, en: String)
        var testDescription: String { name.en }
    }

    static let organisations = [
        Organisation(name: ("北区", "Kita Ward"), selfName: ("本区", "the Ward"), department: ("区民相談課", "Residents' Advice Section")),
        Organisation(name: ("株式会社ハリガミ物産", "Harigami Trading Co., Ltd."), selfName: ("当社", "the Company"),
                     department: ("お客様相談室", "Customer Relations Office")),
    ]

    /// What only the sample organisation says: none of it may reach an adopter's pages.
    static let sampleTraces = ["サンプル", "Sample City", "本市", "市民", "市政", "the City", "The City", "city-sample", "000-000-0000", "Residents' Enquiries"]

    @Test("changing only site.yml's organisation, self, contact and base URL leaves nothing of the sample in the site, the staff handbook or the posters",
          arguments: organisations)
    func noTraceOfTheSample(_ organisation: Organisation) throws {
        let project = try InlineSite.shipped()
        var site = try project.read("Content/site.yml")
        for (old, new) in [("https://www.city-sample.example/kasuhara/", "https://www.kita-or-company.jp/kasuhara/"),
                           ("ja: サンプル市", "ja: \(organisation.name.ja)"), ("en: Sample City", "en: \"\(organisation.name.en)\""),
                           ("ja: 本市", "ja: \(organisation.selfName.ja)"), ("en: the City", "en: \(organisation.selfName.en)"),
                           ("ja: 市民相談課", "ja: \(organisation.department.ja)"), ("en: Residents' Enquiries Section", "en: \(organisation.department.en)"),
                           ("\"000-000-0000\"", "\"03-3908-1111\""), ("kasuhara@city-sample.example", "kasuhara@kita-or-company.jp")] {
            #expect(site.contains(old), "site.yml no longer holds \(old)")
            site = site.replacingOccurrences(of: old, with: new)
        }
        try project.write("Content/site.yml", site)
        for audience in [Audience.public, .staff] {
            let run = try project.build(audience: audience)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("adapt.sample-value"))
        }
        var pages = 0
        for (path, data) in try project.published() where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".txt") {
            let text = String(decoding: data, as: UTF8.self)
            pages += 1
            for trace in Self.sampleTraces {
                #expect(!text.contains(trace), "\(path) still says \(trace)")
            }
        }
        #expect(pages > 50)
        let notice = try project.page("site/ja/index.html")
        #expect(notice.contains(organisation.name.ja) && notice.contains(organisation.selfName.ja))
        let english = try project.page("site/en/index.html")
        #expect(english.contains(organisation.selfName.en) || english.contains(ContentVariables.capitalisingFirst(organisation.selfName.en)))
    }
}

@Suite("The commonest YAML slip")
struct UnquotedColonTests {
    @Test("an unquoted colon in a category's summary is one error with the fix, and no example or bubble is called unknown", arguments: ["categories.yml", "pages/faq.en.md"])
    func unquotedColon(_ file: String) throws {
        var files = try TestSupport.snapshot(TestSupport.shippedContent).mapValues { String(decoding: $0, as: UTF8.self) }
        let text = try #require(files[file])
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("    summary: ") || $0.hasPrefix("summary: ") })
        files[file] = text.replacingOccurrences(of: line, with: line.replacingOccurrences(of: "summary: ", with: "summary: Note: "))
        let tree = ContentTree.memory(files)
        let loaded = ContentLoader.load(tree)
        let content = try #require(loaded.content)
        let errors = (loaded.diagnostics + ContentChecker.check(content, loadProblems: loaded.diagnostics)).filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.location.path == "Content/\(file)")
        #expect(errors.first?.message.hasPrefix("the value of 'summary' holds a colon followed by a space, which YAML reads as the start of another key: put the whole value in double quotes, as in summary: \"Note: ") == true)
    }
}

@Suite("Translation freshness of posters and categories", .serialized)
struct FrontMatterFreshnessTests {
    /// The stamp `harigami translations stamp FILE` makes, run in the site's folder; fails the test on any refusal.
    func stamp(_ file: String, in site: InlineSite) throws {
        for result in TranslationStamp.stamp([site.url(file).path], contentDirectory: site.content.path) { _ = try result.get() }
    }

    func staleFiles(_ run: InlineSite.Run) -> [String] {
        run.stdout.split(separator: "\n").filter { $0.hasSuffix("[translation.stale]") }.map { String($0.prefix { $0 != ":" }) }
    }

    @Test("changing a Japanese poster bubble makes the English poster stale, and stamping it makes it fresh again")
    func posterBubble() throws {
        let site = try InlineSite.shipped()
        try site.edit("Content/posters/awareness.ja.md", "text: 私を誰だと思ってるんだ！", "text: 上の者を呼べ！")
        let run = try site.check(strict: true)
        #expect(run.status == 1)
        #expect(staleFiles(run) == ["Content/posters/awareness.en.md"])
        try stamp("Content/posters/awareness.en.md", in: site)
        let again = try site.check()
        #expect(staleFiles(again).isEmpty)
    }

    @Test("changing a Japanese category label makes that category's English wording stale in categories.yml; stamping the file clears it")
    func categoryLabel() throws {
        let site = try InlineSite.shipped()
        try site.edit("Content/categories.yml", "poster-label: 暴言\n", "poster-label: ひどい言葉\n")
        let run = try site.check(strict: true)
        #expect(run.status == 1)
        let stale = run.stdout.split(separator: "\n").filter { $0.hasSuffix("[translation.stale]") }
        #expect(stale.count == 1)
        #expect(stale.first?.contains("categories.yml:") == true && stale.first?.contains("category 'verbal-abuse'") == true)
        let before = try site.read("Content/categories.yml")
        try stamp("Content/categories.yml", in: site)
        let after = try site.read("Content/categories.yml")
        // Only the one source-hash line changed.
        let changed = zip(before.split(separator: "\n"), after.split(separator: "\n")).filter { $0 != $1 }
        #expect(changed.count == 1 && changed.first?.1.contains("source-hash:") == true)
        let again = try site.check()
        #expect(staleFiles(again).isEmpty)
    }

    @Test("stamping categories.yml adds a source-hash after each translation's last key, values spanning lines included")
    func stampInsertsAfterBlock() throws {
        let tree = try TestSupport.minimalTree(replacing: ["categories.yml": "- id: time-binding\n  ja:\n    name: 時間拘束型\n    summary: 長時間引き留める。\n    poster-label: 時間拘束\n  en:\n    name: Holding staff\n    summary: >\n      Keeping staff\n      for long.\n    poster-label: Holding staff up\n\n"])
        let content = try #require(ContentLoader.load(tree).content)
        let text = String(decoding: try tree.read("categories.yml"), as: UTF8.self)
        guard case .success(let stamped) = CategoryStamp.stamped(text, content: content, path: "Content/categories.yml") else {
            Issue.record("categories.yml could not be stamped")
            return
        }
        let hash = SourceHash.of(category: try #require(content.categories.first?.texts["ja"]))
        #expect(stamped == text.replacingOccurrences(of: "    poster-label: Holding staff up\n", with: "    poster-label: Holding staff up\n    source-hash: \(hash)\n"))
    }
}

@Suite("Shared page settings")
struct SharedPageSettingsTests {
    @Test("pages sharing settings get exactly the settings each would be given alone, at every depth and for every audience")
    func sharedPageSettings() throws {
        var content = try #require(ContentLoader.load(.directory(TestSupport.shippedContent.path)).content)
        content.interfaceStrings = TestSupport.interfaceStrings
        let depths = Set(content.documents.compactMap { Routes.file(key: $0.key, language: $0.language)?.split(separator: "/").count })
        #expect(depths.count >= 3, "the shipped content should have pages at several depths")
        for audience in [Audience.public, .staff, nil] {
            for readingProse in [false, true] {
                var shared = PageSettings(content: content, audience: audience, readingProse: readingProse)
                for document in content.documents {
                    let alone = MarkdownSettings.page(document, content: content, audience: audience ?? document.audience, readingProse: readingProse)
                    #expect(shared(document) == alone, "\(document.path)")
                }
            }
        }
    }
}

@Suite("Relative links")
struct RelativeLinkTests {
    @Test("a link climbs one folder per part of the page's path but the file, as splitting the path on slashes counts them")
    func depthCountsParts() {
        let paths = ["index.html", "ja/index.html", "ja/guideline/index.html", "ja/examples/violence/shouting/index.html",
                     "posters/awareness.ja.html", "ja//guideline/index.html", "/ja/index.html", "ja/guideline/", "a/b/c/d/e/f/g.html"]
        for path in paths {
            #expect(Routes.depth(of: path) == path.split(separator: "/").count - 1, "\(path)")
        }
        #expect(Routes.relative(from: "ja/examples/violence/shouting/index.html", to: "ja/examples/index.html") == "../../../../ja/examples/index.html")
        #expect(Routes.relative(from: "index.html", to: "ja/index.html") == "ja/index.html")
    }
}

@Suite("Category lookup")
struct CategoryLookupTests {
    @Test("a category is found by its id as a search through the list finds it: the first of that id, none for an unknown one")
    func lookupMatchesSearch() throws {
        let content = try #require(ContentLoader.load(.directory(TestSupport.shippedContent.path)).content)
        var categories = content.categories
        let duplicate = try #require(categories.last)
        var second = try #require(categories.first)
        second.location = SourceLocation(path: "elsewhere", line: 99)
        categories.append(second)
        let list = CategoryList(categories)
        for id in categories.map(\.id) + ["unknown", duplicate.id.uppercased()] {
            #expect(list.category(id: id) == categories.first { $0.id == id }, "\(id)")
        }
        #expect(list.category(id: second.id)?.location.line != 99)
    }
}
