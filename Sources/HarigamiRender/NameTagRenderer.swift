// Content/nametags.yml → the staff build's name-tag sheets: one file per language, one A4 page per ten people.

import Foundation
import HarigamiModel
import HarigamiPosterLayout

public struct NameTagBuild: Sendable {
    /// Path in the site (`nametags/nametags.ja.A4.html`) → bytes.
    public var files: [String: Data]
    /// For the staff posters page, keyed by `SiteRenderer.posterFilesKey(posterKey: "nametags", …)`.
    public var links: [String: [SiteRenderer.PosterFileLink]]
    /// Every sheet file, as `build --pdf` prints it: one A4 page per ten people.
    public var printed: [PrintedDocument] = []
}

public struct NameTagRenderer: Sendable {
    public var nameTags: NameTags
    public var site: Site
    public var templates: TemplateSet
    /// A folder of its own beside `posters/`: `Output/posters` may lead to the staff build's posters, and the name
    /// tags must never be reachable from there.
    public static let siteFolder = "nametags"
    public static let posterKey = "nametags"

    public init(nameTags: NameTags, site: Site, templates: TemplateSet) {
        self.nameTags = nameTags
        self.site = site
        self.templates = templates
    }

    /// `nametags.ja-en.A4.html`, named like the posters.
    static func fileName(_ languages: [String]) -> String {
        "nametags.\(languages.joined(separator: "-")).\(NameTagSheet.paper.rawValue).html"
    }

    public func render() -> NameTagBuild {
        guard !nameTags.people.isEmpty else { return NameTagBuild(files: [:], links: [:]) }
        let editions = NameTagSheet.editions(site.languages)
        var files: [String: Data] = [:]
        for languages in editions {
            files["\(Self.siteFolder)/\(Self.fileName(languages))"] = Data(templates.render(page(languages), template: "nametags").utf8)
        }
        var links: [String: [SiteRenderer.PosterFileLink]] = [:]
        for language in site.languages {
            let ui = templates.strings[language] ?? [:]
            let own = editions.first { $0 == [language] } ?? editions[0]
            var list = [SiteRenderer.PosterFileLink(label: ui["poster-preview"] ?? Self.fileName(own), path: "\(Self.siteFolder)/\(Self.fileName(own))", isPreview: true)]
            for languages in editions.sorted(by: { ($0 == [language] ? 0 : 1, $0.count) < ($1 == [language] ? 0 : 1, $1.count) }) {
                let tag = languages.joined(separator: "-")
                list.append(.init(label: "\(NameTagSheet.paper.rawValue) \(ui["poster-language-\(tag)"] ?? tag)", path: "\(Self.siteFolder)/\(Self.fileName(languages))"))
            }
            links[SiteRenderer.posterFilesKey(posterKey: Self.posterKey, language: language)] = list
        }
        let printed = files.keys.sorted().map { PrintedDocument(path: $0, sheets: .pagesOfA4) }
        return NameTagBuild(files: files, links: links, printed: printed)
    }

    func page(_ languages: [String]) -> NameTagPageView {
        let language = languages[0]
        let ui = templates.strings[language] ?? [:]
        let organisation = site.organisation[language] ?? ""
        let perSheet = NameTagSheet.cardsPerSheet
        let sheets = stride(from: 0, to: nameTags.people.count, by: perSheet).map { start in
            let people = nameTags.people[start..<min(start + perSheet, nameTags.people.count)]
            let cards = people.enumerated().map { index, tag in card(tag, languages: languages, organisation: organisation, at: index) }
            let number = start / perSheet + 1
            let label = (ui["nametags-sheet"] ?? "%d").replacingOccurrences(of: "%d", with: String(number))
            return NameTagSheetView(label: label, cards: cards)
        }
        let title = ui["nametags-title"] ?? "Name tags"
        return NameTagPageView(
            lang: language, htmlTitle: title + (ui["title-separator"] ?? " | ") + organisation, heading: title,
            sheetWidth: PosterCSS.number(NameTagSheet.paper.millimetres.short), sheetHeight: PosterCSS.number(NameTagSheet.paper.millimetres.long),
            cardWidth: PosterCSS.length(NameTagSheet.cardWidth), cardHeight: PosterCSS.length(NameTagSheet.cardHeight),
            padding: PosterCSS.length(NameTagSheet.padding), sheets: sheets, marks: cutMarks())
    }

    func card(_ tag: NameTag, languages: [String], organisation: String, at index: Int) -> NameTagCardView {
        let layout = NameTagCard(tag, languages: languages, organisation: organisation)
        let (first, second) = (languages[0], languages.last!)
        let x = NameTagSheet.marginX + Double(index % NameTagSheet.columns) * NameTagSheet.cardWidth
        let y = NameTagSheet.marginY + Double(index / NameTagSheet.columns) * NameTagSheet.cardHeight
        return NameTagCardView(
            lang: first, style: "left:\(PosterCSS.length(x));top:\(PosterCSS.length(y))",
            affiliation: NameTagLineView(layout.affiliation, lang: first),
            secondAffiliation: layout.secondAffiliation.map { NameTagLineView($0, lang: second) },
            reading: layout.reading.map { NameTagLineView($0, lang: first) },
            surname: NameTagLineView(layout.surname, lang: first),
            secondSurname: layout.secondSurname.map { NameTagLineView($0, lang: second) },
            organisation: NameTagLineView(layout.organisation, lang: first))
    }

    /// Short lines in the margins, in line with every edge between cards, stopping short of the cards themselves:
    /// on plain paper they guide the cutter, on a perforated sheet they fall on the strip that is torn away.
    func cutMarks() -> [NameTagMarkView] {
        let (width, height) = (NameTagSheet.paper.millimetres.short, NameTagSheet.paper.millimetres.long)
        let (marginX, marginY) = (NameTagSheet.marginX, NameTagSheet.marginY)
        let gap = 2.0
        func mark(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> NameTagMarkView {
            NameTagMarkView(x1: PosterCSS.number(x1), y1: PosterCSS.number(y1), x2: PosterCSS.number(x2), y2: PosterCSS.number(y2))
        }
        var marks: [NameTagMarkView] = []
        for column in 0...NameTagSheet.columns {
            let x = marginX + Double(column) * NameTagSheet.cardWidth
            marks.append(mark(x, gap, x, marginY - gap))
            marks.append(mark(x, height - marginY + gap, x, height - gap))
        }
        for row in 0...NameTagSheet.rows {
            let y = marginY + Double(row) * NameTagSheet.cardHeight
            marks.append(mark(gap, y, marginX - gap, y))
            marks.append(mark(width - marginX + gap, y, width - gap, y))
        }
        return marks
    }
}
