// What a poster document says, text by text, each with where it was written: read once for the renderer and the fit rule.

import Foundation
import HarigamiModel
import HarigamiMarkdown

/// The texts of one poster in one language.
public struct PosterContent: Sendable, Hashable {
    public var document: Document
    public var fields: PosterFields
    /// The body's bullet list, one entry per behaviour.
    public var behaviours: [Located<String>]
    /// Problems with the body: anything but one bullet list.
    public var problems: [Diagnostic]

    public var title: Located<String> { document.title }
    public var name: String {
        if case .poster(let name) = document.kind { return name }
        return document.key
    }

    public init?(_ document: Document) {
        guard let fields = document.poster else { return nil }
        self.document = document
        self.fields = fields
        switch fields.kind {
        case .awareness: (behaviours, problems) = Self.readBody(document)
        case .notice: (behaviours, problems) = ([], Self.noticeBodyProblems(document))
        case .card: (behaviours, problems) = ([], StaffCard.bodyProblems(document))
        }
    }

    /// The body must be one bullet list of plain lines: a poster has no room for anything else.
    static func readBody(_ document: Document) -> ([Located<String>], [Diagnostic]) {
        let tree = CmarkTree(document.body)
        let lines = document.body.split(separator: "\n", omittingEmptySubsequences: false)
        func location(_ node: MarkdownNode) -> SourceLocation {
            let line = max(node.startLine, 1)
            // cmark counts columns in bytes; diagnostics count characters.
            var column = max(node.startColumn, 1)
            if line <= lines.count {
                let bytes = Array(lines[line - 1].utf8)
                let prefix = bytes.prefix(column - 1)
                column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
            }
            return document.location(bodyLine: line, column: column)
        }
        var items: [Located<String>] = []
        var problems: [Diagnostic] = []
        let blocks = tree.root.children
        let list = blocks.first { $0.kind == .list && !$0.isOrderedList }
        for block in blocks where block != list {
            problems.append(.error(location(block),
                                   "a poster's body is one bullet list of behaviours (`- …` lines); move this into the list or remove it",
                                   rule: "poster.body"))
        }
        if let list {
            for item in list.children {
                let paragraphs = item.children
                guard paragraphs.count == 1, let paragraph = paragraphs.first, paragraph.kind == .paragraph else {
                    problems.append(.error(location(item), "each behaviour on a poster is one line of text, without nested lists or paragraphs", rule: "poster.body"))
                    continue
                }
                let text = Self.plainText(paragraph).trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    problems.append(.error(location(item), "this behaviour is empty; write it or remove the line", rule: "poster.body"))
                    continue
                }
                items.append(Located(text, at: location(paragraph)))
            }
        } else if problems.isEmpty {
            problems.append(.error(document.location(bodyLine: 1),
                                   "the poster lists no behaviours: after the front matter, write them as a bullet list (`- Shouting at staff`)",
                                   rule: "poster.body"))
        }
        return (items, problems)
    }

    /// The words as printed: emphasis and links flattened, and a line break between two Japanese characters joined
    /// without a space (a space there would show on the poster).
    static func plainText(_ node: MarkdownNode) -> String {
        var text = ""
        var pendingBreak = false
        func append(_ piece: String) {
            if pendingBreak {
                let joinsWide = text.last.map(PosterLines.isWide) == true && piece.first.map(PosterLines.isWide) == true
                if !joinsWide && !text.isEmpty { text += " " }
                pendingBreak = false
            }
            text += piece
        }
        func walk(_ node: MarkdownNode) {
            switch node.kind {
            case .text, .code: append(node.literal ?? "")
            case .softBreak, .lineBreak: pendingBreak = true
            case .htmlInline: break
            default: node.children.forEach(walk)
            }
        }
        walk(node)
        return text
    }
}

