// Where a name tag's texts go and how large they print: shared by the fit rule and the name-tag sheets.

import HarigamiModel

/// The sheet: A4 with ten 91 × 55 mm cards, two across and five down, edge to edge, centred. These are the margins of
/// the common perforated business-card sheets (A-One 51002 and its like): (210 − 2 × 91) / 2 = 14 mm left and right,
/// (297 − 5 × 55) / 2 = 11 mm top and bottom, no gap between cards.
public enum NameTagSheet {
    public static let paper = PosterPaper.a4
    public static let columns = 2
    public static let rows = 5
    public static let cardsPerSheet = columns * rows
    public static let cardWidth = 91.0
    public static let cardHeight = 55.0
    public static let marginX = (paper.millimetres.short - Double(columns) * cardWidth) / 2
    public static let marginY = (paper.millimetres.long - Double(rows) * cardHeight) / 2
    /// Inside a card, kept free of text so that a sheet fed slightly askew cuts no letter.
    public static let padding = 5.0
    public static var textWidth: Double { cardWidth - 2 * padding }

    /// The site's languages a sheet is printed in: each alone, and the first two on one card.
    public static func editions(_ languages: [String]) -> [[String]] {
        languages.map { [$0] } + (languages.count > 1 ? [Array(languages.prefix(2))] : [])
    }

    /// The sheets for `count` people: ten to a sheet, the last one partly filled.
    public static func sheetCount(_ count: Int) -> Int { (count + cardsPerSheet - 1) / cardsPerSheet }
}

/// A line of one or more texts side by side, at one size: the largest up to `maximum` that fits the card's width.
public struct NameTagLine: Sendable, Hashable {
    public var texts: [String]
    /// Font size in millimetres.
    public var size: Double
    /// By how much the line is wider than the card at the smallest size allowed, in millimetres; 0 when it fits.
    public var overflow: Double

    /// `gap` em between texts, `letterSpacing` em after each character.
    init(_ texts: [String], face: PosterFace, maximum: Double, minimum: Double, gap: Double = 1, letterSpacing: Double = 0) {
        self.texts = texts
        let written = texts.filter { !$0.isEmpty }
        let em = written.map { PosterTextWidth.em($0, face: face, letterSpacing: letterSpacing) }.reduce(0, +)
            + gap * Double(max(written.count - 1, 0))
        let fitting = em > 0 ? NameTagSheet.textWidth / em : maximum
        size = max(min(maximum, fitting), minimum)
        overflow = max(em * size - NameTagSheet.textWidth, 0)
    }
}

/// One card in one or two languages: the surname large, the reading in kana above it when the card's first language
/// is Japanese, the second language's surname beneath it, and the section and role at the top.
public struct NameTagCard: Sendable, Hashable {
    public var languages: [String]
    public var surname: NameTagLine
    public var reading: NameTagLine?
    public var secondSurname: NameTagLine?
    /// Section and role in the first language.
    public var affiliation: NameTagLine
    /// Section and role in the second language, smaller.
    public var secondAffiliation: NameTagLine?
    /// The organisation, at the foot of the card.
    public var organisation: NameTagLine

    public static let readingSpacing = 0.12

    public init(_ tag: NameTag, languages: [String], organisation: String) {
        self.languages = languages
        let first = languages[0]
        let bilingual = languages.count > 1
        func affiliation(_ language: String, maximum: Double) -> NameTagLine {
            NameTagLine([tag.section[language] ?? "", tag.role?[language] ?? ""], face: .bold, maximum: maximum, minimum: 2.4)
        }
        // Japanese glyphs fill their square; Latin capitals are about two thirds of it, so they print larger.
        let surnameMaximum = first == "ja" ? (bilingual ? 16.0 : 19.0) : 16.0
        surname = NameTagLine([tag.surname[first] ?? ""], face: .bold, maximum: surnameMaximum, minimum: 9)
        reading = first == "ja" ? NameTagLine([tag.reading], face: .regular, maximum: 4.6, minimum: 3, letterSpacing: Self.readingSpacing) : nil
        self.affiliation = affiliation(first, maximum: bilingual ? 3.6 : 4)
        self.organisation = NameTagLine([organisation], face: .regular, maximum: 2.8, minimum: 2.2)
        if bilingual {
            let second = languages[1]
            secondSurname = NameTagLine([tag.surname[second] ?? ""], face: .bold, maximum: 6.5, minimum: 4)
            secondAffiliation = affiliation(second, maximum: 2.9)
        }
    }

    /// What does not fit, as (what, language, millimetres), in print order.
    public var overflows: [(part: String, language: String, millimetres: Double)] {
        let parts: [(String, String, NameTagLine?)] = [
            ("section and role", languages[0], affiliation), ("section and role", languages.last!, secondAffiliation),
            ("reading", languages[0], reading), ("organisation", languages[0], organisation), ("surname", languages[0], surname), ("surname", languages.last!, secondSurname),
        ]
        return parts.compactMap { part, language, line in
            guard let line, line.overflow > 0 else { return nil }
            return (part, language, line.overflow)
        }
    }
}
