// `::: note` … `:::` fenced containers: split a body into Markdown runs and call-outs.


/// A piece of a page body: plain Markdown, or a container holding more pieces.
indirect enum BodyPart: Equatable {
    /// Markdown text starting on `line` of the body (1-based).
    case markdown(String, line: Int)
    case container(kind: String, line: Int, column: Int, parts: [BodyPart])
}

enum Containers {
    /// `announcement` marks the words a phone system speaks before connecting a call (the recording page's): shown
    /// as a call-out, and written by the staff build as plain text for the phone system.
    static let kinds = ["note", "warning", "staff", "announcement"]

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
        var rule: String
    }

    /// Markdown runs longer than this are cut into pieces of about this size (see `parse`).
    static let pieceSize = 256 * 1024
    /// The most Markdown that is parsed in one piece: a run that cannot be cut (one paragraph, list or quote, or a
    /// page that defines link references or holds code blocks or raw HTML) costs cmark-gfm and the passes after it
    /// up to a hundred and seventy times its size in memory (a 6 MB paragraph of one-character lines: 1 GB).
    /// A longer run is reported (`markdown.block-too-large`) and left out.
    static let runLimit = 2 * 1024 * 1024

    /// Splits `body` at container fences, ignoring fences inside code blocks.
    ///
    /// A run of Markdown longer than `pieceSize` bytes is also cut, so that a very long page is parsed piece by piece
    /// in bounded memory. It is cut only before a line that must start a new top-level block whatever came before:
    /// a line that follows a blank line and begins, unindented, with a letter or a non-ASCII character (so no list,
    /// quote, indented code, table or paragraph continues across the cut). A run that might define link references,
    /// hold raw HTML blocks or fenced code is not cut, since those reach across blocks. The pieces render to the
    /// same HTML as the whole.
    static func parse(_ body: String, pieceSize: Int = pieceSize) -> (parts: [BodyPart], problems: [Problem]) {
        var problems: [Problem] = []
        // A stack of open containers; the bottom one is the body itself.
        var stack: [(kind: String, line: Int, column: Int, parts: [BodyPart])] = [("", 1, 1, [])]
        // The first and last line of the run not yet added: its lines are consecutive lines of `body`.
        var pending: (first: Substring, last: Substring)?
        var pendingLine = 1
        var codeFence: (character: Character, count: Int, line: Int, width: Int)?

        func flush(nextLine: Int) {
            if let (first, last) = pending {
                // The run is one slice of `body`, not a join of lines.
                let run = body[first.startIndex..<last.endIndex]
                let size = run.utf8.count + 1
                if size > runLimit {
                    problems.append(Problem(line: pendingLine, column: 1,
                                            message: "the Markdown from here that has to be read in one go is \(size.grouped) bytes (one paragraph, list, quote or table; on a page with code blocks, raw HTML or link reference definitions, the whole page); at most \(runLimit.grouped) bytes (2 MB) can be, so it is left out: put blank lines between its paragraphs, or split the page into several pages",
                                            rule: "markdown.block-too-large"))
                } else {
                    stack[stack.count - 1].parts.append(.markdown(String(run) + "\n", line: pendingLine))
                }
            }
            pending = nil
            pendingLine = nextLine
        }

        var lineNumber = 0
        var pendingBytes = 0
        var previousIsBlank = false
        func add(_ line: Substring) {
            if pending == nil { pendingLine = lineNumber; pendingBytes = 0 }
            pending = (pending?.first ?? line, line)
            pendingBytes += line.utf8.count + 1
            previousIsBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
        }
        var lines = Self.lines(of: body)
        // The final line end is not a line of its own: keeping it would add a blank line to an unclosed code block.
        if lines.last == "" { lines.removeLast() }
        let mayCut = body.utf8.count > pieceSize && !lines.contains(where: Self.reachesAcrossBlocks)
        // `:::` lines read as code: harmless when the code block is closed where cmark-gfm closes it too.
        var fencesInCode: [(line: Int, column: Int, width: Int)] = []
        for line in lines {
            lineNumber += 1
            // A run with fences is never cut (see reachesAcrossBlocks), so no cut falls inside code.
            if mayCut, pendingBytes >= pieceSize, previousIsBlank, Self.startsTopLevelBlock(line) {
                flush(nextLine: lineNumber)
            }
            let trimmed = line.drop { $0 == " " }
            // Counted over the spaces only: counting whole lines of Japanese text was a tenth of a large check.
            let indent = line.distance(from: line.startIndex, to: trimmed.startIndex)
            if let fence = codeFence {
                if Self.closesCodeFence(trimmed, indent: indent, opened: (fence.character, fence.count)) {
                    codeFence = nil
                    // A fence line less indented than the code block's opening ends a list item, and the code block
                    // with it, in cmark-gfm: it is read as text there, not as code.
                    for shown in fencesInCode where shown.width < fence.width {
                        problems.append(Problem(line: shown.line, column: shown.column, message: Self.afterCodeMessage(opened: fence.line), rule: "markdown.container-ignored"))
                    }
                    fencesInCode = []
                } else if let shown = FenceLine(line) {
                    fencesInCode.append((lineNumber, shown.column, shown.prefixWidth))
                }
                add(line)
                continue
            }
            if let opening = Self.opensCodeFence(trimmed, indent: indent) {
                codeFence = (opening.character, opening.count, lineNumber, indent)
                add(line)
                continue
            }
            if let fence = FenceLine(line) {
                guard fence.isPlain else {
                    problems.append(Problem(line: lineNumber, column: fence.column,
                                            message: "this '\(fence.written)' line is indented or inside a list or quote, so it does not open or close a block and is shown as text, with what follows it (staff-only text included): start the line at the left margin, outside lists and quotes",
                                            rule: "markdown.container-ignored"))
                    add(line)
                    continue
                }
                if !fence.isASCII {
                    problems.append(Problem(line: lineNumber, column: fence.column,
                                            message: "this fence '\(fence.written)' is typed with full-width characters: write it with three ASCII colons and a half-width word, '::: \(fence.kind.isEmpty ? "staff" : fence.kind)' or ':::' (switch the input method to half-width)",
                                            rule: "markdown.container-full-width"))
                }
                if fence.kind.isEmpty {
                    if stack.count > 1 {
                        flush(nextLine: lineNumber + 1)
                        let closed = stack.removeLast()
                        stack[stack.count - 1].parts.append(.container(kind: closed.kind, line: closed.line, column: closed.column, parts: closed.parts))
                    } else {
                        problems.append(Problem(line: lineNumber, column: indent + 1, message: "this ':::' closes no container; remove it or open one with '::: note'", rule: "markdown.container"))
                        flush(nextLine: lineNumber + 1)
                    }
                    continue
                }
                if !kinds.contains(fence.kind) {
                    problems.append(Problem(line: lineNumber, column: indent + 4, message: "unknown container '\(fence.kind)'; expected one of \(kinds.joined(separator: ", "))", rule: "markdown.container"))
                }
                flush(nextLine: lineNumber + 1)
                stack.append((fence.kind, lineNumber, indent + 1, []))
                continue
            }
            add(line)
        }
        if let fence = codeFence {
            for shown in fencesInCode {
                problems.append(Problem(line: shown.line, column: shown.column,
                                        message: "this ':::' line is inside the code block opened on line \(fence.line), which is never closed, so it is shown as code with what follows it (staff-only text included): close the code block with a line \(String(repeating: fence.character, count: fence.count)) before it",
                                        rule: "markdown.container-ignored"))
            }
        }
        flush(nextLine: lineNumber + 1)
        while stack.count > 1 {
            let open = stack.removeLast()
            problems.append(Problem(line: open.line, column: open.column, message: "the '::: \(open.kind)' container is not closed; add a line ':::' where it ends", rule: "markdown.container"))
            stack[stack.count - 1].parts.append(.container(kind: open.kind, line: open.line, column: open.column, parts: open.parts))
        }
        return (stack[0].parts, problems)
    }

    static func afterCodeMessage(opened line: Int) -> String {
        "this ':::' line ends the list item that holds the code block opened on line \(line), so it is shown as text with what follows it (staff-only text included), not read as a fence: close the code block with a line ``` inside the list item, and start the fence at the left margin"
    }

    /// After a blank line, a line beginning with a letter or any non-ASCII character ends every open block.
    private static func startsTopLevelBlock(_ line: Substring) -> Bool {
        guard let first = line.utf8.first else { return false }
        // A byte order mark at the start of a piece would be dropped by cmark-gfm as the start of a document.
        if line.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { return false }
        return first >= 0x80 || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20)
    }

    /// A line that may define a link reference (used anywhere in the page), open a raw HTML block (which may
    /// run over blank lines) or open or close a code fence (whose extent inside lists and quotes only the full
    /// parse knows). Looked for among the bytes, so no combining character can hide a `]:`.
    private static func reachesAcrossBlocks(_ line: Substring) -> Bool {
        let bytes = line.utf8
        if bytes.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") }).first == UInt8(ascii: "<") {
            return true
        }
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            if previous.1 == UInt8(ascii: "]"), byte == UInt8(ascii: ":") { return true }
            if byte == previous.0, byte == previous.1, byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~") { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    /// `body` cut where `split(separator: "\n")` cuts it character by character (a CR LF pair is one character,
    /// so no line end), found among the bytes instead: cutting by characters was most of the cost of this parse.
    /// The fence character and length when `trimmed` (a line without its `indent` leading spaces) opens a fenced
    /// code block as cmark-gfm opens one: three or more backticks or tildes, indented less than four spaces, and no
    /// backtick in a backtick fence's info string.
    static func opensCodeFence(_ trimmed: Substring, indent: Int) -> (character: Character, count: Int)? {
        guard indent < 4, let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let run = trimmed.prefix { $0 == first }
        guard run.count >= 3, !(first == "`" && trimmed.dropFirst(run.count).contains("`")) else { return nil }
        return (first, run.count)
    }

    /// Whether `trimmed` closes the fenced code block `opened`: a run of its character at least as long, then only spaces.
    static func closesCodeFence(_ trimmed: Substring, indent: Int, opened: (character: Character, count: Int)) -> Bool {
        let run = trimmed.prefix { $0 == opened.character }
        return indent < 4 && run.count >= opened.count && trimmed.dropFirst(run.count).allSatisfy(\.isWhitespace)
    }

    static func lines(of body: String) -> [Substring] {
        let utf8 = body.utf8
        // The line ends are found in the string's storage: stepping through the UTF-8 view's indices was most of
        // this function's cost, which every page pays twice (the container stage and the variables' check).
        guard let ends = utf8.withContiguousStorageIfAvailable(lineEnds) else {
            return lines(of: utf8.map { $0 }, in: body)
        }
        return slices(of: body, at: ends)
    }

    /// Offsets of the LF bytes that end a line: those not after a CR.
    private static func lineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var ends: [Int] = []
        var previous: UInt8 = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { ends.append(offset) }
            previous = byte
        }
        return ends
    }

    /// The lines of a string whose UTF-8 is not stored contiguously, from a copy of its bytes.
    private static func lines(of bytes: [UInt8], in body: String) -> [Substring] {
        slices(of: body, at: bytes.withUnsafeBufferPointer(lineEnds))
    }

    private static func slices(of body: String, at ends: [Int]) -> [Substring] {
        let utf8 = body.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(ends.count + 1)
        var start = utf8.startIndex
        for offset in ends {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(body[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(body[start...])
        return lines
    }
}

/// A line that looks like a container fence (`::: staff`, `:::`), however it is typed: with full-width colons
/// (`：：：`, as a Japanese input method types them), after a full-width space, indented, or inside a list or quote.
struct FenceLine {
    /// The kind, NFKC-normalised and lowercased ("" for a closing fence).
    var kind: String
    /// The fence as written, from its first colon.
    var written: String
    /// 1-based column of the first colon.
    var column: Int
    /// Columns before the first colon (spaces, quote and list markers).
    var prefixWidth: Int
    /// Only fewer than four spaces (or full-width spaces) before it: a fence the container stage reads.
    var isPlain: Bool
    /// Colons and kind in ASCII, with no full-width space before.
    var isASCII: Bool

    /// The colon, and the colons that look like it: full-width (an input method's), small, vertical, ratio.
    static let colons: Set<Unicode.Scalar> = [":", "\u{FF1A}", "\u{FE55}", "\u{FE13}", "\u{2236}"]

    /// Whether `bytes` (a line in UTF-8) holds one of `colons`: the same first test as `init`, made on the bytes
    /// without building a string, for the many lines that hold none.
    static func holdsColon(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer(holdsColon)
    }

    /// The colons' encodings looked for one byte at a time: Japanese lines are full of other characters encoded
    /// from 0xEF (full-width brackets and marks), and asking a set for each of their scalars was most of the
    /// container stage's cost.
    static func holdsColon(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ":"):
                return true
            case 0xEF where index + 2 < bytes.count:
                // U+FF1A, U+FE55, U+FE13
                switch (bytes[index + 1], bytes[index + 2]) {
                case (0xBC, 0x9A), (0xB9, 0x95), (0xB8, 0x93): return true
                default: break
                }
            case 0xE2 where index + 2 < bytes.count:
                // U+2236
                if bytes[index + 1] == 0x88, bytes[index + 2] == 0xB6 { return true }
            default:
                break
            }
            index += 1
        }
        return false
    }

    init?(_ line: Substring) {
        // Cheap first: most lines hold no colon at all.
        guard line.utf8.withContiguousStorageIfAvailable(Self.holdsColon) ?? Self.holdsColon(Array(line.utf8)) else { return nil }
        var prefix = line.startIndex
        var spaces = 0, width = 0
        var plain = true, fullWidthSpace = false
        // Skips spaces, quote markers and list markers (`-`, `*`, `+`, `1.`, `1)`), as cmark-gfm reads them.
        while prefix < line.endIndex {
            let character = line[prefix]
            if character == " " {
                spaces += 1
            } else if character == "\u{3000}" {
                fullWidthSpace = true
            } else if character == "\t" || character == ">" {
                plain = false
            } else if character == "-" || character == "*" || character == "+" {
                let after = line.index(after: prefix)
                guard after < line.endIndex, line[after] == " " else { break }
                plain = false
            } else if character.isASCII, character.isNumber {
                let digits = line[prefix...].prefix { $0.isASCII && $0.isNumber }
                let marker = digits.endIndex
                guard marker < line.endIndex, line[marker] == "." || line[marker] == ")" else { break }
                let after = line.index(after: marker)
                guard after < line.endIndex, line[after] == " " else { break }
                plain = false
                width += digits.count
                prefix = marker
            } else {
                break
            }
            width += 1
            prefix = line.index(after: prefix)
        }
        let rest = line[prefix...]
        let colons = rest.prefix { $0.unicodeScalars.count == 1 && $0.unicodeScalars.allSatisfy(Self.colons.contains) }
        guard colons.count >= 3 else { return nil }
        let kindText = rest.dropFirst(colons.count)
        let kind = String(kindText).precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces).lowercased()
        written = rest.trimmingCharacters(in: .whitespaces)
        self.kind = kind
        column = width + 1
        prefixWidth = width
        isPlain = plain && spaces < 4
        isASCII = !fullWidthSpace && colons.allSatisfy { $0 == ":" } && kindText.allSatisfy { $0.isASCII }
    }
}
