// The compiled template plans render byte for byte what swift-mustache renders: the shipped site, random templates.

import Foundation
import Testing
import Mustache
@testable import Harigami
@testable import HarigamiModel
@testable import HarigamiRender

@Suite("Template plans")
struct TemplatePlanTests {
    /// Builds with the plans, and with swift-mustache alone (the same templates with their plans taken away).
    static func buildBothWays(_ options: BuildOptions) -> (planned: RenderedBuild, mustache: RenderedBuild) {
        var withoutPlans = BuildSteps.fresh
        withoutPlans.loadTemplates = { directory, languages in
            var (templates, problems) = TemplateSet.load(directory: directory, languages: languages)
            templates?.plans = TemplatePlans(templates: [:])
            return (templates, problems)
        }
        return (Builder.render(options, steps: .fresh), Builder.render(options, steps: withoutPlans))
    }

    @Test("every shipped template is compiled into a plan")
    func shippedTemplatesArePlanned() throws {
        let templates = try #require(TemplateSet.load(directory: TestSupport.templates.path, languages: ["ja", "en"]).0)
        let names = try FileManager.default.subpathsOfDirectory(atPath: TestSupport.templates.path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(names.count >= TemplateSet.requiredTemplates.count + 3)
        for name in names { #expect(templates.plans.isPlanned(name), "\(name)") }
    }

    @Test("the shipped content builds to the same bytes with the plans as with swift-mustache alone, public and staff, with accessibility results",
          arguments: [Audience.public, .staff])
    func shippedSiteSameBytes(audience: Audience) throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = folder.appendingPathComponent("results.json")
        try AccessibilityPageTests.results(["ja/index.html", "en/index.html", "ja/guideline/index.html"], failing: ["en/index.html": 2])
            .write(to: results, atomically: true, encoding: .utf8)
        var options = BuildOptions()
        options.contentDirectory = TestSupport.shippedContent.path
        options.templatesDirectory = TestSupport.templates.path
        options.audience = audience
        options.accessibilityResults = results.path
        let (planned, mustache) = Self.buildBothWays(options)
        #expect(!planned.report.diagnostics.hasErrors, "\(planned.report.diagnostics)")
        let plannedSite = try #require(planned.site)
        let mustacheSite = try #require(mustache.site)
        #expect(plannedSite.count > 50)
        #expect(Set(plannedSite.keys) == Set(mustacheSite.keys))
        for (path, bytes) in plannedSite.sorted(by: { $0.key < $1.key }) {
            #expect(bytes == mustacheSite[path], "\(path)")
        }
    }

    @Test("the site's pages are rendered by their plans, not handed back to swift-mustache")
    func sitePagesTakeThePlans() throws {
        let templates = try #require(TemplateSet.load(directory: TestSupport.templates.path, languages: ["ja", "en"]).0)
        var page = TemplateLookupTests.page(updated: "2026-10-01", example: TemplateLookupTests.example)
        page.ui = templates.strings["ja"] ?? [:]
        page.accessibility = AccessibilityView(statement: "方針", scope: "範囲", policyDate: nil, policyDateText: nil, results: nil)
        for template in ["home", "article", "examples", "example", "posters", "coverage", "accessibility"] {
            let planned = try #require(templates.plans.render(page, template: template), "\(template)")
            #expect(planned == templates.renderWithoutPlans(page, template: template), "\(template)")
        }
        let root = RootView(lang: "ja", htmlTitle: "カスハラ対策", description: "説明", canonical: "https://x.test/", alternates: [], xDefault: "https://x.test/",
                            stylesheet: "assets/style.css", staff: false, languages: [
                                RootView.Language(lang: "ja", siteTitle: "対策", description: "説明", href: "ja/index.html", ui: templates.strings["ja"] ?? [:],
                                                  first: true, accessibilityHref: "ja/accessibility/index.html"),
                                RootView.Language(lang: "en", siteTitle: "Policy", description: "About", href: "en/index.html", ui: templates.strings["en"] ?? [:],
                                                  first: false, accessibilityHref: "en/accessibility/index.html"),
                            ])
        for template in ["language-root", "not-found"] {
            let planned = try #require(templates.plans.render(root, template: template), "\(template)")
            #expect(planned == templates.renderWithoutPlans(root, template: template), "\(template)")
        }
    }

    /// A library of the given templates, each read as TemplateSet reads it (Harigami's escaping selected first).
    static func library(_ sources: [String: String], pragma: Bool = true) throws -> (plans: TemplatePlans, library: MustacheLibrary) {
        HTMLEscaping.registered
        let templates = try sources.mapValues { try MustacheTemplate(string: (pragma ? HTMLEscaping.pragma : "") + $0) }
        return (TemplatePlans(templates: templates), MustacheLibrary(templates: templates))
    }

    static let contact = ContactView(department: "総務課", phone: "03", phoneHref: "tel:03", email: "a@x.test", hours: "平日")

    @Test("a template with what the plans leave to swift-mustache is not planned, nor one that includes it, and renders as swift-mustache does",
          arguments: [
            "{{uppercased(title)}}", "{{#reversed(nav)}}{{label}}{{/reversed(nav)}}", "{{>*title}}", "{{% CONTENT_TYPE: TEXT }}{{title}}",
            "{{^empty(nav)}}x{{/empty(nav)}}", "{{#nav}}{{index()}}{{/nav}}",
          ])
    func leftToMustache(source: String) throws {
        let (plans, library) = try Self.library(["t": source, "includes": "[{{> t}}]", "plain": "{{title}}"])
        #expect(!plans.isPlanned("t"))
        #expect(!plans.isPlanned("includes"))
        #expect(plans.isPlanned("plain"))
        let page = TemplateLookupTests.page(updated: nil, example: nil)
        let set = TemplateSet(library: library, plans: plans, strings: [:], assets: [:])
        #expect(set.render(page, template: "includes") == library.render(page, withTemplate: "includes"))
    }

    @Test("a view or a list printed by `{{name}}` is handed back to swift-mustache, which prints its description")
    func viewPrintedFallsBack() throws {
        let (plans, library) = try Self.library(["t": "{{contact}}|{{nav}}|{{ui}}", "set": "{{=<% %>=}}\n<%title%> {{x}}\n<%={{ }}=%>\n{{title}}"])
        let page = TemplateLookupTests.page(updated: nil, example: nil)
        #expect(plans.isPlanned("t"))
        #expect(plans.render(page, template: "t") == nil)
        let set = TemplateSet(library: library, plans: plans, strings: [:], assets: [:])
        #expect(set.render(page, template: "t") == library.render(page, withTemplate: "t"))
        #expect(set.render(page, template: "t").contains("ContactView"))
        // Changed delimiters are the parser's business: the plan is made from the tokens swift-mustache read.
        #expect(plans.render(page, template: "set") == library.render(page, withTemplate: "set"))
        #expect(plans.render(page, template: "set") == "対応例 {{x}}\n対応例")
    }
}
