// The last gate of a public build: no sentence of a staff-only block or page may appear in any public file.
//
// Both sides are compared as normalised text: NFKC, lower case, letters, digits and marks only (markup, ruby
// readings, link syntax, punctuation and white space gone), so bold, ruby, a link, a full-width digit or a
// rewrapped line cannot hide a copy. Staff text is cut into sentences; each public file is read once (its visible
// text, and every attribute value: meta descriptions, alt texts, titles, link addresses) and every sentence is
// looked for in one pass with a rolling hash, so the scan grows with the size of the site, not with its square.

import Foundation
import HarigamiModel

/// What every file of one scan is looked through for: the staff sentences, and the name of the output they are in.
public struct LeakSearch: Sendable {
    public var fragments: [AudienceLeakScan.Fragment]
    public var outputName: String
}

/// One file of a build, by its path in the output folder.
public struct PublishedFile: Sendable {
    public var path: String
    public var data: Data
}

public enum AudienceLeakScan {
    /// A sentence shorter than this is too likely to occur in public text by chance, or is a label two pages share
    /// ("内線 1234", "終了を予告するとき", "For staff only"). Counted in normalised characters, a wide (CJK) character
    /// weighing 5 and any other 2: ten Japanese characters, or twenty-five Latin letters and digits.
    static let minimumWeight = 50
    /// Characters that end a sentence (and line ends).
    static let sentenceEnds: Set<Character> = ["。", "．", "｡", "！", "？", "!", "?", ".", "\n", "\r\n", "\r"]
    /// The sentence ends that make a line a sentence of prose rather than a label.
    static let fullStops: Set<Character> = ["。", "．", "｡", "."]

    /// One sentence of staff text, normalised, and every place it was written.
    /// One sentence of one text, before the texts' sentences are merged into fragments.
    public struct Sentence: Equatable, Sendable {
        var text: String
        var normalised: [UInt32]
        /// The sentence is a whole line that does not end with a full stop.
        var isLabel: Bool
    }

    public struct Fragment: Equatable, Sendable {
        var text: String
        var normalised: [UInt32]
        var origins: [SourceLocation]
        /// Every time it was written, it was a label (see `sentences(of:)`), not a sentence of prose.
        var isLabel: Bool
    }

    /// One error per staff text (block or page) found in a public file, at the staff text's source location.
    /// `publicTexts` are what the public site carries by design (section headings, category names, interface
    /// strings), and `sharedHeadings` are headings of staff pages that public pages have too: a staff sentence that
    /// is one of them (or one sentence of one) is not a leak. `publicTitles`, the titles of public pages, spare a
    /// staff sentence only where it is written as a label (a heading, a link naming a public page): a sentence of
    /// prose that a public page has made its title is a leak. A set phrase (`SetPhrase`) is not a leak either.
    /// `batch` looks through the files: each afresh unless the caller passes a runner of its own.
    public static func scan(files: [String: Data], staffTexts: [Located<String>], publicTexts: [String] = [], publicTitles: [String] = [],
                            sharedHeadings: [String] = [], outputName: String,
                            batch: Batch<LeakSearch, PublishedFile, [Diagnostic]> = .fresh,
                            split: Batch<Void, String, [Sentence]> = .fresh) -> [Diagnostic] {
        let search = Search(staffTexts: staffTexts, publicTexts: publicTexts, publicTitles: publicTitles, sharedHeadings: sharedHeadings,
                            outputName: outputName, split: split)
        return search.findings(in: files, batch: batch)
    }

    /// The staff sentences one scan looks for, worked out once, so that a build can look through its files as it
    /// finishes them, a few hundred at a time (`scan` says what is and is not a leak).
    public struct Search: Sendable {
        let fragments: [Fragment]
        let index: FragmentIndex?
        let outputName: String

        public init(staffTexts: [Located<String>], publicTexts: [String] = [], publicTitles: [String] = [], sharedHeadings: [String] = [],
                    outputName: String, split: Batch<Void, String, [Sentence]> = .fresh) {
            // Only a whole sentence: a staff sentence copied into a longer public text is still found there.
            func normalisedSentences(_ texts: [String]) -> Set<[UInt32]> {
                Set(sentences(of: texts.map { Located($0, at: SourceLocation(path: "")) }, split: split).map(\.normalised))
            }
            let byDesign = normalisedSentences(publicTexts + sharedHeadings)
            let titles = normalisedSentences(publicTitles)
            fragments = sentences(of: staffTexts, split: split).filter { fragment in
                !byDesign.contains(fragment.normalised) && !(fragment.isLabel && titles.contains(fragment.normalised)) && !SetPhrase.contains(fragment.normalised)
            }
            index = fragments.isEmpty ? nil : FragmentIndex(fragments)
            self.outputName = outputName
        }

        /// The errors `files` give, in the order of their paths.
        public func findings(in files: [String: Data], batch: Batch<LeakSearch, PublishedFile, [Diagnostic]> = .fresh) -> [Diagnostic] {
            guard let index else { return [] }
            let (fragments, outputName) = (fragments, outputName)
            let published = files.keys.sorted().map { PublishedFile(path: $0, data: files[$0]!) }
            // Each file is read on its own; the findings keep the files' order.
            return batch(LeakSearch(fragments: fragments, outputName: outputName), published) { file in
                guard let published = publishedBytes(of: file.data, path: file.path) else { return [] }
                let text = published.isValid ? published.bytes.withUnsafeBufferPointer { normalise(utf8: $0) }
                    : normalise(String(decoding: published.bytes, as: UTF8.self))
                var reported = Set<SourceLocation>()
                var found: [Diagnostic] = []
                for fragment in index.occurrences(in: text).sorted().map({ fragments[$0] }) {
                    for origin in fragment.origins where reported.insert(origin).inserted {
                        found.append(.error(origin, "staff-only text \"\(fragment.text.prefix(40))\" appears in the public file \(outputName)/\(file.path), so the public site is not built: take it out of that page, or out of the staff-only block or page if everyone may read it", rule: "audience.leak"))
                    }
                }
                return found
            }.flatMap { $0 }
        }
    }

    /// The sentences of `staffTexts` long enough to look for, each once, with every place it was written.
    /// A sentence is a label when it is a whole line (a heading, a list item, a table cell, a caption, a link on a
    /// line of its own) that does not end with a full stop; any other sentence is prose.
    static func sentences(of staffTexts: [Located<String>], split: Batch<Void, String, [Sentence]> = .fresh) -> [Fragment] {
        var fragments: [Fragment] = []
        var positions: [[UInt32]: Int] = [:]
        let found = split((), staffTexts.map(\.value)) { sentences(in: $0) }
        for (staff, sentences) in zip(staffTexts, found) {
            for sentence in sentences {
                if let position = positions[sentence.normalised] {
                    if !fragments[position].origins.contains(staff.location) { fragments[position].origins.append(staff.location) }
                    fragments[position].isLabel = fragments[position].isLabel && sentence.isLabel
                } else {
                    positions[sentence.normalised] = fragments.count
                    fragments.append(Fragment(text: sentence.text, normalised: sentence.normalised, origins: [staff.location], isLabel: sentence.isLabel))
                }
            }
        }
        return fragments
    }

    /// The sentences of one text long enough to look for, in the order `sentences(of:)` meets them: line by line,
    /// then across line ends. Worked out per text, so the preview can keep them for the texts a save did not change.
    package static func sentences(in text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        func add(_ sentence: some StringProtocol, isLabel: Bool) {
            let normalised = normalise(String(sentence))
            guard weight(normalised) >= minimumWeight else { return }
            let shown = sentence.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            sentences.append(Sentence(text: shown, normalised: normalised, isLabel: isLabel))
        }
        // Line by line: a heading, a list item, a table cell is a line.
        for line in text.split(whereSeparator: \.isNewline) {
            var pieces: [Substring] = []
            var start = line.startIndex
            for index in line.indices where isSentenceEnd(line[index]) {
                pieces.append(line[start...index])
                start = line.index(after: index)
            }
            pieces.append(line[start...])
            pieces.removeAll { $0.allSatisfy(\.isWhitespace) }
            let isLabel = pieces.count == 1 && !(pieces[0].last(where: { !$0.isWhitespace }).map(fullStops.contains) ?? false)
            for piece in pieces { add(piece, isLabel: isLabel) }
        }
        // Then across line ends: a paragraph wrapped into short lines, as English is, is looked for as whole
        // sentences as well. A sentence on one line was found line by line already.
        var sentence = ""
        // Whether the sentence has text yet, has text before a line end, and has text after one.
        var started = false, afterLineEnd = false, acrossLines = false
        for character in text {
            if character.isNewline {
                afterLineEnd = started
                sentence.append(" ")
                continue
            }
            if !character.isWhitespace {
                started = true
                if afterLineEnd { acrossLines = true }
            }
            sentence.append(character)
            if isSentenceEnd(character) {
                if acrossLines { add(sentence, isLabel: false) }
                sentence = ""
                started = false
                afterLineEnd = false
                acrossLines = false
            }
        }
        if acrossLines { add(sentence, isLabel: false) }
        return sentences
    }

    /// `sentenceEnds.contains(character)`, without hashing the character: ASCII ("\r\n" has the ASCII value of "\n")
    /// by its value, a character of one scalar by that scalar (no other character is canonically equivalent to a wide
    /// sentence end, which has no decomposition), and only a cluster of several scalars by the set.
    @inline(__always)
    static func isSentenceEnd(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return ascii == UInt8(ascii: "!") || ascii == UInt8(ascii: "?") || ascii == UInt8(ascii: ".") || ascii == UInt8(ascii: "\n")
                || ascii == UInt8(ascii: "\r")
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return sentenceEnds.contains(character) }
        switch first.value {
        case 0x3002, 0xFF0E, 0xFF61, 0xFF01, 0xFF1F: return true // 。．｡！？
        default: return false
        }
    }

    /// Wide characters (CJK, kana, full-width forms) weigh 5, others 2.
    static func weight(_ text: [UInt32]) -> Int {
        text.reduce(0) { sum, scalar in sum + (scalar >= 0x1100 && isWide(scalar) ? 5 : 2) }
    }

    private static func isWide(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// NFKC, lower case, and only letters, digits and marks kept (variation selectors left out); U+0000 (between texts that do not run on) is kept as 0.
    /// `data` as text when it starts with a UTF-16 byte order mark and decodes as UTF-16; nil otherwise.
    static func utf16Text(_ data: Data) -> String? {
        guard data.count >= 2, data.count % 2 == 0 else { return nil }
        let bigEndian: Bool
        switch (data[data.startIndex], data[data.startIndex + 1]) {
        case (0xFF, 0xFE): bigEndian = false
        case (0xFE, 0xFF): bigEndian = true
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2 - 1)
        var index = data.startIndex + 2
        while index < data.endIndex {
            let (first, second) = (UInt16(data[index]), UInt16(data[index + 1]))
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var text = ""
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.unicodeScalars.append(scalar)
            case .emptyInput: return text
            case .error: return nil
            }
        }
    }

    static func normalise(_ text: String) -> [UInt32] {
        var text = text
        return text.withUTF8 { normalise(utf8: $0) }
    }

    /// `normalise` of valid UTF-8, read byte by byte. Most characters of a Japanese page (kana, the common
    /// ideographs, ASCII, the usual punctuation) are their own NFKC, never combine with the character before them, and
    /// are their own lower case unless A to Z: they are taken as they are, while every other run goes through
    /// Foundation (a fifth of a large build's time went to normalising every character). A character is taken alone
    /// only when the next one cannot combine with it (a voiced mark, ﾞ, an accent), so the runs are cut where
    /// normalising the whole text would not join them.
    static func normalise(utf8 bytes: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        // One value per byte is room enough unless a run through Foundation expands (ﷺ, three bytes, is eighteen
        // values): then again with room for the largest expansion there is.
        normalise(utf8: bytes, room: bytes.count) ?? normalise(utf8: bytes, room: 6 * bytes.count + 18)!
    }

    /// `normalise` written straight into the array it returns, made with `room` values' capacity; nil when that is
    /// too little. Written into the array itself, not copied into one at the end: the copy held a large file's text
    /// twice (the sitemap, the examples pages), which raised a large build's peak memory by a fourteenth.
    private static func normalise(utf8 bytes: UnsafeBufferPointer<UInt8>, room: Int) -> [UInt32]? {
        var fits = true
        let result = [UInt32](unsafeUninitializedCapacity: max(room, 1)) { buffer, initialized in
            var output = NormalisedOutput(buffer)
            fits = normalise(utf8: bytes, into: &output)
            initialized = fits ? output.written : 0
        }
        return fits ? result : nil
    }

    /// False when `output` has too little room.
    private static func normalise(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout NormalisedOutput) -> Bool {
        let count = bytes.count
        // Where the run that goes through Foundation started; -1 while there is none. The run always ends just
        // before the character being read, so it is one stretch of the bytes.
        var pendingStart = -1
        // The action of the character after the one being read, kept so a wide character is decoded once.
        var cachedIndex = -1, cachedAction = FastAction.drop, cachedLength = 0
        var index = 0
        while index < count {
            let lead = bytes[index]
            // ASCII followed by ASCII (or nothing) combines with nothing: most of a page's markup and English text.
            if lead < 0x80, pendingStart < 0, index + 1 == count || bytes[index + 1] < 0x80 {
                if case .keep(let value) = asciiAction(lead) { output.append(value) }
                index += 1
                continue
            }
            let action: FastAction, length: Int
            if cachedIndex == index { (action, length) = (cachedAction, cachedLength) } else { (action, length) = scalarAction(bytes, at: index) }
            let next = index + length
            var nextIsSlow = false
            if next < count, bytes[next] >= 0x80 {
                (cachedAction, cachedLength) = scalarAction(bytes, at: next)
                cachedIndex = next
                if case .slow = cachedAction { nextIsSlow = true }
            }
            var isSlow = nextIsSlow
            if case .slow = action { isSlow = true }
            if isSlow {
                if pendingStart < 0 { pendingStart = index }
            } else {
                if pendingStart >= 0 {
                    guard output.append(whole: bytes, pendingStart..<index, bytesLeft: count - index) else { return false }
                    pendingStart = -1
                }
                if case .keep(let value) = action { output.append(value) }
            }
            index = next
        }
        if pendingStart >= 0 { return output.append(whole: bytes, pendingStart..<count, bytesLeft: 0) }
        return true
    }

    /// What `normalise` writes: room for one value per byte still to read, so a character taken as it is is written
    /// without the check for a unique, large enough array that appending to one makes each time (a tenth of the scan).
    /// Only a run through Foundation can give more values than it has bytes (① is 1, ﷺ 18).
    private struct NormalisedOutput {
        private let values: UnsafeMutableBufferPointer<UInt32>
        private(set) var written = 0

        init(_ values: UnsafeMutableBufferPointer<UInt32>) {
            self.values = values
        }

        @inline(__always)
        mutating func append(_ value: UInt32) {
            values[written] = value
            written += 1
        }

        /// The values of a run through Foundation, if they leave room for the `bytesLeft` bytes after it.
        mutating func append(whole bytes: UnsafeBufferPointer<UInt8>, _ run: Range<Int>, bytesLeft: Int) -> Bool {
            let whole = normaliseWhole(String(decoding: UnsafeBufferPointer(rebasing: bytes[run]), as: UTF8.self))
            guard written + whole.count + bytesLeft <= values.count else { return false }
            for value in whole {
                values[written] = value
                written += 1
            }
            return true
        }
    }

    @inline(__always)
    private static func asciiAction(_ byte: UInt8) -> FastAction {
        switch byte {
        case 0: .keep(0)
        case 0x41...0x5A: .keep(UInt32(byte | 0x20))
        case 0x61...0x7A, 0x30...0x39: .keep(UInt32(byte))
        default: .drop
        }
    }

    /// The action for the character whose UTF-8 starts at `index` (valid UTF-8), and its length in bytes.
    @inline(__always)
    private static func scalarAction(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (FastAction, Int) {
        let lead = UInt32(bytes[index])
        switch lead {
        case ..<0x80:
            return (asciiAction(UInt8(lead)), 1)
        case ..<0xE0:
            let value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            return (fastAction(value), 2)
        case ..<0xF0:
            let value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            return (fastAction(value), 3)
        default:
            let value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F)
            return (fastAction(value), 4)
        }
    }

    enum FastAction: Equatable {
        case keep(UInt32)
        case drop
        case slow
    }

    /// What `normaliseWhole` makes of `scalar` when no character next to it combines with it, for the characters
    /// that are their own NFKC and NFC and never join the one before them; `.slow` for every other.
    static func fastAction(_ value: UInt32) -> FastAction {
        switch value {
        case 0: return .keep(0)
        case 0x41...0x5A: return .keep(value | 0x20)
        case 0x61...0x7A, 0x30...0x39: return .keep(value)
        case ..<0x80: return .drop
        // Kana, the prolonged sound mark and the common ideographs.
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x4E00...0x9FFF: return .keep(value)
        // 、。「」『』【】・〜 and the ellipsis and dashes: punctuation, which normalising drops.
        case 0x3001, 0x3002, 0x300C...0x300F, 0x3010, 0x3011, 0x30FB, 0x301C, 0x2026, 0x2014, 0x2015: return .drop
        default: return .slow
        }
    }

    /// `normalise` done by Foundation on the whole text: NFKC, composed again, lower case, then letters, digits and
    /// marks kept. `normalise` gives the same for every text, doing most characters without it.
    static func normaliseWhole(_ text: String) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(text.utf8.count)
        // Composed again after the compatibility mapping: on Linux it leaves a half-width ﾊﾞ as ハ and a combining
        // mark where NFKC has バ, and a copy typed in half-width kana would pass as other text.
        for scalar in text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.value {
            case 0:
                result.append(0)
                continue
            // Kana and the common ideographs, most of a Japanese page, without looking their category up.
            case 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF, 0x61...0x7A, 0x30...0x39:
                result.append(scalar.value)
                continue
            case ..<0x80:
                continue
            // Variation selectors and the grapheme joiner choose a glyph and are marks, but add no letter: a copy with them is the same text.
            case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x180B...0x180D, 0x034F:
                continue
            default:
                break
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
                result.append(scalar.value)
            default:
                break
            }
        }
        return result
    }

    // MARK: - What a public file shows

    /// The text of a public file as anyone can read it: for HTML, XML and SVG the visible text (ruby readings left
    /// out) and every attribute value and comment, each on its own; percent-encoding and character references
    /// undone. Nil for a file that is not UTF-8 text (a picture).
    static func publishedText(of data: Data, path: String) -> String? {
        publishedBytes(of: data, path: path).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// `publishedText` as UTF-8 bytes, and whether they are valid UTF-8 as they are: they are unless a percent-escape
    /// was decoded (markup is cut and character references are written only at ASCII bytes, which no character's
    /// encoding contains), so most pages are normalised without being checked and copied into a String again.
    static func publishedBytes(of data: Data, path: String) -> (bytes: [UInt8], isValid: Bool)? {
        var bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) == nil {
            // Text saved as UTF-16 with its byte order mark (as spreadsheet programs save CSV and text) is read too.
            guard let utf16 = utf16Text(data) else { return nil }
            bytes = Array(utf16.utf8)
        }
        let lowered = path.lowercased()
        if [".html", ".htm", ".xml", ".svg"].contains(where: lowered.hasSuffix) { bytes = markupText(bytes) }
        bytes = characterReferencesDecoded(bytes)
        guard bytes.contains(UInt8(ascii: "%")) else { return (bytes, true) }
        return (percentDecoded(bytes), false)
    }

    private static let commentEnd = Array("-->".utf8)
    private static let rubyText = Array("rt".utf8), rubyParenthesis = Array("rp".utf8)

    /// Visible text of markup (`rt` and `rp` left out), then each ruby reading, attribute value and comment, set apart
    /// by U+0000: after the text, so that a link, an image or a reading inside a sentence does not cut it. A reading is
    /// shown above its text, so a sentence written as one is published too.
    static func markupText(_ source: [UInt8]) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(source.count)
        var attributes: [UInt8] = []
        var index = 0
        var skipping: [UInt8]? // the closing tag name while inside <rt> or <rp>
        let count = source.count
        func isNameByte(_ byte: UInt8) -> Bool {
            !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "="))
        }
        while index < count {
            let byte = source[index]
            guard byte == UInt8(ascii: "<") else {
                // The text up to the next tag, copied at once.
                var end = index + 1
                while end < count, source[end] != UInt8(ascii: "<") { end += 1 }
                if skipping == nil { text.append(contentsOf: source[index..<end]) } else if skipping == rubyText { attributes.append(contentsOf: source[index..<end]) }
                index = end
                continue
            }
            // A comment: its text is in the file for anyone to read.
            if index + 3 < count, source[index + 1] == UInt8(ascii: "!"), source[index + 2] == UInt8(ascii: "-"), source[index + 3] == UInt8(ascii: "-") {
                var end = index + 4
                while end < count, !source[end...].starts(with: commentEnd) { end += 1 }
                attributes.append(0)
                attributes.append(contentsOf: source[(index + 4)..<min(end, count)])
                index = min(end + 3, count)
                continue
            }
            // A tag: its name, then its attributes up to `>`.
            index += 1
            let closing = index < count && source[index] == UInt8(ascii: "/")
            if closing { index += 1 }
            let nameStart = index
            while index < count, isNameByte(source[index]) { index += 1 }
            // Only `rt` and `rp` matter: told apart by their two bytes, without making a name per tag.
            let name: [UInt8]? = index - nameStart == 2 && source[nameStart] | 0x20 == UInt8(ascii: "r")
                ? (source[nameStart + 1] | 0x20 == UInt8(ascii: "t") ? rubyText : source[nameStart + 1] | 0x20 == UInt8(ascii: "p") ? rubyParenthesis : nil)
                : nil
            if let skipped = skipping {
                if closing, name == skipped { skipping = nil }
            } else if !closing, let name {
                skipping = name
                if name == rubyText { attributes.append(0) }
            }
            while index < count, source[index] != UInt8(ascii: ">") {
                let current = source[index]
                guard current == UInt8(ascii: "=") else {
                    index += 1
                    continue
                }
                index += 1
                while index < count, source[index] == UInt8(ascii: " ") || source[index] == UInt8(ascii: "\n") || source[index] == UInt8(ascii: "\t") {
                    index += 1
                }
                guard index < count else { break }
                let quote = source[index]
                var value: ArraySlice<UInt8>
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let start = index + 1
                    var end = start
                    while end < count, source[end] != quote { end += 1 }
                    value = source[start..<min(end, count)]
                    index = min(end + 1, count)
                } else {
                    let start = index
                    while index < count, source[index] != UInt8(ascii: ">"), source[index] != UInt8(ascii: " ") { index += 1 }
                    value = source[start..<index]
                }
                attributes.append(0)
                attributes.append(contentsOf: value)
            }
            index += 1
        }
        text.append(contentsOf: attributes)
        return text
    }

    private static let namedReferences: [String: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": " "]

    /// `&lt;`, `&amp;`, `&#39;`, `&#x5185;` … as the characters they stand for.
    static func characterReferencesDecoded(_ source: [UInt8]) -> [UInt8] {
        guard source.contains(UInt8(ascii: "&")) else { return source }
        var result: [UInt8] = []
        result.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "&"), let semicolon = source[index..<min(index + 12, source.count)].firstIndex(of: UInt8(ascii: ";")) {
                let name = String(decoding: source[(index + 1)..<semicolon], as: UTF8.self)
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    replacement = namedReferences[name]
                }
                if let replacement {
                    result.append(contentsOf: replacement.utf8)
                    index = semicolon + 1
                    continue
                }
            }
            // The bytes up to the next reference, copied at once.
            var end = index + 1
            while end < source.count, source[end] != UInt8(ascii: "&") { end += 1 }
            result.append(contentsOf: source[index..<end])
            index = end
        }
        return result
    }

    /// `%E5%86%85` as the bytes it stands for; a `%` not followed by two hexadecimal digits stays.
    static func percentDecoded(_ source: [UInt8]) -> [UInt8] {
        guard source.contains(UInt8(ascii: "%")) else { return source }
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count, let high = hex(source[index + 1]), let low = hex(source[index + 2]) {
                result.append(high << 4 | low)
                index += 3
            } else {
                // The bytes up to the next `%`, copied at once.
                var end = index + 1
                while end < source.count, source[end] != UInt8(ascii: "%") { end += 1 }
                result.append(contentsOf: source[index..<end])
                index = end
            }
        }
        return result
    }
}

/// Every staff sentence at once: the first `window` characters of each, by a rolling hash, so a text is read once
/// whatever the number of sentences; a hash that matches is confirmed character by character.
struct FragmentIndex {
    /// No sentence is shorter (`AudienceLeakScan.minimumWeight` is at least ten characters).
    static let window = 8
    private static let base: UInt64 = 0x100000001B3
    private static let filterBits = 1 << 20

    /// The fragments that begin with one window, grouped by length and by the hash of the whole fragment: where many
    /// sentences share a beginning, a position of the text is compared with the few of one length and whole hash, not
    /// with all of them (which cost the square of the text).
    private struct Bucket {
        var positions: [Int] = []
        var lengths: [Int] = []
        var byWhole: [UInt64: [Int]] = [:]

        mutating func add(_ position: Int, length: Int, whole: UInt64) {
            positions.append(position)
            if !lengths.contains(length) { lengths.append(length) }
            byWhole[whole, default: []].append(position)
        }
    }

    /// Buckets of more fragments than this are searched by whole hashes; smaller ones are compared directly.
    private static let directLimit = 8

    private let fragments: [[UInt32]]
    private var buckets: [UInt64: Bucket] = [:]
    /// One bit per hash value folded to `filterBits`: most positions of a text are turned away here.
    private var filter = [UInt64](repeating: 0, count: FragmentIndex.filterBits / 64)
    private let leading: UInt64
    /// `base` to the power of each length up to the longest fragment's.
    private let powers: [UInt64]

    init(_ fragments: [AudienceLeakScan.Fragment]) {
        self.fragments = fragments.map(\.normalised)
        var power: UInt64 = 1
        for _ in 1..<Self.window { power = power &* Self.base }
        leading = power
        var powers: [UInt64] = [1]
        let longest = self.fragments.map(\.count).max() ?? 0
        powers.reserveCapacity(longest + 1)
        for _ in 0..<longest { powers.append(powers[powers.count - 1] &* Self.base) }
        self.powers = powers
        for (position, fragment) in self.fragments.enumerated() where fragment.count >= Self.window {
            let hash = Self.hash(fragment[0..<Self.window])
            // Changed in place: a bucket copied out and back would copy its lists for every sentence added.
            buckets[hash, default: Bucket()].add(position, length: fragment.count, whole: Self.whole(Self.hash(fragment[...]), length: fragment.count))
            let bit = Self.bit(hash)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    private static func hash(_ window: ArraySlice<UInt32>) -> UInt64 {
        window.reduce(0) { $0 &* base &+ UInt64($1) }
    }

    /// A whole fragment's hash, told apart from those of other lengths.
    private static func whole(_ hash: UInt64, length: Int) -> UInt64 {
        hash ^ (UInt64(length) &* 0x9E3779B97F4A7C15)
    }

    private static func bit(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(filterBits - 1))
    }

    /// The positions (in the list given to `init`) of the fragments that occur in `text`.
    func occurrences(in text: [UInt32]) -> Set<Int> {
        var found = Set<Int>()
        guard text.count >= Self.window, !buckets.isEmpty else { return found }
        // prefix[i] is the hash of text[0..<i], so any stretch's hash is found at once; made only for a large bucket.
        var prefix: [UInt64] = []
        text.withUnsafeBufferPointer { text in
            func compare(_ position: Int, at start: Int) {
                let fragment = fragments[position]
                guard !found.contains(position), start + fragment.count <= text.count else { return }
                let same = fragment.withUnsafeBufferPointer { memcmp(text.baseAddress! + start, $0.baseAddress!, fragment.count * 4) == 0 }
                if same { found.insert(position) }
            }
            var hash = Self.hash(ArraySlice(text[0..<Self.window]))
            var start = 0
            while true {
                let bit = Self.bit(hash)
                if filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let bucket = buckets[hash] {
                    if bucket.positions.count <= Self.directLimit {
                        for position in bucket.positions { compare(position, at: start) }
                    } else {
                        if prefix.isEmpty {
                            prefix = [UInt64](repeating: 0, count: text.count + 1)
                            for index in 0..<text.count { prefix[index + 1] = prefix[index] &* Self.base &+ UInt64(text[index]) }
                        }
                        for length in bucket.lengths where start + length <= text.count {
                            let stretch = prefix[start + length] &- prefix[start] &* powers[length]
                            for position in bucket.byWhole[Self.whole(stretch, length: length)] ?? [] { compare(position, at: start) }
                        }
                    }
                }
                let next = start + Self.window
                guard next < text.count else { break }
                hash = (hash &- UInt64(text[start]) &* leading) &* Self.base &+ UInt64(text[next])
                start += 1
            }
        }
        return found
    }
}
