// Where a Markdown file's YAML front matter is, between its two `---` fences: the one reader of them.

import Foundation

/// A file's front matter found between a first line `---` and the next line `---` (spaces around either allowed).
/// Line ends may be LF, CRLF or CR and are kept, so a file can be read as it is on disk: stamping a translation
/// changes one line and gives every other byte back.
package struct FrontMatterFences {
    /// The front matter's lines from the opening fence to the closing one, both included, each with its line end.
    package var lines: [Substring]
    /// Everything after the closing fence's line end.
    package var body: Substring

    /// The index of the closing fence in `lines`.
    package var closingFence: Int { lines.count - 1 }

    package enum Problem: Error {
        case noOpeningFence
        case notClosed
    }

    package static func find(in text: Substring) -> Result<FrontMatterFences, Problem> {
        // Only the front matter is cut into lines; the body, most of the file, stays one slice of the text.
        var lines: [Substring] = []
        var rest = text
        while !rest.isEmpty {
            // Swift reads "\r\n" as one character.
            let end = rest.firstIndex { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(rest.index(after:)) ?? rest.endIndex
            let line = rest[..<end]
            rest = rest[end...]
            let fence = isFence(withoutLineEnd(line))
            if lines.isEmpty, !fence { return .failure(.noOpeningFence) }
            lines.append(line)
            if lines.count > 1, fence { return .success(FrontMatterFences(lines: lines, body: rest)) }
        }
        return .failure(lines.isEmpty ? .noOpeningFence : .notClosed)
    }

    package static func withoutLineEnd(_ line: Substring) -> Substring {
        guard let last = line.last, last == "\n" || last == "\r\n" || last == "\r" else { return line }
        return line.dropLast()
    }

    /// Most lines are not fences; Foundation's trimming is worth calling only for one that might be.
    private static func isFence(_ line: Substring) -> Bool {
        line == "---" || (line.contains("---") && line.trimmingCharacters(in: .whitespaces) == "---")
    }
}

/// A loaded Markdown file cut into its YAML front matter and its body.
import HarigamiModel
struct FrontMatterSplit {
    var yaml: String
    /// File line on which the YAML starts (2: after the opening `---`).
    var yamlLine: Int
    var body: String
    var bodyLine: Int

    /// `text` as loaded: byte order mark dropped, line ends LF.
    static func split(_ text: String, path: String) -> Result<FrontMatterSplit, Diagnostic> {
        let start = SourceLocation(path: path)
        if text.isEmpty {
            return .failure(.error(start, "the file is empty; it needs front matter (a line '---', keys such as 'title:', a line '---') and a body", rule: "load.front-matter"))
        }
        let fences: FrontMatterFences
        switch FrontMatterFences.find(in: text[...]) {
        case .success(let found): fences = found
        case .failure(.noOpeningFence):
            return .failure(.error(start, "the file must start with front matter: a line '---', the keys (such as 'title:'), then another line '---'", rule: "load.front-matter"))
        case .failure(.notClosed):
            return .failure(.error(start, "the front matter is not closed: add a line '---' after its last key", rule: "load.front-matter"))
        }
        let yaml = fences.lines[1..<fences.closingFence].map(FrontMatterFences.withoutLineEnd).joined(separator: "\n")
        // The body ends with exactly the line end it has, or one added when the file's last line has none.
        let rest = fences.body
        let body = rest.isEmpty ? "" : String(rest) + (rest.hasSuffix("\n") ? "" : "\n")
        return .success(FrontMatterSplit(yaml: yaml, yamlLine: 2, body: body, bodyLine: fences.closingFence + 2))
    }
}
