// Japanese words quoted in a page of another language: marked lang="ja" so screen readers switch voice (JIS X 8341-3 3.1.2).


enum ForeignScript {
    /// Wraps each run of Japanese text in `html` in `<span lang="ja">`. Tags, attribute values, comments, scripts and
    /// styles are copied unchanged; a run of punctuation alone (such as full-width brackets) is left unmarked.
    ///
    /// Read as UTF-8 bytes: markup is ASCII, a run is one slice of the input, and only the bytes from 0x80 on are
    /// decoded. Building the output scalar by scalar, and asking each tag name's letters for their Unicode
    /// properties, was most of this pass's cost.
    static func markJapanese(inHTML html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            // Most pages in another language quote no Japanese at all, and then there is nothing to mark.
            guard holdsJapaneseLetter(bytes) else { return String(decoding: bytes, as: UTF8.self) }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 8)
            // The run being read is bytes[runStart..<index]; it is one slice, since any other character ends it.
            var runStart = 0
            var runHasLetter = false
            var index = 0
            func flushRun() {
                guard runStart < index else { return }
                if runHasLetter { output.append(contentsOf: "<span lang=\"ja\">".utf8) }
                output.append(contentsOf: bytes[runStart..<index])
                if runHasLetter { output.append(contentsOf: "</span>".utf8) }
                runHasLetter = false
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") {
                    flushRun()
                    let end = endOfMarkup(bytes, from: index)
                    output.append(contentsOf: bytes[index..<end])
                    (index, runStart) = (end, end)
                    continue
                }
                let (scalar, width) = decode(bytes, at: index)
                if isJapaneseLetter(scalar) {
                    runHasLetter = true
                } else if !isJapanesePunctuation(scalar) {
                    flushRun()
                    output.append(contentsOf: bytes[index..<(index + width)])
                    runStart = index + width
                }
                index += width
            }
            flushRun()
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Whether valid UTF-8 `bytes` hold a kana or kanji; ASCII bytes are passed over undecoded.
    private static func holdsJapaneseLetter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 { index += 1; continue }
            let (scalar, width) = decode(bytes, at: index)
            if isJapaneseLetter(scalar) { return true }
            index += width
        }
        return false
    }

    /// The scalar that starts at `index` of valid UTF-8 `bytes`, and its length in bytes.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset] & 0x3F) }
        let (value, width): (UInt32, Int) = switch lead {
        case ..<0x80: (lead, 1)
        case ..<0xE0: ((lead & 0x1F) << 6 | continuation(1), 2)
        case ..<0xF0: ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        default: ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// The index just past the tag, comment or raw-text element (script, style) that starts at `start`.
    private static func endOfMarkup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        if hasPrefix(bytes, at: start, "<!--") {
            return index(after: "-->", in: bytes, from: start + 4) ?? bytes.count
        }
        var index = start + 1
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        let tagEnd = min(index + 1, bytes.count)
        guard let name = rawTextName(bytes, start + 1, tagEnd) else { return tagEnd }
        // Their text is code, not prose: a span inside would change what it does. The closing tag is found among
        // the scalars, as any letter whose lower case starts with the one sought matches it (rare: kept simple).
        let rest = Array(String(decoding: UnsafeBufferPointer(rebasing: bytes[tagEnd...]), as: UTF8.self).unicodeScalars)
        guard let close = Self.index(ofCaseInsensitive: "</\(name)", in: rest, from: 0),
              let after = Self.index(after: ">", in: rest, from: close) else { return bytes.count }
        return tagEnd + rest[..<after].reduce(0) { $0 + UTF8.width($1) }
    }

    /// "script" or "style" when the tag name at bytes[from..<to] (its letters and digits, in any case) is one of them.
    private static func rawTextName(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String? {
        var end = from
        // In ASCII, the alphabetic characters are the letters.
        while end < to, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end] | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
            end += 1
        }
        let name: String
        if end < to, bytes[end] >= 0x80 {
            // A name going on past ASCII: its letters are whatever Unicode says is alphabetic.
            let scalars = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self).unicodeScalars
            name = String(String.UnicodeScalarView(scalars.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) })).lowercased()
        } else {
            name = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<end]), as: UTF8.self).lowercased()
        }
        return name == "script" || name == "style" ? name : nil
    }

    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString) -> Bool {
        let wanted = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard start + wanted.count <= bytes.count else { return false }
        return bytes[start..<(start + wanted.count)].elementsEqual(wanted)
    }

    /// The index just past the first `needle` (ASCII) at or after `start` in `bytes`.
    private static func index(after needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + needle.utf8CodeUnitCount <= bytes.count {
            if hasPrefix(bytes, at: index, needle) { return index + needle.utf8CodeUnitCount }
            index += 1
        }
        return nil
    }

    private static func index(after needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let wanted = Array(needle.unicodeScalars)
        var index = start
        while index + wanted.count <= scalars.count {
            if Array(scalars[index..<(index + wanted.count)]) == wanted { return index + wanted.count }
            index += 1
        }
        return nil
    }

    private static func index(ofCaseInsensitive needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let wanted = Array(needle.lowercased().unicodeScalars)
        var index = start
        while index + wanted.count <= scalars.count {
            if scalars[index..<(index + wanted.count)].map({ $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }) == wanted { return index }
            index += 1
        }
        return nil
    }

    /// Kana and kanji, half-width katakana included.
    static func isJapaneseLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005...0x3007, 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F:
            return true
        default:
            return false
        }
    }

    /// Japanese punctuation and full-width forms: part of a Japanese run, but no reason to start one.
    static func isJapanesePunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x303F, 0xFF01...0xFF65:
            return true
        default:
            return false
        }
    }
}
