// Ruby (furigana): `{漢字|かんじ}` gives the whole word one reading, `{東京|とう|きょう}` one reading per character.
// Braces written with a backslash (`\{`) and text in code stay as they are.

import HarigamiModel

enum Ruby {
    /// A ruby annotation found in a text node: where it is in the node's text, its base and its readings.
    struct Annotation: Equatable {
        var range: Range<Int>
        var base: String
        var readings: [String]
    }

    /// Something written like ruby that cannot be shown as ruby, at a byte offset of the node's text.
    struct Problem: Equatable {
        var offset: Int
        var message: String
    }

    /// A problem found by `apply`, at a line and column of the fragment.
    struct LocatedProblem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Finds the annotations in `text`; `isWritten(offset)` tells whether the byte there was typed as it is
    /// (not produced by a backslash escape or a character reference).
    static func annotations(in text: [UInt8], isWritten: (Int) -> Bool) -> (annotations: [Annotation], problems: [Problem]) {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), bar = UInt8(ascii: "|")
        var annotations: [Annotation] = []
        var problems: [Problem] = []
        var index = 0
        while index < text.count {
            guard text[index] == open, isWritten(index) else {
                index += 1
                continue
            }
            guard let end = text[(index + 1)...].firstIndex(where: { $0 == open || $0 == close }), text[end] == close, isWritten(end) else {
                index += 1
                continue
            }
            let parts = text[(index + 1)..<end].split(separator: bar, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard parts.count >= 2, let base = parts.first, !base.isEmpty else {
                index = end + 1
                continue
            }
            let readings = Array(parts.dropFirst())
            let shown = "{" + parts.joined(separator: "|") + "}"
            if readings.contains(where: \.isEmpty) {
                problems.append(Problem(offset: index, message: "the ruby \(shown) has an empty reading; write the reading after '|', as in {漢字|かんじ}"))
            } else if readings.count > 1, readings.count != base.count {
                problems.append(Problem(offset: index, message: "the ruby \(shown) gives \(readings.count) readings for \(base.count) characters; give one reading for the whole word, or one per character as in {東京|とう|きょう}"))
            } else {
                annotations.append(Annotation(range: index..<(end + 1), base: base, readings: readings))
            }
            index = end + 1
        }
        return (annotations, problems)
    }

    /// The nodes that show one annotation: the base stays text (so it is read and searched as text), the readings
    /// are markup. Each element is the base text or the markup that follows it.
    static func parts(of annotation: Annotation) -> [(text: String, isMarkup: Bool)] {
        var parts: [(String, Bool)] = [("<ruby>", true)]
        let bases = annotation.readings.count == 1 ? [annotation.base] : annotation.base.map(String.init)
        for (index, (base, reading)) in zip(bases, annotation.readings).enumerated() {
            parts.append((base, false))
            let end = index == bases.count - 1 ? "</ruby>" : ""
            parts.append(("<rp>(</rp><rt>\(HTMLText.escape(reading))</rt><rp>)</rp>" + end, true))
        }
        return parts
    }


    /// Replaces ruby written in the tree's text with ruby markup, and reports what could not be shown.
    static func apply(to tree: CmarkTree, map: inout SourceMap) -> [LocatedProblem] {
        tree.inlineBlocks().flatMap { apply(in: $0, tree: tree, map: &map) }
    }

    /// The pass on one paragraph, heading or table cell of `tree`.
    static func apply(in block: MarkdownNode, tree: CmarkTree, map: inout SourceMap) -> [LocatedProblem] {
        var located: [LocatedProblem] = []
        for node in textOutsideImages(block) where node.literalContains(UInt8(ascii: "{")) {
            let literal = node.literalBytes
            let pieces = map.pieces[node].map(PlacedText.init)
            let (annotations, problems) = annotations(in: literal) { offset in
                guard let pieces, let found = pieces.locate(literalByte: offset) else { return true }
                return found.piece.kind == .plain
            }
            for problem in problems {
                located.append(position(of: problem.offset, in: node, pieces: pieces, source: map.source, message: problem.message))
            }
            guard !annotations.isEmpty else { continue }
            var cursor = 0
            func addText(_ range: Range<Int>, _ text: String) {
                guard !text.isEmpty else { return }
                let textNode = tree.makeNode(.text, literal: text)
                if let pieces { map.record(pieces.slice(literalBytes: range), for: textNode) }
                node.insertBefore(textNode)
            }
            for annotation in annotations {
                addText(cursor..<annotation.range.lowerBound, String(decoding: literal[cursor..<annotation.range.lowerBound], as: UTF8.self))
                var offset = annotation.range.lowerBound + 1
                for part in parts(of: annotation) {
                    if part.isMarkup {
                        node.insertBefore(tree.makeNode(.htmlInline, literal: part.text))
                    } else {
                        let length = part.text.utf8.count
                        addText(offset..<(offset + length), part.text)
                        offset += length
                    }
                }
                cursor = annotation.range.upperBound
            }
            addText(cursor..<literal.count, String(decoding: literal[cursor...], as: UTF8.self))
            node.remove()
        }
        return located
    }

    /// The text nodes in `block` in document order, but for an image's (its text is its description, not shown).
    private static func textOutsideImages(_ block: MarkdownNode) -> [MarkdownNode] {
        var texts: [MarkdownNode] = []
        block.walk { step in
            guard case .enter(let node) = step else { return true }
            if node.kind == .text { texts.append(node) }
            return node.kind != .image
        }
        return texts
    }

    private static func position(of offset: Int, in node: MarkdownNode, pieces: PlacedText?, source: SourceLines, message: String) -> LocatedProblem {
        if let pieces, let raw = pieces.rawPosition(literalByte: offset) {
            return LocatedProblem(line: raw.line, column: source.column(ofByte: raw.byte, line: raw.line), message: message)
        }
        return LocatedProblem(line: max(node.startLine, 1), column: source.column(of: node), message: message)
    }
}
