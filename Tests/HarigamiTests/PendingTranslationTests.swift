// `harigami build --allow-missing-translations`: a page written only in the first language is published in the other
// language's section as it is, under a notice, and its missing file is a warning; without the option, an error.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel

@Suite("Pages published before their translation")
struct PendingTranslationTests {
    static let missingExample = "examples/time-binding/phone.en.md"
    static let standInPath = "en/examples/time-binding/phone/index.html"
    static let base = "https://www.town-fixture.test/policy/"

    /// The minimal fixture without `removed`, built in-process for `audience`, with or without the option.
    static func render(without removed: [String], _ changes: [String: String?] = [:], allowing: Bool = true,
                       audience: Audience = .public) throws -> RenderedBuild {
        var all = changes
        for path in removed { all[path] = .some(nil) }
        let site = try PrivacySite(all)
        defer { site.remove() }
        var options = site.options(audience)
        options.allowMissingTranslations = allowing
        return Builder.render(options)
    }

    static func page(_ build: RenderedBuild, _ path: String) throws -> String {
        let files = try #require(build.site, "not rendered: \(build.report.diagnostics.map(\.description))")
        return String(decoding: try #require(files[path], "no \(path)"), as: UTF8.self)
    }

    /// The `<div class="prose"…>` of a page, up to the end of its article.
    static func prose(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<div class=\"prose\""))
        let end = try #require(html.range(of: "</article>", range: start.upperBound..<html.endIndex))
        let opened = try #require(html.range(of: ">", range: start.upperBound..<end.lowerBound))
        return String(html[opened.upperBound..<end.lowerBound])
    }

    @Test("without the option, a missing English example is an error and nothing is rendered")
    func refusedByDefault() throws {
        let build = try Self.render(without: [Self.missingExample], allowing: false)
        #expect(build.site == nil)
        let problems = build.report.diagnostics.filter { $0.rule == "coverage.example-missing" }
        #expect(problems.map(\.severity) == [.error])
        #expect(problems.first?.location.path.hasSuffix("Content/" + Self.missingExample) == true)
    }

    @Test("with the option, each missing file is one warning under its own rule, saying it is published in Japanese for now")
    func warningPerMissingFile() throws {
        let build = try Self.render(without: [Self.missingExample, "pages/faq.en.md"])
        #expect(build.site != nil)
        let example = build.report.diagnostics.filter { $0.rule == "coverage.example-missing" }
        let page = build.report.diagnostics.filter { $0.rule == "coverage.page-missing" }
        #expect(example.map(\.severity) == [.warning])
        #expect(page.map(\.severity) == [.warning])
        #expect(example.first?.location.path.hasSuffix("Content/" + Self.missingExample) == true)
        #expect(page.first?.location.path.hasSuffix("Content/pages/faq.en.md") == true)
        let message = try #require(example.first?.message)
        #expect(message.hasPrefix("this response example has no en version yet: this build publishes its ja page ("))
        #expect(message.contains("Content/examples/time-binding/phone.ja.md) in the en section for now"))
    }

    @Test("the stand-in shows the Japanese page, marked lang=ja, in English chrome under an English notice")
    func standInPage() throws {
        let build = try Self.render(without: [Self.missingExample])
        let standIn = try Self.page(build, Self.standInPath)
        let japanese = try Self.page(build, "ja/examples/time-binding/phone/index.html")
        #expect(standIn.contains("<html lang=\"en\">"))
        #expect(standIn.contains("<p class=\"translation-pending\">This page has not been translated into English yet. It is shown in Japanese.</p>"))
        #expect(standIn.contains("<h1 lang=\"ja\">電話が長時間続く場合</h1>"))
        #expect(standIn.contains("<div class=\"prose\" lang=\"ja\">"))
        #expect(try Self.prose(standIn) == Self.prose(japanese))
        #expect(try Self.prose(standIn).contains("町政と関係のない話が30分以上続いています。"))
        // The chrome is the English section's: its navigation, the category in English, the Japanese title marked.
        #expect(standIn.contains("Response examples</a>"))
        #expect(standIn.contains("<span aria-current=\"page\" lang=\"ja\">電話が長時間続く場合</span>"))
        #expect(!japanese.contains("translation-pending") && !japanese.contains("lang=\"ja\">電話"))
    }

    @Test("the English examples page lists the stand-in with its Japanese title, lang-marked")
    func examplesPageLinksStandIn() throws {
        let build = try Self.render(without: [Self.missingExample])
        let examples = try Self.page(build, "en/examples/index.html")
        #expect(examples.contains("<a href=\"../../en/examples/time-binding/phone/index.html\" lang=\"ja\">電話が長時間続く場合</a>"))
        #expect(examples.contains("<span class=\"example-summary\" lang=\"ja\">同じ話が繰り返され、通話が1時間を超えそうな場合の対応です。</span>"))
        #expect(examples.contains("<span class=\"translation-pending-label\">(in Japanese for now)</span>"))
        // The Japanese examples page is as it always is.
        #expect(!(try Self.page(build, "ja/examples/index.html")).contains("translation-pending"))
    }

    @Test("a further page missing in English is in the English navigation, its Japanese title lang-marked")
    func navigationLinksStandIn() throws {
        let build = try Self.render(without: ["pages/faq.en.md"])
        let home = try Self.page(build, "en/index.html")
        #expect(home.contains("<li><a href=\"../en/faq/index.html\" lang=\"ja\">よくある質問</a></li>"))
        #expect(try Self.page(build, "en/faq/index.html").contains("<h1 lang=\"ja\">よくある質問</h1>"))
    }

    @Test("links from English pages to the missing guideline lead to its stand-in")
    func linksResolveToStandIn() throws {
        let build = try Self.render(without: ["guideline.en.md"])
        #expect(build.report.diagnostics.filter { $0.severity == .error }.isEmpty)
        // The English notice links the guideline in its text and its navigation.
        let notice = try Self.page(build, "en/index.html")
        #expect(notice.contains("<a href=\"../en/guideline/index.html\">staff guideline</a>"))
        #expect(try Self.page(build, "en/guideline/index.html").contains("class=\"translation-pending\""))
    }

    @Test("neither the sitemap nor any page's alternates claim an English version of a stand-in, whose canonical address is its source's")
    func noEnglishAlternate() throws {
        let build = try Self.render(without: [Self.missingExample])
        let sitemap = String(decoding: try #require(build.site?["sitemap.xml"]), as: UTF8.self)
        let english = Self.base + "en/examples/time-binding/phone/"
        let japanese = Self.base + "ja/examples/time-binding/phone/"
        #expect(!sitemap.contains(english))
        #expect(sitemap.contains("<loc>\(japanese)</loc>"))
        for path in [Self.standInPath, "ja/examples/time-binding/phone/index.html"] {
            let html = try Self.page(build, path)
            #expect(!html.contains("hreflang=\"en\" href=\"\(english)\""), "\(path)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"ja\" href=\"\(japanese)\">"), "\(path)")
            #expect(html.contains("<link rel=\"canonical\" href=\"\(japanese)\">"), "\(path)")
        }
        // A translated page keeps both alternates.
        #expect(try Self.page(build, "ja/faq/index.html").contains("hreflang=\"en\" href=\"\(Self.base)en/faq/\""))
    }

    @Test("check refuses the missing translation whatever a build allows")
    func checkRefuses() throws {
        let site = try PrivacySite([Self.missingExample: String?.none])
        defer { site.remove() }
        let problems = site.check().diagnostics.filter { $0.rule == "coverage.example-missing" }
        #expect(problems.map(\.severity) == [.error])
    }

    @Test("a page missing in the first language, or a poster missing a translation, stays an error with the option")
    func onlyFirstLanguagePagesStandIn() throws {
        let missingSource = try Self.render(without: ["examples/time-binding/phone.ja.md"])
        #expect(missingSource.site == nil)
        #expect(missingSource.report.diagnostics.filter { $0.rule == "coverage.example-missing" }.map(\.severity) == [.error])
        let poster = PrivacyTrustBatteryTests.poster(title: "ご協力のお願い", item: "大声で怒鳴る")
        let missingPoster = try Self.render(without: [], ["posters/card.ja.md": poster])
        #expect(missingPoster.site == nil)
        #expect(missingPoster.report.diagnostics.filter { $0.rule == "coverage.page-missing" }.map(\.severity) == [.error])
    }

    @Test("a staff-only page missing its translation stands in only in the staff build")
    func staffPageStandsInForStaffOnly() throws {
        let staffPage = "---\ntitle: 内線一覧\nsummary: 職員向けの内線番号です。\naudience: staff\n---\n総務課は内線1234です。\n"
        let publicBuild = try Self.render(without: [], ["pages/internal.ja.md": staffPage])
        let staffBuild = try Self.render(without: [], ["pages/internal.ja.md": staffPage], audience: .staff)
        #expect(publicBuild.site?.keys.contains { $0.hasPrefix("en/internal/") || $0.hasPrefix("ja/internal/") } == false)
        let warning = try #require(publicBuild.report.diagnostics.first { $0.rule == "coverage.page-missing" })
        #expect(warning.severity == .warning && warning.message.contains("the staff build publishes its ja page"))
        let standIn = try Self.page(staffBuild, "en/internal/index.html")
        #expect(standIn.contains("<p class=\"translation-pending\">") && standIn.contains("<h1 lang=\"ja\">内線一覧</h1>"))
        #expect(try Self.page(staffBuild, "en/index.html").contains("lang=\"ja\">内線一覧</a>"))
    }
}

@Suite("Pages published before their translation, whole builds")
struct PendingTranslationCommandTests {
    @Test("with one English example removed from the shipped content, build exits 1 and writes nothing; with the option it exits 0, warns and links the Japanese page")
    func shippedContentWithoutOneTranslation() throws {
        let project = try InlineSite.shipped(removing: ["Content/examples/violence/counter.en.md"])
        let output = project.output

        let refused = try project.build()
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("counter.en.md:1:1: error: this response example has no en version: "))
        #expect(refused.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("site").path))

        let allowed = try project.build(allowMissingTranslations: true)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("counter.en.md:1:1: warning: this response example has no en version yet: ")
            && allowed.stderr.contains("[coverage.example-missing]"))
        let site = output.appendingPathComponent("site")
        let examples = try String(contentsOf: site.appendingPathComponent("en/examples/index.html"), encoding: .utf8)
        #expect(examples.contains("<a href=\"../../en/examples/violence/counter/index.html\" lang=\"ja\">"))
        let standIn = try String(contentsOf: site.appendingPathComponent("en/examples/violence/counter/index.html"), encoding: .utf8)
        #expect(standIn.contains("<html lang=\"en\">"))
        #expect(standIn.contains("<p class=\"translation-pending\">This page has not been translated into English yet. It is shown in Japanese.</p>"))
        #expect(standIn.contains("<div class=\"prose\" lang=\"ja\">"))
    }
}
