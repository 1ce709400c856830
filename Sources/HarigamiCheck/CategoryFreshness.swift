// The wording of each category in categories.yml: a translation's source-hash, checked as pages' are.

import Foundation
import HarigamiModel

enum CategoryFreshness {
    /// A warning for each category whose translation does not record the current default-language wording.
    static func check(_ content: Content) -> [Diagnostic] {
        let site = content.site
        let stamp = "`harigami translations stamp \(site.location.path.dropLast("site.yml".count))categories.yml`"
        var problems: [Diagnostic] = []
        for category in content.categories {
            guard let source = category.texts[site.defaultLanguage] else { continue }
            for language in site.languages.dropFirst() {
                // Wording still to be written is reported by the coverage rules, not as unstamped.
                guard let text = category.texts[language], !text.name.isEmpty else { continue }
                guard let recorded = text.sourceHash else {
                    problems.append(.warning(category.location,
                                             "the \(language) wording of category '\(category.id)' has no source-hash, so nobody can tell whether it still matches the \(site.defaultLanguage) wording: once it does, run \(stamp)",
                                             rule: "translation.unstamped"))
                    continue
                }
                guard recorded.value != SourceHash.of(category: source) else { continue }
                problems.append(.warning(recorded.location,
                                         "stale translation: the \(site.defaultLanguage) wording of category '\(category.id)' has changed since its \(language) wording was checked against it; update the \(language) name, summary, poster-label, signs and response to match, then run \(stamp)",
                                         rule: "translation.stale"))
            }
        }
        return problems
    }
}
