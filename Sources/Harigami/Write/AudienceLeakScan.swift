// The last gate of a public build: no text of a staff-only block or page may appear in any public file.

import Foundation

public enum AudienceLeakScan {
    /// Shorter fragments are too likely to occur in public text by chance ("内線", "Note").
    static let minimumFragmentLength = 8

    /// One error per staff text found in a public file, at the staff text's source location.
    public static func scan(files: [String: Data], staffTexts: [Located<String>], outputName: String) -> [Diagnostic] {
        let fragments: [(text: String, origin: SourceLocation)] = staffTexts.flatMap { staff in
            staff.value.split(whereSeparator: \.isNewline)
                .map { normalise(String($0)) }
                .filter { $0.count >= minimumFragmentLength }
                .map { ($0, staff.location) }
        }
        guard !fragments.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        for path in files.keys.sorted() {
            let raw = String(decoding: files[path]!, as: UTF8.self)
            let text = normalise(path.hasSuffix(".html") ? MarkdownPipeline.visibleText(ofHTML: raw) : raw)
            for fragment in fragments where text.contains(fragment.text) {
                diagnostics.append(.error(fragment.origin, "staff-only text \"\(fragment.text.prefix(40))\" appears in the public file \(outputName)/\(path); the public site was not replaced", rule: "audience.leak"))
            }
        }
        return diagnostics
    }

    /// Whitespace runs count as one space, so line wrapping cannot hide a match.
    static func normalise(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
