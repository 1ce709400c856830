// Where the text of each paragraph, heading and table cell stands in the Markdown source, byte for byte.
//
// cmark-gfm keeps positions for inline nodes, but it merges neighbouring text nodes (so an escaped `\*` looks like
// a plain `*`), and on continuation lines it counts columns from the paragraph's first column. This map realigns
// every text node with its source line, so the passes can tell a delimiter run from an escaped character, see the
// characters cmark-gfm saw around it, and report a finding at its exact line and column.


/// The lines of one Markdown fragment as UTF-8 bytes (lines and byte offsets count from 1 and 0).
struct SourceLines {
    let lines: [[UInt8]]
    /// For each line, the column of every `columnStride`-th byte, so a column on a long line is found without
    /// counting from the line's start.
    private let columnMarks: [[Int]]
    private static let columnStride = 256
    /// The quotes and list items around the block asked about last: every line of a block asks again.
    private let containers = ContainerCache()

    private final class ContainerCache {
        var block: MarkdownNode?
        var containers: [MarkdownNode] = []
    }

    init(_ text: String) {
        lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        columnMarks = lines.map { bytes in
            guard bytes.count >= Self.columnStride else { return [] }
            var marks: [Int] = []
            marks.reserveCapacity(bytes.count / Self.columnStride)
            var column = 1
            for (offset, byte) in bytes.enumerated() {
                if offset > 0, offset % Self.columnStride == 0 { marks.append(column) }
                if byte & 0xC0 != 0x80 { column += 1 }
            }
            return marks
        }
    }

    func line(_ number: Int) -> [UInt8] {
        lines.indices.contains(number - 1) ? lines[number - 1] : []
    }

    /// The character that ends just before byte `offset` of `line`.
    func scalar(before offset: Int, line number: Int) -> Unicode.Scalar? {
        let bytes = line(number)
        guard offset > 0, offset <= bytes.count else { return nil }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return Self.decode(bytes, at: start)
    }

    /// The character that starts at byte `offset` of `line`.
    func scalar(at offset: Int, line number: Int) -> Unicode.Scalar? {
        let bytes = line(number)
        guard offset >= 0, offset < bytes.count else { return nil }
        return Self.decode(bytes, at: offset)
    }

    /// The 1-based column, counted in Unicode scalars, of byte `offset` of `line`.
    func column(ofByte offset: Int, line number: Int) -> Int {
        let bytes = line(number)
        let target = max(0, min(offset, bytes.count))
        var (byte, column) = (0, 1)
        if lines.indices.contains(number - 1) {
            // marks[k] is the column of byte (k + 1) * columnStride.
            let marks = columnMarks[number - 1]
            let mark = min(target / Self.columnStride, marks.count)
            if mark > 0 { (byte, column) = (mark * Self.columnStride, marks[mark - 1]) }
        }
        while byte < target {
            if bytes[byte] & 0xC0 != 0x80 { column += 1 }
            byte += 1
        }
        return column
    }

    /// How far the source columns of `line` lie from the columns cmark-gfm reports for it inside `block`.
    func shift(line: Int, block: MarkdownNode) -> Int {
        guard line != block.startLine else { return 0 }
        // cmark-gfm counts a continuation line's columns as if its text began in the block's first column.
        return contentStart(of: self.line(line), block: block) - (block.startColumn - 1)
    }

    /// Where a continuation line of `block` begins as cmark-gfm reads it: after the markers and indentation of
    /// the quotes and list items around the block, then after leading spaces; but on a lazy line (one that does
    /// not carry every marker, such as `> a` followed by `b`), right after the markers it does carry, spaces kept.
    private func contentStart(of bytes: [UInt8], block: MarkdownNode) -> Int {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        if containers.block != block {
            var outer: [MarkdownNode] = []
            var ancestor = block.parent
            while let node = ancestor, node.kind != .document {
                outer.append(node)
                ancestor = node.parent
            }
            (containers.block, containers.containers) = (block, outer.reversed())
        }
        var offset = 0
        for container in containers.containers {
            switch container.kind {
            case .blockQuote:
                var marker = offset
                while marker < bytes.count, marker - offset < 3, bytes[marker] == space { marker += 1 }
                guard marker < bytes.count, bytes[marker] == UInt8(ascii: ">") else { return offset }
                offset = marker + 1
                if offset < bytes.count, bytes[offset] == space || bytes[offset] == tab { offset += 1 }
            case .item:
                // The item's text begins where its first block does.
                guard let first = container.firstChild, first.startLine > 0 else { continue }
                let contentColumn = first.startColumn - 1
                var indented = offset
                while indented < bytes.count, indented < contentColumn, bytes[indented] == space || bytes[indented] == tab { indented += 1 }
                guard indented >= contentColumn else { return offset }
                offset = indented
            default:
                continue
            }
        }
        while offset < bytes.count, bytes[offset] == space || bytes[offset] == tab { offset += 1 }
        return offset
    }

    /// The column, counted in characters, where `node` starts: cmark-gfm counts bytes, and on a paragraph's
    /// continuation lines counts them from the paragraph's first column.
    func column(of node: MarkdownNode) -> Int {
        var ancestor = node.parent
        while let current = ancestor, !SourceMap.isInlineBlock(current) { ancestor = current.parent }
        return column(of: node, inside: ancestor)
    }

    /// `column(of:)` for many nodes of a tree that does not change meanwhile: `blocks` keeps the inline block that
    /// each ancestor passed on the way up belongs to, so nodes nested thousands deep (images in images) do not
    /// each walk the whole way up.
    func column(of node: MarkdownNode, blocks: inout [MarkdownNode: MarkdownNode]) -> Int {
        var passed: [MarkdownNode] = []
        var ancestor = node.parent
        var found: MarkdownNode?
        while let current = ancestor {
            if let known = blocks[current] { found = known; break }
            if SourceMap.isInlineBlock(current) { found = current; break }
            passed.append(current)
            ancestor = current.parent
        }
        if let found {
            for step in passed { blocks[step] = found }
        }
        return column(of: node, inside: found)
    }

    /// The column of `node`, whose paragraph, heading or table cell is `block` (nil for a block-level node).
    private func column(of node: MarkdownNode, inside block: MarkdownNode?) -> Int {
        let line = max(node.startLine, 1)
        var byte = max(node.startColumn, 1) - 1
        if let block { byte += shift(line: line, block: block) }
        return column(ofByte: byte, line: line)
    }

    static func decode(_ bytes: [UInt8], at offset: Int) -> Unicode.Scalar? {
        var iterator = bytes[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}

/// A stretch of a text node's characters and the source bytes they came from.
struct TextPiece: Equatable {
    enum Kind: Equatable {
        /// Characters written as they are.
        case plain
        /// A backslash escape such as `\*`.
        case escaped
        /// An entity or numeric character reference such as `&amp;`.
        case entity
        /// A run of `*`, `_` or `~`; the source run may be longer than `literal` when cmark-gfm used part of it.
        case delimiters(UInt8)
    }

    var kind: Kind
    var literal: [UInt8]
    var line: Int
    /// Byte offsets in the line: `rawStart..<rawEnd`.
    var rawStart: Int
    var rawEnd: Int

    /// The source column (0-based byte offset) of the byte at `offset` in `literal`.
    func rawOffset(ofLiteralByte offset: Int) -> Int {
        switch kind {
        case .plain: rawStart + offset
        case .delimiters: rawStart + min(offset, rawEnd - rawStart - 1)
        case .escaped, .entity: rawStart
        }
    }
}

/// A text node's pieces, with where each starts in the node's text, so the piece holding any byte is found by
/// halving rather than by counting from the first piece.
struct PlacedText {
    let pieces: [TextPiece]
    /// The offset in the node's text where each piece starts.
    private let starts: [Int]

    init(_ pieces: [TextPiece]) {
        self.pieces = pieces
        var starts: [Int] = []
        starts.reserveCapacity(pieces.count)
        var start = 0
        for piece in pieces {
            starts.append(start)
            start += piece.literal.count
        }
        self.starts = starts
    }

    /// The index of the piece holding byte `offset`, or of the first piece after it.
    private func firstPiece(endingAfter offset: Int) -> Int {
        var (low, high) = (0, pieces.count)
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] + pieces[middle].literal.count <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The piece holding byte `offset` of the text, and the offset inside that piece.
    func locate(literalByte offset: Int) -> (piece: TextPiece, offset: Int)? {
        let index = firstPiece(endingAfter: offset)
        guard offset >= 0, index < pieces.count, starts[index] <= offset else { return nil }
        return (pieces[index], offset - starts[index])
    }

    /// The place in the source (line, 0-based byte offset) of byte `offset` of the text.
    func rawPosition(literalByte offset: Int) -> (line: Int, byte: Int)? {
        guard let (piece, inside) = locate(literalByte: offset) else { return nil }
        return (piece.line, piece.rawOffset(ofLiteralByte: inside))
    }

    /// The pieces covering bytes `range` of the text, cut to that range where a piece is plain text.
    func slice(literalBytes range: Range<Int>) -> [TextPiece] {
        var result: [TextPiece] = []
        var index = firstPiece(endingAfter: range.lowerBound)
        while index < pieces.count, starts[index] < range.upperBound {
            let (piece, start) = (pieces[index], starts[index])
            let end = start + piece.literal.count
            index += 1
            let lower = max(range.lowerBound, start), upper = min(range.upperBound, end)
            guard lower < upper else { continue }
            var part = piece
            if piece.kind == .plain {
                part.literal = Array(piece.literal[(lower - start)..<(upper - start)])
                part.rawStart = piece.rawStart + (lower - start)
                part.rawEnd = piece.rawStart + (upper - start)
            }
            result.append(part)
        }
        return result
    }
}

/// A run of `*`, `_` or `~` in the source: the line, where it starts, and how long it is.
struct SourceRun: Hashable {
    var line: Int
    var start: Int
    var length: Int
    var character: UInt8
}

/// The source positions of one Markdown fragment's text nodes and emphasis delimiters.
package struct SourceMap {
    let source: SourceLines
    private(set) var pieces = NodeTable<[TextPiece]>()
    /// For emphasis, strong emphasis and strikethrough: the source runs of the opening and closing delimiters.
    private(set) var delimiterRuns = NodeTable<(opener: SourceRun, closer: SourceRun)>()
    /// Blocks whose text could be placed in the source.
    private(set) var mappedBlocks: Set<MarkdownNode> = []
    /// The mapped blocks that hold a delimiter run, as emphasis or as text: the others have no emphasis to
    /// read again.
    private(set) var blocksWithRuns: Set<MarkdownNode> = []

    init(tree: CmarkTree, source: SourceLines) {
        self.source = source
        for block in tree.inlineBlocks() {
            map(block: block)
        }
    }

    /// A map with no block placed yet: the pipeline places only the blocks that a pass reads.
    init(source: SourceLines) {
        self.source = source
    }

    /// Blocks whose children are inlines.
    static func isInlineBlock(_ node: MarkdownNode) -> Bool {
        switch node.kind {
        case .paragraph, .heading, .tableCell: true
        default: false
        }
    }

    mutating func record(_ newPieces: [TextPiece], for node: MarkdownNode) {
        pieces[node] = newPieces
    }

    // MARK: - Placing one block

    /// Places the text of one block; each block is placed on its own, whatever was placed before.
    mutating func map(block: MarkdownNode) {
        // What is placed goes straight into the map, and is taken out again if the block cannot be placed whole.
        var placedTexts: [MarkdownNode] = []
        var placedEmphasis: [MarkdownNode] = []
        var cursor = QuickTable<Int, Int>()
        var lastLine = max(block.startLine, 1)
        var failed = false
        var holdsRuns = false
        var budget = SearchBudget()
        func placeText(_ node: MarkdownNode) -> Bool {
            let literal = node.literalBytes
            budget.allow(forText: literal.count)
            guard node.startLine > 0 else {
                // cmark-gfm's autolink extension gives the links it makes no position: their text is the next
                // match after the text placed last, on that line or a later one of the block.
                for line in lastLine...max(lastLine, block.endLine) {
                    let from = cursor[line] ?? 0
                    if let placed = Self.placeForward(literal, in: source.line(line), line: line, from: from, budget: &budget) {
                        pieces[node] = placed
                        holdsRuns = holdsRuns || placed.contains { if case .delimiters = $0.kind { true } else { false } }
                        placedTexts.append(node)
                        cursor[line] = placed.last?.rawEnd ?? from
                        lastLine = line
                        return true
                    }
                }
                return false
            }
            let line = node.startLine
            let bytes = source.line(line)
            let expected = node.startColumn - 1 + shift(line: line, block: block)
            let from = cursor[line] ?? 0
            guard let placed = Self.place(literal, in: bytes, line: line, near: expected, from: from, budget: &budget) else { return false }
            pieces[node] = placed
            placedTexts.append(node)
            cursor[line] = placed.last?.rawEnd ?? from
            lastLine = line
            holdsRuns = holdsRuns || placed.contains { if case .delimiters = $0.kind { true } else { false } }
            return true
        }
        block.walk { step in
            guard !failed, case .enter(let node) = step else { return !failed }
            switch node.kind {
            case .text:
                failed = !placeText(node)
            case .code:
                // A code span's text is not prose, but a link's text after it must be looked for after it.
                let line = node.startLine
                if line > 0, node.endLine == line {
                    cursor[line] = max(cursor[line] ?? 0, node.endColumn + shift(line: line, block: block))
                    lastLine = line
                }
            case .emphasis, .strong, .strikethrough:
                guard let opener = openingRun(of: node, block: block), let closer = closingRun(of: node, block: block),
                      opener.character == closer.character else {
                    failed = true
                    return false
                }
                delimiterRuns[node] = (opener, closer)
                placedEmphasis.append(node)
                holdsRuns = true
            default:
                break
            }
            return !failed
        }
        guard !failed else {
            for node in placedTexts { pieces[node] = nil }
            for node in placedEmphasis { delimiterRuns[node] = nil }
            return
        }
        mappedBlocks.insert(block)
        if holdsRuns { blocksWithRuns.insert(block) }
    }

    private func shift(line: Int, block: MarkdownNode) -> Int {
        source.shift(line: line, block: block)
    }

    private func openingRun(of node: MarkdownNode, block: MarkdownNode) -> SourceRun? {
        let line = node.startLine
        let offset = node.startColumn - 1 + shift(line: line, block: block)
        return run(line: line, near: offset, startingThere: true)
    }

    private func closingRun(of node: MarkdownNode, block: MarkdownNode) -> SourceRun? {
        // cmark-gfm's strikethrough keeps the opening line as its end line; count the lines its content spans.
        let line = node.kind == .strikethrough ? node.startLine + Self.lineBreaks(inside: node) : node.endLine
        let offset = node.endColumn - 1 + shift(line: line, block: block)
        return run(line: line, near: offset, startingThere: false)
    }

    /// The run of delimiters that starts (or ends) at `offset`, or failing that at the nearest byte that is one.
    private func run(line: Int, near offset: Int, startingThere: Bool) -> SourceRun? {
        let bytes = source.line(line)
        let delimiters: [UInt8] = [UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~")]
        for distance in 0...2 {
            for candidate in Set([offset - distance, offset + distance]).sorted() where bytes.indices.contains(candidate) {
                let character = bytes[candidate]
                guard delimiters.contains(character), !Self.isEscaped(bytes, candidate) else { continue }
                var start = candidate
                var end = candidate + 1
                while start > 0, bytes[start - 1] == character, !Self.isEscaped(bytes, start - 1) { start -= 1 }
                while end < bytes.count, bytes[end] == character { end += 1 }
                if startingThere ? start == candidate : end == candidate + 1 {
                    return SourceRun(line: line, start: start, length: end - start, character: character)
                }
            }
        }
        return nil
    }

    private static func lineBreaks(inside node: MarkdownNode) -> Int {
        var count = 0
        node.walk { step in
            guard case .enter(let child) = step else { return true }
            switch child.kind {
            case .softBreak, .lineBreak: count += 1
            case .htmlInline: count += (child.literal ?? "").utf8.count { $0 == UInt8(ascii: "\n") }
            default: break
            }
            return true
        }
        return count
    }

    static func isEscaped(_ bytes: [UInt8], _ offset: Int) -> Bool {
        var backslashes = 0
        var index = offset - 1
        while index >= 0, bytes[index] == UInt8(ascii: "\\") {
            backslashes += 1
            index -= 1
        }
        return backslashes % 2 == 1
    }

    // MARK: - Aligning a text node with its source line

    /// How many bytes the search for a block's texts may compare. Where cmark-gfm reports a text where it was not
    /// written (a long run of backticks that closes nothing is reported where the run ends), the text is looked
    /// for at every offset around, each look comparing as many bytes as match: the square of the line. The search
    /// is allowed a fixed multiple of the text it places; past it the block is left as cmark-gfm made it, as a
    /// block whose text cannot be placed is.
    struct SearchBudget {
        static let perByte = 64
        var allowed = 65_536
        var spent = 0
        var exhausted: Bool { spent > allowed }

        mutating func allow(forText bytes: Int) {
            allowed += Self.perByte * (bytes + 1)
        }
    }

    /// The first place at or after `from` where `literal` was written, looking forward only.
    static func placeForward(_ literal: [UInt8], in bytes: [UInt8], line: Int, from: Int, budget: inout SearchBudget) -> [TextPiece]? {
        guard from <= bytes.count else { return nil }
        for start in from...bytes.count {
            guard !budget.exhausted else { return nil }
            if let pieces = align(literal, in: bytes, at: start, line: line, budget: &budget) { return pieces }
        }
        return nil
    }

    /// Finds where `literal` was written on the line: at `expected` if it fits there, else at the fitting offset at or
    /// after `from` that is nearest to `expected`.
    static func place(_ literal: [UInt8], in bytes: [UInt8], line: Int, near expected: Int, from: Int, budget: inout SearchBudget) -> [TextPiece]? {
        if expected >= from, let pieces = align(literal, in: bytes, at: expected, line: line, budget: &budget) { return pieces }
        guard from < bytes.count else { return literal.isEmpty ? [] : nil }
        // Nearest first; of two offsets as near, the earlier.
        let farthest = max(expected - from, bytes.count - 1 - expected, 0)
        for distance in 0...farthest {
            for start in [expected - distance, expected + distance] where start >= from && start < bytes.count {
                guard !budget.exhausted else { return nil }
                if let pieces = align(literal, in: bytes, at: start, line: line, budget: &budget) { return pieces }
                if distance == 0 { break }
            }
        }
        return nil
    }

    /// Matches `literal` against the source from byte `start`, reading backslash escapes, entities and delimiter
    /// runs the way cmark-gfm does. Nil when the text was not written there.
    static func align(_ literal: [UInt8], in bytes: [UInt8], at start: Int, line: Int, budget: inout SearchBudget) -> [TextPiece]? {
        guard start >= 0, start <= bytes.count else { return nil }
        guard !literal.isEmpty else { return [] }
        budget.spent += 1
        let delimiters: [UInt8] = [UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~")]
        // Most text is written as it reads, byte for byte, with no escape, reference or delimiter: one plain
        // piece, the reading the search below would find first, taken without searching.
        let end = start + literal.count
        if end <= bytes.count {
            var equal = 0
            while equal < literal.count, bytes[start + equal] == literal[equal] { equal += 1 }
            budget.spent += equal
            if equal == literal.count,
               !literal.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") || delimiters.contains($0) }) {
                return [TextPiece(kind: .plain, literal: literal, line: line, rawStart: start, rawEnd: end)]
            }
        }

        /// One way to read the literal on from a place in the source: as a piece of `kind` up to `literalEnd`,
        /// `rawEnd`.
        struct Reading {
            var kind: TextPiece.Kind
            var literalEnd: Int
            var rawEnd: Int
        }

        // The ways literal[j...] may go on at bytes[i...], most likely first. Only escapes, references and
        // delimiter runs offer choices, so plain stretches are taken whole.
        func readings(_ i: Int, _ j: Int, budget: inout SearchBudget) -> [Reading] {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\"), i + 1 < bytes.count, isASCIIPunctuation(bytes[i + 1]) {
                return literal[j] == bytes[i + 1] ? [Reading(kind: .escaped, literalEnd: j + 1, rawEnd: i + 2)] : []
            }
            var result: [Reading] = []
            if byte == UInt8(ascii: "&"), let reference = characterReference(bytes, at: i) {
                for length in reference.possibleLengths(in: literal, at: j) {
                    result.append(Reading(kind: .entity, literalEnd: j + length, rawEnd: reference.end))
                }
            }
            if delimiters.contains(byte) {
                var runEnd = i
                while runEnd < bytes.count, bytes[runEnd] == byte { runEnd += 1 }
                var literalRun = j
                while literalRun < literal.count, literal[literalRun] == byte { literalRun += 1 }
                let available = min(runEnd - i, literalRun - j)
                for count in stride(from: available, through: 1, by: -1) {
                    result.append(Reading(kind: .delimiters(byte), literalEnd: j + count, rawEnd: runEnd))
                }
                return result
            }
            var (rawEnd, literalEnd) = (i, j)
            while rawEnd < bytes.count, literalEnd < literal.count {
                let next = bytes[rawEnd]
                if rawEnd > i, next == UInt8(ascii: "\\") || next == UInt8(ascii: "&") || delimiters.contains(next) { break }
                let length = utf8Length(next)
                guard rawEnd + length <= bytes.count, literalEnd + length <= literal.count,
                      bytes[rawEnd..<(rawEnd + length)].elementsEqual(literal[literalEnd..<(literalEnd + length)]) else { break }
                rawEnd += length
                literalEnd += length
            }
            budget.spent += rawEnd - i
            if rawEnd > i { result.append(Reading(kind: .plain, literalEnd: literalEnd, rawEnd: rawEnd)) }
            return result
        }

        // A depth-first search for a reading of the whole literal, on an explicit stack (a line can hold tens of
        // thousands of pieces). `pieces[k]` is the reading taken at `places[k]`; a place from which no reading
        // works is remembered, so no place is searched twice.
        struct Place {
            var i: Int
            var j: Int
            var readings: [Reading]
            var tried = 0
        }
        func key(_ i: Int, _ j: Int) -> Int { i &* 1_000_003 &+ j }
        var failures = Set<Int>()
        var pieces: [TextPiece] = []
        guard start < bytes.count else { return nil }
        var places = [Place(i: start, j: 0, readings: readings(start, 0, budget: &budget))]
        var matched = false
        while let place = places.last, !budget.exhausted {
            budget.spent += 1
            guard place.tried < place.readings.count else {
                failures.insert(key(place.i, place.j))
                places.removeLast()
                if !pieces.isEmpty { pieces.removeLast() }
                continue
            }
            places[places.count - 1].tried += 1
            let reading = place.readings[place.tried]
            let piece = TextPiece(kind: reading.kind, literal: Array(literal[place.j..<reading.literalEnd]), line: line,
                                  rawStart: place.i, rawEnd: reading.rawEnd)
            if reading.literalEnd == literal.count {
                pieces.append(piece)
                matched = true
                break
            }
            guard reading.rawEnd < bytes.count, !failures.contains(key(reading.rawEnd, reading.literalEnd)) else { continue }
            pieces.append(piece)
            places.append(Place(i: reading.rawEnd, j: reading.literalEnd, readings: readings(reading.rawEnd, reading.literalEnd, budget: &budget)))
        }
        guard matched else { return nil }
        var merged: [TextPiece] = []
        for piece in pieces {
            if piece.kind == .plain, let last = merged.last, last.kind == .plain, last.rawEnd == piece.rawStart {
                merged[merged.count - 1].literal += piece.literal
                merged[merged.count - 1].rawEnd = piece.rawEnd
            } else {
                merged.append(piece)
            }
        }
        return merged
    }

    static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private static func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// An entity (`&amp;`) or numeric character reference (`&#42;`, `&#x2A;`) in the source.
    struct CharacterReference {
        var end: Int
        /// For a numeric reference, the character it stands for; entities are matched by length.
        var numeric: Unicode.Scalar?

        func possibleLengths(in literal: [UInt8], at j: Int) -> [Int] {
            let rest = literal[j...]
            if let numeric {
                let encoded = Array(String(Character(numeric)).utf8)
                return rest.starts(with: encoded) ? [encoded.count] : []
            }
            // A named entity stands for one or two characters.
            var lengths: [Int] = []
            var offset = j
            for _ in 0..<2 {
                guard offset < literal.count else { break }
                offset += utf8Length(literal[offset])
                if offset <= literal.count { lengths.append(offset - j) }
            }
            return lengths
        }
    }

    static func characterReference(_ bytes: [UInt8], at start: Int) -> CharacterReference? {
        var index = start + 1
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        func isHex(_ b: UInt8) -> Bool { isDigit(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
        func isAlpha(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
                hex = true
                index += 1
            }
            let digitsStart = index
            while index < bytes.count, hex ? isHex(bytes[index]) : isDigit(bytes[index]) { index += 1 }
            let count = index - digitsStart
            guard count >= 1, count <= (hex ? 6 : 7), index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
            let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
            let value = UInt32(digits, radix: hex ? 16 : 10) ?? 0
            // cmark-gfm replaces NUL, surrogates and values past U+10FFFF with U+FFFD.
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return CharacterReference(end: index + 1, numeric: scalar ?? "\u{FFFD}")
        }
        let nameStart = index
        while index < bytes.count, isAlpha(bytes[index]) || isDigit(bytes[index]) { index += 1 }
        let count = index - nameStart
        guard count >= 2, count <= 32, isAlpha(bytes[nameStart]), index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
        return CharacterReference(end: index + 1, numeric: nil)
    }
}
