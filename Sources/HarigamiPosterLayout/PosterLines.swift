// Where a poster's text breaks into lines: as few lines as the box allows, as even as possible, never before 。 or after 「.
// The poster prints exactly these lines, so the fit rule counts the lines the reader will see.

import HarigamiMarkdown

package enum PosterLines {
    /// Characters a Japanese line may not start with (closing brackets and punctuation, small kana, the long vowel mark).
    static let noLineStart: Set<Character> = Set("、。，．,.・：；:;？！?!ー―‐-–—…‥）)」』】〕〉》］]｝}’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々ゝゞヽヾ〜～")
    /// Characters a line may not end with (opening brackets).
    static let noLineEnd: Set<Character> = Set("（(「『【〔〈《［[｛{‘“")

    /// The pieces between which a line may break; spaces stay at the end of the piece before them.
    /// `breaksAfter`: characters after which a line may also break, such as / in an address.
    static func pieces(_ text: String, breaksAfter: Set<Character> = []) -> [String] {
        var pieces: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            if let before = previous, !current.isEmpty, breaksAfter.contains(before) || canBreak(between: before, and: character) {
                pieces.append(current)
                current = ""
            }
            current.append(character)
            previous = character
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    static func canBreak(between before: Character, and after: Character) -> Bool {
        if after.isWhitespace { return false }
        if before.isWhitespace { return true }
        if noLineStart.contains(after) || noLineEnd.contains(before) { return false }
        // Japanese breaks between any two characters; Latin words only at spaces.
        return isWide(before) || isWide(after)
    }

    /// Whether Japanese may break next to `character`: East Asian Width wide, full-width or ambiguous, since the
    /// poster's Japanese font prints ambiguous characters (○, ※, Greek letters) full width.
    static func isWide(_ character: Character) -> Bool {
        switch character.unicodeScalars.first.flatMap(EastAsianWidthTable.width) {
        case .wide, .ambiguous: true
        case .half, nil: false
        }
    }

    /// The width of a line as printed: trailing spaces do not show.
    static func em(_ line: String, font: PosterFont) -> Double {
        font.em(String(line[..<trimmedEnd(line)]))
    }

    /// Where `text` ends once its trailing spaces are dropped.
    static func trimmedEnd(_ text: String) -> String.Index {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        return end
    }

    /// Fills lines of at most `width` em, piece by piece; the width of the line so far is kept, not measured again.
    static func fill(_ pieces: [String], width: Double, font: PosterFont) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0.0
        for piece in pieces {
            let printed = em(piece, font: font)
            // A piece of spaces only adds nothing that shows.
            let widthWithPiece = printed > 0 ? lineWidth + printed : em(line, font: font)
            if !line.isEmpty && widthWithPiece > width + 0.0001 {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            line += piece
            lineWidth += font.em(piece)
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String($0[..<trimmedEnd($0)]) }
    }

    /// The lines of `text` in a box `capacity` em wide: the fewest the box allows, of even length, broken where a reader
    /// pauses (after 、 or a space, between phrases) rather than inside a word, so a title reads 「自覚なくカスハラ／していませんか？」.
    /// `evenness` weighs uneven lines against breaks inside words: a centred title wants its lines even, a left-aligned
    /// paragraph (the staff card's) rather its breaks at pauses.
    package static func balanced(_ text: String, capacity: Double, font: PosterFont, breaksAfter: Set<Character> = [], evenness: Double = 10) -> [String] {
        // A word longer than a whole line (a long compound) may break anywhere, as it would in the browser.
        let pieces = pieces(text, breaksAfter: breaksAfter).flatMap { piece in em(piece, font: font) > capacity ? piece.map(String.init) : [piece] }
        let natural = fill(pieces, width: capacity, font: font)
        guard natural.count > 1 else { return natural }
        let lineCount = natural.count
        let count = pieces.count
        let average = em(text, font: font) / Double(lineCount)
        // Unevenness counts relative to the line length: a line a third longer than the average weighs
        // about as much as a break between two kanji of one word.
        var best = Array(repeating: Array(repeating: Double.infinity, count: lineCount + 1), count: count + 1)
        var from = Array(repeating: Array(repeating: 0, count: lineCount + 1), count: count + 1)
        best[0][0] = 0
        // Widths add up piece by piece; only the last piece of a line loses its trailing spaces.
        var before = [0.0]
        for piece in pieces { before.append(before[before.count - 1] + font.em(piece)) }
        let trimmed = pieces.map { em($0, font: font) }
        func width(_ start: Int, _ end: Int) -> Double {
            trimmed[end - 1] > 0 || end - start == 1 ? before[end - 1] - before[start] + trimmed[end - 1] : em(pieces[start..<end].joined(), font: font)
        }
        for end in 1...count {
            // Longer lines as `start` moves back: stop at the first that overflows, so a long text costs
            // its length times the pieces of one line, not its length squared.
            for start in stride(from: end - 1, through: 0, by: -1) {
                let width = width(start, end)
                if width > capacity + 0.0001 && end - start > 1 { break }
                let penalty = start == 0 ? 0 : breakPenalty(after: pieces[start - 1], before: pieces[start])
                let unevenness = (width - average) / average
                let cost = evenness * unevenness * unevenness + penalty
                // `start` runs backwards: on a tie the earlier start wins, as it always has.
                for lines in 1...lineCount where best[start][lines - 1].isFinite && best[start][lines - 1] + cost <= best[end][lines] {
                    best[end][lines] = best[start][lines - 1] + cost
                    from[end][lines] = start
                }
            }
        }
        guard best[count][lineCount].isFinite else { return natural }
        var lines: [String] = []
        var end = count
        for line in stride(from: lineCount, to: 0, by: -1) {
            let start = from[end][line]
            let line = pieces[start..<end].joined()
            lines.insert(String(line[..<trimmedEnd(line)]), at: 0)
            end = start
        }
        return lines
    }

    enum Script { case hiragana, katakana, kanji, other }

    static func script(_ character: Character) -> Script {
        guard let scalar = character.unicodeScalars.first else { return .other }
        switch scalar.value {
        case 0x3041...0x309F: return .hiragana
        case 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .katakana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x3005: return .kanji
        default: return .other
        }
    }

    /// How much a break between two pieces hurts reading: 0 at a pause, more the deeper inside a word it falls.
    static func breakPenalty(after: String, before: String) -> Double {
        guard let last = after.last, let first = before.first else { return 0 }
        if last.isWhitespace || "、。，．,.！？!?：；:;・/".contains(last) || noLineEnd.contains(first) { return 0 }
        // The honorific お・ご belongs to the word after it (お話, ご質問, お客様): as bad a break as one inside a kanji word.
        if (last == "お" || last == "ご") && script(first) == .kanji { return 5 }
        switch (script(last), script(first)) {
        case (.hiragana, .kanji), (.hiragana, .katakana), (.hiragana, .other), (.other, _), (_, .other): return 1
        case (.kanji, .katakana), (.katakana, .kanji): return 2
        case (.katakana, .hiragana): return 3
        case (.kanji, .hiragana), (.hiragana, .hiragana): return 4
        case (.kanji, .kanji): return 5
        case (.katakana, .katakana): return 6
        }
    }

    /// A web address breaks after a /, where a reader expects it.
    package static func address(_ url: String, capacity: Double, font: PosterFont) -> [String] {
        balanced(url, capacity: capacity, font: font, breaksAfter: ["/"])
    }
}
