// What the pipeline's first walk of a tree notes about each paragraph, heading and table cell, so that each
// Japanese pass visits only the blocks it may change and most blocks are left alone without reading their text.

/// The inline blocks of a tree in document order, each with what the Japanese passes look for in it.
struct InlineBlockScan {
    struct Block {
        let node: MarkdownNode
        /// Holds emphasis, or text with `*`, `_` or `~`: a delimiter run that the CJK-friendly rules may read
        /// differently.
        var delimiters = false
        /// Holds text with `{`: ruby may be written in it.
        var brace = false
        /// Holds a soft line break, which may stand between two Japanese characters.
        var softBreak = false
    }

    private(set) var blocks: [Block] = []

    /// Notes `node`, met in document order (parents before children) with its kind. Inline blocks hold only
    /// inlines, so an inline belongs to the inline block met last.
    mutating func note(_ node: MarkdownNode, kind: MarkdownNode.Kind) {
        switch kind {
        case .paragraph, .heading, .tableCell:
            blocks.append(Block(node: node))
        case .text:
            guard !blocks.isEmpty else { return }
            if !blocks[blocks.count - 1].delimiters, node.literalContains(anyOf: "*_~") { blocks[blocks.count - 1].delimiters = true }
            if !blocks[blocks.count - 1].brace, node.literalContains(UInt8(ascii: "{")) { blocks[blocks.count - 1].brace = true }
        case .emphasis, .strong, .strikethrough:
            if !blocks.isEmpty { blocks[blocks.count - 1].delimiters = true }
        case .softBreak:
            if !blocks.isEmpty { blocks[blocks.count - 1].softBreak = true }
        default:
            break
        }
    }
}
