// Translation freshness: a translation's source-hash names the version of the Japanese page it was made from.

import HarigamiModel

enum FreshnessRules {
    /// The warning for `translation` of `source`, if its source-hash is missing or names another version.
    static func check(_ translation: Document, source: Document) -> Diagnostic? {
        let stamp = "`harigami translations stamp \(translation.path)`"
        guard let recorded = translation.sourceHash else {
            return .warning(translation.frontMatterLocation,
                            "this translation has no source-hash, so nobody can tell whether it still matches \(source.path): once it does, run \(stamp)",
                            rule: "translation.unstamped")
        }
        guard recorded.value != SourceHash.of(document: source) else { return nil }
        return .warning(recorded.location,
                        "stale translation: \(source.path) has changed since this translation was checked against it; update \(translation.path) to match, then run \(stamp)",
                        rule: "translation.stale")
    }
}
