// Line breaks inside a Japanese paragraph: between two wide characters (kana, kanji, full-width punctuation) a soft
// line break is no space at all, as a Japanese reader expects; everywhere else it stays as CommonMark says.

enum CJKLineBreaks {
    static func apply(to tree: CmarkTree) {
        for node in tree.nodes() where node.kind == .softBreak {
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
    /// search goes on past it.
    private static func edge(of node: MarkdownNode, last: Bool) -> Edge? {
        switch node.kind {
        case .text, .code:
            let scalars = (node.literal ?? "").unicodeScalars.filter {
                !CJKCharacters.isTextVariationSelector($0) && !CJKCharacters.isIdeographicVariationSelector($0)
            }
            guard let scalar = last ? scalars.last : scalars.first else { return nil }
            return Edge(scalar: scalar)
        case .softBreak, .lineBreak:
            return Edge(scalar: " ")
        case .htmlInline:
            return nil
        case .emphasis, .strong, .strikethrough, .link:
            let children = node.children
            for child in last ? children.reversed() : children {
                if let found = edge(of: child, last: last) { return found }
            }
            return nil
        default:
            // An image or anything else shows no character to join with.
            return Edge(scalar: nil)
        }
    }

    private static func isInlineContainer(_ node: MarkdownNode) -> Bool {
        [.emphasis, .strong, .strikethrough, .link].contains(node.kind)
    }
}
