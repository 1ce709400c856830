// Coverage: every category has examples and its wording in every language; every page exists in every language.

import Foundation
import HarigamiModel

package enum CoverageRules {
    /// Pages every site has, in every language.
    static let requiredKeys = ["notice", "guideline"]

    static func check(_ context: CheckContext) -> [Diagnostic] {
        missingExamples(context) + missingTranslations(context) + missingCategoryWording(context)
    }

    /// A category with no public response example in any language (a warning when it has staff-only ones).
    static func missingExamples(_ context: CheckContext) -> [Diagnostic] {
        context.content.categories.compactMap { category in
            guard context.examplesByCategory[category.id] == nil, !context.hasTroubledFile(under: "examples/\(category.id)/") else { return nil }
            // Staff-only examples are in the staff handbook but leave the category empty on the public site: a gap
            // to fill, not a broken site.
            if context.content.documents.contains(where: { $0.kind.isExample && $0.key.hasPrefix("examples/\(category.id)/") }) {
                return .warning(category.location,
                                "the category '\(category.id)' has only staff-only response examples (audience: staff), so the public site lists none: write a public one with `harigami new example \(category.id) SLUG`",
                                rule: "coverage.category-staff-only")
            }
            return .error(category.location,
                          "the category '\(category.id)' has no response example: create one with `harigami new example \(category.id) SLUG`, where SLUG names the situation in lowercase letters, such as phone or counter",
                          rule: "coverage.category-empty")
        }
    }

    /// A page (example, notice, guideline, poster, further page) that one of the site's languages lacks.
    static func missingTranslations(_ context: CheckContext) -> [Diagnostic] {
        let content = context.content
        var keys: [PageKind] = [.notice, .guideline]
        var seen = Set(keys)
        for document in content.documents where seen.insert(document.kind).inserted { keys.append(document.kind) }
        var diagnostics: [Diagnostic] = []
        let languageCount = context.site.languages.count
        // Most pages have every language: only the others are looked at.
        for kind in keys where content.versionCount(key: kind.key) < languageCount {
            let existing = content.documents(key: kind.key)
            for language in context.site.languages where !existing.contains(where: { $0.language == language }) {
                let missing = context.path(CheckContext.relativeFile(key: kind.key, language: language))
                guard !context.troubledPaths.contains(missing) else { continue }
                let source = existing.first { $0.language == context.site.defaultLanguage } ?? existing.first
                let rule = kind.isExample ? "coverage.example-missing" : "coverage.page-missing"
                if context.allowsPendingTranslations, let source, isPending(kind: kind, language: language, source: source, site: context.site) {
                    diagnostics.append(.warning(SourceLocation(path: missing), pendingMessage(kind: kind, language: language, missing: missing, source: source),
                                                rule: rule))
                    continue
                }
                diagnostics.append(.error(SourceLocation(path: missing), message(kind: kind, language: language, missing: missing, source: source),
                                          rule: rule))
            }
        }
        return diagnostics
    }

    /// The pages a build with `--allow-missing-translations` publishes in a language they lack, as their page in the
    /// site's first language: a stand-in per missing version, with that language and the path of the missing file,
    /// beside the page it shows. Posters are left out: a poster prints in the language it is written in.
    package static func pendingTranslations(_ content: Content) -> [(standIn: Document, source: Document)] {
        let site = content.site
        let root = site.location.path.hasSuffix("site.yml") ? String(site.location.path.dropLast("site.yml".count)) : ""
        var pending: [(standIn: Document, source: Document)] = []
        for source in content.documents where source.language == site.defaultLanguage && content.versionCount(key: source.key) < site.languages.count {
            for language in site.languages where content.document(key: source.key, language: language) == nil
                && isPending(kind: source.kind, language: language, source: source, site: site) {
                var standIn = source
                standIn.language = language
                standIn.path = root + CheckContext.relativeFile(key: source.key, language: language)
                pending.append((standIn, source))
            }
        }
        return pending
    }

    /// Whether the missing `language` version of a page may be published as `source` for now.
    private static func isPending(kind: PageKind, language: String, source: Document, site: Site) -> Bool {
        if case .poster = kind { return false }
        return source.language == site.defaultLanguage && language != site.defaultLanguage
    }

    private static func describe(_ kind: PageKind) -> String {
        switch kind {
        case .notice: "the public notice"
        case .guideline: "the guideline"
        case .example: "this response example"
        case .poster: "this poster"
        case .page: "this page"
        }
    }

    private static func pendingMessage(kind: PageKind, language: String, missing: String, source: Document) -> String {
        let build = source.audience == .staff ? "the staff build publishes" : "this build publishes"
        return "\(describe(kind)) has no \(language) version yet: \(build) its \(source.language) page (\(source.path)) in the \(language) section for now, "
            + "with a notice that the translation is in preparation; create \(missing) with the \(language) translation (`harigami check` and builds without --allow-missing-translations refuse it until then)"
    }

    private static func message(kind: PageKind, language: String, missing: String, source: Document?) -> String {
        var text = "\(describe(kind)) has no \(language) version: create \(missing)"
        if let source {
            text += " with the \(language) translation of \(source.path)"
        } else {
            text += " (front matter with title and summary, then the text)"
        }
        if case .example(let category, let slug) = kind {
            text += "; `harigami new example \(category) \(slug)` creates it with the required sections"
        }
        return text
    }

    /// A category without its name, summary or poster label in one of the languages.
    static func missingCategoryWording(_ context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for category in context.content.categories {
            for language in context.site.languages {
                guard let text = category.texts[language] else {
                    diagnostics.append(.error(category.location,
                                              "the category '\(category.id)' has no \(language) wording: in categories.yml, add '\(language):' under it with 'name', 'summary' and 'poster-label'",
                                              rule: "coverage.category-text-missing"))
                    continue
                }
                let fields = [("name", text.name, "the name of the category"), ("summary", text.summary, "one sentence describing it"),
                              ("poster-label", text.posterLabel, "the short label shown on posters")]
                for (key, value, what) in fields where value.isBlank {
                    diagnostics.append(.error(category.location,
                                              "the category '\(category.id)' has no \(language) \(key): in categories.yml, write \(what) after '\(key):' under '\(language):'",
                                              rule: "coverage.category-text-missing"))
                }
            }
        }
        return diagnostics
    }

    static func table(_ context: CheckContext) -> CoverageTable {
        let rows = context.content.categories.map { category in
            var cells: [String: CoverageTable.Cell] = [:]
            for language in context.site.languages {
                let examples = context.examplesByCategory[category.id]?[language] ?? []
                let text = category.texts[language]
                cells[language] = CoverageTable.Cell(
                    examples: examples.count,
                    wording: examples.contains { ExampleSectionRules.analyse($0, context: context).hasWording },
                    name: !(text?.name.isBlank ?? true),
                    summary: !(text?.summary.isBlank ?? true),
                    posterLabel: !(text?.posterLabel.isBlank ?? true))
            }
            return CoverageTable.Row(category: category.id, names: category.texts.mapValues(\.name), cells: cells)
        }
        return CoverageTable(languages: context.site.languages, rows: rows)
    }
}

extension PageKind {
    var isExample: Bool {
        if case .example = self { return true }
        return false
    }
}
