// The staff card (`kind: card`): per category what to say first and when to hand over, read from the response
// examples, and where each prints on the sheet; one definition for the renderer and the fit rule.

import Foundation
import HarigamiModel
import HarigamiMarkdown

/// One category's row on the card, in one language.
public struct StaffCardEntry: Sendable, Hashable {
    public var category: String
    /// The category's name in the card's language (its id when it has none there).
    public var name: Located<String>
    /// The example the row is read from: the category's first in file-name order, as the examples page lists them.
    public var example: Document?
    /// The first quotation of the example's sample-wording section: what staff say first.
    public var say: Located<String>?
    /// The first item of the example's escalation section: when to hand over to a manager or call the police.
    public var handOver: Located<String>?
}

public enum StaffCard {
    /// The lines a card text breaks into: left-aligned, so a break at a pause matters more than even lines.
    public static func lines(_ text: String, in slot: PosterTextSlot) -> [String] {
        PosterLines.balanced(text, capacity: slot.lineCapacity, font: slot.type.font, evenness: 2)
    }

    /// The id in site.yml's `example-sections` of the section the card takes when to hand over from.
    public static let escalationSectionID = "escalation"

    /// Every category of categories.yml, in its order, with the lines its first example in `language` gives.
    public static func entries(_ content: Content, language: String) -> [StaffCardEntry] {
        let examples = content.documents.examplesByCategory()
        let sections = content.site.exampleSections
        let wordingHeading = sections.first(where: \.requiresWording)?.headings[language].map(normalised)
        let escalationHeading = sections.first { $0.id == escalationSectionID }?.headings[language].map(normalised)
        let variables = ContentVariables(site: content.site, categories: content.categories, language: language)
        return content.categories.map { category in
            let name = category.texts[language]?.name ?? ""
            var entry = StaffCardEntry(category: category.id, name: Located(name.isEmpty ? category.id : name, at: category.location))
            guard let example = examples[category.id]?[language]?.first else { return entry }
            entry.example = example
            let found = read(example, wordingHeading: wordingHeading, escalationHeading: escalationHeading)
            entry.say = found.say.map { Located(variables.expanding($0.value), at: $0.location) }
            entry.handOver = found.handOver.map { Located(variables.expanding($0.value), at: $0.location) }
            return entry
        }
    }

    /// The first block quote under the wording heading and the first list item (or paragraph) under the escalation heading.
    static func read(_ example: Document, wordingHeading: String?, escalationHeading: String?) -> (say: Located<String>?, handOver: Located<String>?) {
        let tree = CmarkTree(example.body)
        let lines = example.body.split(separator: "\n", omittingEmptySubsequences: false)
        func location(_ node: MarkdownNode) -> SourceLocation {
            let line = max(node.startLine, 1)
            // cmark counts columns in bytes; diagnostics count characters.
            var column = max(node.startColumn, 1)
            if line <= lines.count {
                column = String(decoding: Array(lines[line - 1].utf8).prefix(column - 1), as: UTF8.self).unicodeScalars.count + 1
            }
            return example.location(bodyLine: line, column: column)
        }
        func text(_ node: MarkdownNode) -> String {
            node.children.map { PosterContent.plainText($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        enum Section { case wording, escalation }
        var say: Located<String>?
        var handOver: Located<String>?
        var section: Section?
        for block in tree.root.children {
            if block.kind == .heading {
                let heading = normalised(PosterContent.plainText(block))
                section = heading == wordingHeading ? .wording : heading == escalationHeading ? .escalation : nil
                continue
            }
            switch section {
            case .wording where say == nil && block.kind == .blockQuote:
                let quoted = text(block)
                if !quoted.isEmpty { say = Located(quoted, at: location(block.children.first ?? block)) }
            case .escalation where handOver == nil:
                if block.kind == .list, let item = block.children.first {
                    let said = text(item)
                    if !said.isEmpty { handOver = Located(said, at: location(item.children.first ?? item)) }
                } else if block.kind == .paragraph {
                    let said = PosterContent.plainText(block).trimmingCharacters(in: .whitespaces)
                    if !said.isEmpty { handOver = Located(said, at: location(block)) }
                }
            default: break
            }
        }
        return (say, handOver)
    }

    /// Headings compare with runs of white space as one space, as the section check compares them.
    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// One category's row: its name on the left, then what to say, then when to hand over.
public struct StaffCardRow: Sendable, Hashable {
    public var frame: PosterBox
    public var nameCell: PosterBox
    /// The line between what to say and when to hand over.
    public var divider: PosterBox
    public var name: PosterTextSlot
    public var say: PosterTextSlot
    public var handOver: PosterTextSlot
}

/// The staff card on one sheet: the design drawn in A4 millimetres and scaled to the paper, as the poster's is.
/// Each category's row is as tall as its longest text, and the room left over is shared equally; when the texts need
/// more than the table holds, every row gets an equal share, so the fit rule can name the category that takes more.
public struct StaffCardLayout: Sendable, Hashable {
    public var paper: PosterPaper
    public var pageWidth: Double
    public var pageHeight: Double
    public var marginX: Double
    public var marginY: Double
    public var sheetWidth: Double
    public var sheetHeight: Double
    public var scale: Double

    public var band: PosterBox
    public var title: PosterTextSlot
    public var subtitle: PosterTextSlot
    /// The column heads above the table: what to say, and when to hand over.
    public var sayHead: PosterTextSlot
    public var handOverHead: PosterTextSlot
    public var rows: [StaffCardRow]
    public var rule: PosterBox
    public var tagline: PosterTextSlot

    /// The smallest row that still holds a name and a line of each text; more categories than fit are reported.
    static let minimumRowHeight = 12.0

    public static func maximumRows() -> Int {
        Int((Design.tableHeight + Design.rowGap) / (minimumRowHeight + Design.rowGap))
    }

    /// Whether every row holds its texts in full.
    public var fits: Bool

    public init(paper: PosterPaper, entries: [StaffCardEntry]) {
        self.paper = paper
        let (short, long) = paper.millimetres
        (pageWidth, pageHeight) = (short, long)
        let baseMargin = 10 * short / 210
        let available = (width: pageWidth - 2 * baseMargin, height: pageHeight - 2 * baseMargin - PosterLayout.printSafety)
        scale = min(available.width / Design.width, available.height / Design.height)
        sheetWidth = Design.width * scale
        sheetHeight = Design.height * scale
        marginX = (pageWidth - sheetWidth) / 2
        marginY = (pageHeight - sheetHeight - PosterLayout.printSafety) / 2
        let s = scale
        band = Design.band.scaled(s)
        title = Design.title.scaled(s)
        subtitle = Design.subtitle.scaled(s)
        sayHead = Design.sayHead.scaled(s)
        handOverHead = Design.handOverHead.scaled(s)
        let table = Design.rows(entries)
        fits = table.fits
        rows = table.rows.map { row in
            StaffCardRow(frame: row.frame.scaled(s), nameCell: row.nameCell.scaled(s), divider: row.divider.scaled(s), name: row.name.scaled(s),
                         say: row.say.scaled(s), handOver: row.handOver.scaled(s))
        }
        rule = Design.rule.scaled(s)
        tagline = Design.tagline.scaled(s)
    }

    /// The A4 design, in millimetres from the top left of the printable area.
    enum Design {
        static let width = 190.0
        static let height = 277.0
        static let band = PosterBox(x: 0, y: 0, width: width, height: 24)
        static let title = PosterTextSlot(box: PosterBox(x: 7, y: 3.2, width: 176, height: 7.6 * 1.2), type: PosterType(fontSize: 7.6, leading: 1.2), lines: 1)
        static let subtitle = PosterTextSlot(box: PosterBox(x: 7, y: 14, width: 176, height: 3.8 * 1.3),
                                             type: PosterType(fontSize: 3.8, leading: 1.3, font: PosterFont(face: .regular)), lines: 1)
        static let nameWidth = 38.0
        static let nameX = 3.6
        static let nameTextWidth = nameWidth - 5.6
        static let sayX = 42.0
        static let sayWidth = 78.0
        static let handOverX = 125.0
        static let handOverWidth = width - handOverX - 2
        static let headTop = 27.0
        static let headType = PosterType(fontSize: 3.4, leading: 1.25)
        static let sayHead = PosterTextSlot(box: PosterBox(x: sayX, y: headTop, width: sayWidth, height: headType.lineHeight), type: headType, lines: 1)
        static let handOverHead = PosterTextSlot(box: PosterBox(x: handOverX, y: headTop, width: handOverWidth, height: headType.lineHeight), type: headType, lines: 1)
        static let tableTop = headTop + headType.lineHeight + 2.5
        static let footerTop = 261.0
        static let tableHeight = footerTop - 3 - tableTop
        static let rowGap = 1.6
        static let padding = 2.0
        static let maximumExtra = 10.0
        static let nameType = PosterType(fontSize: 4.0, leading: 1.25)
        static let sayType = PosterType(fontSize: 3.6, leading: 1.35, font: PosterFont(face: .regular))
        static let handOverType = PosterType(fontSize: 3.3, leading: 1.35, font: PosterFont(face: .regular))
        static let rule = PosterBox(x: 0, y: footerTop, width: width, height: 0.6)
        static let tagline = PosterTextSlot(box: PosterBox(x: 0, y: footerTop + 3.5, width: width, height: 2 * 4.6 * 1.3),
                                            type: PosterType(fontSize: 4.6, leading: 1.3), lines: 2)

        /// The rows filling the table: each as tall as its texts need plus an equal part of the room left, or, when
        /// they need more than the table has, all of equal height; each text slot holds as many whole lines as its row.
        static func rows(_ entries: [StaffCardEntry]) -> (rows: [StaffCardRow], fits: Bool) {
            let count = max(entries.count, 1)
            let available = tableHeight - Double(count - 1) * rowGap
            func lines(_ text: String, _ type: PosterType, _ width: Double) -> Int {
                text.isEmpty ? 0 : StaffCard.lines(text, in: PosterTextSlot(box: PosterBox(x: 0, y: 0, width: width, height: 0), type: type, lines: 1)).count
            }
            let needed = entries.map { entry in
                (name: lines(entry.name.value, nameType, nameTextWidth), say: lines(entry.say?.value ?? "", sayType, sayWidth),
                 handOver: lines(entry.handOver?.value ?? "", handOverType, handOverWidth))
            }
            let heights = needed.map { need in
                max(Double(need.name) * nameType.lineHeight, Double(need.say) * sayType.lineHeight, Double(need.handOver) * handOverType.lineHeight) + 2 * padding
            }
            let fits = heights.reduce(0, +) <= available + 0.0001
            // A card of few categories keeps its rows near their texts and leaves the rest of the table blank.
            let extra = min((available - heights.reduce(0, +)) / Double(count), maximumExtra)
            var top = tableTop
            let rows = entries.indices.map { index in
                let height = fits ? heights[index] + extra : available / Double(count)
                func room(_ type: PosterType) -> Int { max(Int(((height - 2 * padding) / type.lineHeight) + 0.0001), 0) }
                let nameLines = min(room(nameType), max(needed[index].name, 1))
                let sayLines = min(room(sayType), max(needed[index].say, 1))
                let handOverLines = min(room(handOverType), max(needed[index].handOver, 1))
                let nameHeight = Double(nameLines) * nameType.lineHeight
                defer { top += height + rowGap }
                return StaffCardRow(
                    frame: PosterBox(x: 0, y: top, width: width, height: height),
                    nameCell: PosterBox(x: 0, y: top, width: nameWidth, height: height),
                    divider: PosterBox(x: handOverX - 2.6, y: top + padding, width: 0.35, height: height - 2 * padding),
                    name: PosterTextSlot(box: PosterBox(x: nameX, y: top + (height - nameHeight) / 2, width: nameTextWidth, height: nameHeight),
                                         type: nameType, lines: nameLines),
                    say: PosterTextSlot(box: PosterBox(x: sayX, y: top + padding, width: sayWidth, height: Double(sayLines) * sayType.lineHeight),
                                        type: sayType, lines: sayLines),
                    handOver: PosterTextSlot(box: PosterBox(x: handOverX, y: top + padding, width: handOverWidth, height: Double(handOverLines) * handOverType.lineHeight),
                                             type: handOverType, lines: handOverLines))
            }
            return (rows, fits)
        }
    }
}

extension StaffCard {
    /// The card's file is front matter only: everything it prints per category comes from the examples.
    static func bodyProblems(_ document: Document) -> [Diagnostic] {
        let lines = document.body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return [] }
        return [.error(document.location(bodyLine: index + 1),
                       "a staff card (kind: card) prints the response examples' wording and has no text of its own after the front matter; remove this, or put it in an example",
                       rule: "poster.body")]
    }
}
