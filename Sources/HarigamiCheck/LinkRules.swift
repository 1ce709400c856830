// Links and page anatomy: images have alt text, headings start at ## and skip no level.
// Whether internal links resolve (and never lead a public page to a staff page) is decided by the
// site's own link resolver while each page is rendered; its problems reach the report as `link.unresolved`.

import HarigamiModel
import HarigamiMarkdown

enum LinkRules {
    static func check(_ document: Document, context: CheckContext) -> [Diagnostic] {
        let rendered = context.rendered(document)
        let images = rendered.links.filter { $0.isImage && $0.text.isBlank }.map { image in
            Diagnostic.error(image.location,
                             "the image '\(image.url)' has no alt text: say what it shows between the brackets, like ![what the picture shows](\(image.url))",
                             rule: "image.alt-missing")
        }
        return images + headings(rendered.outline)
    }

    /// The page title (front matter `title`) is the page's `#` heading, so the body's headings start at `##`.
    static func headings(_ outline: [OutlineItem]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var previous = 1
        for item in outline {
            guard case .heading(let level, _) = item.kind else { continue }
            let marks = String(repeating: "#", count: level)
            if level == 1 {
                diagnostics.append(.error(item.location, "a '#' heading in the body: the page title (title: in the front matter) is the page's only level-1 heading; make this '##'", rule: "heading.level-1"))
            } else if level > previous + 1 {
                let expected = String(repeating: "#", count: previous + 1)
                let before = previous == 1 ? "the page title (#)" : "the heading before it (\(String(repeating: "#", count: previous)))"
                diagnostics.append(.error(item.location, "this '\(marks)' heading skips a level after \(before): make it '\(expected)'", rule: "heading.skipped-level"))
            }
            previous = level
        }
        return diagnostics
    }
}
