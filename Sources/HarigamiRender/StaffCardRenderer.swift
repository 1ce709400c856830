// The staff card's file: each category's row as the layout places it, for Templates/card.mustache.

import HarigamiModel
import HarigamiPosterLayout

/// One category: its number and name, what to say first, when to hand over.
struct StaffCardRowView {
    var category: String
    var number: Int
    var frameStyle: String
    var nameCellStyle: String
    var dividerStyle: String
    var name: PosterTextGroupView
    var say: PosterTextGroupView
    var handOver: PosterTextGroupView
}

struct StaffCardPageView {
    var lang: String
    var htmlTitle: String
    var page: PosterPageGeometryView
    var sheetStyle: String
    var bandStyle: String
    var title: PosterTextGroupView
    var subtitle: PosterTextGroupView
    var sayHead: PosterTextGroupView
    var handOverHead: PosterTextGroupView
    var rows: [StaffCardRowView]
    var ruleStyle: String
    var tagline: PosterTextGroupView
}

extension PosterRenderer {
    func cardPage(_ edition: PosterEdition) -> StaffCardPageView {
        let card = edition.contents[0]
        let language = card.document.language
        let ui = templates.strings[language] ?? [:]
        let entries = StaffCard.entries(content, language: language)
        let layout = StaffCardLayout(paper: edition.paper, entries: entries)
        func text(_ slot: PosterTextSlot, _ text: String) -> PosterTextGroupView {
            PosterTextGroupView(style: PosterCSS.box(slot.box), parts: [
                PosterTextView(lines: StaffCard.lines(text, in: slot), lang: language,
                               style: PosterCSS.slot(slot), secondary: false),
            ])
        }
        let rows = zip(entries, layout.rows).enumerated().map { index, pair in
            let (entry, row) = pair
            return StaffCardRowView(category: entry.category, number: index + 1,
                                    frameStyle: PosterCSS.box(row.frame), nameCellStyle: PosterCSS.box(row.nameCell), dividerStyle: PosterCSS.box(row.divider),
                                    name: text(row.name, entry.name.value),
                                    say: text(row.say, entry.say?.value ?? ""),
                                    handOver: text(row.handOver, entry.handOver?.value ?? ""))
        }
        let htmlTitle = card.title.value + (ui["title-separator"] ?? " | ") + (content.site.organisation[language] ?? "")
        return StaffCardPageView(
            lang: language, htmlTitle: htmlTitle,
            page: PosterPageGeometryView(width: PosterCSS.number(layout.pageWidth), height: PosterCSS.number(layout.pageHeight),
                                         marginX: PosterCSS.number(layout.marginX), marginY: PosterCSS.number(layout.marginY),
                                         scale: PosterCSS.number(layout.scale)),
            sheetStyle: "width:\(PosterCSS.length(layout.sheetWidth));height:\(PosterCSS.length(layout.sheetHeight))",
            bandStyle: PosterCSS.box(layout.band),
            title: text(layout.title, card.title.value),
            subtitle: text(layout.subtitle, card.fields.subtitle.value),
            sayHead: text(layout.sayHead, ui["card-say"] ?? ""),
            handOverHead: text(layout.handOverHead, ui["card-hand-over"] ?? ""),
            rows: rows,
            ruleStyle: PosterCSS.box(layout.rule),
            tagline: text(layout.tagline, card.fields.tagline.value))
    }
}
