// Notices: at most six statements, translations that share a sheet, and text that fits its box at every size.

import HarigamiModel
import HarigamiPosterLayout

enum NoticeRules {
    static func check(_ posters: [PosterContent], content: Content) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let room = NoticeLayout.maximumItems
        for poster in posters where poster.fields.kind == .notice && poster.fields.items.count > room {
            diagnostics.append(.error(poster.fields.items[room].location,
                                      "a notice has room for \(room) statements and this one has \(poster.fields.items.count); remove this one and those after it",
                                      rule: "poster.fit"))
        }
        // The loader names an empty title or lead; a new notice (`harigami new poster NAME --kind notice`) also
        // starts with an empty statement, named here.
        for poster in posters where poster.fields.kind == .notice {
            for (index, item) in poster.fields.items.enumerated() where item.value.isBlank {
                diagnostics.append(.error(item.location, "statement \(index + 1) of this notice is empty: write it, or remove its line from 'items:'", rule: "poster.empty"))
            }
        }
        diagnostics += translations(posters, languages: content.site.languages)
        return diagnostics
    }

    /// The bilingual sheet prints each statement over its translation, so both files must be notices with as many.
    static func translations(_ posters: [PosterContent], languages: [String]) -> [Diagnostic] {
        guard languages.count > 1 else { return [] }
        var diagnostics: [Diagnostic] = []
        for first in posters where first.document.language == languages[0] {
            guard let second = posters.first(where: { $0.name == first.name && $0.document.language == languages[1] }) else { continue }
            let pair = "\(languages[0])-\(languages[1])"
            if first.fields.kind != second.fields.kind {
                diagnostics.append(.error(second.document.frontMatterLocation,
                                          "this poster is of kind \(second.fields.kind.rawValue) but \(first.document.path) is \(first.fields.kind.rawValue); the \(pair) poster prints both on one sheet, so give both the same 'kind:'",
                                          rule: "poster.translation"))
                continue
            }
            guard first.fields.kind == .notice, first.fields.items.count != second.fields.items.count else { continue }
            let at = second.fields.items.count > first.fields.items.count ? second.fields.items[first.fields.items.count].location
                : (second.fields.items.last?.location ?? second.document.frontMatterLocation)
            diagnostics.append(.error(at,
                                      "this notice has \(second.fields.items.count) statements and \(first.document.path) has \(first.fields.items.count); the \(pair) notice prints each under its translation, so list the same statements in the same order",
                                      rule: "poster.translation"))
        }
        return diagnostics
    }

    /// Texts longer than their boxes, measured in the layout the renderer prints.
    static func fit(_ content: Content) -> [Diagnostic] {
        typealias Overflow = PosterRules.Overflow
        var found: [Overflow: (papers: [String], detail: String)] = [:]
        var order: [Overflow] = []
        func report(_ overflow: Overflow, _ paper: String, _ detail: String) {
            if found[overflow] == nil { order.append(overflow) }
            var entry = found[overflow] ?? ([], detail)
            if !entry.papers.contains(paper) { entry.papers.append(paper) }
            found[overflow] = entry
        }
        let site = content.site
        for edition in PosterEdition.all(content) where edition.kind == .notice {
            let layout = edition.noticeLayout
            for (index, poster) in edition.contents.enumerated() {
                let language = poster.document.language
                func check(_ text: Located<String>, _ slot: PosterTextSlot, what: String, fix: String = "", isAddress: Bool = false) {
                    let overflow = Overflow(location: text.location, what: what, poster: edition.name, languageTag: edition.languageTag, fix: fix)
                    let needed = slot.type.font.em(text.value)
                    let room = slot.lines > 1 ? " (\(slot.lines) lines of \(PosterRules.number(slot.lineCapacity)))" : ""
                    if needed > slot.capacity + 0.001 {
                        report(overflow, edition.sizeName, "it needs the room of \(PosterRules.number(needed)) full-width characters and the box holds \(PosterRules.number(slot.capacity))\(room); "
                               + "shorten it by about \(Int((needed - slot.capacity).rounded(.up))) full-width characters (a Latin letter takes about half the room of one)")
                        return
                    }
                    let lines = isAddress ? PosterLines.address(text.value, capacity: slot.lineCapacity, font: slot.type.font)
                        : PosterLines.balanced(text.value, capacity: slot.lineCapacity, font: slot.type.font)
                    if lines.count > slot.lines {
                        report(overflow, edition.sizeName, "it breaks into \(lines.count) lines (\(lines.map { "「\($0)」" }.joined())) and the box has \(slot.lines)\(room); shorten it or use shorter words")
                    }
                }
                check(poster.title, layout.title[index], what: "the title")
                check(poster.fields.lead, layout.lead[index], what: "the lead")
                let organisation = [site.organisation[language], site.contact.department[language]].compactMap { $0 }.joined(separator: " ")
                check(Located(organisation, at: site.location), layout.organisation[index], what: "the organisation and department (\(organisation))",
                      fix: " (shorten 'organisation' or 'contact: department' for \(language) in site.yml)")
                if index == 0 {
                    check(Located(site.contact.phone, at: site.location), layout.phone, what: "the phone number", fix: " ('contact: phone' in site.yml)")
                    check(Located(site.contact.email, at: site.location), layout.email, what: "the e-mail address", fix: " ('contact: email' in site.yml)")
                    if let qr = poster.fields.qr, let slot = layout.url, let url = Routes.url(key: qr.value, language: language, baseURL: site.baseURL) {
                        check(Located(url, at: qr.location), slot, what: "the address printed under the QR code (\(url))",
                              fix: " (a shorter base-url in site.yml or another page)", isAddress: true)
                    }
                }
            }
            if let overflow = itemsOverflow(edition, layout.items) { report(overflow.0, edition.sizeName, overflow.1) }
        }
        return order.map { overflow in
            let entry = found[overflow]!
            return .error(overflow.location,
                          "notice '\(overflow.poster)': \(overflow.what) does not fit its box on the \(overflow.languageTag) notice (\(entry.papers.joined(separator: ", ")))\(overflow.fix): \(entry.detail)",
                          rule: "poster.fit")
        }
    }

    /// The statements share one box; the first that no longer fits is reported, with what all of them need.
    static func itemsOverflow(_ edition: PosterEdition, _ slot: PosterListSlot) -> (PosterRules.Overflow, String)? {
        let count = edition.contents.map(\.fields.items.count).max() ?? 0
        guard count > 0 else { return nil }
        let items: [[String]] = (0..<count).map { item in
            edition.contents.map { $0.fields.items.indices.contains(item) ? $0.fields.items[item].value : "" }
        }
        let needed = slot.height(items: items)
        guard needed > slot.box.height + 0.001 else { return nil }
        let first = (1...count).first { slot.height(items: Array(items.prefix($0))) > slot.box.height + 0.001 }.map { $0 - 1 } ?? count - 1
        let poster = edition.contents.first { $0.fields.items.indices.contains(first) } ?? edition.contents[0]
        let lineHeight = slot.types[0].lineHeight
        let perLine = edition.contents.indices.map { PosterRules.number(slot.textWidth / slot.types[$0].fontSize) }.joined(separator: " and ")
        let detail = "the statements need the height of \(PosterRules.number(needed / lineHeight)) lines and have room for \(PosterRules.number(slot.box.height / lineHeight)); "
            + "shorten or remove statements (a line holds \(perLine) full-width characters, and each statement starts a new line)"
        return (PosterRules.Overflow(location: poster.fields.items[first].location, what: "the statements, from this one on,", poster: edition.name,
                                     languageTag: edition.languageTag, fix: ""), detail)
    }
}
