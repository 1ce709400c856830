// Line breaks inside a Japanese paragraph: between two wide characters (kana, kanji, full-width punctuation) a soft
// line break is no space at all, as a Japanese reader expects; everywhere else it stays as CommonMark says.


enum CJKLineBreaks {
    static func apply(to tree: CmarkTree) {
        for block in tree.inlineBlocks() { apply(in: block) }
    }

    /// The pass on one paragraph, heading or table cell: a soft break looks for its neighbours only inside it.
    static func apply(in block: MarkdownNode) {
        var breaks: [MarkdownNode] = []
        block.walk { step in
            if case .enter(let node) = step, node.kind == .softBreak { breaks.append(node) }
            return true
        }
        for node in breaks {
            guard CJKCharacters.isWide(lastVisible(before: node)), CJKCharacters.isWide(firstVisible(after: node)) else { continue }
            node.remove()
        }
    }

    /// The last character a reader sees before `node` in its paragraph.
    static func lastVisible(before node: MarkdownNode) -> Unicode.Scalar? {
        var current = node
        while true {
            if let sibling = current.previous {
                if let found = edge(of: sibling, last: true) { return found.scalar }
                current = sibling
            } else if let parent = current.parent, isInlineContainer(parent) {
                current = parent
            } else {
                return nil
            }
        }
    }

    /// The first character a reader sees after `node` in its paragraph.
    static func firstVisible(after node: MarkdownNode) -> Unicode.Scalar? {
        var current = node
        while true {
            if let sibling = current.next {
                if let found = edge(of: sibling, last: false) { return found.scalar }
                current = sibling
            } else if let parent = current.parent, isInlineContainer(parent) {
                current = parent
            } else {
                return nil
            }
        }
    }

    /// A character found at the edge of a node; `scalar` is nil when the node ends the search (an image).
    private struct Edge { var scalar: Unicode.Scalar? }

    /// The first or last visible character inside `node`; nil when it shows nothing (such as a tag), so the
    /// search goes on past it. Emphasis and links are searched through in a loop, however deep they nest.
    private static func edge(of node: MarkdownNode, last: Bool) -> Edge? {
        var current: MarkdownNode? = node
        while let candidate = current {
            switch candidate.kind {
            case .text, .code:
                if let scalar = visibleScalar(in: candidate, last: last) { return Edge(scalar: scalar) }
            case .softBreak, .lineBreak:
                return Edge(scalar: " ")
            case .htmlInline:
                break
            case .emphasis, .strong, .strikethrough, .link:
                if let inside = last ? candidate.lastChild : candidate.firstChild {
                    current = inside
                    continue
                }
            default:
                // An image or anything else shows no character to join with.
                return Edge(scalar: nil)
            }
            // Nothing visible here: on to the node beside it, or beside the container it ends.
            current = nil
            var finished = candidate
            while finished != node {
                if let beside = last ? finished.previous : finished.next {
                    current = beside
                    break
                }
                guard let parent = finished.parent else { break }
                finished = parent
            }
        }
        return nil
    }

    /// The first or last character of the node's text that is not a variation selector.
    private static func visibleScalar(in node: MarkdownNode, last: Bool) -> Unicode.Scalar? {
        node.literalScalar(last: last) { scalar in
            !CJKCharacters.isTextVariationSelector(scalar) && !CJKCharacters.isIdeographicVariationSelector(scalar)
        }
    }

    private static func isInlineContainer(_ node: MarkdownNode) -> Bool {
        switch node.kind {
        case .emphasis, .strong, .strikethrough, .link: true
        default: false
        }
    }
}
