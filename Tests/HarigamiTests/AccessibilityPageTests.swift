// The accessibility policy page: the policy, the automated test results (build --accessibility-results), the footer link.

import Foundation
import Testing
@testable import Harigami
@testable import HarigamiModel

@Suite("Accessibility policy page")
struct AccessibilityPageTests {
    /// `harigami build` of `site` with `--accessibility-results results` (a path in the site's folder) when given.
    static func build(_ site: InlineSite, results: String? = nil, audience: Audience = .public) throws -> InlineSite.Run {
        var options = site.options(audience: audience)
        options.accessibilityResults = results.map { site.url($0).path }
        let (output, report) = TestSupport.build(options)
        return try InlineSite.Run(output, diagnostics: report?.diagnostics ?? [], in: site)
    }

    static func text(_ run: InlineSite.Run, _ path: String) throws -> String {
        String(decoding: try #require(run.files[path], "\(path) was not written"), as: UTF8.self)
    }

    /// The HTML files of a build's site folder, relative to it.
    static func sitePages(_ run: InlineSite.Run, folder: String = "site") -> [String] {
        run.files.keys.filter { $0.hasPrefix(folder + "/") && $0.hasSuffix(".html") }.map { String($0.dropFirst(folder.count + 1)) }.sorted()
    }

    /// A results file for `pages`: each passes with 1.1.1 and 4.1.1 checked, except those in `failing` (findings by path).
    static func results(_ pages: [String], failing: [String: Int] = [:]) -> String {
        let entries = pages.map { path in
            let findings = failing[path] ?? 0
            return """
                    {"path": "\(path)", "outcome": "\(findings == 0 ? "pass" : "fail")", "findings": \(findings), "criteria": ["1.1.1", "1.4.10", "4.1.1"], "failed-criteria": [\(findings == 0 ? "" : "\"1.1.1\"")]}
                """
        }
        return """
            {
              "format": "harigami-accessibility-results",
              "version": 1,
              "date": "2026-11-20",
              "tools": [{"name": "Nu Html Checker", "version": "25.11.7"}, {"name": "axe-core", "version": "4.11.0"}, {"name": "Chromium", "version": "142.0.7444.59"}],
              "pages": [
            \(entries.joined(separator: ",\n"))
              ]
            }

            """
    }

    @Test("without results, each language's page states the policy with the organisation's name and says the results are pending")
    func pending() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        let run = try Self.build(site)
        #expect(run.status == 0, "\(run.stderr)")
        let japanese = try Self.text(run, "site/ja/accessibility/index.html")
        #expect(japanese.contains("<title>ウェブアクセシビリティ方針｜インライン町 カスタマーハラスメント対策</title>"))
        #expect(japanese.contains("<p>インライン町は、高齢の方や障害のある方を含め、"))
        #expect(japanese.contains("<dd>JIS X 8341-3:2016 の適合レベルAAに準拠することを目標とします。</dd>"))
        #expect(japanese.contains("<dd>インライン町 カスタマーハラスメント対策（https://www.town-inline.test/）のすべてのページ</dd>"))
        #expect(japanese.contains(#"<p class="accessibility-pending">試験の結果は準備中です。"#))
        #expect(!japanese.contains("<table"))
        let english = try Self.text(run, "site/en/accessibility/index.html")
        #expect(english.contains("<h1>Accessibility policy</h1>"))
        #expect(english.contains("<p>Inline Town works to make this website easy for everyone to use,"))
        #expect(english.contains(#"<p class="accessibility-pending">The test results are pending."#))
        #expect(run.diagnostics.filter { $0.contains("accessibility") }.isEmpty)
    }

    @Test("the policy date of site.yml is shown in the era the site uses, with the ISO date in datetime")
    func policyDate() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        try site.edit("Content/site.yml", "languages: [ja, en]\n", "languages: [ja, en]\ndates: japanese-era\naccessibility-policy-date: 2026-10-01\n")
        let run = try Self.build(site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.text(run, "site/ja/accessibility/index.html").contains(#"<div><dt>策定日</dt><dd><time datetime="2026-10-01">令和8年10月1日</time></dd></div>"#))
        #expect(try Self.text(run, "site/en/accessibility/index.html").contains(#"<div><dt>Adopted</dt><dd><time datetime="2026-10-01">2026-10-01</time></dd></div>"#))
    }

    @Test("with results, each language's page lists every page of the site with its date and outcome, the tools with their versions, and each target criterion")
    func withResults() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        let pages = Self.sitePages(try Self.build(site))
        #expect(pages.contains("ja/accessibility/index.html") && pages.contains("en/examples/time-binding/phone/index.html") && pages.contains("404.html"))
        try site.write("results.json", Self.results(pages, failing: ["en/guideline/index.html": 2]))
        let run = try Self.build(site, results: "results.json")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.diagnostics.filter { $0.contains("accessibility") }.isEmpty)
        #expect(Self.sitePages(run) == pages)
        for language in ["ja", "en"] {
            let page = try Self.text(run, "site/\(language)/accessibility/index.html")
            for path in pages {
                let outcome = path == "en/guideline/index.html" ? "fail" : "pass"
                #expect(page.contains(#"<tr data-page="\#(path)" data-outcome="\#(outcome)">"#), "\(language): \(path)")
            }
            #expect(page.components(separatedBy: "<tr data-page=").count - 1 == pages.count)
            for tool in ["Nu Html Checker 25.11.7", "axe-core 4.11.0", "Chromium 142.0.7444.59"] {
                #expect(page.contains("<li>\(tool)</li>"), "\(language): \(tool)")
            }
            #expect(page.components(separatedBy: #"<tr data-criterion="#).count - 1 == AccessibilityResults.targetCriteria.count)
        }
        let japanese = try Self.text(run, "site/ja/accessibility/index.html")
        #expect(japanese.contains(#"<div><dt>試験日</dt><dd><time datetime="2026-11-20">2026-11-20</time></dd></div>"#))
        #expect(japanese.contains("<p>\(pages.count)ページを自動試験し、そのうち\(pages.count - 1)ページでは問題が見つかりませんでした。</p>"))
        #expect(japanese.contains(#"<tr data-page="en/guideline/index.html" data-outcome="fail"><th scope="row"><a href="../../en/guideline/index.html" lang="en">Staff guideline</a><br><code class="accessibility-path">en/guideline/index.html</code></th><td class="accessibility-date">2026-11-20</td><td class="accessibility-outcome fail">問題あり（2件）</td></tr>"#))
        #expect(japanese.contains(#"<tr data-page="ja/index.html" data-outcome="pass"><th scope="row"><a href="../../ja/index.html">お客様へのお願い</a><br><code class="accessibility-path">ja/index.html</code></th><td class="accessibility-date">2026-11-20</td><td class="accessibility-outcome">問題なし</td></tr>"#))
        // The bilingual root pages have no title of one language: their address is their name.
        #expect(japanese.contains(#"<tr data-page="index.html" data-outcome="pass"><th scope="row"><a href="../../index.html">index.html</a></th>"#))
        #expect(japanese.contains(#"<tr data-criterion="1.1.1" data-status="failed"><th scope="row">1.1.1</th><td>A</td><td class="failed">自動試験で問題あり（1ページ）</td></tr>"#))
        #expect(japanese.contains(#"<tr data-criterion="4.1.1" data-status="met"><th scope="row">4.1.1</th><td>A</td><td class="met">自動試験で問題なし（\#(pages.count)ページで確認）</td></tr>"#))
        #expect(japanese.contains(#"<tr data-criterion="1.4.3" data-status="manual"><th scope="row">1.4.3</th><td>AA</td><td class="manual">自動試験の対象外（人による確認が必要）</td></tr>"#))
        #expect(japanese.contains("自動試験で確かめられるのは達成基準の一部に限られ、残りの達成基準は人による確認が必要です。"))
        #expect(japanese.contains("WCAGに加わった次の達成基準も自動試験で確認しました：1.4.10</p>"))
        let english = try Self.text(run, "site/en/accessibility/index.html")
        #expect(english.contains(#"<td class="accessibility-outcome fail">Problems found (2)</td>"#))
        #expect(english.contains(#"<a href="../../ja/index.html" lang="ja">お客様へのお願い</a>"#))
    }

    @Test("a page the results name that the site no longer has is left out, and a page they lack is listed as not tested, each with a warning")
    func resultsAndSiteDiffer() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        let pages = Self.sitePages(try Self.build(site))
        let tested = pages.filter { $0 != "en/guideline/index.html" } + ["ja/faq/index.html"]
        try site.write("results.json", Self.results(tested))
        let run = try Self.build(site, results: "results.json")
        #expect(run.status == 0, "\(run.stderr)")
        let line = 1 + Self.results(tested).split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("ja/faq/index.html") }!
        #expect(run.diagnostics.filter { $0.contains("[accessibility.") } == [
            "results.json:6:12: warning: the site's page en/guideline/index.html is not in these results (it is new since the test run, or the run left it out): the accessibility page lists it as not tested; run the acceptance test again to test it [accessibility.not-tested]",
            "results.json:\(line):5: warning: the results name ja/faq/index.html, which the site no longer has: the accessibility page leaves it out; run the acceptance test again for results of the site as it is [accessibility.stale-page]",
        ])
        let japanese = try Self.text(run, "site/ja/accessibility/index.html")
        #expect(japanese.contains(#"<tr data-page="en/guideline/index.html" data-outcome="not-tested"><th scope="row"><a href="../../en/guideline/index.html" lang="en">Staff guideline</a><br><code class="accessibility-path">en/guideline/index.html</code></th><td class="accessibility-date">–</td><td class="accessibility-outcome not-tested">未試験</td></tr>"#))
        #expect(!japanese.contains("ja/faq/index.html"))
        #expect(japanese.contains("このほか1ページは、まだ試験していません。"))
        // The results are of the public site: the staff build lists the tested pages it has, and its staff-only pages,
        // which no public test sees, are neither listed nor warned about.
        let staff = try Self.build(site, results: "results.json", audience: .staff)
        #expect(staff.status == 0, "\(staff.stderr)")
        #expect(staff.diagnostics.filter { $0.contains("[accessibility.") }.isEmpty)
        let staffPage = try Self.text(staff, "staff/ja/accessibility/index.html")
        #expect(staffPage.contains(#"<tr data-page="ja/index.html" data-outcome="pass">"#))
        #expect(staff.files["staff/ja/coverage/index.html"] != nil)
        for path in ["ja/coverage/index.html", "en/guideline/index.html", "ja/faq/index.html"] {
            #expect(!staffPage.contains(#"<tr data-page="\#(path)""#), "\(path)")
        }
    }

    @Test("a results file that is not JSON is an error at its line and column naming the file, and nothing is written")
    func notJSON() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        try site.write("results.json", "{\n  \"format\": \"harigami-accessibility-results\",\n  \"version\": 1,\n  \"date\": 2026-11-20\n}\n")
        let run = try Self.build(site, results: "results.json")
        #expect(run.status == 1)
        let errors = run.diagnostics.filter { $0.contains(": error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("results.json:4:15: error: the accessibility results are not JSON (") == true, "\(errors)")
        #expect(errors.first?.hasSuffix("); give the file that Scripts/acceptance/site.py --results writes [accessibility.results]") == true)
        #expect(run.stderr.hasSuffix("nothing was written\n"), "\(run.stderr)")
        #expect(run.files.isEmpty)
    }

    @Test("a JSON file that is not the results format is an error at each value that is wrong, and nothing is written")
    func notTheFormat() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        try site.write("results.json", """
            {
              "format": "lighthouse",
              "version": 2,
              "date": "2026-11-31",
              "tools": [{"name": "axe-core"}],
              "pages": [
                {"path": "/ja/index.html", "outcome": "ok", "findings": true, "criteria": ["wcag111"], "failed-criteria": [], "score": 1}
              ]
            }

            """)
        let run = try Self.build(site, results: "results.json")
        #expect(run.status == 1)
        #expect(run.diagnostics.filter { $0.contains(": error: ") } == [
            #"results.json:2:13: error: 'format' must be "harigami-accessibility-results": this is not a file of accessibility results [accessibility.results]"#,
            "results.json:3:14: error: this Harigami reads version 1 of the accessibility results, not 2; run the acceptance test of this version to write them [accessibility.results]",
            "results.json:4:11: error: 'date' must be the day of the test run, written YYYY-MM-DD, such as 2026-10-01 [accessibility.results]",
            "results.json:5:13: error: each tool has no 'version' [accessibility.results]",
            "results.json:7:14: error: 'path' must name an HTML file of the site relative to its folder, such as ja/index.html [accessibility.results]",
            #"results.json:7:43: error: 'outcome' must be "pass" or "fail", not "ok" [accessibility.results]"#,
            "results.json:7:61: error: 'findings' must be a whole number, 0 or more [accessibility.results]",
            #"results.json:7:80: error: each entry of 'criteria' must be a WCAG success criterion's number, such as "1.4.3" [accessibility.results]"#,
            "results.json:7:115: error: unknown key 'score' in each page; expected one of 'path', 'outcome', 'findings', 'criteria', 'failed-criteria' [accessibility.results]",
        ])
        #expect(run.files.isEmpty)
    }

    @Test("a results file that is not there leaves the page pending, with a warning naming it")
    func missingFile() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        let run = try Self.build(site, results: "Output/accessibility-results.json")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.diagnostics.filter { $0.contains("[accessibility.") } == [
            "Output/accessibility-results.json:1:1: warning: there is no such file of accessibility results: the accessibility page says the results are pending; Scripts/acceptance/site.py --results writes it [accessibility.results]",
        ])
        #expect(try Self.text(run, "site/ja/accessibility/index.html").contains(#"<p class="accessibility-pending">"#))
    }

    @Test("every page's footer links the accessibility page of its language (the bilingual root pages, of each), in the public and the staff build")
    func footerLink() throws {
        let site = try InlineSite(InlineSiteTests.smallSite)
        for (audience, folder) in [(Audience.public, "site"), (.staff, "staff")] {
            let run = try Self.build(site, audience: audience)
            #expect(run.status == 0, "\(run.stderr)")
            let pages = Self.sitePages(run, folder: folder).filter { $0.hasPrefix("ja/") || $0.hasPrefix("en/") }
            #expect(pages.count >= 10)
            if audience == .staff { #expect(pages.contains("ja/coverage/index.html")) }
            for path in pages {
                let language = String(path.prefix(2))
                let title = language == "ja" ? "ウェブアクセシビリティ方針" : "Accessibility policy"
                let link = #"<p class="footer-links"><a href="\#(Routes.relative(from: path, to: "\(language)/accessibility/index.html"))">\#(title)</a></p>"#
                #expect(try Self.text(run, "\(folder)/\(path)").contains(link), "\(folder)/\(path)")
            }
            // The bilingual root pages link the page in every language; 404.html by full address, as it is served anywhere.
            #expect(try Self.text(run, "\(folder)/index.html").contains(#"<p class="footer-links"><a href="ja/accessibility/index.html" lang="ja" hreflang="ja">ウェブアクセシビリティ方針</a>\#n<a href="en/accessibility/index.html" lang="en" hreflang="en">Accessibility policy</a>\#n</p>"#))
            #expect(try Self.text(run, "\(folder)/404.html").contains(#"<a href="https://www.town-inline.test/en/accessibility/" lang="en" hreflang="en">Accessibility policy</a>"#))
        }
    }
}
