// Translation freshness: a translation's source-hash names the version of the Japanese page it was made from.

enum FreshnessRules {
    static func check(_ context: CheckContext) -> [Diagnostic] {
        let defaultLanguage = context.site.defaultLanguage
        var diagnostics: [Diagnostic] = []
        for translation in context.content.documents where translation.language != defaultLanguage {
            guard let source = context.content.document(key: translation.key, language: defaultLanguage) else { continue }
            let current = context.sourceHashes[source.path] ?? SourceHash.of(body: source.body)
            let stamp = "`harigami translations stamp \(translation.path)`"
            guard let recorded = translation.sourceHash else {
                diagnostics.append(.warning(translation.frontMatterLocation,
                                            "this translation has no source-hash, so nobody can tell whether it still matches \(source.path): once it does, run \(stamp)",
                                            rule: "translation.unstamped"))
                continue
            }
            if recorded.value != current {
                diagnostics.append(.warning(recorded.location,
                                            "stale translation: \(source.path) has changed since this translation was checked against it; update \(translation.path) to match, then run \(stamp)",
                                            rule: "translation.stale"))
            }
        }
        return diagnostics
    }
}
