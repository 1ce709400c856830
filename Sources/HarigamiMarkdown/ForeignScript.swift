// Japanese words quoted in a page of another language: marked lang="ja" so screen readers switch voice (JIS X 8341-3 3.1.2).


enum ForeignScript {
    /// Wraps each run of Japanese text in `html` in `<span lang="ja">`. Tags, attribute values, comments, scripts and
    /// styles are copied unchanged; a run of punctuation alone (such as full-width brackets) is left unmarked.
    static func markJapanese(inHTML html: String) -> String {
        // Most pages in another language quote no Japanese at all, and then there is nothing to mark.
        guard html.unicodeScalars.contains(where: isJapaneseLetter) else { return html }
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
            if isJapaneseLetter(scalar) {
                run.append(scalar)
                runHasLetter = true
            } else if isJapanesePunctuation(scalar) {
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

    /// The index just past the tag, comment or raw-text element (script, style) that starts at `start`.
    private static func endOfMarkup(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
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
            // Their text is code, not prose: a span inside would change what it does.
            guard let close = Self.index(ofCaseInsensitive: "</\(name)", in: scalars, from: tagEnd) else { return scalars.count }
            return Self.index(after: ">", in: scalars, from: close) ?? scalars.count
        }
        return tagEnd
    }

    private static func hasPrefix(_ scalars: [Unicode.Scalar], at start: Int, _ prefix: String) -> Bool {
        let wanted = Array(prefix.unicodeScalars)
        guard start + wanted.count <= scalars.count else { return false }
        return Array(scalars[start..<(start + wanted.count)]) == wanted
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
