// Where everything sits on a notice sign (`kind: notice`), in millimetres: title band, lead, numbered statements, footer.

import HarigamiModel

/// A notice at one paper size, orientation and number of languages, with or without its QR code.
///
/// Like the awareness poster it is drawn once in A4 millimetres and scaled to the paper: an A5 sign on a counter is
/// a reduced A4 one, an A3 sign on a wall an enlarged one.
public struct NoticeLayout: Sendable, Hashable {
    public var paper: PosterPaper
    public var orientation: PosterOrientation
    public var languageCount: Int
    public var hasQR: Bool

    public var pageWidth: Double
    public var pageHeight: Double
    public var marginX: Double
    public var marginY: Double
    public var sheetWidth: Double
    public var sheetHeight: Double
    public var scale: Double

    public var band: PosterBox
    public var title: [PosterTextSlot]
    public var lead: [PosterTextSlot]
    /// The statements, each numbered; each statement's languages one under the other.
    public var items: PosterListSlot
    public var rule: PosterBox
    /// Organisation and department, per language.
    public var organisation: [PosterTextSlot]
    public var phone: PosterTextSlot
    public var email: PosterTextSlot
    /// Only when the notice has a QR code.
    public var qr: PosterBox?
    public var url: PosterTextSlot?

    /// More statements than six no longer read at a glance from the other side of a counter.
    public static let maximumItems = 6

    public init(paper: PosterPaper, orientation: PosterOrientation, languageCount: Int, hasQR: Bool) {
        let (short, long) = paper.millimetres
        let page = orientation == .portrait ? (short, long) : (long, short)
        let design = NoticeDesign(orientation: orientation, bilingual: languageCount > 1, hasQR: hasQR)
        // At least 10 mm: on A5 a margin in proportion would come close to what a printer cannot print.
        let baseMargin = 10 * max(short, 210) / 210
        let available = (width: page.0 - 2 * baseMargin, height: page.1 - 2 * baseMargin - PosterLayout.printSafety)
        let scale = min(available.width / design.width, available.height / design.height)
        self.init(paper: paper, orientation: orientation, languageCount: languageCount, hasQR: hasQR, page: page, design: design, scale: scale,
                  printSafety: PosterLayout.printSafety)
    }

    /// The signage page of a notice (`signage: true`): one language on a 1920 × 1080 screen, in the units of
    /// `PosterLayout(signageFor:)`, every text at least 6.7 units (40 px).
    public init(signageFor paper: PosterPaper, hasQR: Bool) {
        self.init(paper: paper, orientation: .landscape, languageCount: 1, hasQR: hasQR, page: PosterLayout.signagePage,
                  design: NoticeDesign.signage(hasQR: hasQR), scale: 1, printSafety: 0)
    }

    private init(paper: PosterPaper, orientation: PosterOrientation, languageCount: Int, hasQR: Bool, page: (Double, Double), design: NoticeDesign,
                 scale: Double, printSafety: Double) {
        self.paper = paper
        self.orientation = orientation
        self.languageCount = languageCount
        self.hasQR = hasQR
        (pageWidth, pageHeight) = page
        self.scale = scale
        sheetWidth = design.width * scale
        sheetHeight = design.height * scale
        marginX = (pageWidth - sheetWidth) / 2
        marginY = (pageHeight - sheetHeight - printSafety) / 2
        let s = scale
        band = design.band.scaled(s)
        title = design.title.map { $0.scaled(s) }
        lead = design.lead.map { $0.scaled(s) }
        items = design.items.scaled(s)
        rule = design.rule.scaled(s)
        organisation = design.organisation.map { $0.scaled(s) }
        phone = design.phone.scaled(s)
        email = design.email.scaled(s)
        qr = design.qr?.scaled(s)
        url = design.url?.scaled(s)
    }
}

extension PosterEdition {
    /// The notice layout of this edition; `layout` is the awareness poster's.
    public var noticeLayout: NoticeLayout {
        let hasQR = contents[0].fields.qr != nil
        return isSignage ? NoticeLayout(signageFor: paper, hasQR: hasQR)
            : NoticeLayout(paper: paper, orientation: orientation, languageCount: contents.count, hasQR: hasQR)
    }
}

/// One type size per language, with the lines it may take.
private typealias Part = (type: PosterType, lines: Int)

/// The A4 design of a notice, in millimetres from the top left of the printable area.
private struct NoticeDesign {
    var width: Double
    var height: Double
    var band = PosterBox(x: 0, y: 0, width: 0, height: 0)
    var title: [PosterTextSlot] = []
    var lead: [PosterTextSlot] = []
    var items = PosterListSlot(box: PosterBox(x: 0, y: 0, width: 0, height: 0), markerWidth: 0, types: [], gap: 0)
    var rule = PosterBox(x: 0, y: 0, width: 0, height: 0)
    var organisation: [PosterTextSlot] = []
    var phone = PosterTextSlot(box: PosterBox(x: 0, y: 0, width: 0, height: 0), type: PosterType(fontSize: 1, leading: 1), lines: 1)
    var email = PosterTextSlot(box: PosterBox(x: 0, y: 0, width: 0, height: 0), type: PosterType(fontSize: 1, leading: 1), lines: 1)
    var qr: PosterBox?
    var url: PosterTextSlot?

    /// The sizes of one design: everything else follows from them, top to bottom.
    struct Spec {
        var width: Double
        var height: Double
        var title: [Part]
        var lead: [Part]
        var items: [PosterType]
        var itemGap: Double
        var organisation: [PosterType]
        var contact: PosterType
        var qrSize: Double
    }

    init(orientation: PosterOrientation, bilingual: Bool, hasQR: Bool) {
        let p = { (size: Double, leading: Double, lines: Int) -> Part in (PosterType(fontSize: size, leading: leading), lines) }
        let t = { (size: Double, leading: Double) in PosterType(fontSize: size, leading: leading) }
        let spec: Spec = switch (orientation, bilingual) {
        case (.portrait, false):
            Spec(width: 190, height: 277, title: [p(14, 1.2, 2)], lead: [p(6.4, 1.5, 3)], items: [t(6.4, 1.4)], itemGap: 4,
                 organisation: [t(5.2, 1.3)], contact: t(4.8, 1.3), qrSize: 30)
        case (.portrait, true):
            Spec(width: 190, height: 277, title: [p(11.5, 1.15, 2), p(5.8, 1.2, 2)], lead: [p(5.6, 1.45, 3), p(4, 1.35, 3)],
                 items: [t(5.6, 1.35), t(4, 1.3)], itemGap: 3.5, organisation: [t(4.8, 1.25), t(3.6, 1.2)], contact: t(4.4, 1.3), qrSize: 30)
        case (.landscape, false):
            Spec(width: 277, height: 190, title: [p(14, 1.15, 2)], lead: [p(6.8, 1.45, 2)], items: [t(7, 1.35)], itemGap: 3,
                 organisation: [t(5, 1.3)], contact: t(4.6, 1.3), qrSize: 27)
        case (.landscape, true):
            Spec(width: 277, height: 190, title: [p(12, 1.15, 1), p(5.6, 1.2, 1)], lead: [p(5.6, 1.4, 2), p(4, 1.3, 2)],
                 items: [t(5.8, 1.3), t(4.1, 1.25)], itemGap: 2.5, organisation: [t(4.4, 1.25), t(3.3, 1.2)], contact: t(4.1, 1.3), qrSize: 27)
        }
        self.init(spec, hasQR: hasQR)
        setFonts()
    }

    private init(_ spec: Spec, hasQR: Bool) {
        width = spec.width
        height = spec.height
        let inset = 8.0
        let (titleSlots, titleHeight) = Self.stack(x: inset, y: 7, width: width - 2 * inset, spec.title, gap: 1.2)
        title = titleSlots
        band = PosterBox(x: 0, y: 0, width: width, height: titleHeight + 14)
        let (leadSlots, _) = Self.stack(x: 3, y: band.height + 7, width: width - 6, spec.lead, gap: 1)
        lead = leadSlots
        // The footer: a rule, then organisation and contact on the left and the QR code on the right.
        let urlType = PosterType(fontSize: 2.6, leading: 1.25)
        // A page below the site's root has a longer address than the awareness poster's: three short lines.
        let urlLines = 3
        let organisationHeight = spec.organisation.reduce(0.0) { $0 + $1.lineHeight } + Double(spec.organisation.count - 1) * 0.3
        let contactHeight = organisationHeight + 1.5 + 2 * spec.contact.lineHeight
        let footerHeight = 4 + (hasQR ? max(contactHeight, spec.qrSize + 0.8 + Double(urlLines) * urlType.lineHeight) : contactHeight)
        let footerTop = height - footerHeight
        rule = PosterBox(x: 0, y: footerTop, width: width, height: 0.6)
        let listTop = leadSlots.last.map { $0.box.y + $0.box.height } ?? band.height
        let listBox = PosterBox(x: 3, y: listTop + 6, width: width - 6, height: footerTop - 6 - (listTop + 6))
        items = PosterListSlot(box: listBox, markerWidth: spec.items[0].fontSize * 2, types: spec.items, gap: spec.itemGap)

        let urlWidth = max(spec.qrSize + 12, 48)
        let leftWidth = hasQR ? width - urlWidth - 6 : width
        let top = footerTop + 4
        let (organisationSlots, _) = Self.stack(x: 0, y: top, width: leftWidth, spec.organisation.map { ($0, 1) }, gap: 0.3)
        organisation = organisationSlots
        let y = top + organisationHeight + 1.5
        let contact = spec.contact
        let icon = contact.fontSize * 1.3
        // The phone number over the e-mail address, each after its icon: beside the QR code a line holds only one.
        phone = PosterTextSlot(box: PosterBox(x: icon, y: y, width: leftWidth - icon, height: contact.lineHeight), type: contact, lines: 1)
        email = PosterTextSlot(box: PosterBox(x: icon, y: y + contact.lineHeight, width: leftWidth - icon, height: contact.lineHeight), type: contact, lines: 1)
        if hasQR {
            let column = width - urlWidth
            let square = PosterBox(x: column + (urlWidth - spec.qrSize) / 2, y: footerTop + 3, width: spec.qrSize, height: spec.qrSize)
            qr = square
            url = PosterTextSlot(box: PosterBox(x: column, y: square.y + square.height + 0.6, width: urlWidth, height: Double(urlLines) * urlType.lineHeight),
                                 type: urlType, lines: urlLines)
        }
    }

    private init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The signage design: title band, lead, the numbered statements, and a footer in rows (organisation; phone and
    /// e-mail; the QR code's address, too small to read under the code on a screen) beside the QR code.
    static func signage(hasQR: Bool) -> NoticeDesign {
        var d = NoticeDesign(width: 308, height: 175)
        let (titleSlots, titleHeight) = stack(x: 6, y: 3.5, width: 296, [(PosterType(fontSize: 10.5, leading: 1.15), 1)], gap: 0)
        d.title = titleSlots
        d.band = PosterBox(x: 0, y: 0, width: d.width, height: titleHeight + 7)
        let (leadSlots, leadHeight) = stack(x: 3, y: d.band.height + 4, width: d.width - 6, [(PosterType(fontSize: 6.8, leading: 1.3), 2)], gap: 0)
        d.lead = leadSlots
        let line = PosterType(fontSize: 6.7, leading: 1.2)
        let rows = hasQR ? 3 : 2
        let footerHeight = 2.5 + Double(rows) * (line.lineHeight + 0.6)
        let footerTop = d.height - footerHeight
        d.rule = PosterBox(x: 0, y: footerTop, width: d.width, height: 0.6)
        let listTop = d.band.height + 4 + leadHeight + 4
        let item = PosterType(fontSize: 6.7, leading: 1.25)
        d.items = PosterListSlot(box: PosterBox(x: 3, y: listTop, width: d.width - 6, height: footerTop - 3 - listTop),
                                 markerWidth: item.fontSize * 2, types: [item], gap: 2)
        let qrSize = 26.0
        let leftWidth = hasQR ? d.width - qrSize - 6 : d.width
        var y = footerTop + 2.5
        d.organisation = [PosterTextSlot(box: PosterBox(x: 0, y: y, width: leftWidth, height: line.lineHeight), type: line, lines: 1)]
        y += line.lineHeight + 0.6
        (d.phone, d.email) = PosterTextSlot.contactRow(y: y, width: leftWidth, type: line)
        if hasQR {
            y += line.lineHeight + 0.6
            d.url = PosterTextSlot(box: PosterBox(x: 0, y: y, width: leftWidth, height: line.lineHeight), type: line, lines: 1)
            d.qr = PosterBox(x: d.width - qrSize, y: footerTop + (footerHeight - qrSize) / 2 + 0.3, width: qrSize, height: qrSize)
        }
        d.setFonts()
        return d
    }

    static func stack(x: Double, y: Double, width: Double, _ parts: [Part], gap: Double) -> ([PosterTextSlot], Double) {
        var slots: [PosterTextSlot] = []
        var top = y
        for (index, part) in parts.enumerated() {
            if index > 0 { top += gap }
            let height = Double(part.lines) * part.type.lineHeight
            slots.append(PosterTextSlot(box: PosterBox(x: x, y: top, width: width, height: height), type: part.type, lines: part.lines))
            top += height
        }
        return (slots, top - y)
    }

    /// The first language bold, the second regular beneath it; the title bold in both; the address monospaced.
    private mutating func setFonts() {
        func language(_ index: Int) -> PosterFont { PosterFont(face: index == 0 ? .bold : .regular) }
        for index in title.indices { title[index].type.font = PosterFont(face: .bold, letterSpacing: index == 0 ? 0.04 : 0) }
        for index in lead.indices { lead[index].type.font = language(index) }
        for index in items.types.indices { items.types[index].font = language(index) }
        for index in organisation.indices { organisation[index].type.font = language(index) }
        phone.type.font = PosterFont(face: .bold)
        email.type.font = PosterFont(face: .bold)
        url?.type.font = PosterFont(face: .monospace)
    }
}

extension PosterContent {
    /// A notice says everything in its front matter; text after it would not print, so it is reported.
    static func noticeBodyProblems(_ document: Document) -> [Diagnostic] {
        let lines = document.body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return [] }
        return [.error(document.location(bodyLine: index + 1),
                       "a notice prints only its front matter; write each statement as an entry of 'items:' and remove the text after the front matter",
                       rule: "poster.body")]
    }
}
