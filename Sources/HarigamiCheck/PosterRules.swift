// Posters: sizes, the QR code's page, bubble categories, translations that share a sheet, and text that fits its box.

import Foundation
import HarigamiModel
import HarigamiPosterLayout

/// What the fit rules of the awareness posters and the notices read: the poster pages, the site (the names and contact
/// printed on each sheet) and the categories (the bubbles' labels). Two equal inputs lay out alike, so the preview
/// measures the sheets again only when one of these has changed.
public struct PosterFitInput: Sendable, Equatable {
    public let content: Content
    let posters: [Document]
    let categories: [Category]

    public init(_ content: Content) {
        self.content = content
        posters = content.posters
        categories = content.categoriesRead ? content.categories : []
    }

    public static func == (left: PosterFitInput, right: PosterFitInput) -> Bool {
        left.posters == right.posters && left.content.site == right.content.site && left.categories == right.categories
            && left.content.categoriesRead == right.content.categoriesRead
    }
}

public enum PosterRules {
    /// `fits` measures the sheets (`fit` and `NoticeRules.fit`): afresh unless the caller passes a runner of its own.
    public static func check(_ content: Content, fits: Batch<Void, PosterFitInput, [Diagnostic]> = .fresh) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let posters = content.posters.compactMap(PosterContent.init)
        for poster in posters {
            diagnostics += poster.problems
            diagnostics += sizes(poster)
            if poster.fields.kind == .card { continue }
            diagnostics += qr(poster, content: content)
            diagnostics += bubbleCategories(poster, content: content)
            if poster.fields.kind == .awareness { diagnostics += bubbleCount(poster) }
        }
        diagnostics += translations(posters, languages: content.site.languages)
        diagnostics += fits((), [PosterFitInput(content)]) { fit($0.content) + NoticeRules.fit($0.content) }[0]
        diagnostics += StaffCardRules.check(content)
        diagnostics += NoticeRules.check(posters, content: content)
        return diagnostics.sortedForReport()
    }

    // MARK: - Front matter

    /// The loader reports a size or orientation that is not one of the allowed; a size written twice is this rule's.
    static func sizes(_ poster: PosterContent) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: Set<PosterPaper> = []
        for size in poster.fields.sizes where !seen.insert(size.value).inserted {
            diagnostics.append(.error(size.location, "the size \(size.value.rawValue) is listed twice; keep one", rule: "poster.size"))
        }
        return diagnostics
    }

    /// The pages a QR code may lead to: public pages of the site in the poster's language.
    /// The pages every site has in every language, whatever its content.
    static let builtInTargets = ["notice", "examples", "posters"]

    static func qrTargets(_ content: Content, language: String) -> [String] {
        var keys = builtInTargets
        var seen = Set(keys)
        for document in content.documents where document.language == language && document.audience == .public && document.poster == nil {
            if seen.insert(document.key).inserted { keys.append(document.key) }
        }
        return keys
    }

    /// Whether a poster's QR code in `language` may lead to `key`: one of `qrTargets`, found without listing them all.
    static func isQRTarget(_ key: String, content: Content, language: String) -> Bool {
        if builtInTargets.contains(key) { return true }
        guard let page = content.document(key: key, language: language) else { return false }
        return page.audience == .public && page.poster == nil
    }

    static func qr(_ poster: PosterContent, content: Content) -> [Diagnostic] {
        guard let qr = poster.fields.qr else { return [] }
        let key = qr.value.trimmingCharacters(in: .whitespaces)
        let language = poster.document.language
        if key.hasPrefix("/") || key.contains("..") || key.contains("://") || key.contains("\\") || key.hasSuffix(".md") {
            return [.error(qr.location, "'qr: \(qr.value)' must name a page the way links between pages do, such as notice or pages/faq: no ../, no leading /, no address or file name", rule: "poster.qr")]
        }
        if isQRTarget(key, content: content, language: language) { return [] }
        let list = qrTargets(content, language: language).joined(separator: ", ")
        if let page = content.document(key: key, language: language), page.audience == .staff {
            return [.error(qr.location, "'qr: \(key)' is a staff-only page; the QR code on a poster must lead to a public page (\(list))", rule: "poster.qr")]
        }
        let file = Routes.folder(key: key) == nil || key == "coverage" ? "" : " (there is no \(key).\(language).md)"
        return [.error(qr.location, "'qr: \(key)' names no public page in \(language)\(file); choose one of \(list)", rule: "poster.qr")]
    }

    static func bubbleCategories(_ poster: PosterContent, content: Content) -> [Diagnostic] {
        guard content.categoriesRead else { return [] }
        let known = content.categories.map(\.id)
        return poster.fields.bubbles.filter { !known.contains($0.category.value) }.map { bubble in
            .error(bubble.category.location,
                   "the bubble's category '\(bubble.category.value)' is not in categories.yml; use one of \(known.isEmpty ? "(none yet)" : known.joined(separator: ", "))",
                   rule: "poster.bubble-category")
        }
    }

    static func bubbleCount(_ poster: PosterContent) -> [Diagnostic] {
        let room = PosterLayout(paper: .a4, orientation: poster.fields.orientation.value, languageCount: 1).maximumBubbles
        guard poster.fields.bubbles.count > room else { return [] }
        return [.error(poster.fields.bubbles[room].category.location,
                       "a poster has room for \(room) speech bubbles and this one has \(poster.fields.bubbles.count); remove this one and those after it",
                       rule: "poster.fit")]
    }

    /// The bilingual sheet prints the two languages' bubbles and behaviours side by side, so they must pair up.
    static func translations(_ posters: [PosterContent], languages: [String]) -> [Diagnostic] {
        guard languages.count > 1 else { return [] }
        var diagnostics: [Diagnostic] = []
        for first in posters where first.document.language == languages[0] {
            guard let second = posters.first(where: { $0.name == first.name && $0.document.language == languages[1] }) else { continue }
            let pair = "\(languages[0])-\(languages[1])"
            let firstFile = first.document.path
            if first.fields.orientation.value != second.fields.orientation.value {
                diagnostics.append(.error(second.fields.orientation.location,
                                          "this poster is \(second.fields.orientation.value.rawValue) but \(firstFile) is \(first.fields.orientation.value.rawValue); the \(pair) poster prints both on one sheet, so give both the same orientation",
                                          rule: "poster.translation"))
            }
            let firstSizes = first.fields.sizes.map(\.value.rawValue), secondSizes = second.fields.sizes.map(\.value.rawValue)
            if Set(firstSizes) != Set(secondSizes) {
                diagnostics.append(.warning(second.fields.sizes.first?.location ?? second.document.frontMatterLocation,
                                            "the sizes [\(secondSizes.joined(separator: ", "))] differ from [\(firstSizes.joined(separator: ", "))] in \(firstFile); the \(pair) poster is printed only in the sizes both list",
                                            rule: "poster.translation"))
            }
            let firstCategories = first.fields.bubbles.map(\.category.value), secondCategories = second.fields.bubbles.map(\.category.value)
            if firstCategories != secondCategories {
                let at = zip(first.fields.bubbles, second.fields.bubbles).first { $0.category.value != $1.category.value }?.1.category.location
                    ?? second.fields.bubbles.last?.category.location ?? second.document.frontMatterLocation
                diagnostics.append(.error(at,
                                          "the bubbles' categories (\(secondCategories.joined(separator: ", "))) differ from those in \(firstFile) (\(firstCategories.joined(separator: ", "))); the \(pair) poster pairs them in order, so list the same categories in the same order",
                                          rule: "poster.translation"))
            }
            if first.behaviours.count != second.behaviours.count, first.problems.isEmpty, second.problems.isEmpty {
                let at = second.behaviours.count > first.behaviours.count ? second.behaviours[first.behaviours.count].location
                    : (second.behaviours.last?.location ?? second.document.location(bodyLine: 1))
                diagnostics.append(.error(at,
                                          "this poster lists \(second.behaviours.count) behaviours and \(firstFile) lists \(first.behaviours.count); the \(pair) poster prints each under its translation, so list the same behaviours in the same order",
                                          rule: "poster.translation"))
            }
        }
        return diagnostics
    }

    // MARK: - Fit

    /// One text that is too long for its box, on every paper size where it is.
    struct Overflow: Hashable {
        var location: SourceLocation
        /// What it is, for the message: "the title", "the label of the bubble 'verbal-abuse'".
        var what: String
        var poster: String
        var languageTag: String
        var fix: String
    }

    /// Texts longer than their boxes. The layout is the one the renderer prints, so what passes here prints in full.
    static func fit(_ content: Content) -> [Diagnostic] {
        var found: [Overflow: (papers: [String], detail: String)] = [:]
        func report(_ overflow: Overflow, _ paper: String, _ detail: String) {
            var entry = found[overflow] ?? ([], detail)
            if !entry.papers.contains(paper) { entry.papers.append(paper) }
            found[overflow] = entry
        }
        for edition in PosterEdition.all(content) where edition.kind == .awareness {
            let layout = edition.layout
            for (index, poster) in edition.contents.enumerated() {
                let language = poster.document.language
                func check(_ text: Located<String>, _ slot: PosterTextSlot, what: String, fix: String, isAddress: Bool = false) {
                    let needed = slot.type.font.em(text.value)
                    let overflow = Overflow(location: text.location, what: what, poster: edition.name, languageTag: edition.languageTag, fix: fix)
                    let room = slot.lines > 1 ? " (\(slot.lines) lines of \(number(slot.lineCapacity)))" : ""
                    if needed > slot.capacity + 0.001 {
                        let over = needed - slot.capacity
                        report(overflow, edition.sizeName, "it needs the room of \(number(needed)) full-width characters and the box holds \(number(slot.capacity))\(room); "
                               + "shorten it by about \(Int(over.rounded(.up))) full-width characters (a Latin letter takes about half the room of one, a capital or a W more, an emoji a whole one)")
                        return
                    }
                    // Lines break between words and never before 、 or 。, so text that fits in total may still need a line more.
                    let lines = isAddress ? PosterLines.address(text.value, capacity: slot.lineCapacity, font: slot.type.font)
                        : PosterLines.balanced(text.value, capacity: slot.lineCapacity, font: slot.type.font)
                    if lines.count > slot.lines {
                        report(overflow, edition.sizeName, "it breaks into \(lines.count) lines (\(lines.map { "「\($0)」" }.joined())) and the box has \(slot.lines)\(room); "
                               + "shorten it or use shorter words")
                    }
                }
                let fields = poster.fields
                check(poster.title, layout.title[index], what: "the title", fix: "")
                check(fields.subtitle, layout.subtitle[index], what: "the subtitle", fix: "")
                check(fields.tagline, layout.tagline[index], what: "the tagline (the closing line)", fix: "")
                for (cell, bubble) in zip(layout.bubbles, fields.bubbles) {
                    check(bubble.text, cell.texts[index], what: "the text of the '\(bubble.category.value)' bubble", fix: "")
                    if let label = content.categoryList.category(id: bubble.category.value)?.texts[language]?.posterLabel, !label.isEmpty {
                        check(Located(label, at: bubble.category.location), cell.labels[index],
                              what: "the poster label of '\(bubble.category.value)' (\(label))", fix: " (shorten its poster-label for \(language) in categories.yml)")
                    }
                }
                let site = content.site
                let organisation = [site.organisation[language], site.contact.department[language]].compactMap { $0 }.joined(separator: " ")
                check(Located(organisation, at: site.location), layout.organisation[index],
                      what: "the organisation and department (\(organisation))", fix: " (shorten 'organisation' or 'contact: department' for \(language) in site.yml)")
                if index == 0 {
                    check(Located(site.contact.phone, at: site.location), layout.phone, what: "the phone number", fix: " ('contact: phone' in site.yml)")
                    check(Located(site.contact.email, at: site.location), layout.email, what: "the e-mail address", fix: " ('contact: email' in site.yml)")
                    if let qr = fields.qr, let url = Routes.url(key: qr.value, language: language, baseURL: site.baseURL) {
                        check(Located(url, at: qr.location), layout.url, what: "the address printed under the QR code (\(url))", fix: " (a shorter base-url in site.yml or another page)", isAddress: true)
                    }
                }
            }
            if let overflow = listOverflow(edition) { report(overflow.0, edition.sizeName, overflow.1) }
        }
        return found.map { overflow, entry in
            let sizes = entry.papers.joined(separator: ", ")
            return .error(overflow.location,
                          "poster '\(overflow.poster)': \(overflow.what) does not fit its box on the \(overflow.languageTag) poster (\(sizes))\(overflow.fix): \(entry.detail)",
                          rule: "poster.fit")
        }
    }

    /// The behaviours share one box; the first that does not fit in full is reported, with what the whole list needs.
    static func listOverflow(_ edition: PosterEdition) -> (Overflow, String)? {
        let slot = edition.layout.behaviours
        let count = edition.contents.map(\.behaviours.count).max() ?? 0
        guard count > 0 else { return nil }
        let items: [[String]] = (0..<count).map { item in
            edition.contents.map { $0.behaviours.indices.contains(item) ? $0.behaviours[item].value : "" }
        }
        let needed = slot.height(items: items)
        guard needed > slot.box.height + 0.001 else { return nil }
        var first = count - 1
        for end in 1...count where slot.height(items: Array(items.prefix(end))) > slot.box.height + 0.001 {
            first = end - 1
            break
        }
        let poster = edition.contents.first { $0.behaviours.indices.contains(first) } ?? edition.contents[0]
        let lineHeight = slot.types[0].lineHeight
        let perLine = edition.contents.indices.map { "\(number(slot.textWidth / slot.types[$0].fontSize))" }.joined(separator: " and ")
        let what = edition.isBilingual ? "the list of behaviours (with their translations), from this one on," : "the list of behaviours, from this one on,"
        let detail = "the list needs the height of \(number(needed / lineHeight)) lines and has room for \(number(slot.box.height / lineHeight)); "
            + "shorten or remove behaviours (a line holds \(perLine) full-width characters, and each behaviour starts a new line)"
        return (Overflow(location: poster.behaviours[first].location, what: what, poster: edition.name, languageTag: edition.languageTag, fix: ""), detail)
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
