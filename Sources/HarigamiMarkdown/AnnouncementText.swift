// A `::: announcement` block's HTML as the plain text a phone system is given: no markup, ruby as its base text.

import Foundation

enum AnnouncementText {
    /// The text of `html` (the block's rendering, without its label): tags removed, ruby readings left out,
    /// entities decoded, white space within a paragraph one space, a hard line break kept as a line break, and
    /// paragraphs (and list items, headings) separated by one blank line. No line break at the end.
    static func plain(ofHTML html: String) -> String {
        var paragraphs: [String] = []
        var current = ""
        var index = html.startIndex
        func endParagraph() {
            let text = normalised(current)
            if !text.isEmpty { paragraphs.append(text) }
            current = ""
        }
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = tag.hasPrefix("/") ? "/" + tag.dropFirst().prefix(while: \.isLetterOrDigit) : String(tag.prefix(while: \.isLetterOrDigit))
                index = html.index(after: close)
                if name == "rt" || name == "rp" {
                    // The reading is skipped with its tags: a speaking system reads the base characters.
                    let end = html.range(of: "</\(name)>", range: index..<html.endIndex)
                    index = end?.upperBound ?? html.endIndex
                } else if name.hasPrefix("br") {
                    current.append(lineBreak)
                } else if blockEnds.contains(name) {
                    endParagraph()
                }
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";"),
               let decoded = entity(String(html[html.index(after: index)..<semicolon])) {
                current.append(decoded)
                index = html.index(after: semicolon)
                continue
            }
            current.append(character)
            index = html.index(after: index)
        }
        endParagraph()
        return paragraphs.joined(separator: "\n\n")
    }

    /// Stands for a hard line break until white space is folded.
    private static let lineBreak: Character = "\u{2028}"

    private static let blockEnds: Set<String> = ["/p", "/li", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/blockquote", "/tr", "/div", "/pre"]

    /// Runs of white space as one space, none at either end, and the hard breaks as line ends.
    private static func normalised(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character == lineBreak {
                result.append("\n")
                pendingSpace = false
            } else if character.isWhitespace {
                pendingSpace = !result.isEmpty && result.last != "\n"
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return String(result.drop { $0 == "\n" }.reversed().drop { $0 == "\n" }.reversed())
    }

    private static func entity(_ name: String) -> Character? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "#39": return "'"
        default:
            let digits = name.hasPrefix("#x") || name.hasPrefix("#X") ? (name.dropFirst(2), 16) : name.hasPrefix("#") ? (name.dropFirst(), 10) : ("", 0)
            guard digits.1 != 0, let value = UInt32(digits.0, radix: digits.1), let scalar = Unicode.Scalar(value) else { return nil }
            return Character(scalar)
        }
    }
}

private extension Character {
    var isLetterOrDigit: Bool { isLetter || isNumber }
}
