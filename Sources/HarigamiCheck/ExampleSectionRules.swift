// Example sections: the `##` sections site.yml requires, in order, none empty, sample wording quoted.

import Foundation
import HarigamiModel

enum ExampleSectionRules {
    /// One `##` heading of an example and what follows it up to the next `##` or `#`.
    struct Section {
        var heading: String
        var level: Int
        var location: SourceLocation
        /// The required section it is, by its position in site.yml's example-sections.
        var required: Int?
        var hasContent: Bool
        var hasBlockQuote: Bool
    }

    struct Analysis {
        var sections: [Section]
        /// The sample-wording section is there and quotes what staff say.
        var hasWording: Bool
    }

    static func analyse(_ document: Document, context: CheckContext) -> Analysis {
        let required = context.site.exampleSections
        let requiredHeadings = context.requiredHeadings[document.language] ?? []
        let outline = context.rendered(document).outline
        var sections: [Section] = []
        for (index, item) in outline.enumerated() {
            guard case .heading(let level, let text) = item.kind, level <= 3 else { continue }
            let heading = normalised(text)
            let match = requiredHeadings.firstIndex { $0 == heading }
            // A ### heading only matters when it carries a required section's text (written one level too deep).
            if level == 3, match == nil { continue }
            var hasContent = false, hasBlockQuote = false
            for following in outline[(index + 1)...] {
                if case .heading(let next, _) = following.kind, next <= max(level, 2) { break }
                switch following.kind {
                case .heading, .container, .containerEnd: continue
                case .blockQuote: hasBlockQuote = true; hasContent = true
                default: hasContent = true
                }
            }
            sections.append(Section(heading: text, level: level, location: item.location, required: match,
                                    hasContent: hasContent, hasBlockQuote: hasBlockQuote))
        }
        let hasWording = sections.contains { section in
            section.level == 2 && section.required.map { required[$0].requiresWording } == true && section.hasBlockQuote
        }
        return Analysis(sections: sections, hasWording: hasWording)
    }

    /// Headings compare with runs of white space as one space.
    static func normalised(_ text: String) -> String {
        // Most headings hold no white space but single ASCII spaces, and are already as they compare.
        let bytes = text.utf8
        if !bytes.contains(where: { $0 >= 0x80 || ($0 < 0x20) }), bytes.first != 0x20, bytes.last != 0x20,
           !text.contains("  ") {
            return text
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// site.yml's required headings per language, normalised, in its order (nil where a language has none).
    static func requiredHeadings(_ site: Site) -> [String: [String?]] {
        Dictionary(uniqueKeysWithValues: site.languages.map { language in
            (language, site.exampleSections.map { $0.headings[language].map(normalised) })
        })
    }

    static func check(_ document: Document, context: CheckContext) -> [Diagnostic] {
        let required = context.site.exampleSections
        let language = document.language
        func heading(_ index: Int) -> String { "'## \(required[index].headings[language] ?? required[index].id)'" }
        let order = required.indices.map(heading).joined(separator: ", ")
        let analysis = analyse(document, context: context)
        var diagnostics: [Diagnostic] = []
        var firstOf: [Int: Section] = [:]
        var latest: Int?
        for section in analysis.sections {
            guard let index = section.required else { continue }
            if section.level != 2 {
                diagnostics.append(.error(section.location, "\(heading(index)) is a required section and must be a level-2 heading: write '## \(section.heading)'", rule: "example.section-level"))
            }
            if let first = firstOf[index] {
                diagnostics.append(.error(section.location, "the section \(heading(index)) appears twice (first on line \(first.location.line)); keep one", rule: "example.section-duplicate"))
                continue
            }
            firstOf[index] = section
            if let latest, index < latest {
                diagnostics.append(.error(section.location, "the section \(heading(index)) must come before \(heading(latest)); the order is \(order) (example-sections in site.yml)", rule: "example.section-order"))
            } else {
                latest = index
            }
            if !section.hasContent {
                diagnostics.append(.error(section.location, "the section \(heading(index)) is empty: write its text under the heading", rule: "example.section-empty"))
            } else if required[index].requiresWording, !section.hasBlockQuote {
                diagnostics.append(.error(section.location, "the section \(heading(index)) has no sample wording: quote what staff say as block quotes, each line starting with '> '", rule: "example.wording-missing"))
            }
        }
        for index in required.indices where firstOf[index] == nil {
            let placement: String
            let location: SourceLocation
            if let next = required.indices.dropFirst(index + 1).first(where: { firstOf[$0] != nil }), let section = firstOf[next] {
                location = section.location
                placement = "add it before \(heading(next))"
            } else {
                location = endOfBody(document)
                let previous = required.indices.prefix(index).last { firstOf[$0] != nil }
                placement = previous.map { "add it after the section \(heading($0))" } ?? "add it at the end of the page"
            }
            diagnostics.append(.error(location, "the required section \(heading(index)) is missing: \(placement), as a line '## \(required[index].headings[language] ?? required[index].id)' followed by its text", rule: "example.section-missing"))
        }
        return diagnostics
    }

    /// The last line of the file, where text missing at the end belongs.
    static func endOfBody(_ document: Document) -> SourceLocation {
        let lines = document.body.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        return SourceLocation(path: document.path, line: max(document.bodyLine + lines - 1, document.bodyLine - 1, 1), column: 1)
    }
}
