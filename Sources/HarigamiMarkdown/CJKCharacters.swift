// Character classes for Japanese-aware Markdown: cmark-gfm's whitespace and punctuation, the CJK characters of the
// CJK-friendly emphasis specification, and the wide characters between which a line break is not a space.


package enum CJKCharacters {
    /// cmark-gfm's Unicode whitespace (Zs, tab, line feed, form feed, carriage return). `nil` stands for the start or
    /// end of a line, which the emphasis rules count as whitespace.
    package static func isWhitespace(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return true }
        return value == 9 || value == 10 || value == 12 || value == 13 || value == 32 || value == 0xA0 || value == 0x1680
            || (0x2000...0x200A).contains(value) || value == 0x202F || value == 0x205F || value == 0x3000
    }

    /// cmark-gfm's punctuation: ASCII punctuation or a Unicode P* character. Symbols outside ASCII are not
    /// punctuation here, exactly as cmark-gfm decides, so runs outside Japanese text keep cmark-gfm's reading.
    package static func isPunctuation(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        if scalar.isASCII {
            let value = scalar.value
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value) || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// A CJK character as the CJK-friendly specification defines it: East Asian Width W, F or H and not an emoji
    /// shown as emoji by default, or a Hangul character.
    static func isCJK(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        if isHangul(scalar) { return true }
        switch EastAsianWidthTable.width(of: scalar) {
        case .wide, .half: return !scalar.properties.isEmojiPresentation
        case .ambiguous, nil: return false
        }
    }

    /// A character after which, and before which, a line break inside a paragraph means no space: kana, kanji,
    /// full-width punctuation (East Asian Width W or F). Hangul is left out because Korean separates words with
    /// spaces, and so are emoji.
    static func isWide(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar, EastAsianWidthTable.width(of: scalar) == .wide else { return false }
        return !isHangul(scalar) && !scalar.properties.isEmojiPresentation
    }

    /// U+FE00–U+FE0E: variation selectors that may follow a CJK character (not the emoji selector U+FE0F).
    static func isTextVariationSelector(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (0xFE00...0xFE0E).contains(value)
    }

    /// U+E0100–U+E01EF, which select a glyph of a kanji (such as 葛󠄀).
    static func isIdeographicVariationSelector(_ scalar: Unicode.Scalar?) -> Bool {
        guard let value = scalar?.value else { return false }
        return (0xE0100...0xE01EF).contains(value)
    }

    /// Half-width katakana and their sound marks (U+FF65–U+FF9F).
    package static func isHalfwidthKatakana(_ scalar: Unicode.Scalar) -> Bool {
        (0xFF65...0xFF9F).contains(scalar.value)
    }

    /// Full-width Latin letters and digits (Ａ–Ｚ, ａ–ｚ, ０–９).
    package static func isFullwidthAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0xFF10...0xFF19).contains(value) || (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value)
    }

    /// Code points whose Unicode script is Hangul.
    private static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x302E...0x302F, 0x3131...0x318E, 0x3200...0x321E, 0x3260...0x327E,
             0xA960...0xA97C, 0xAC00...0xD7A3, 0xD7B0...0xD7C6, 0xD7CB...0xD7FB,
             0xFFA0...0xFFBE, 0xFFC2...0xFFC7, 0xFFCA...0xFFCF, 0xFFD2...0xFFD7, 0xFFDA...0xFFDC:
            return true
        default:
            return false
        }
    }
}

/// The characters around a run of `*`, `_` or `~`, as the emphasis rules look at them.
struct DelimiterNeighbours: Equatable {
    /// The character just before the run; nil at the start of a line.
    var before: Unicode.Scalar?
    /// When `before` is a variation selector: the character it modifies.
    var beforeBase: Unicode.Scalar?
    /// The character just after the run; nil at the end of a line.
    var after: Unicode.Scalar?
}

/// Which rules decide whether a delimiter run can open or close emphasis.
enum FlankingRules {
    /// CommonMark as cmark-gfm implements it.
    case commonMark
    /// CommonMark with the CJK-friendly amendments (tats-u/markdown-cjk-friendly, specification.md).
    case cjkFriendly

    func flanking(_ n: DelimiterNeighbours) -> (left: Bool, right: Bool) {
        typealias C = CJKCharacters
        switch self {
        case .commonMark:
            let left = !C.isWhitespace(n.after) && (!C.isPunctuation(n.after) || C.isWhitespace(n.before) || C.isPunctuation(n.before))
            let right = !C.isWhitespace(n.before) && (!C.isPunctuation(n.before) || C.isWhitespace(n.after) || C.isPunctuation(n.after))
            return (left, right)
        case .cjkFriendly:
            let nonCJKPunctuationAfter = C.isPunctuation(n.after) && !C.isCJK(n.after)
            let left = !C.isWhitespace(n.after)
                && (!nonCJKPunctuationAfter || C.isWhitespace(n.before) || isNonCJKPunctuationSequence(n)
                    || isCJKSequence(n) || C.isIdeographicVariationSelector(n.before))
            let right = !C.isWhitespace(n.before)
                && (!isNonCJKPunctuationSequence(n) || C.isWhitespace(n.after) || nonCJKPunctuationAfter || C.isCJK(n.after))
            return (left, right)
        }
    }

    /// Whether a run of `character` can open and close emphasis (or strikethrough, for `~`).
    func canOpenAndClose(_ character: UInt8, _ n: DelimiterNeighbours) -> (open: Bool, close: Bool) {
        let (left, right) = flanking(n)
        guard character == UInt8(ascii: "_") else { return (left, right) }
        let punctuationBefore: Bool = switch self {
        case .commonMark: CJKCharacters.isPunctuation(n.before)
        case .cjkFriendly: isPunctuationSequence(n)
        }
        return (left && (!right || punctuationBefore), right && (!left || CJKCharacters.isPunctuation(n.after)))
    }

    /// The character before the run, looking through one text variation selector.
    private func base(_ n: DelimiterNeighbours) -> Unicode.Scalar? {
        CJKCharacters.isTextVariationSelector(n.before) ? n.beforeBase : n.before
    }

    private func isPunctuationSequence(_ n: DelimiterNeighbours) -> Bool {
        CJKCharacters.isPunctuation(base(n))
    }

    private func isNonCJKPunctuationSequence(_ n: DelimiterNeighbours) -> Bool {
        let character = base(n)
        return CJKCharacters.isPunctuation(character) && !CJKCharacters.isCJK(character)
    }

    private func isCJKSequence(_ n: DelimiterNeighbours) -> Bool {
        CJKCharacters.isCJK(base(n))
    }
}
