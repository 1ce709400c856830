// Where everything sits on a printed poster, in millimetres: one definition for the renderer's CSS and the fit rule.

import HarigamiModel
/// A rectangle on the sheet (the printable area inside the page margins), in millimetres.
public struct PosterBox: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    func scaled(_ factor: Double) -> PosterBox {
        PosterBox(x: x * factor, y: y * factor, width: width * factor, height: height * factor)
    }
}

/// The face and spacing a text prints in: what its width is measured with.
public struct PosterFont: Sendable, Hashable {
    public var face: PosterFace
    /// CSS letter-spacing, in em, added after every character.
    public var letterSpacing: Double

    public init(face: PosterFace, letterSpacing: Double = 0) {
        self.face = face
        self.letterSpacing = letterSpacing
    }

    /// The printed width of `text` in em.
    public func em(_ text: String) -> Double {
        PosterTextWidth.em(text, face: face, letterSpacing: letterSpacing)
    }
}

/// Type size of one kind of text, in millimetres.
public struct PosterType: Sendable, Hashable {
    public var fontSize: Double
    /// Line height as a multiple of the font size.
    public var leading: Double
    /// Set for every slot by `Design.setFonts()`, which follows the template's typography.
    public var font = PosterFont(face: .bold)

    public var lineHeight: Double { fontSize * leading }

    public init(fontSize: Double, leading: Double, font: PosterFont = PosterFont(face: .bold)) {
        self.fontSize = fontSize
        self.leading = leading
        self.font = font
    }

    func scaled(_ factor: Double) -> PosterType { PosterType(fontSize: fontSize * factor, leading: leading, font: font) }
}

/// A fixed box that holds one text: at most `lines` lines at its type size.
public struct PosterTextSlot: Sendable, Hashable {
    public var box: PosterBox
    public var type: PosterType
    public var lines: Int

    /// How much text fits, in em: lines × (slot width / font size).
    public var capacity: Double { Double(lines) * box.width / type.fontSize }
    /// How much fits on one line, in em.
    public var lineCapacity: Double { box.width / type.fontSize }

    func scaled(_ factor: Double) -> PosterTextSlot {
        PosterTextSlot(box: box.scaled(factor), type: type.scaled(factor), lines: lines)
    }

    /// A signage footer's telephone and e-mail on one row of `width` at `y`, each after its icon: the telephone's box
    /// takes 30 % of the row, room for a number with its dashes, so the address follows it closely on the screen.
    static func contactRow(y: Double, width: Double, type: PosterType) -> (phone: PosterTextSlot, email: PosterTextSlot) {
        let icon = type.fontSize * 1.3
        let phoneWidth = width * 0.3
        return (PosterTextSlot(box: PosterBox(x: icon, y: y, width: phoneWidth - icon, height: type.lineHeight), type: type, lines: 1),
                PosterTextSlot(box: PosterBox(x: phoneWidth + icon, y: y, width: width - phoneWidth - icon, height: type.lineHeight), type: type, lines: 1))
    }
}

/// The box of the list of behaviours: items flow down it, each item's languages one under the other.
public struct PosterListSlot: Sendable, Hashable {
    public var box: PosterBox
    /// Room for the bullet before each item's text.
    public var markerWidth: Double
    /// One type per language of the poster, the first language first.
    public var types: [PosterType]
    /// Space between two items.
    public var gap: Double

    public var textWidth: Double { box.width - markerWidth }

    /// The lines a behaviour breaks into in language `index` (the first language first).
    public func lines(_ text: String, language index: Int) -> [String] {
        PosterLines.balanced(text, capacity: textWidth / types[index].fontSize, font: types[index].font)
    }

    /// The height the items take; each item is its texts, one per language.
    public func height(items: [[String]]) -> Double {
        let texts = items.map { texts in
            texts.enumerated().reduce(0.0) { sum, part in
                sum + Double(lines(part.element, language: part.offset).count) * types[part.offset].lineHeight
            }
        }
        return texts.reduce(0, +) + Double(max(items.count - 1, 0)) * gap
    }

    func scaled(_ factor: Double) -> PosterListSlot {
        PosterListSlot(box: box.scaled(factor), markerWidth: markerWidth * factor,
                       types: types.map { $0.scaled(factor) }, gap: gap * factor)
    }
}

/// One speech bubble: the category label above it and what the customer says inside, per language.
public struct PosterBubbleCell: Sendable, Hashable {
    public enum Tail: String, Sendable, Hashable { case left, right }

    public var frame: PosterBox
    /// The rounded balloon inside the frame; the tail hangs below it.
    public var balloon: PosterBox
    public var tail: Tail
    /// The label tag over the balloon's top edge, as wide as its widest text slot needs.
    public var tag: PosterBox
    public var labels: [PosterTextSlot]
    public var texts: [PosterTextSlot]

    func scaled(_ factor: Double) -> PosterBubbleCell {
        PosterBubbleCell(frame: frame.scaled(factor), balloon: balloon.scaled(factor), tail: tail,
                         tag: tag.scaled(factor),
                         labels: labels.map { $0.scaled(factor) },
                         texts: texts.map { $0.scaled(factor) })
    }
}

/// The whole poster at one paper size, orientation and number of languages.
///
/// The design is drawn once in A4 millimetres and scaled to the paper, so an A3 poster is an enlarged A4 one
/// and reads from further away; the page margins scale with it and stay wider than any printer's unprintable edge.
public struct PosterLayout: Sendable, Hashable {
    public var paper: PosterPaper
    public var orientation: PosterOrientation
    /// 1: one language; 2: both languages, the second smaller beneath the first.
    public var languageCount: Int

    public var pageWidth: Double
    public var pageHeight: Double
    public var marginX: Double
    public var marginY: Double
    /// The printable area inside the margins; every box below is inside it.
    public var sheetWidth: Double
    public var sheetHeight: Double
    /// Millimetres on this paper per millimetre of the A4 design.
    public var scale: Double

    public var band: PosterBox
    public var title: [PosterTextSlot]
    public var bubbles: [PosterBubbleCell]
    public var panel: PosterBox
    public var subtitle: [PosterTextSlot]
    public var behaviours: PosterListSlot
    /// The line between the body and the footer.
    public var rule: PosterBox
    public var tagline: [PosterTextSlot]
    /// Organisation and department, per language.
    public var organisation: [PosterTextSlot]
    public var phone: PosterTextSlot
    public var email: PosterTextSlot
    public var qr: PosterBox
    public var url: PosterTextSlot

    public var maximumBubbles: Int { bubbles.count }

    /// Chromium rounds the page to whole device pixels; a sheet a hair shorter than the page never spills onto a second one.
    package static let printSafety = 0.5

    public init(paper: PosterPaper, orientation: PosterOrientation, languageCount: Int) {
        let (short, long) = paper.millimetres
        let page = orientation == .portrait ? (short, long) : (long, short)
        let design = Design(orientation: orientation, bilingual: languageCount > 1)
        // At least 10 mm: on A5 a margin in proportion would come close to what a printer cannot print.
        let baseMargin = 10 * max(short, 210) / 210
        let available = (width: page.0 - 2 * baseMargin, height: page.1 - 2 * baseMargin - Self.printSafety)
        let scale = min(available.width / design.width, available.height / design.height)
        self.init(paper: paper, orientation: orientation, languageCount: languageCount, page: page, design: design, scale: scale,
                  printSafety: Self.printSafety)
    }

    /// The signage page (`signage: true`): one language on a 1920 × 1080 screen, drawn in units of 6 pixels (a page
    /// of 320 × 180), with type of at least 6.7 units (40 px) so that it reads from five metres on a 55-inch screen.
    /// `paper` is the poster's, for the record only.
    public init(signageFor paper: PosterPaper) {
        self.init(paper: paper, orientation: .landscape, languageCount: 1, page: Self.signagePage, design: Design.signage(), scale: 1, printSafety: 0)
    }

    /// The signage page in layout units: 6 pixels each on a 1920 × 1080 screen.
    public static let signagePage = (width: 320.0, height: 180.0)
    /// The screen a signage page is made for, in pixels: what its PNG is taken at.
    public static let signageScreen = (width: 1920, height: 1080)

    private init(paper: PosterPaper, orientation: PosterOrientation, languageCount: Int, page: (Double, Double), design: Design, scale: Double,
                 printSafety: Double) {
        self.paper = paper
        self.orientation = orientation
        self.languageCount = languageCount
        (pageWidth, pageHeight) = page
        self.scale = scale
        sheetWidth = design.width * scale
        sheetHeight = design.height * scale
        marginX = (pageWidth - sheetWidth) / 2
        marginY = (pageHeight - sheetHeight - printSafety) / 2
        let s = scale
        band = design.band.scaled(s)
        title = design.title.map { $0.scaled(s) }
        bubbles = design.bubbles.map { $0.scaled(s) }
        panel = design.panel.scaled(s)
        subtitle = design.subtitle.map { $0.scaled(s) }
        behaviours = design.behaviours.scaled(s)
        rule = design.rule.scaled(s)
        tagline = design.tagline.map { $0.scaled(s) }
        organisation = design.organisation.map { $0.scaled(s) }
        phone = design.phone.scaled(s)
        email = design.email.scaled(s)
        qr = design.qr.scaled(s)
        url = design.url.scaled(s)
    }
}

/// The A4 design, in millimetres from the top left of the printable area.
private struct Design {
    var width: Double
    var height: Double
    var band = PosterBox(x: 0, y: 0, width: 0, height: 0)
    var title: [PosterTextSlot] = []
    var bubbles: [PosterBubbleCell] = []
    var panel = PosterBox(x: 0, y: 0, width: 0, height: 0)
    var subtitle: [PosterTextSlot] = []
    var behaviours = PosterListSlot(box: PosterBox(x: 0, y: 0, width: 0, height: 0), markerWidth: 0, types: [], gap: 0)
    var rule = PosterBox(x: 0, y: 0, width: 0, height: 0)
    var tagline: [PosterTextSlot] = []
    var organisation: [PosterTextSlot] = []
    var phone = PosterTextSlot(box: PosterBox(x: 0, y: 0, width: 0, height: 0), type: PosterType(fontSize: 1, leading: 1), lines: 1)
    var email = PosterTextSlot(box: PosterBox(x: 0, y: 0, width: 0, height: 0), type: PosterType(fontSize: 1, leading: 1), lines: 1)
    var qr = PosterBox(x: 0, y: 0, width: 0, height: 0)
    var url = PosterTextSlot(box: PosterBox(x: 0, y: 0, width: 0, height: 0), type: PosterType(fontSize: 1, leading: 1), lines: 1)

    /// One text per language, stacked: `(type, lines)` for each, `gap` between them; returns the slots and the height used.
    static func stack(x: Double, y: Double, width: Double, _ parts: [(PosterType, Int)], gap: Double = 0) -> ([PosterTextSlot], Double) {
        var slots: [PosterTextSlot] = []
        var top = y
        for (index, part) in parts.enumerated() {
            if index > 0 { top += gap }
            let height = Double(part.1) * part.0.lineHeight
            slots.append(PosterTextSlot(box: PosterBox(x: x, y: top, width: width, height: height), type: part.0, lines: part.1))
            top += height
        }
        return (slots, top - y)
    }

    /// A grid of speech bubbles filling `area`.
    static func bubbleGrid(area: PosterBox, columns: Int, rows: Int, gap: Double,
                           labels: [(PosterType, Double)], texts: [(PosterType, Int)], textGap: Double,
                           tagHeight: Double, tail: Double, padding: Double) -> [PosterBubbleCell] {
        let cellWidth = (area.width - Double(columns - 1) * gap) / Double(columns)
        let cellHeight = (area.height - Double(rows - 1) * gap) / Double(rows)
        var cells: [PosterBubbleCell] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let frame = PosterBox(x: area.x + Double(column) * (cellWidth + gap), y: area.y + Double(row) * (cellHeight + gap),
                                      width: cellWidth, height: cellHeight)
                let balloon = PosterBox(x: frame.x, y: frame.y + tagHeight / 2, width: frame.width, height: frame.height - tagHeight / 2 - tail)
                // The label tag: its texts stacked, as wide as the balloon allows less the rounded corners.
                let tagX = frame.x + padding * 0.6
                let tagWidth = frame.width - 2 * padding * 0.6
                var tagSlots: [PosterTextSlot] = []
                let tagTextHeight = labels.reduce(0.0) { $0 + $1.0.lineHeight }
                var tagTop = frame.y + (tagHeight - tagTextHeight) / 2
                for (type, horizontalPadding) in labels {
                    tagSlots.append(PosterTextSlot(box: PosterBox(x: tagX + horizontalPadding, y: tagTop, width: tagWidth - 2 * horizontalPadding, height: type.lineHeight),
                                                   type: type, lines: 1))
                    tagTop += type.lineHeight
                }
                // The texts, centred in the balloon below the tag.
                let textHeight = texts.reduce(0.0) { $0 + Double($1.1) * $1.0.lineHeight } + Double(texts.count - 1) * textGap
                let inner = PosterBox(x: balloon.x + padding, y: frame.y + tagHeight, width: balloon.width - 2 * padding,
                                      height: balloon.y + balloon.height - (frame.y + tagHeight))
                let (textSlots, _) = stack(x: inner.x, y: inner.y + (inner.height - textHeight) / 2, width: inner.width, texts, gap: textGap)
                cells.append(PosterBubbleCell(frame: frame, balloon: balloon, tail: column % 2 == 0 ? .left : .right,
                                              tag: PosterBox(x: tagX, y: frame.y, width: tagWidth, height: tagHeight),
                                              labels: tagSlots, texts: textSlots))
            }
        }
        return cells
    }

    init(orientation: PosterOrientation, bilingual: Bool) {
        switch (orientation, bilingual) {
        case (.portrait, false): self = Design.portrait()
        case (.portrait, true): self = Design.portraitBilingual()
        case (.landscape, false): self = Design.landscape()
        case (.landscape, true): self = Design.landscapeBilingual()
        }
        setFonts()
    }

    /// The typography every design shares: the first language bold, the second regular beneath it (the title
    /// stays bold), the title's first language spaced out a little, the address under the QR code monospaced.
    /// The renderer prints each text with its slot's font, so the fit rule measures what prints.
    private mutating func setFonts() {
        func language(_ index: Int) -> PosterFont { PosterFont(face: index == 0 ? .bold : .regular) }
        for index in title.indices { title[index].type.font = PosterFont(face: .bold, letterSpacing: index == 0 ? 0.02 : 0) }
        for cell in bubbles.indices {
            for index in bubbles[cell].labels.indices { bubbles[cell].labels[index].type.font = language(index) }
            for index in bubbles[cell].texts.indices { bubbles[cell].texts[index].type.font = language(index) }
        }
        for index in subtitle.indices { subtitle[index].type.font = language(index) }
        for index in behaviours.types.indices { behaviours.types[index].font = language(index) }
        for index in tagline.indices { tagline[index].type.font = language(index) }
        for index in organisation.indices { organisation[index].type.font = language(index) }
        phone.type.font = PosterFont(face: .bold)
        email.type.font = PosterFont(face: .bold)
        url.type.font = PosterFont(face: .monospace)
    }

    private init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The footer: closing line and contact on the left, the QR code and its address on the right.
    mutating func footer(top: Double, taglineTypes: [(PosterType, Int)], organisationTypes: [(PosterType, Int)],
                         contactType: PosterType, qrSize: Double, urlType: PosterType) {
        rule = PosterBox(x: 0, y: top, width: width, height: 0.6)
        let urlWidth = max(qrSize + 12, 48)
        let qrColumn = width - urlWidth
        let leftWidth = qrColumn - 6
        var y = top + 3.5
        let (taglineSlots, taglineHeight) = Design.stack(x: 0, y: y, width: leftWidth, taglineTypes, gap: 0.8)
        tagline = taglineSlots
        y += taglineHeight + 2.5
        let (organisationSlots, organisationHeight) = Design.stack(x: 0, y: y, width: leftWidth, organisationTypes, gap: 0.3)
        organisation = organisationSlots
        y += organisationHeight + 1.2
        // The phone number and the e-mail address share a line, each after its icon (one em); an address is the
        // longer of the two, and in bold its letters are wider than half an em.
        let phoneWidth = leftWidth * 0.36
        phone = PosterTextSlot(box: PosterBox(x: contactType.fontSize * 1.3, y: y, width: phoneWidth - contactType.fontSize * 1.3, height: contactType.lineHeight),
                               type: contactType, lines: 1)
        email = PosterTextSlot(box: PosterBox(x: phoneWidth + contactType.fontSize * 1.3, y: y, width: leftWidth - phoneWidth - contactType.fontSize * 1.3, height: contactType.lineHeight),
                               type: contactType, lines: 1)
        qr = PosterBox(x: qrColumn + (urlWidth - qrSize) / 2, y: top + 2.5, width: qrSize, height: qrSize)
        url = PosterTextSlot(box: PosterBox(x: qrColumn, y: qr.y + qrSize + 0.6, width: urlWidth, height: 2 * urlType.lineHeight),
                             type: urlType, lines: 2)
    }

    static func portrait() -> Design {
        var d = Design(width: 190, height: 277)
        let (title, titleHeight) = stack(x: 8, y: 6, width: 174, [(PosterType(fontSize: 15, leading: 1.2), 2)])
        d.title = title
        d.band = PosterBox(x: 0, y: 0, width: 190, height: titleHeight + 12)
        let bubblesTop = d.band.height + 6
        let bubbleArea = PosterBox(x: 0, y: bubblesTop, width: 190, height: 72)
        d.bubbles = bubbleGrid(area: bubbleArea, columns: 2, rows: 2, gap: 6,
                               labels: [(PosterType(fontSize: 5, leading: 1.25), 2.5)],
                               texts: [(PosterType(fontSize: 6.2, leading: 1.25), 2)], textGap: 0,
                               tagHeight: 8.5, tail: 5, padding: 6)
        let panelTop = bubbleArea.y + bubbleArea.height + 5
        let footerTop: Double = 232
        d.panel = PosterBox(x: 0, y: panelTop, width: 190, height: footerTop - 6 - panelTop)
        let (subtitle, subtitleHeight) = stack(x: 7, y: panelTop + 5, width: 176, [(PosterType(fontSize: 6.2, leading: 1.3), 2)])
        d.subtitle = subtitle
        let listTop = panelTop + 5 + subtitleHeight + 4
        d.behaviours = PosterListSlot(box: PosterBox(x: 7, y: listTop, width: 176, height: d.panel.y + d.panel.height - 4 - listTop),
                                      markerWidth: 7, types: [PosterType(fontSize: 6.2, leading: 1.3)], gap: 1.4)
        d.footer(top: footerTop, taglineTypes: [(PosterType(fontSize: 6.4, leading: 1.3), 2)],
                 organisationTypes: [(PosterType(fontSize: 5, leading: 1.3), 1)],
                 contactType: PosterType(fontSize: 4.6, leading: 1.3), qrSize: 30, urlType: PosterType(fontSize: 2.6, leading: 1.25))
        return d
    }

    static func portraitBilingual() -> Design {
        var d = Design(width: 190, height: 277)
        let (title, titleHeight) = stack(x: 8, y: 5, width: 174, [(PosterType(fontSize: 12.5, leading: 1.15), 2), (PosterType(fontSize: 5.6, leading: 1.2), 2)], gap: 1.2)
        d.title = title
        d.band = PosterBox(x: 0, y: 0, width: 190, height: titleHeight + 10)
        let bubbleArea = PosterBox(x: 0, y: d.band.height + 5, width: 190, height: 43)
        d.bubbles = bubbleGrid(area: bubbleArea, columns: 4, rows: 1, gap: 4,
                               labels: [(PosterType(fontSize: 4.2, leading: 1.2), 1.5), (PosterType(fontSize: 2.9, leading: 1.2), 1.5)],
                               texts: [(PosterType(fontSize: 4.8, leading: 1.22), 3), (PosterType(fontSize: 3.3, leading: 1.2), 2)], textGap: 0.8,
                               tagHeight: 10.5, tail: 4.5, padding: 3.5)
        let panelTop = bubbleArea.y + bubbleArea.height + 5
        let footerTop: Double = 229
        d.panel = PosterBox(x: 0, y: panelTop, width: 190, height: footerTop - 5 - panelTop)
        let (subtitle, subtitleHeight) = stack(x: 7, y: panelTop + 4.5, width: 176,
                                               [(PosterType(fontSize: 5.4, leading: 1.25), 2), (PosterType(fontSize: 3.7, leading: 1.2), 1)], gap: 0.5)
        d.subtitle = subtitle
        let listTop = panelTop + 4.5 + subtitleHeight + 3.5
        d.behaviours = PosterListSlot(box: PosterBox(x: 7, y: listTop, width: 176, height: d.panel.y + d.panel.height - 3.5 - listTop),
                                      markerWidth: 6, types: [PosterType(fontSize: 5.2, leading: 1.25), PosterType(fontSize: 3.5, leading: 1.2)], gap: 2)
        d.footer(top: footerTop, taglineTypes: [(PosterType(fontSize: 5.4, leading: 1.25), 2), (PosterType(fontSize: 3.6, leading: 1.2), 1)],
                 organisationTypes: [(PosterType(fontSize: 4.6, leading: 1.25), 1), (PosterType(fontSize: 3.4, leading: 1.2), 1)],
                 contactType: PosterType(fontSize: 4.2, leading: 1.3), qrSize: 30, urlType: PosterType(fontSize: 2.6, leading: 1.25))
        return d
    }

    static func landscape() -> Design {
        var d = Design(width: 277, height: 190)
        let (title, titleHeight) = stack(x: 8, y: 4.5, width: 261, [(PosterType(fontSize: 12.5, leading: 1.15), 2)])
        d.title = title
        d.band = PosterBox(x: 0, y: 0, width: 277, height: titleHeight + 9)
        let bodyTop = d.band.height + 5
        let footerTop: Double = 153
        let bodyHeight = footerTop - 5 - bodyTop
        let bubbleArea = PosterBox(x: 0, y: bodyTop, width: 136, height: bodyHeight)
        d.bubbles = bubbleGrid(area: bubbleArea, columns: 2, rows: 2, gap: 5,
                               labels: [(PosterType(fontSize: 4.8, leading: 1.25), 2.5)],
                               texts: [(PosterType(fontSize: 6.6, leading: 1.25), 3)], textGap: 0,
                               tagHeight: 8, tail: 5, padding: 5.5)
        d.panel = PosterBox(x: 142, y: bodyTop, width: 135, height: bodyHeight)
        let (subtitle, subtitleHeight) = stack(x: 148, y: bodyTop + 5, width: 123, [(PosterType(fontSize: 5.6, leading: 1.3), 2)])
        d.subtitle = subtitle
        let listTop = bodyTop + 5 + subtitleHeight + 3.5
        d.behaviours = PosterListSlot(box: PosterBox(x: 148, y: listTop, width: 123, height: bodyTop + bodyHeight - 4 - listTop),
                                      markerWidth: 6.5, types: [PosterType(fontSize: 5.8, leading: 1.3)], gap: 1.5)
        d.footer(top: footerTop, taglineTypes: [(PosterType(fontSize: 6, leading: 1.3), 1)],
                 organisationTypes: [(PosterType(fontSize: 4.8, leading: 1.3), 1)],
                 contactType: PosterType(fontSize: 4.4, leading: 1.3), qrSize: 27, urlType: PosterType(fontSize: 2.5, leading: 1.25))
        return d
    }

    /// The signage design: the poster's parts in rows across a wide screen, title, the bubbles side by side, the
    /// behaviours one to a line, the footer; every text at least 6.7 units (40 px at 6 px a unit).
    static func signage() -> Design {
        var d = Design(width: 308, height: 175)
        let (title, titleHeight) = stack(x: 6, y: 3, width: 296, [(PosterType(fontSize: 10, leading: 1.15), 1)])
        d.title = title
        d.band = PosterBox(x: 0, y: 0, width: 308, height: titleHeight + 6)
        let bubbleArea = PosterBox(x: 0, y: d.band.height + 2.5, width: 308, height: 38)
        d.bubbles = bubbleGrid(area: bubbleArea, columns: 4, rows: 1, gap: 4,
                               labels: [(PosterType(fontSize: 6.7, leading: 1.2), 2)],
                               texts: [(PosterType(fontSize: 6.8, leading: 1.15), 3)], textGap: 0,
                               tagHeight: 9.5, tail: 3.5, padding: 3.5)
        let panelTop = bubbleArea.y + bubbleArea.height + 2.5
        let (taglineType, lineType, urlType) = (PosterType(fontSize: 7, leading: 1.2), PosterType(fontSize: 6.7, leading: 1.2), PosterType(fontSize: 6.7, leading: 1.2))
        let footerHeight = 2.5 + taglineType.lineHeight + 3 * (0.6 + lineType.lineHeight)
        let footerTop = d.height - footerHeight
        d.panel = PosterBox(x: 0, y: panelTop, width: 308, height: footerTop - 2.5 - panelTop)
        let (subtitle, subtitleHeight) = stack(x: 6, y: panelTop + 3, width: 296, [(PosterType(fontSize: 7, leading: 1.2), 1)])
        d.subtitle = subtitle
        let listTop = panelTop + 3 + subtitleHeight + 2
        d.behaviours = PosterListSlot(box: PosterBox(x: 6, y: listTop, width: 296, height: d.panel.y + d.panel.height - 2.5 - listTop),
                                      markerWidth: 5.5, types: [PosterType(fontSize: 6.7, leading: 1.15)], gap: 0.3)
        // The footer in rows, the QR code at the right: on a screen the address under it would be too small to read,
        // so it has a row of its own.
        d.rule = PosterBox(x: 0, y: footerTop, width: 308, height: 0.6)
        let qrSize = 30.0
        let leftWidth = 308 - qrSize - 6
        var y = footerTop + 2.5
        d.tagline = [PosterTextSlot(box: PosterBox(x: 0, y: y, width: leftWidth, height: taglineType.lineHeight), type: taglineType, lines: 1)]
        y += taglineType.lineHeight + 0.6
        d.organisation = [PosterTextSlot(box: PosterBox(x: 0, y: y, width: leftWidth, height: lineType.lineHeight), type: lineType, lines: 1)]
        y += lineType.lineHeight + 0.6
        (d.phone, d.email) = PosterTextSlot.contactRow(y: y, width: leftWidth, type: lineType)
        y += lineType.lineHeight + 0.6
        d.url = PosterTextSlot(box: PosterBox(x: 0, y: y, width: leftWidth, height: urlType.lineHeight), type: urlType, lines: 1)
        d.qr = PosterBox(x: 308 - qrSize, y: footerTop + (footerHeight - qrSize) / 2 + 0.3, width: qrSize, height: qrSize)
        d.setFonts()
        return d
    }

    static func landscapeBilingual() -> Design {
        var d = Design(width: 277, height: 190)
        let (title, titleHeight) = stack(x: 8, y: 4, width: 261, [(PosterType(fontSize: 11.5, leading: 1.15), 1), (PosterType(fontSize: 5.4, leading: 1.2), 1)], gap: 1)
        d.title = title
        d.band = PosterBox(x: 0, y: 0, width: 277, height: titleHeight + 8)
        let bodyTop = d.band.height + 4.5
        let footerTop: Double = 151
        let bodyHeight = footerTop - 4.5 - bodyTop
        let bubbleArea = PosterBox(x: 0, y: bodyTop, width: 136, height: bodyHeight)
        d.bubbles = bubbleGrid(area: bubbleArea, columns: 2, rows: 2, gap: 4.5,
                               labels: [(PosterType(fontSize: 4.1, leading: 1.2), 1.5), (PosterType(fontSize: 2.9, leading: 1.2), 1.5)],
                               texts: [(PosterType(fontSize: 6, leading: 1.22), 2), (PosterType(fontSize: 3.8, leading: 1.2), 2)], textGap: 1.2,
                               tagHeight: 10.5, tail: 4.5, padding: 4.5)
        d.panel = PosterBox(x: 142, y: bodyTop, width: 135, height: bodyHeight)
        let (subtitle, subtitleHeight) = stack(x: 147, y: bodyTop + 4, width: 125,
                                               [(PosterType(fontSize: 4.9, leading: 1.25), 2), (PosterType(fontSize: 3.4, leading: 1.2), 1)], gap: 0.5)
        d.subtitle = subtitle
        let listTop = bodyTop + 4 + subtitleHeight + 3
        d.behaviours = PosterListSlot(box: PosterBox(x: 147, y: listTop, width: 125, height: bodyTop + bodyHeight - 3 - listTop),
                                      markerWidth: 5, types: [PosterType(fontSize: 4.5, leading: 1.22), PosterType(fontSize: 3.1, leading: 1.18)], gap: 1.5)
        d.footer(top: footerTop, taglineTypes: [(PosterType(fontSize: 5.2, leading: 1.25), 1), (PosterType(fontSize: 3.5, leading: 1.2), 1)],
                 organisationTypes: [(PosterType(fontSize: 4.3, leading: 1.25), 1), (PosterType(fontSize: 3.2, leading: 1.2), 1)],
                 contactType: PosterType(fontSize: 4, leading: 1.3), qrSize: 27, urlType: PosterType(fontSize: 2.5, leading: 1.25))
        return d
    }
}
