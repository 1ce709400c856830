// The byte-level scans of the Markdown stage read random text exactly as the scalar-level ones they replaced.

import Testing
@testable import HarigamiMarkdown

@Suite("Byte scans against scalar scans")
struct ByteScanDifferentialTests {
    /// Pieces that meet every branch: markup, comments, raw-text elements in any case (İ and the Kelvin sign have
    /// lower cases starting with an ASCII letter), kana and kanji, Japanese punctuation, other scripts and emoji.
    static let htmlPieces = [
        "<p>", "</p>", "<a href=\"x>y\">", "<a title='「>」'>", "<!-- コメント -->", "<!--", "-->", "<script>", "</script>",
        "</SCRİPT>", "</scrİpt>", "<Script x='日本'>", "<scripté>", "<sCrIpT", "<style>", "</STYLE >", "<style2>",
        "<script\u{0301}>", "<ſtyle>", "<\u{212A}bd>", "<", ">", "\"", "'", "日本語", "労働", "ｶﾀｶﾅ", "「", "」", "。", "（", "）",
        "　", "ー", "々", "a", " ", "3", "\n", "&amp;", "é", "ä", "😀", "\u{212A}", "İ", "한국", "Ｓ", "ｰ",
    ]

    static let linePieces = [
        ":", "：", "\u{FE55}", "\u{FE13}", "\u{2236}", "\u{2235}", "\u{FF1B}", "\u{FE56}", "\u{FE14}", "！", "（", "ｱ", "。",
        "note", "staff", " ", "　", "-", "> ", "1.", "日本", "é", "😀", "\t",
    ]

    static func text(from pieces: [String], random: inout SplitMix, count: Int) -> String {
        (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    @Test("marking Japanese in HTML byte by byte gives what marking it scalar by scalar gave", arguments: [1, 2, 3, 4] as [UInt64])
    func markJapanese(seed: UInt64) {
        var random = SplitMix(seed: seed)
        var marked = 0
        for index in 0..<3_000 {
            let html = Self.text(from: Self.htmlPieces, random: &random, count: Int(random.next() % 40))
            let expected = ScalarForeignScript.markJapanese(inHTML: html)
            let actual = ForeignScript.markJapanese(inHTML: html)
            #expect(actual == expected, "seed \(seed) case \(index): \(html.debugDescription)")
            if expected.contains("lang=\"ja\"") { marked += 1 }
        }
        // The cases are worth comparing only if many of them mark something.
        #expect(marked > 500)
    }

    @Test("finding a fence's colon among the bytes agrees with finding it among the scalars", arguments: [1, 2] as [UInt64])
    func holdsColon(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for index in 0..<5_000 {
            let line = Self.text(from: Self.linePieces, random: &random, count: Int(random.next() % 12))
            let expected = line.unicodeScalars.contains(where: FenceLine.colons.contains)
            #expect(FenceLine.holdsColon(Array(line.utf8)) == expected, "seed \(seed) case \(index): \(line.debugDescription)")
            let substring = ("x" + line + "y").dropFirst().dropLast()
            if !expected { #expect(FenceLine(substring) == nil, "seed \(seed) case \(index): \(line.debugDescription)") }
        }
    }

    @Test("cutting a body into lines in its storage cuts it where stepping through its bytes did", arguments: [1, 2] as [UInt64])
    func lines(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let pieces = ["\n", "\r", "\r\n", "\n\r", "a", " ", "日本語", "。", "é", "😀", "|", "{", "::: note"]
        for index in 0..<3_000 {
            let body = Self.text(from: pieces, random: &random, count: Int(random.next() % 30))
            let expected = Self.linesByIndex(body)
            let actual = Containers.lines(of: body)
            #expect(actual.map(String.init) == expected.map(String.init), "seed \(seed) case \(index): \(body.debugDescription)")
            #expect(actual.map(\.startIndex) == expected.map(\.startIndex) && actual.map(\.endIndex) == expected.map(\.endIndex),
                    "seed \(seed) case \(index): \(body.debugDescription)")
            #expect(body.holdsByte(UInt8(ascii: "{")) == body.utf8.contains(UInt8(ascii: "{")))
        }
    }

    /// Containers.lines(of:) as it was written, stepping through the UTF-8 view.
    static func linesByIndex(_ body: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = body.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                lines.append(body[start..<index])
                start = utf8.index(after: index)
            }
            previous = byte
            index = utf8.index(after: index)
        }
        lines.append(body[start...])
        return lines
    }
}

/// ForeignScript.markJapanese as it was written over Unicode scalars: the reference the byte-level pass must match.
private enum ScalarForeignScript {
    static func markJapanese(inHTML html: String) -> String {
        guard html.unicodeScalars.contains(where: ForeignScript.isJapaneseLetter) else { return html }
        var output = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        var runHasLetter = false
        func flushRun() {
            guard !run.isEmpty else { return }
            if runHasLetter {
                output.append(contentsOf: "<span lang=\"ja\">".unicodeScalars)
                output.append(contentsOf: run)
                output.append(contentsOf: "</span>".unicodeScalars)
            } else {
                output.append(contentsOf: run)
            }
            run = String.UnicodeScalarView()
            runHasLetter = false
        }
        let scalars = Array(html.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<" {
                flushRun()
                let end = endOfMarkup(scalars, from: index)
                output.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            if ForeignScript.isJapaneseLetter(scalar) {
                run.append(scalar)
                runHasLetter = true
            } else if ForeignScript.isJapanesePunctuation(scalar) {
                run.append(scalar)
            } else {
                flushRun()
                output.append(scalar)
            }
            index += 1
        }
        flushRun()
        return String(output)
    }

    static func endOfMarkup(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        if hasPrefix(scalars, at: start, "<!--") {
            return index(after: "-->", in: scalars, from: start + 4) ?? scalars.count
        }
        var index = start + 1
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                break
            }
            index += 1
        }
        let tagEnd = min(index + 1, scalars.count)
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<tagEnd].prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) })).lowercased()
        if name == "script" || name == "style" {
            guard let close = Self.index(ofCaseInsensitive: "</\(name)", in: scalars, from: tagEnd) else { return scalars.count }
            return Self.index(after: ">", in: scalars, from: close) ?? scalars.count
        }
        return tagEnd
    }

    static func hasPrefix(_ scalars: [Unicode.Scalar], at start: Int, _ prefix: String) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        guard start + wanted.count <= scalars.count else { return false }
        return Array(scalars[start..<(start + wanted.count)]) == wanted
    }

    static func index(after needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let wanted = Array(needle.unicodeScalars)
        var index = start
        while index + wanted.count <= scalars.count {
            if Array(scalars[index..<(index + wanted.count)]) == wanted { return index + wanted.count }
            index += 1
        }
        return nil
    }

    static func index(ofCaseInsensitive needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let wanted = Array(needle.lowercased().unicodeScalars)
        var index = start
        while index + wanted.count <= scalars.count {
            if scalars[index..<(index + wanted.count)].map({ $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }) == wanted { return index }
            index += 1
        }
        return nil
    }
}
