// The source-hash of a translation: which version of the Japanese page it was translated from.

import Crypto
import Foundation
import HarigamiModel
import HarigamiLoad

public enum SourceHash {
    /// Hex characters kept from the SHA-256 digest: enough to tell versions apart, short enough to read.
    public static let length = 16

    /// The first 16 hex characters of the SHA-256 of `body`, the text after the front matter as loaded
    /// (UTF-8, byte order mark dropped, line ends LF, ending with one LF).
    public static func of(body: String) -> String {
        let digest = SHA256.hash(data: Data(body.utf8))
        let hex = Array("0123456789abcdef".utf8)
        let bytes = digest.prefix(length / 2).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0x0F)]] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The source-hash a translation of `document` records: of its body, and for a poster also of the front-matter
    /// texts it translates (title, subtitle, tagline, bubbles), so a changed bubble makes the translation stale too.
    public static func of(document: Document) -> String {
        guard !document.translatedFrontMatter.isEmpty else { return of(body: document.body) }
        return of(body: document.body + document.translatedFrontMatter.map { "\u{0}" + $0 }.joined())
    }

    /// The source-hash of one category's wording in the default language (name, summary, poster label, signs, response).
    public static func of(category text: CategoryText) -> String {
        of(body: [text.name, text.summary, text.posterLabel, text.signs, text.response].joined(separator: "\u{0}"))
    }

    /// `original` with its front matter's `source-hash:` line set to `hash` (added before the closing `---`
    /// when absent); every other byte stays as it was, line ends and byte order mark included.
    public static func stamped(_ original: Data, hash: String, path: String) -> Result<Data, Diagnostic> {
        var bytes = [UInt8](original)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = bytes.starts(with: bom)
        if hasBOM { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(.error(SourceLocation(path: path), "the file is not UTF-8 text; save it as UTF-8 before stamping it", rule: "load.encoding"))
        }
        let fences: FrontMatterFences
        switch FrontMatterFences.find(in: text[...]) {
        case .success(let found): fences = found
        case .failure(.noOpeningFence):
            return .failure(.error(SourceLocation(path: path), "the file must start with front matter (a line '---', the keys, another line '---') before it can be stamped", rule: "load.front-matter"))
        case .failure(.notClosed):
            return .failure(.error(SourceLocation(path: path), "the front matter is not closed: add a line '---' after its last key", rule: "load.front-matter"))
        }
        let first = fences.lines[0]
        let lineEnd = first.hasSuffix("\r\n") ? "\r\n" : (first.hasSuffix("\r") ? "\r" : "\n")
        var result = fences.lines[..<fences.closingFence].map(String.init)
        if let keyLine = result.indices.first(where: { isSourceHashKey(result[$0]) }) {
            let ending = ["\r\n", "\n", "\r"].first { result[keyLine].hasSuffix($0) } ?? lineEnd
            result[keyLine] = "source-hash: \(hash)" + ending
            // A value continued on indented lines belongs to the key being replaced.
            let next = keyLine + 1
            while next < result.count, let character = result[next].first, character == " " || character == "\t" {
                result.remove(at: next)
            }
        } else {
            result.append("source-hash: \(hash)" + lineEnd)
        }
        result.append(String(fences.lines[fences.closingFence]))
        result.append(String(fences.body))
        return .success(Data((hasBOM ? bom : []) + Array(result.joined().utf8)))
    }

    /// A top-level `source-hash:` key (not one nested in a mapping).
    private static func isSourceHashKey(_ line: String) -> Bool {
        guard line.hasPrefix("source-hash") else { return false }
        return line.dropFirst("source-hash".count).drop { $0 == " " || $0 == "\t" }.first == ":"
    }
}
