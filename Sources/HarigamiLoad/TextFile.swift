// Bytes of a content file → text: UTF-8 only, BOM dropped, CRLF and CR made LF.

import Foundation
import HarigamiModel

package enum TextFile {
    /// The text of `data`, or the position of the first byte that is not UTF-8.
    package static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.error(firstInvalidByte(bytes, path: path),
                                   "the file is not UTF-8 text; save it as UTF-8 (for example, in your editor choose \"UTF-8\" when saving)",
                                   rule: "load.encoding"))
        }
        // Looked for among the bytes: a search through the text's characters cost a noticeable part of loading a large site.
        if text.holdsByte(UInt8(ascii: "\r")) {
            return .success(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
        }
        return .success(text)
    }

    private static func firstInvalidByte(_ bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1, column = 1
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}

/// How large a Markdown file (a page, a poster, the input of `harigami render`) may be: 64 MiB, far past any page
/// a policy needs and past the 50 MB page the project builds in bounded memory (parsed in pieces; one piece that
/// cannot be cut is limited on its own, `Containers.runLimit`), so a file of gigabytes is not read at all.
/// A poster's text is a few lines: its file may be at most 2 MiB, since its body is parsed whole.
public enum MarkdownFile {
    public static let byteLimit = 64 * 1024 * 1024
    public static let posterByteLimit = 2 * 1024 * 1024

    /// Whether the content file at `relative` is a poster's (`posters/…`).
    static func isPoster(_ relative: String) -> Bool { relative.hasPrefix("posters/") }

    /// The error for a Markdown file (a poster's, with `poster`) of `size` bytes at `path`, or nil when it is within
    /// the limit. `measured` is false when the file was read only up to just past the limit, so its whole size is
    /// not known.
    public static func sizeProblem(size: Int, path: String, measured: Bool = true, poster: Bool = false) -> Diagnostic? {
        let byteLimit = poster ? posterByteLimit : byteLimit
        guard size > byteLimit else { return nil }
        let megabytes = String(format: "%.1f", Double(size) / Double(1024 * 1024))
        let limit = byteLimit / (1024 * 1024)
        let found = measured ? "the file is \(megabytes) MB (\(size.grouped) bytes)" : "the file is larger than \(limit) MB"
        let advice = poster ? "a poster file may be at most \(limit) MB (\(byteLimit.grouped) bytes): a poster's text is a title, a few texts and a short list" : "a Markdown file may be at most \(limit) MB (\(byteLimit.grouped) bytes): split it into several pages"
        return .error(SourceLocation(path: path, line: 1, column: 1), "\(found); \(advice), or check that it is the file you meant",
                      rule: "load.file-too-large")
    }
}
