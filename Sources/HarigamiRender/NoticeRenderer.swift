// One notice sign (`kind: notice`) as the view Templates/notice.mustache prints: every text in its box, lines broken here.

import HarigamiModel
import HarigamiPosterLayout

/// One numbered statement: its number and its text in each language.
struct NoticeItemView {
    var number: String
    var parts: [PosterTextView]
}

struct NoticeItemsView {
    var style: String
    var items: [NoticeItemView]
}

struct NoticePageView {
    var lang: String
    var htmlTitle: String
    var page: PosterPageGeometryView
    var sheetStyle: String
    var bandStyle: String
    var ruleStyle: String
    var title: PosterTextGroupView
    var lead: PosterTextGroupView
    var items: NoticeItemsView
    var organisation: PosterTextGroupView
    var phone: PosterTextGroupView
    var email: PosterTextGroupView
    /// Present only when the notice has a QR code.
    var qr: NoticeQRView?
}

struct NoticeQRView {
    var style: String
    var svg: String
    var url: PosterTextGroupView
}

extension PosterRenderer {
    func noticePage(_ edition: PosterEdition) -> Result<NoticePageView, Diagnostic> {
        let layout = edition.noticeLayout
        let site = content.site
        let first = edition.contents[0]
        let language = first.document.language
        let ui = templates.strings[language] ?? [:]

        func group(_ slots: [PosterTextSlot], _ texts: [String]) -> PosterTextGroupView {
            let box = PosterCSS.union(slots)
            let gap = slots.count > 1 ? slots[1].box.y - (slots[0].box.y + slots[0].box.height) : 0
            let parts = zip(slots, zip(texts, edition.contents)).map { slot, pair in
                PosterTextView(lines: PosterLines.balanced(pair.0, capacity: slot.lineCapacity, font: slot.type.font), lang: pair.1.document.language,
                               style: PosterCSS.slot(slot), secondary: pair.1.document.language != language)
            }
            return PosterTextGroupView(style: "\(PosterCSS.box(box));row-gap:\(PosterCSS.length(gap))", parts: parts)
        }
        func single(_ slot: PosterTextSlot, _ text: String) -> PosterTextGroupView {
            PosterTextGroupView(style: PosterCSS.box(slot.box), parts: [PosterTextView(lines: [text], lang: language, style: PosterCSS.slot(slot), secondary: false)])
        }

        var qrView: NoticeQRView?
        if first.fields.qr != nil, let box = layout.qr, let slot = layout.url {
            switch qrCode(first.fields.qr, language: language) {
            case .failure(let diagnostic): return .failure(diagnostic)
            case .success(let (code, url)):
                qrView = NoticeQRView(style: PosterCSS.box(box), svg: code.svg(label: "\(ui["poster-qr-label"] ?? "QR"): \(url)"),
                                      url: PosterTextGroupView(style: PosterCSS.box(slot.box) + (edition.isSignage ? ";text-align:left" : ""),
                                                               parts: [PosterTextView(lines: PosterLines.address(url, capacity: slot.lineCapacity, font: slot.type.font),
                                                                                      lang: language, style: PosterCSS.slot(slot), secondary: false)]))
            }
        }

        let list = layout.items
        let count = edition.contents.map(\.fields.items.count).max() ?? 0
        let items = (0..<count).map { item in
            NoticeItemView(number: String(item + 1), parts: edition.contents.enumerated().compactMap { index, poster in
                guard poster.fields.items.indices.contains(item) else { return nil }
                return PosterTextView(lines: list.lines(poster.fields.items[item].value, language: index), lang: poster.document.language,
                                      style: PosterCSS.type(list.types[index]), secondary: index > 0)
            })
        }
        let organisation = group(layout.organisation, edition.contents.map { poster in
            let language = poster.document.language
            return [site.organisation[language], site.contact.department[language]].compactMap { $0 }.joined(separator: " ")
        })
        let titles = edition.contents.map(\.title.value)
        return .success(NoticePageView(
            lang: language,
            htmlTitle: titles.joined(separator: " / ") + (ui["title-separator"] ?? " | ") + (site.organisation[language] ?? ""),
            page: PosterPageGeometryView(width: PosterCSS.number(layout.pageWidth), height: PosterCSS.number(layout.pageHeight),
                                         marginX: PosterCSS.number(layout.marginX), marginY: PosterCSS.number(layout.marginY),
                                         scale: PosterCSS.number(layout.scale)),
            sheetStyle: "width:\(PosterCSS.length(layout.sheetWidth));height:\(PosterCSS.length(layout.sheetHeight))",
            bandStyle: PosterCSS.box(layout.band), ruleStyle: PosterCSS.box(layout.rule),
            title: group(layout.title, titles),
            lead: group(layout.lead, edition.contents.map(\.fields.lead.value)),
            items: NoticeItemsView(style: "\(PosterCSS.box(list.box));row-gap:\(PosterCSS.length(list.gap));--marker:\(PosterCSS.length(list.markerWidth));font-size:\(PosterCSS.length(list.types[0].fontSize))",
                                   items: items),
            organisation: organisation,
            phone: single(layout.phone, site.contact.phone),
            email: single(layout.email, site.contact.email),
            qr: qrView))
    }
}
