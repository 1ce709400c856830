// The prose of a page body as a reader sees it, block by block, every character with its line and column in the
// file; and the emphasis markers that stayed as text. The prose checks read this instead of the raw Markdown,
// from the tree the pipeline renders (so the page is parsed once). Blocks are handed over one at a time and
// characters are kept small, so a page of 50 MB is read in bounded memory.

import HarigamiModel

package struct ProseText {
    package struct Character: Equatable {
        package var scalar: Unicode.Scalar
        var line: Int32
        var column: Int32
        /// Inside a code span: counted in a sentence's length, never checked as prose.
        package var isCode: Bool

        package func location(in path: String) -> SourceLocation {
            SourceLocation(path: path, line: Int(line), column: Int(column))
        }
    }

    package enum BlockKind: Equatable {
        case paragraph, heading, tableCell
    }

    package struct Block {
        package var kind: BlockKind
        /// Inside a block quote, such as the sample wording staff say.
        package var isQuotation: Bool
        package var path: String
        package var characters: [Character]

        package func location(of character: Character) -> SourceLocation {
            character.location(in: path)
        }
    }

    /// `**`, `__` or `~~` that the pipeline left as text.
    package struct Marker: Equatable {
        package var text: String
        package var location: SourceLocation
    }

    /// Reads one paragraph, heading or table cell of a tree (a fragment of the file `path` starting on its line
    /// `firstLine`, already through the pipeline's Japanese passes) and hands it to `handle`; returns the emphasis
    /// markers it left as text. The pipeline reads a fragment's blocks in reading order, one at a time.
    package static func read(block: MarkdownNode, map: SourceMap, path: String, firstLine: Int, handle: (Block) -> Void) -> [Marker] {
        let source = map.source
        func location(line: Int, column: Int) -> SourceLocation {
            SourceLocation(path: path, line: firstLine + max(line, 1) - 1, column: max(column, 1))
        }
        // Characters come in reading order, so each column is counted on from the one before.
        var columns = ColumnCounter(source: source)
        func character(_ scalar: Unicode.Scalar, line: Int, column: Int, isCode: Bool) -> Character {
            Character(scalar: scalar, line: Int32(clamping: firstLine + max(line, 1) - 1), column: Int32(clamping: max(column, 1)), isCode: isCode)
        }
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
        func visit(_ node: MarkdownNode) -> Bool {
            switch node.kind {
            case .text:
                let literal = node.literalBytes
                let pieces = map.pieces[node]
                readText(literal, of: node, pieces: pieces ?? [], source: source, firstLine: firstLine, columns: &columns, into: &characters)
                if let pieces {
                    for piece in pieces {
                        guard case .delimiters(let character) = piece.kind, Self.isMarker(character, count: piece.literal.count) else { continue }
                        let at = location(line: piece.line, column: source.column(ofByte: piece.rawStart, line: piece.line))
                        markers.append(Marker(text: String(decoding: piece.literal, as: UTF8.self), location: at))
                    }
                } else {
                    // The block could not be placed in the source: report at the text's start.
                    for marker in ["**", "__", "~~"] where String(decoding: literal, as: UTF8.self).contains(marker) {
                        markers.append(Marker(text: marker, location: location(line: node.startLine, column: source.column(of: node))))
                    }
                }
            case .code:
                let codeColumn = source.column(of: node)
                characters += (node.literal ?? "").unicodeScalars.map { character($0, line: node.startLine, column: codeColumn, isCode: true) }
            case .image, .htmlInline:
                return false
            default:
                return true
            }
            return false
        }
        block.walk { step in
            guard case .enter(let node) = step else { return true }
            return visit(node)
        }
        handle(Block(kind: kind, isQuotation: isQuotation, path: path, characters: characters))
        return markers
    }

    /// The characters of one text node, each at its place in the source (`pieces`), or at the node's start where
    /// it could not be placed. The literal is UTF-8 as cmark-gfm wrote it, read scalar by scalar without making a
    /// string of it, and the piece holding each byte is followed without copying it for every character.
    private static func readText(_ literal: [UInt8], of node: MarkdownNode, pieces: [TextPiece], source: SourceLines, firstLine: Int,
                                 columns: inout ColumnCounter, into characters: inout [Character]) {
        func character(_ scalar: Unicode.Scalar, line: Int, column: Int) -> Character {
            Character(scalar: scalar, line: Int32(clamping: firstLine + max(line, 1) - 1), column: Int32(clamping: max(column, 1)), isCode: false)
        }
        // Text that could not be placed in the source is reported at its start, worked out once.
        var nodeColumn: Int?
        var offset = 0
        // The piece holding `offset`, where its text starts and ends: all only move forward.
        var (pieceIndex, pieceStart, pieceEnd) = (0, 0, pieces.first?.literal.count ?? 0)
        // A literal has at least as many bytes as characters: room for all of them at once, grown geometrically,
        // spares the block's array the copies of growing character by character.
        if characters.capacity < characters.count + literal.count {
            characters.reserveCapacity(max(2 * characters.capacity, characters.count + literal.count))
        }
        var bytes = literal.makeIterator()
        var decoder = UTF8()
        while true {
            let scalar: Unicode.Scalar
            switch decoder.decode(&bytes) {
            case .scalarValue(let decoded): scalar = decoded
            case .emptyInput: return
            case .error: scalar = "\u{FFFD}"
            }
            while pieceIndex < pieces.count, offset >= pieceEnd {
                pieceIndex += 1
                pieceStart = pieceEnd
                if pieceIndex < pieces.count { pieceEnd += pieces[pieceIndex].literal.count }
            }
            if pieceIndex < pieces.count {
                let line = pieces[pieceIndex].line
                let byte = pieces[pieceIndex].rawOffset(ofLiteralByte: offset - pieceStart)
                characters.append(character(scalar, line: line, column: columns.column(ofByte: byte, line: line)))
            } else {
                let column = nodeColumn ?? source.column(of: node)
                nodeColumn = column
                characters.append(character(scalar, line: node.startLine, column: column))
            }
            offset += UTF8.width(scalar)
        }
    }

    private static func isMarker(_ character: UInt8, count: Int) -> Bool {
        character == UInt8(ascii: "~") ? count == 2 : count >= 2
    }
}

/// Columns (in Unicode scalars) of byte offsets in `source`, counted on from the last one asked for
/// when the next one lies further along the same line, so reading a long line costs one pass over it.
struct ColumnCounter {
    let source: SourceLines
    private var line = 0
    private var columns = LineColumns([])

    init(source: SourceLines) {
        self.source = source
    }

    /// The length of the line counted on, kept so that a call on the same line does not fetch (and retain) it.
    private var lineLength = 0

    mutating func column(ofByte offset: Int, line number: Int) -> Int {
        if number != line {
            let bytes = source.line(number)
            let target = max(0, min(offset, bytes.count))
            (line, lineLength) = (number, bytes.count)
            columns = LineColumns(bytes, byte: target, column: source.column(ofByte: target, line: number))
            return columns.column(ofByte: target)
        }
        let target = max(0, min(offset, lineLength))
        if target < columns.byte {
            columns = LineColumns(source.line(number), byte: target, column: source.column(ofByte: target, line: number))
        }
        return columns.column(ofByte: target)
    }
}
