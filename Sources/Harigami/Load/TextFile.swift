// Bytes of a content file → text: UTF-8 only, BOM dropped, CRLF and CR made LF.

import Foundation

enum TextFile {
    /// The text of `data`, or the position of the first byte that is not UTF-8.
    static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.error(firstInvalidByte(bytes, path: path),
                                   "the file is not UTF-8 text; save it as UTF-8 (for example, in your editor choose \"UTF-8\" when saving)",
                                   rule: "load.encoding"))
        }
        // Looked for among the bytes: a search through the text's characters cost a noticeable part of loading a large site.
        if text.utf8.contains(UInt8(ascii: "\r")) {
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
