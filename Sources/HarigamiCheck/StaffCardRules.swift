// The staff card: the section it reads exists, and every category's lines fit its row, reported at the example's line.

import HarigamiModel
import HarigamiPosterLayout

enum StaffCardRules {
    static func check(_ content: Content) -> [Diagnostic] {
        let cards = content.posters.compactMap(PosterContent.init).filter { $0.fields.kind == .card }
        guard let any = cards.first else { return [] }
        let first = cards.first { $0.document.language == content.site.defaultLanguage } ?? any
        var diagnostics: [Diagnostic] = []
        if !content.site.exampleSections.contains(where: { $0.id == StaffCard.escalationSectionID }) {
            diagnostics.append(.error(content.site.location,
                                      "the staff card (\(first.document.path)) prints when to hand over from each example's section with id '\(StaffCard.escalationSectionID)', and example-sections in site.yml has none; add it, or remove the card",
                                      rule: "poster.card"))
        }
        let room = StaffCardLayout.maximumRows()
        if content.categories.count > room {
            for card in cards {
                diagnostics.append(.error(card.document.frontMatterLocation,
                                          "the staff card has room for \(room) categories and categories.yml has \(content.categories.count); larger paper does not help, as the card is scaled to it: remove the card, or keep fewer categories",
                                          rule: "poster.fit"))
            }
            return diagnostics
        }
        return diagnostics + fit(cards, content: content)
    }

    /// One text too long for its slot, on every paper where it is.
    struct Overflow: Hashable {
        var location: SourceLocation
        var what: String
        var card: String
        var language: String
        var fix: String
        /// "its box", or "its row" for a category's texts.
        var room: String
    }

    /// Texts longer than their slots: the layout is the one the renderer prints, so what passes here prints in full.
    static func fit(_ cards: [PosterContent], content: Content) -> [Diagnostic] {
        var found: [Overflow: (papers: [PosterPaper], detail: String)] = [:]
        var order: [Overflow] = []
        for edition in PosterEdition.all(content) where edition.kind == .card {
            let card = edition.contents[0]
            let language = card.document.language
            let entries = StaffCard.entries(content, language: language)
            let layout = StaffCardLayout(paper: edition.paper, entries: entries)
            // Rows that do not fit have each an equal share of the table: the rows that need more are the ones named.
            let share = layout.fits ? "" : " when the \(entries.count) categories share the card equally"
            func check(_ text: Located<String>, _ slot: PosterTextSlot, what: String, fix: String, room: String = "its box", share: String = "") {
                let lines = StaffCard.lines(text.value, in: slot)
                guard lines.count > slot.lines else { return }
                let overflow = Overflow(location: text.location, what: what, card: edition.name, language: language, fix: fix, room: room)
                if found[overflow] == nil {
                    order.append(overflow)
                    found[overflow] = ([], "it breaks into \(lines.count) lines and its box holds \(slot.lines) of about \(PosterRules.number(slot.lineCapacity)) full-width characters each\(share)")
                }
                if found[overflow]?.papers.contains(edition.paper) == false { found[overflow]?.papers.append(edition.paper) }
            }
            check(card.title, layout.title, what: "the title", fix: "shorten it")
            check(card.fields.subtitle, layout.subtitle, what: "the subtitle", fix: "shorten it")
            check(card.fields.tagline, layout.tagline, what: "the tagline (the closing line)", fix: "shorten it")
            for (entry, row) in zip(entries, layout.rows) {
                let category = "'\(entry.category)' (\(entry.name.value))"
                check(entry.name, row.name, what: "the name of the category \(category)", fix: "shorten its \(language) name in categories.yml", room: "its row", share: share)
                if let say = entry.say {
                    check(say, row.say, what: "what to say first for the category \(category), the first quotation of this example's sample wording,",
                          fix: "shorten this quotation, or put a shorter one first", room: "its row", share: share)
                }
                if let handOver = entry.handOver {
                    check(handOver, row.handOver, what: "when to hand over for the category \(category), the first item of this example's escalation section,",
                          fix: "shorten this item, or put a shorter one about handing over first", room: "its row", share: share)
                }
            }
        }
        return order.map { overflow in
            let entry = found[overflow]!
            let sizes = entry.papers.map(\.rawValue).joined(separator: ", ")
            return .error(overflow.location,
                          "staff card '\(overflow.card)': \(overflow.what) does not fit \(overflow.room) on the \(overflow.language) card (\(sizes)): \(entry.detail); \(overflow.fix)",
                          rule: "poster.fit")
        }
    }
}
