// The accessibility policy page of each language: the policy, then the automated test results or that they are pending.

import Foundation
import HarigamiModel

enum AccessibilityPage {
    static let key = "accessibility"
    /// The strings the page's Swift fills in (the template shows the rest): every language must have them.
    static let stringKeys = ["accessibility-title", "accessibility-description", "accessibility-statement", "accessibility-scope",
                             "accessibility-outcome-pass", "accessibility-outcome-fail", "accessibility-outcome-not-tested",
                             "accessibility-criterion-met", "accessibility-criterion-failed", "accessibility-criterion-manual",
                             "accessibility-summary", "accessibility-summary-untested"]
}

struct AccessibilityView: Equatable {
    var statement: String
    var scope: String
    var policyDate: String?
    var policyDateText: String?
    /// Nil while there are no results: the page says they are pending.
    var results: AccessibilityResultsView?
}

struct AccessibilityResultsView: Equatable {
    var date: String
    var dateText: String
    var summary: String
    var tools: [AccessibilityToolView]
    var pages: [AccessibilityPageRowView]
    var criteria: [AccessibilityCriterionView]
    /// Criteria the tools checked beyond the target's (later versions of WCAG), comma-separated; empty when none.
    var furtherCriteria: String
}

struct AccessibilityToolView: Equatable {
    var name: String
    var version: String
}

struct AccessibilityPageRowView: Equatable {
    /// The page's title where the site knows it, else its address.
    var label: String
    var labelLang: String?
    var href: String
    /// Relative to the site's folder, as the results name it; shown beneath the title when there is one.
    var path: String
    var titled: Bool
    /// `pass`, `fail` or `not-tested`.
    var outcome: String
    var outcomeText: String
    var failed: Bool
    /// The test date as the page writes it; nil for a page not tested. Named apart from the results' `dateText`: a
    /// template asking a row for a name it lacks reads the results'.
    var testedOn: String?
}

struct AccessibilityCriterionView: Equatable {
    var number: String
    var level: String
    /// `met`, `failed` or `manual`.
    var status: String
    var statusText: String
}

extension SiteRenderer {
    /// The accessibility page of each language, and the problems found setting the results against `sitePages`.
    func accessibilityPages(sitePages: [String], published: PublishedPages) -> (pages: [(String, ListPage)], problems: [Diagnostic]) {
        let accessibilityPaths = site.languages.compactMap { Routes.file(key: AccessibilityPage.key, language: $0) }
        let allPages = Array(Set(sitePages + accessibilityPaths)).sorted()
        // The results are of the public site: the staff build lists the tested pages it has, and does not warn about
        // its staff-only pages, which no public test sees.
        let compared = accessibilityResults?.rows(for: allPages, warn: audience == .public)
        let titles = pageTitles(published)
        var pages: [(String, ListPage)] = []
        for language in site.languages {
            let ui = templates.strings[language] ?? [:]
            let path = Routes.file(key: AccessibilityPage.key, language: language)!
            var view = pageView(key: AccessibilityPage.key, language: language, title: ui["accessibility-title"] ?? "",
                                description: ui["accessibility-description"] ?? "", body: "", ui: ui, published: published)
            let organisation = site.organisation[language] ?? ""
            let policyDate = site.accessibilityPolicyDate
            var accessibility = AccessibilityView(
                statement: fill(ui["accessibility-statement"], ["organisation": organisation]),
                scope: fill(ui["accessibility-scope"], ["site": site.title[language] ?? "", "address": site.baseURL]),
                policyDate: policyDate, policyDateText: policyDate.map { site.dates.display($0, language: language) })
            if let results = accessibilityResults, let compared {
                accessibility.results = resultsView(results, rows: compared.rows, language: language, from: path, titles: titles, ui: ui)
            }
            view.accessibility = accessibility
            pages.append((language, listPage(view, template: "accessibility", path: path)))
        }
        return (pages, compared?.problems ?? [])
    }

    func resultsView(_ results: AccessibilityResults, rows: [AccessibilityResults.Row], language: String, from path: String,
                     titles: [String: (title: String, language: String)], ui: [String: String]) -> AccessibilityResultsView {
        let dateText = site.dates.display(results.date, language: language)
        let tested = rows.compactMap(\.result)
        let pageRows = rows.map { row in
            let title = titles[row.path]
            let outcome = row.result.map { $0.passed ? "pass" : "fail" } ?? "not-tested"
            let outcomeText = switch outcome {
            case "pass": ui["accessibility-outcome-pass"] ?? ""
            case "fail": fill(ui["accessibility-outcome-fail"], ["count": String(row.result?.findings ?? 0)])
            default: ui["accessibility-outcome-not-tested"] ?? ""
            }
            return AccessibilityPageRowView(label: title?.title ?? row.path, labelLang: title.flatMap { $0.language == language ? nil : $0.language },
                                            href: Routes.relative(from: path, to: row.path), path: row.path, titled: title != nil, outcome: outcome,
                                            outcomeText: outcomeText, failed: outcome != "pass", testedOn: row.result == nil ? nil : dateText)
        }
        let target = Set(AccessibilityResults.targetCriteria.map(\.number))
        let criteria = AccessibilityResults.targetCriteria.map { criterion in
            let checked = tested.count { $0.criteria.contains(criterion.number) }
            let failed = tested.count { $0.failedCriteria.contains(criterion.number) }
            let (status, text) = failed > 0 ? ("failed", fill(ui["accessibility-criterion-failed"], ["count": String(failed)]))
                : checked > 0 ? ("met", fill(ui["accessibility-criterion-met"], ["count": String(checked)]))
                : ("manual", ui["accessibility-criterion-manual"] ?? "")
            return AccessibilityCriterionView(number: criterion.number, level: criterion.level.rawValue, status: status, statusText: text)
        }
        let further = Set(tested.flatMap(\.criteria)).subtracting(target).sorted(by: AccessibilityResults.criterionOrder)
        let untested = rows.count - tested.count
        var summary = fill(ui["accessibility-summary"], ["pages": String(tested.count), "passed": String(tested.count { $0.passed })])
        if untested > 0 { summary += fill(ui["accessibility-summary-untested"], ["count": String(untested)]) }
        return AccessibilityResultsView(date: results.date, dateText: dateText, summary: summary,
                                        tools: results.tools.map { AccessibilityToolView(name: $0.name, version: $0.version) },
                                        pages: pageRows, criteria: criteria, furtherCriteria: further.joined(separator: ui["list-separator"] ?? ", "))
    }

    /// The title of each page this build makes, by its file, with the title's language: the results table names
    /// pages by them. Poster files and the bilingual root pages have none; the table shows their addresses.
    func pageTitles(_ published: PublishedPages) -> [String: (title: String, language: String)] {
        var titles: [String: (title: String, language: String)] = [:]
        for document in published.documents {
            guard let path = Routes.file(key: document.key, language: document.language) else { continue }
            titles[path] = (document.title.value, contentLanguage(of: document) ?? document.language)
        }
        for language in site.languages {
            let ui = templates.strings[language] ?? [:]
            for (key, string) in [("examples", "examples-title"), ("posters", "posters-title"), ("coverage", "coverage-title"),
                                  (AccessibilityPage.key, "accessibility-title")] where published.has(key, in: language) {
                if let path = Routes.file(key: key, language: language), let title = ui[string] { titles[path] = (title, language) }
            }
        }
        return titles
    }
}
