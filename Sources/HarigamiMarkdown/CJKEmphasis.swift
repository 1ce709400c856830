// Emphasis next to Japanese punctuation (`**「強調」**の`): where the CJK-friendly rules read a paragraph's
// delimiter runs differently from CommonMark, its emphasis, strong emphasis and strikethrough are worked out again.
//
// cmark-gfm's inline parser cannot be extended, so this pass takes the paragraph cmark-gfm built, turns its
// emphasis back into the delimiter runs written in the source, and runs CommonMark's delimiter algorithm (as
// cmark-gfm implements it, strikethrough included) with the CJK-friendly flanking rules. A paragraph in which no
// run is decided differently is left exactly as cmark-gfm built it.


enum CJKEmphasis {
    /// - Parameters:
    ///   - strikethrough: whether `~` runs are strikethrough delimiters (the GFM extension is on).
    ///   - rules, always: the CommonMark rules on every block re-read cmark-gfm's own result; tests use this to
    ///     show that the re-reading is faithful.
    static func apply(to tree: CmarkTree, map: inout SourceMap, strikethrough: Bool,
                      rules: FlankingRules = .cjkFriendly, always: Bool = false) {
        // Blocks are listed first: rebuilding one frees inline nodes that a walk of the whole tree would still visit.
        for block in tree.inlineBlocks() {
            apply(to: block, tree: tree, map: &map, strikethrough: strikethrough, rules: rules, always: always)
        }
    }

    /// The pass on one paragraph, heading or table cell of `tree`.
    static func apply(to block: MarkdownNode, tree: CmarkTree, map: inout SourceMap, strikethrough: Bool,
                      rules: FlankingRules = .cjkFriendly, always: Bool = false) {
        guard map.mappedBlocks.contains(block) else { return }
        // A block without delimiter runs has nothing to decide differently.
        if !always, !map.blocksWithRuns.contains(block) || !holdsCJK(block) { return }
        let reading = BlockReading(block: block, map: map, strikethrough: strikethrough)
        guard reading.isConsistent else { return }
        let decisions = reading.decisions(rules)
        if !always, decisions == reading.decisions(.commonMark) { return }
        reading.rebuild(tree: tree, decisions: decisions, map: &map)
    }

    /// Whether any text or code in `block` holds a CJK character (or a text variation selector); read only as
    /// far as the first one.
    static func holdsCJK(_ block: MarkdownNode) -> Bool {
        var found = false
        block.walk { step in
            guard !found, case .enter(let node) = step else { return !found }
            // Japanese is never ASCII: most English text is passed over without decoding it.
            if node.kind == .text || node.kind == .code, !node.literalIsASCII {
                found = (node.literal ?? "").unicodeScalars.contains { CJKCharacters.isCJK($0) || CJKCharacters.isTextVariationSelector($0) }
            }
            return !found
        }
        return found
    }
}

/// One paragraph (or heading, or table cell) read back into text, delimiter runs and untouched nodes.
private struct BlockReading {
    /// A delimiter run as written in the source, with the characters around it.
    struct Run {
        var source: SourceRun
        var neighbours = DelimiterNeighbours()
        /// How many of its characters the parsed tree accounts for; must come to the whole run.
        var found = 0
    }

    enum Item {
        case text(TextPiece)
        case run(Int, count: Int)
        case node(MarkdownNode)
    }

    /// What the block-wide walk sees, in order: runs and line breaks matter, everything else is `other`.
    enum Token: Equatable {
        case run(Int)
        case softBreak
        case hardBreak
        case other
    }

    let block: MarkdownNode
    let strikethrough: Bool
    var runs: [Run] = []
    var runIndex = QuickTable<SourceRun, Int>()
    /// The parents whose children are read again: the block, and every link and image in it.
    var sequences: [(parent: MarkdownNode, items: [Item])] = []
    var isConsistent = true

    init(block: MarkdownNode, map: SourceMap, strikethrough: Bool) {
        self.block = block
        self.strikethrough = strikethrough
        var tokens: [Token] = []
        var pending: [MarkdownNode] = [block]
        while let parent = pending.popLast() {
            var items: [Item] = []
            flatten(parent, map: map, into: &items, nested: &pending)
            sequences.append((parent, merged(items)))
        }
        readTokens(block, map: map, into: &tokens)
        if runs.contains(where: { $0.found != $0.source.length }) { isConsistent = false }
        guard isConsistent else { return }
        placeNeighbours(tokens: tokens, source: map.source)
    }

    // MARK: Reading the tree

    private mutating func index(of source: SourceRun) -> Int {
        if let known = runIndex[source] { return known }
        runs.append(Run(source: source))
        runIndex[source] = runs.count - 1
        return runs.count - 1
    }

    /// The inlines of `parent` as items, emphasis opened up into its delimiter runs; links and images found
    /// are added to `nested`, to be read as sequences of their own.
    private mutating func flatten(_ parent: MarkdownNode, map: SourceMap, into items: inout [Item], nested: inout [MarkdownNode]) {
        // The closing run of each emphasis node entered and not yet left, and how many of its characters it uses.
        var closers: [(run: Int, used: Int)] = []
        parent.walk { step in
            guard isConsistent else { return false }
            guard case .enter(let node) = step else {
                // Only emphasis, strong emphasis and strikethrough are entered.
                let closer = closers.removeLast()
                items.append(.run(closer.run, count: closer.used))
                return true
            }
            switch node.kind {
            case .text:
                guard let pieces = map.pieces[node] else {
                    isConsistent = false
                    return false
                }
                for piece in pieces {
                    if case .delimiters(let character) = piece.kind {
                        let run = index(of: SourceRun(line: piece.line, start: piece.rawStart, length: piece.rawEnd - piece.rawStart, character: character))
                        runs[run].found += piece.literal.count
                        items.append(.run(run, count: piece.literal.count))
                    } else {
                        items.append(.text(piece))
                    }
                }
                return false
            case .emphasis, .strong, .strikethrough:
                guard let delimiters = map.delimiterRuns[node] else {
                    isConsistent = false
                    return false
                }
                let used = node.kind == .emphasis ? 1 : node.kind == .strong ? 2 : delimiters.opener.length
                let opener = index(of: delimiters.opener)
                let closer = index(of: delimiters.closer)
                runs[opener].found += used
                runs[closer].found += used
                items.append(.run(opener, count: used))
                closers.append((closer, used))
                return true
            case .link, .image:
                if !Self.isAutolink(node) { nested.append(node) }
                items.append(.node(node))
                return false
            default:
                items.append(.node(node))
                return false
            }
        }
    }

    /// A link written as a bare address (`www.example.jp`, `<https://…>`): cmark-gfm finds the extension's kind
    /// after emphasis, so whatever `*` or `_` its address holds is part of the address.
    static func isAutolink(_ node: MarkdownNode) -> Bool {
        guard node.kind == .link, let url = node.url, let child = node.firstChild, child.next == nil, child.kind == .text,
              let text = child.literal else { return false }
        return url == text || url == "http://" + text || url == "mailto:" + text
    }

    /// Joins the parts of one run that cmark-gfm split between emphasis nodes back into one run.
    private func merged(_ items: [Item]) -> [Item] {
        var result: [Item] = []
        for item in items {
            if case .run(let run, let count) = item, case .run(let previous, let previousCount)? = result.last, previous == run {
                result[result.count - 1] = .run(run, count: count + previousCount)
            } else {
                result.append(item)
            }
        }
        return result
    }

    private func readTokens(_ block: MarkdownNode, map: SourceMap, into tokens: inout [Token]) {
        // What to add on leaving each node entered: the closing run of an emphasis, or the end of a link.
        var onExit: [Token] = []
        block.walk { step in
            guard case .enter(let node) = step else {
                tokens.append(onExit.removeLast())
                return true
            }
            switch node.kind {
            case .text:
                for piece in map.pieces[node] ?? [] {
                    if case .delimiters(let character) = piece.kind,
                       let run = runIndex[SourceRun(line: piece.line, start: piece.rawStart, length: piece.rawEnd - piece.rawStart, character: character)] {
                        tokens.append(.run(run))
                    } else {
                        tokens.append(.other)
                    }
                }
                return false
            case .emphasis, .strong, .strikethrough:
                guard let delimiters = map.delimiterRuns[node], let opener = runIndex[delimiters.opener], let closer = runIndex[delimiters.closer] else {
                    return false
                }
                tokens.append(.run(opener))
                onExit.append(.run(closer))
                return true
            case .link, .image:
                tokens.append(.other)
                if Self.isAutolink(node) {
                    tokens.append(.other)
                    return false
                }
                onExit.append(.other)
                return true
            case .softBreak:
                tokens.append(.softBreak)
                return false
            case .lineBreak:
                tokens.append(.hardBreak)
                return false
            default:
                tokens.append(.other)
                return false
            }
        }
    }

    /// The characters cmark-gfm saw around each run: the source line's, except at the start and end of a line
    /// of the block, which count as whitespace.
    private mutating func placeNeighbours(tokens: [Token], source: SourceLines) {
        let tilde = UInt8(ascii: "~")
        // Where each run first and last stands among the tokens.
        var firstToken = [Int?](repeating: nil, count: runs.count)
        var lastToken = [Int?](repeating: nil, count: runs.count)
        for (position, token) in tokens.enumerated() {
            guard case .run(let run) = token else { continue }
            if firstToken[run] == nil { firstToken[run] = position }
            lastToken[run] = position
        }
        for run in runs.indices {
            guard let first = firstToken[run], let last = lastToken[run] else { continue }
            let line = runs[run].source.line
            let bytes = source.line(line)
            var start = runs[run].source.start
            var end = start + runs[run].source.length
            // With strikethrough on, cmark-gfm looks past `~` to find the neighbours of `*` and `_` runs.
            if strikethrough, runs[run].source.character != tilde {
                while start > 0, bytes[start - 1] == tilde { start -= 1 }
                while end < bytes.count, bytes[end] == tilde { end += 1 }
            }
            let previous = first > 0 ? tokens[first - 1] : nil
            let next = last + 1 < tokens.count ? tokens[last + 1] : nil
            var neighbours = DelimiterNeighbours()
            if previous != nil, previous != .softBreak, previous != .hardBreak {
                neighbours.before = source.scalar(before: start, line: line)
                if let before = neighbours.before, CJKCharacters.isTextVariationSelector(before) {
                    neighbours.beforeBase = source.scalar(before: start - String(before).utf8.count, line: line)
                }
            }
            if next != nil, next != .softBreak {
                neighbours.after = source.scalar(at: end, line: line)
            }
            runs[run].neighbours = neighbours
        }
    }

    // MARK: Deciding

    /// For every run: whether it can open and close, under `rules`. A run that is no delimiter at all (a `~` run of
    /// other than two, or one that flanks nothing) can do neither.
    func decisions(_ rules: FlankingRules) -> [Decision] {
        runs.map { run in
            let character = run.source.character
            if character == UInt8(ascii: "~") {
                guard strikethrough, run.source.length == 2 else { return Decision(open: false, close: false) }
            }
            let (open, close) = rules.canOpenAndClose(character, run.neighbours)
            return Decision(open: open, close: close)
        }
    }

    struct Decision: Equatable {
        var open: Bool
        var close: Bool
    }

    // MARK: Rebuilding

    func rebuild(tree: CmarkTree, decisions: [Decision], map: inout SourceMap) {
        for (parent, items) in sequences {
            var list = InlineList(items: items, runs: runs, decisions: decisions)
            list.processEmphasis()
            for case .node(let node) in items { node.unlink() }
            for child in parent.children { child.remove() }
            for node in list.materialize(tree: tree, map: &map) { parent.appendChild(node) }
        }
    }
}

/// The inlines of one parent as a linked list, and CommonMark's delimiter algorithm over it (a port of cmark-gfm's
/// `process_emphasis`, including the strikethrough extension's rule that both runs have the same length).
private struct InlineList {
    enum Entry {
        case text(TextPiece)
        case delimiter(Int)
        case node(MarkdownNode)
        case group(MarkdownNode.Kind, first: Int?, last: Int?)
    }

    struct Delimiter {
        var source: SourceRun
        var character: UInt8
        /// Characters still unused.
        var count: Int
        /// The run's length as written, for the rule of three.
        var length: Int
        var canOpen: Bool
        var canClose: Bool
        var previous: Int?
        var next: Int?
    }

    var entries: [Entry] = []
    var next: [Int?] = []
    var previous: [Int?] = []
    var head: Int?
    var delimiters: [Delimiter] = []
    /// The entry holding each delimiter.
    var delimiterEntries: [Int] = []
    var firstDelimiter: Int?

    init(items: [BlockReading.Item], runs: [BlockReading.Run], decisions: [BlockReading.Decision]) {
        var lastDelimiter: Int?
        for item in items {
            let entry: Entry
            switch item {
            case .text(let piece): entry = .text(piece)
            case .node(let node): entry = .node(node)
            case .run(let run, let count):
                let decision = decisions[run]
                var delimiter = Delimiter(source: runs[run].source, character: runs[run].source.character, count: count,
                                          length: runs[run].source.length, canOpen: decision.open, canClose: decision.close)
                if decision.open || decision.close {
                    delimiter.previous = lastDelimiter
                    delimiters.append(delimiter)
                    let index = delimiters.count - 1
                    if let lastDelimiter { delimiters[lastDelimiter].next = index } else { firstDelimiter = index }
                    lastDelimiter = index
                } else {
                    // Not a delimiter: it stays text, outside the delimiter stack.
                    delimiters.append(delimiter)
                }
                entry = .delimiter(delimiters.count - 1)
                delimiterEntries.append(entries.count)
            }
            append(entry)
        }
    }

    private mutating func append(_ entry: Entry) {
        entries.append(entry)
        next.append(nil)
        previous.append(entries.count > 1 ? entries.count - 2 : nil)
        if entries.count > 1 { next[entries.count - 2] = entries.count - 1 } else { head = 0 }
    }

    /// The entry holding delimiter `index`.
    private func entry(of index: Int) -> Int {
        delimiterEntries[index]
    }

    private mutating func removeDelimiter(_ index: Int) {
        let (before, after) = (delimiters[index].previous, delimiters[index].next)
        if let before { delimiters[before].next = after } else { firstDelimiter = after }
        if let after { delimiters[after].previous = before }
        delimiters[index].previous = nil
        delimiters[index].next = nil
    }

    mutating func processEmphasis() {
        var openersBottom: [Int: Int] = [:]
        var closer = firstDelimiter
        while let current = closer {
            guard delimiters[current].canClose else {
                closer = delimiters[current].next
                continue
            }
            let character = delimiters[current].character
            let bottomKey = (delimiters[current].length % 3) << 8 | Int(character)
            let bottom = openersBottom[bottomKey] ?? -1
            var opener = delimiters[current].previous
            var found = false
            while let candidate = opener, candidate != bottom {
                let o = delimiters[candidate]
                if o.canOpen, o.character == character {
                    let c = delimiters[current]
                    if !(c.canOpen || o.canClose) || c.length % 3 == 0 || (o.length + c.length) % 3 != 0 {
                        found = true
                        break
                    }
                }
                opener = o.previous
            }
            if found, let opener {
                closer = character == UInt8(ascii: "~") ? insertStrikethrough(opener, current) : insertEmphasis(opener, current)
            } else {
                closer = delimiters[current].next
                openersBottom[bottomKey] = delimiters[current].previous ?? -1
                if !delimiters[current].canOpen { removeDelimiter(current) }
            }
        }
    }

    /// Moves the entries strictly between two entries into a new group placed right after the first.
    private mutating func group(_ kind: MarkdownNode.Kind, between start: Int, and end: Int) {
        let first = next[start] == end ? nil : next[start]
        let last = previous[end] == start ? nil : previous[end]
        entries.append(.group(kind, first: first, last: last))
        next.append(end)
        previous.append(start)
        let group = entries.count - 1
        if let first { previous[first] = nil }
        if let last { next[last] = nil }
        next[start] = group
        previous[end] = group
    }

    private mutating func insertEmphasis(_ opener: Int, _ closer: Int) -> Int? {
        let use = delimiters[closer].count >= 2 && delimiters[opener].count >= 2 ? 2 : 1
        delimiters[opener].count -= use
        delimiters[closer].count -= use
        var between = delimiters[closer].previous
        while let index = between, index != opener {
            between = delimiters[index].previous
            removeDelimiter(index)
        }
        group(use == 1 ? .emphasis : .strong, between: entry(of: opener), and: entry(of: closer))
        if delimiters[opener].count == 0 { removeDelimiter(opener) }
        if delimiters[closer].count == 0 {
            let following = delimiters[closer].next
            removeDelimiter(closer)
            return following
        }
        return closer
    }

    private mutating func insertStrikethrough(_ opener: Int, _ closer: Int) -> Int? {
        let following = delimiters[closer].next
        guard delimiters[opener].count == delimiters[closer].count else { return following }
        group(.strikethrough, between: entry(of: opener), and: entry(of: closer))
        delimiters[opener].count = 0
        delimiters[closer].count = 0
        var index: Int? = closer
        while let current = index, current != opener {
            index = delimiters[current].previous
            removeDelimiter(current)
        }
        removeDelimiter(opener)
        return following
    }

    /// New nodes for the list: text merged, kept nodes in place, groups as emphasis nodes (filled in on a stack of
    /// open groups, since emphasis can nest as deep as the paragraph is long).
    func materialize(tree: CmarkTree, map: inout SourceMap) -> [MarkdownNode] {
        struct Level {
            /// The emphasis node being filled, or nil for the top level.
            var container: MarkdownNode?
            var current: Int?
            var text: [UInt8] = []
            var pieces: [TextPiece] = []
        }
        var nodes: [MarkdownNode] = []
        var levels = [Level(container: nil, current: head)]
        func add(_ node: MarkdownNode) {
            if let container = levels[levels.count - 1].container { container.appendChild(node) } else { nodes.append(node) }
        }
        func flush() {
            guard !levels[levels.count - 1].text.isEmpty else { return }
            let node = tree.makeNode(.text, literal: String(decoding: levels[levels.count - 1].text, as: UTF8.self))
            map.record(levels[levels.count - 1].pieces, for: node)
            add(node)
            levels[levels.count - 1].text = []
            levels[levels.count - 1].pieces = []
        }
        // The levels are changed in place: a copy of one would make every append to its text copy the text.
        while !levels.isEmpty {
            guard let index = levels[levels.count - 1].current else {
                flush()
                levels.removeLast()
                continue
            }
            levels[levels.count - 1].current = next[index]
            switch entries[index] {
            case .text(let piece):
                levels[levels.count - 1].text += piece.literal
                levels[levels.count - 1].pieces.append(piece)
            case .delimiter(let delimiter):
                let run = delimiters[delimiter]
                if run.count > 0 {
                    let literal = [UInt8](repeating: run.character, count: run.count)
                    levels[levels.count - 1].text += literal
                    levels[levels.count - 1].pieces.append(TextPiece(kind: .delimiters(run.character), literal: literal, line: run.source.line,
                                                                     rawStart: run.source.start, rawEnd: run.source.start + run.source.length))
                }
            case .node(let node):
                flush()
                add(node)
            case .group(let kind, let first, _):
                flush()
                let node = tree.makeNode(kind)
                add(node)
                if first != nil { levels.append(Level(container: node, current: first)) }
            }
        }
        return nodes
    }
}
