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

    /// Splits `body` at container fences, ignoring fences inside code blocks.
    static func parse(_ body: String) -> (parts: [BodyPart], problems: [Problem]) {
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
        func add(_ line: Substring) {
            if pending.isEmpty { pendingLine = lineNumber }
            pending.append(line)
        }
        var lines = Self.lines(of: body)
        // The final line end is not a line of its own: keeping it would add a blank line to an unclosed code block.
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            lineNumber += 1
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
