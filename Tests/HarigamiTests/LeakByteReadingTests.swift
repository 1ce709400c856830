// The leak scan's byte-level reading, checked against the character-level reading it replaced on generated texts.

import Foundation
import Testing
@testable import HarigamiCheck

@Suite("Leak scan byte-level reading")
struct LeakByteReadingTests {
    /// Pieces of text that meet every branch of the byte-level reading: ASCII runs, markup, kana and ideographs,
    /// half-width kana with their voiced marks, full-width letters, ruby, punctuation, emoji with joiners, skin tones and
    /// variation selectors, combining accents after ASCII, Greek, Turkish and German letters that change case, U+0000,
    /// and characters whose compatibility forms are longer than they are.
    static let pieces: [String] = [
        "The staff room code is 4471. ", "<p>", "</p>", "<ruby>内線<rp>(</rp><rt>ないせん</rt><rp>)</rp></ruby>",
        "<RT>よみ</RT>", "<rtc>x</rtc>", "<r>", "<!-- 内部のメモ -->", "<a href=\"/ja/staff/%E5%86%85.html\" title='鍵'>", "<img alt=バックアップ src=x.png/>",
        "総務課長に頼みます。", "ﾊﾞｯｸｱｯﾌﾟ", "ｶﾞ", "ﾊﾟ", "か\u{3099}", "は\u{309A}", "ウ\u{309B}", "Ａｂｃ１２３", "ﬁ", "①", "\u{F900}",
        "「会議」『資料』【注意】・〜…——", "！？", "👍🏽", "👨\u{200D}👩\u{200D}👧", "❤\u{FE0F}", "葛\u{E0100}", "e\u{0301}", "E\u{0308}", "ΣΑΣ", "İstanbul",
        "Straße", "々", "\u{302A}", "\u{3000}", "\u{0}", " ", "\n", "\r\n", "\t", "&amp;", "&#x5185;", "&lt;b&gt;", "%", "%E3%81", "=", "\"", "'", ">",
        "<", "/", "ｱｲｳｴｵ", "ｰ", "ー", "한국어", "𠮷野家", "Ǆ", "ǅ", "\u{0345}", "Ω", "K",
        // More values than bytes: the room made for them grows.
        "ﷺ", "㍿", "ﷺﷺﷺ",
    ]

    static func text(_ generator: inout SplitMix, pieces count: Int) -> String {
        var text = ""
        for _ in 0..<count { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
        return text
    }

    /// The character-level normalising the byte-level one replaced.
    static func scalarNormalise(_ text: String) -> [UInt32] {
        var result: [UInt32] = []
        var pending = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var next = iterator.next()
        while let scalar = next {
            next = iterator.next()
            let action = AudienceLeakScan.fastAction(scalar.value)
            if action == .slow {
                pending.append(scalar)
                continue
            }
            if let following = next, AudienceLeakScan.fastAction(following.value) == .slow {
                pending.append(scalar)
                continue
            }
            if !pending.isEmpty {
                result += AudienceLeakScan.normaliseWhole(String(pending))
                pending = String.UnicodeScalarView()
            }
            if case .keep(let value) = action { result.append(value) }
        }
        if !pending.isEmpty { result += AudienceLeakScan.normaliseWhole(String(pending)) }
        return result
    }

    /// The markup reading the one without a name per tag replaced.
    static func markupText(_ source: [UInt8]) -> [UInt8] {
        let commentStart = Array("<!--".utf8), commentEnd = Array("-->".utf8)
        let rubyText = Array("rt".utf8), rubyParenthesis = Array("rp".utf8)
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
                if skipping == nil { text.append(byte) } else if skipping == rubyText { attributes.append(byte) }
                index += 1
                continue
            }
            // A comment: its text is in the file for anyone to read.
            if source[index...].starts(with: commentStart) {
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
            let name = source[nameStart..<index].map { $0 | 0x20 }
            if let skipped = skipping {
                if closing, name == skipped { skipping = nil }
            } else if !closing, name == rubyText || name == rubyParenthesis {
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
        return text + attributes
    }


    /// The reference decoding that copied byte by byte.
    static func characterReferencesDecoded(_ source: [UInt8]) -> [UInt8] {
        guard source.contains(UInt8(ascii: "&")) else { return source }
        let named: [String: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "nbsp": " "]
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
                    replacement = named[name]
                }
                if let replacement {
                    result.append(contentsOf: replacement.utf8)
                    index = semicolon + 1
                    continue
                }
            }
            result.append(byte)
            index += 1
        }
        return result
    }


    /// The percent decoding that copied byte by byte.
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
                result.append(source[index])
                index += 1
            }
        }
        return result
    }


    @Test("a public page's published text is what the byte-by-byte reading gave, on 3,000 generated pages")
    func publishedTextMatchesByteByByte() throws {
        var generator = SplitMix(seed: 0x7E87)
        for _ in 0..<3_000 {
            let bytes = Array(Self.text(&generator, pieces: Int(generator.next() % 60 + 1)).utf8)
            let expected = String(decoding: Self.percentDecoded(Self.characterReferencesDecoded(Self.markupText(bytes))), as: UTF8.self)
            #expect(AudienceLeakScan.publishedText(of: Data(bytes), path: "ja/page.html") == expected, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(AudienceLeakScan.publishedText(of: Data(bytes), path: "ja/page.txt") == String(decoding: Self.percentDecoded(Self.characterReferencesDecoded(bytes)), as: UTF8.self))
            // Bytes said to be valid are normalised without a check: they must be, and normalise as their text does.
            for path in ["ja/page.html", "ja/page.txt"] {
                let published = try #require(AudienceLeakScan.publishedBytes(of: Data(bytes), path: path))
                if published.isValid {
                    #expect(String(validating: published.bytes, as: UTF8.self) != nil, "\(String(decoding: bytes, as: UTF8.self))")
                    #expect(published.bytes.withUnsafeBufferPointer { AudienceLeakScan.normalise(utf8: $0) }
                            == AudienceLeakScan.normalise(String(decoding: published.bytes, as: UTF8.self)))
                }
            }
        }
    }

    @Test("normalising bytes gives what normalising characters gave and what Foundation gives, on 3,000 generated texts")
    func normaliseMatchesCharacters() {
        var generator = SplitMix(seed: 0x1EAC)
        for _ in 0..<3_000 {
            let text = Self.text(&generator, pieces: Int(generator.next() % 40 + 1))
            let normalised = AudienceLeakScan.normalise(text)
            #expect(normalised == Self.scalarNormalise(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(normalised == AudienceLeakScan.normaliseWhole(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("a text of one character, or none, is normalised as Foundation normalises it")
    func shortTexts() {
        for piece in Self.pieces + [""] {
            for scalar in piece.unicodeScalars.map(String.init) + [piece] {
                #expect(AudienceLeakScan.normalise(scalar) == AudienceLeakScan.normaliseWhole(scalar), "\(scalar.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test("a character ends a sentence exactly when it is one of the sentence ends, ASCII or not")
    func sentenceEnds() {
        let characters = Self.pieces.flatMap { Array($0) } + (0..<128).map { Character(Unicode.Scalar(UInt8($0))) } + ["\r\n", "。", "．", "｡", "！", "？", "。\u{0301}", ".\u{0301}", "\u{2024}", "\u{FE52}", "\u{3001}", "\u{037E}"]
        for character in characters {
            #expect(AudienceLeakScan.isSentenceEnd(character) == AudienceLeakScan.sentenceEnds.contains(character), "\(character.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("the markup's visible text, readings, attributes and comments are what the reading with names per tag gave, on 3,000 generated pages")
    func markupMatchesNamedTags() {
        var generator = SplitMix(seed: 0x4A11)
        for _ in 0..<3_000 {
            let bytes = Array(Self.text(&generator, pieces: Int(generator.next() % 60 + 1)).utf8)
            #expect(AudienceLeakScan.markupText(bytes) == Self.markupText(bytes), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }
}
