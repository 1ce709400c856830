// The `::: announcement` block: at most one a page, and in every language of the page or in none.

import HarigamiModel
import HarigamiMarkdown

enum AnnouncementRules {
    /// Where each `::: announcement` block of a rendering opens, in page order.
    static func blocks(_ rendered: RenderedMarkdown) -> [SourceLocation] {
        rendered.outline.compactMap { item in
            if case .container("announcement") = item.kind { return item.location }
            return nil
        }
    }

    /// A second block on one page: the staff build writes one announcement file per page and language.
    static func check(_ document: Document, rendered: RenderedMarkdown) -> [Diagnostic] {
        let found = blocks(rendered)
        guard found.count > 1 else { return [] }
        return found.dropFirst().map { location in
            .error(location, "this page has a '::: announcement' block already (line \(found[0].line)); a page has one announcement, the words the phone system speaks: merge the two",
                   rule: "announcement.duplicate")
        }
    }

    /// A translation that has an announcement its source lacks, or lacks the one its source has: the phone system would
    /// speak it in one language only. Reported at the block, or where the translation's body ends.
    static func compare(_ translation: Document, rendered: RenderedMarkdown, source: Document, sourceRendered: RenderedMarkdown) -> Diagnostic? {
        let mine = blocks(rendered), theirs = blocks(sourceRendered)
        if let there = theirs.first, mine.isEmpty {
            return .error(ExampleSectionRules.endOfBody(translation),
                          "this translation has no '::: announcement' block where \(source.path) has one (line \(there.line)): add the \(translation.language) words the phone system speaks between a line '::: announcement' and a line ':::'",
                          rule: "announcement.missing")
        }
        if let here = mine.first, theirs.isEmpty {
            return .error(here, "this '::: announcement' block has no counterpart in \(source.path): add the \(source.language) announcement there too, or remove this one",
                          rule: "announcement.missing")
        }
        return nil
    }
}
