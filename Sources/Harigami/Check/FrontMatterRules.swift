// Front matter that refers to other content: categories named by poster bubbles exist.
// (Required keys, types, unknown keys and duplicate ids are reported while loading, where their positions are known.)

enum FrontMatterRules {
    static func check(_ context: CheckContext) -> [Diagnostic] {
        let known = context.content.categories.map(\.id)
        var diagnostics: [Diagnostic] = []
        for poster in context.content.posters {
            for bubble in poster.poster?.bubbles ?? [] where !known.contains(bubble.category.value) {
                let list = known.isEmpty ? "none yet" : known.joined(separator: ", ")
                diagnostics.append(.error(bubble.category.location,
                                          "the bubble's category '\(bubble.category.value)' is not in categories.yml (it has \(list)): use one of those, or add it with `harigami new category \(bubble.category.value)`",
                                          rule: "frontmatter.unknown-category"))
            }
        }
        return diagnostics
    }
}
