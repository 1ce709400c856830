// `::: note` … `:::` fenced containers: split a body into Markdown runs and call-outs.

/// A piece of a page body: plain Markdown, or a container holding more pieces.
indirect enum BodyPart: Equatable {
    /// Markdown text starting on `line` of the body (1-based).
    case markdown(String, line: Int)
    case container(kind: String, line: Int, column: Int, parts: [BodyPart])
}

enum Containers {
    static let kinds = ["note", "warning", "staff"]

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
        var rule: String
    }

    /// Markdown runs longer than this are cut into pieces of about this size (see `parse`).
    static let pieceSize = 256 * 1024

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
        var pending: [Substring] = []
        var pendingLine = 1
        var codeFence: (character: Character, count: Int)?

        func flush(nextLine: Int) {
            if let first = pending.first, let last = pending.last {
                // Pending lines are consecutive lines of `body`: the run is one slice of it, not a join of lines.
                stack[stack.count - 1].parts.append(.markdown(String(body[first.startIndex..<last.endIndex]) + "\n", line: pendingLine))
            }
            pending = []
            pendingLine = nextLine
        }

        var lineNumber = 0
        var pendingBytes = 0
        var previousIsBlank = false
        func add(_ line: Substring) {
            if pending.isEmpty { pendingLine = lineNumber; pendingBytes = 0 }
            pending.append(line)
            pendingBytes += line.utf8.count + 1
            previousIsBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
        }
        var lines = Self.lines(of: body)
        // The final line end is not a line of its own: keeping it would add a blank line to an unclosed code block.
        if lines.last == "" { lines.removeLast() }
        let mayCut = body.utf8.count > pieceSize && !lines.contains(where: Self.reachesAcrossBlocks)
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
                let run = trimmed.prefix { $0 == fence.character }
                if indent < 4, run.count >= fence.count, trimmed.dropFirst(run.count).allSatisfy(\.isWhitespace) {
                    codeFence = nil
                }
                add(line)
                continue
            }
            if indent < 4, let first = trimmed.first, first == "`" || first == "~" {
                let run = trimmed.prefix { $0 == first }
                if run.count >= 3, !(first == "`" && trimmed.dropFirst(run.count).contains("`")) {
                    codeFence = (first, run.count)
                    add(line)
                    continue
                }
            }
            if indent < 4, trimmed.hasPrefix(":::") {
                let rest = trimmed.drop { $0 == ":" }.trimmingCharacters(in: .whitespaces)
                if rest.isEmpty {
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
                let kind = rest.lowercased()
                if !kinds.contains(kind) {
                    problems.append(Problem(line: lineNumber, column: indent + 4, message: "unknown container '\(rest)'; expected one of \(kinds.joined(separator: ", "))", rule: "markdown.container"))
                }
                flush(nextLine: lineNumber + 1)
                stack.append((kind, lineNumber, indent + 1, []))
                continue
            }
            add(line)
        }
        flush(nextLine: lineNumber + 1)
        while stack.count > 1 {
            let open = stack.removeLast()
            problems.append(Problem(line: open.line, column: open.column, message: "the '::: \(open.kind)' container is not closed; add a line ':::' where it ends", rule: "markdown.container"))
            stack[stack.count - 1].parts.append(.container(kind: open.kind, line: open.line, column: open.column, parts: open.parts))
        }
        return (stack[0].parts, problems)
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
    static func lines(of body: String) -> [Substring] {
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
