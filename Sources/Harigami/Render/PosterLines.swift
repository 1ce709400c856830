// Where a poster's text breaks into lines: as few lines as the box allows, as even as possible, never before 。 or after 「.

enum PosterLines {
    /// Characters a Japanese line may not start with (closing brackets and punctuation, small kana, the long vowel mark).
    static let noLineStart: Set<Character> = Set("、。，．,.・：；:;？！?!ー―‐-–—…‥）)」』】〕〉》］]｝}’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々ゝゞヽヾ〜～")
    /// Characters a line may not end with (opening brackets).
    static let noLineEnd: Set<Character> = Set("（(「『【〔〈《［[｛{‘“")

    /// The pieces between which a line may break; spaces stay at the end of the piece before them.
    static func pieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            if let before = previous, !current.isEmpty, canBreak(between: before, and: character) {
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

    static func isWide(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(PosterTextWidth.isFullWidth) ?? false
    }

    /// The width of a line as printed: trailing spaces do not show.
    static func em(_ line: String) -> Double {
        PosterTextWidth.em(String(line.reversed().drop { $0.isWhitespace }.reversed()))
    }

    /// Fills lines of at most `width` em, piece by piece.
    static func fill(_ pieces: [String], width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for piece in pieces {
            if !line.isEmpty && em(line + piece) > width + 0.0001 {
                lines.append(line)
                line = ""
            }
            line += piece
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String($0.reversed().drop { $0.isWhitespace }.reversed()) }
    }

    /// The lines of `text` in a box `capacity` em wide: the fewest the box allows, with the narrowest longest line,
    /// so a title breaks into two halves rather than a full line and a last word.
    static func balanced(_ text: String, capacity: Double) -> [String] {
        let pieces = pieces(text)
        let natural = fill(pieces, width: capacity)
        guard natural.count > 1 else { return natural }
        var low = pieces.map(em).max() ?? 0
        var high = capacity
        for _ in 0..<40 where high - low > 0.01 {
            let middle = (low + high) / 2
            if fill(pieces, width: middle).count <= natural.count { high = middle } else { low = middle }
        }
        return fill(pieces, width: high)
    }
}
