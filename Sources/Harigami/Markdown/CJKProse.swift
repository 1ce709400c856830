// The prose of a page body as a reader sees it, block by block, every character with its line and column in the
// file; and the emphasis markers that stayed as text. The prose checks read this instead of the raw Markdown.

struct ProseText {
    struct Character: Equatable {
        var scalar: Unicode.Scalar
        var location: SourceLocation
        /// Inside a code span: counted in a sentence's length, never checked as prose.
        var isCode: Bool
    }

    enum BlockKind: Equatable {
        case paragraph, heading, tableCell
    }

    struct Block {
        var kind: BlockKind
        /// Inside a block quote, such as the sample wording staff say.
        var isQuotation: Bool
        var characters: [Character]
    }

    /// `**`, `__` or `~~` that the pipeline left as text.
    struct Marker: Equatable {
        var text: String
        var location: SourceLocation
    }

    var blocks: [Block] = []
    var unrenderedMarkers: [Marker] = []

    /// Reads `body`, whose first line is line `bodyLine` of the file `path`, the way the site's pipeline renders it.
    init(body: String, path: String, bodyLine: Int, extensions: Bool = true) {
        read(Containers.parse(body).parts, path: path, bodyLine: bodyLine, extensions: extensions)
    }

    private mutating func read(_ parts: [BodyPart], path: String, bodyLine: Int, extensions: Bool) {
        for part in parts {
            switch part {
            case .markdown(let text, let line):
                read(markdown: text, path: path, firstLine: bodyLine + line - 1, extensions: extensions)
            case .container(_, _, _, let inner):
                read(inner, path: path, bodyLine: bodyLine, extensions: extensions)
            }
        }
    }

    private mutating func read(markdown text: String, path: String, firstLine: Int, extensions: Bool) {
        var options = CmarkTree.Options()
        options.extensions = extensions
        let tree = CmarkTree(text, options: options)
        let source = SourceLines(text)
        var map = SourceMap(tree: tree, source: source)
        CJKEmphasis.apply(to: tree, map: &map, strikethrough: extensions)
        _ = Ruby.apply(to: tree, map: &map)

        func location(line: Int, column: Int) -> SourceLocation {
            SourceLocation(path: path, line: firstLine + max(line, 1) - 1, column: max(column, 1))
        }
        for block in tree.nodes() where SourceMap.isInlineBlock(block) {
            let kind: BlockKind = switch block.kind {
            case .heading: .heading
            case .tableCell: .tableCell
            default: .paragraph
            }
            var isQuotation = false
            var ancestor = block.parent
            while let node = ancestor {
                if node.kind == .blockQuote { isQuotation = true }
                ancestor = node.parent
            }
            var characters: [Character] = []
            var markers: [Marker] = []
            func visit(_ node: MarkdownNode) {
                switch node.kind {
                case .text:
                    let literal = Array((node.literal ?? "").utf8)
                    let pieces = map.pieces[node]
                    var offset = 0
                    for scalar in String(decoding: literal, as: UTF8.self).unicodeScalars {
                        let at: SourceLocation
                        if let pieces, let raw = SourceMap.rawPosition(pieces, literalByte: offset) {
                            at = location(line: raw.line, column: source.column(ofByte: raw.byte, line: raw.line))
                        } else {
                            at = location(line: node.startLine, column: node.startColumn)
                        }
                        characters.append(Character(scalar: scalar, location: at, isCode: false))
                        offset += String(scalar).utf8.count
                    }
                    if let pieces {
                        for piece in pieces {
                            guard case .delimiters(let character) = piece.kind, Self.isMarker(character, count: piece.literal.count) else { continue }
                            let at = location(line: piece.line, column: source.column(ofByte: piece.rawStart, line: piece.line))
                            markers.append(Marker(text: String(decoding: piece.literal, as: UTF8.self), location: at))
                        }
                    } else {
                        // The block could not be placed in the source: report at the text's start.
                        for marker in ["**", "__", "~~"] where String(decoding: literal, as: UTF8.self).contains(marker) {
                            markers.append(Marker(text: marker, location: location(line: node.startLine, column: node.startColumn)))
                        }
                    }
                case .code:
                    let at = location(line: node.startLine, column: node.startColumn)
                    characters += (node.literal ?? "").unicodeScalars.map { Character(scalar: $0, location: at, isCode: true) }
                case .image, .htmlInline:
                    break
                default:
                    node.children.forEach(visit)
                }
            }
            block.children.forEach(visit)
            blocks.append(Block(kind: kind, isQuotation: isQuotation, characters: characters))
            unrenderedMarkers += markers
        }
    }

    private static func isMarker(_ character: UInt8, count: Int) -> Bool {
        character == UInt8(ascii: "~") ? count == 2 : count >= 2
    }
}
