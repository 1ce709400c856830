// The last gate of a public build: no text of a staff-only block or page may appear in any public file.

import Foundation

public enum AudienceLeakScan {
    /// Shorter fragments are too likely to occur in public text by chance ("内線", "Note").
    static let minimumFragmentLength = 8

    /// One error per staff text found in a public file, at the staff text's source location.
    /// With `memory`, a file and staff texts as they were in the previous build are not read again.
    public static func scan(files: [String: Data], staffTexts: [Located<String>], outputName: String, memory: BuildMemory? = nil) -> [Diagnostic] {
        let fragments: [(text: String, bytes: [UInt8], origin: SourceLocation)] = staffTexts.flatMap { staff in
            staff.value.split(whereSeparator: \.isNewline)
                .map { normalise(String($0)) }
                .filter { $0.count >= minimumFragmentLength }
                .map { ($0, Array($0.utf8), staff.location) }
        }
        guard !fragments.isEmpty else { return [] }
        // Each file is read on its own, so the files are read on all cores; the findings keep the files' order.
        let texts = fragments.map { Located($0.text, at: $0.origin) }
        return files.keys.sorted().concurrentMap { path -> [Diagnostic] in
            let scan = {
                let raw = String(decoding: files[path]!, as: UTF8.self)
                let text = normalisedBytes(path.hasSuffix(".html") ? MarkdownPipeline.visibleText(ofHTML: raw) : raw)
                return fragments.filter { contains(text, $0.bytes) }.map { fragment -> Diagnostic in
                    .error(fragment.origin, "staff-only text \"\(fragment.text.prefix(40))\" appears in the public file \(outputName)/\(path); the public site was not replaced", rule: "audience.leak")
                }
            }
            return remembered(memory?.leakFindings, "\(outputName)|\(path)", input: LeakInput(file: files[path]!, fragments: texts), make: scan)
        }.flatMap { $0 }
    }

    /// Whitespace runs count as one space, so line wrapping cannot hide a match.
    static func normalise(_ text: String) -> String {
        String(decoding: normalisedBytes(text), as: UTF8.self)
    }

    /// `normalise` as UTF-8 bytes: whitespace runs become one space, leading and trailing whitespace goes, and
    /// characters are composed (NFC), so a staff text pasted in decomposed form still matches its public copy.
    static func normalisedBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !bytes.isEmpty
                continue
            }
            if space {
                bytes.append(UInt8(ascii: " "))
                space = false
            }
            UTF8.encode(scalar) { bytes.append($0) }
        }
        return bytes
    }

    static func contains(_ text: [UInt8], _ fragment: [UInt8]) -> Bool {
        guard let first = fragment.first else { return true }
        guard text.count >= fragment.count else { return false }
        return text.withUnsafeBufferPointer { haystack in
            fragment.withUnsafeBufferPointer { needle in
                var start = 0
                while start <= haystack.count - needle.count {
                    if haystack[start] == first, memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
                    start += 1
                }
                return false
            }
        }
    }
}
