// The cmark-gfm wrapper: parse, walk and edit the syntax tree, render HTML. No pointer leaves this folder.

import CCmarkGFM
import Foundation

/// A node of a parsed Markdown tree. Valid only while its `CmarkTree` lives.
package struct MarkdownNode: Hashable {
    fileprivate let pointer: OpaquePointer

    package enum Kind: Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
        case table, tableRow, tableCell, strikethrough
        case other(String)
    }

    package var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default:
            switch typeName {
            case "table": .table
            case "table_row", "table_header": .tableRow
            case "table_cell": .tableCell
            case "strikethrough": .strikethrough
            default: .other(typeName)
            }
        }
    }

    var typeName: String { String(cString: cmark_node_get_type_string(pointer)) }

    package var literal: String? {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        nonmutating set { cmark_node_set_literal(pointer, newValue) }
    }

    /// The node's text as UTF-8 bytes, read without making a Swift string of it (empty when it has none).
    var literalBytes: [UInt8] {
        guard let text = cmark_node_get_literal(pointer) else { return [] }
        let count = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }

    /// Whether the node's text holds `byte` (an ASCII character), found without making a Swift string of it.
    func literalContains(_ byte: UInt8) -> Bool {
        guard let text = cmark_node_get_literal(pointer) else { return false }
        return strchr(text, Int32(byte)) != nil
    }

    /// Whether the node's text holds any of the ASCII characters of `bytes`, found without making a Swift string of it.
    func literalContains(anyOf bytes: StaticString) -> Bool {
        guard let text = cmark_node_get_literal(pointer) else { return false }
        return bytes.withUTF8Buffer { set in
            set.withMemoryRebound(to: CChar.self) { strpbrk(text, $0.baseAddress!) != nil }
        }
    }

    /// Whether the node's text is all ASCII (so holds no Japanese), found without making a Swift string of it.
    var literalIsASCII: Bool {
        guard var byte = cmark_node_get_literal(pointer) else { return true }
        while byte.pointee != 0 {
            if UInt8(bitPattern: byte.pointee) >= 0x80 { return false }
            byte += 1
        }
        return true
    }

    /// The first or last scalar of the node's text that `accept` takes, decoded from cmark-gfm's bytes without
    /// making a Swift string of them.
    func literalScalar(last: Bool, where accept: (Unicode.Scalar) -> Bool) -> Unicode.Scalar? {
        guard let text = cmark_node_get_literal(pointer) else { return nil }
        let count = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            let bytes = UnsafeBufferPointer(start: start, count: count)
            if !last {
                var iterator = bytes.makeIterator()
                var decoder = UTF8()
                while true {
                    switch decoder.decode(&iterator) {
                    case .scalarValue(let scalar): if accept(scalar) { return scalar }
                    case .emptyInput: return nil
                    case .error: return String(decoding: bytes, as: UTF8.self).unicodeScalars.first(where: accept)
                    }
                }
            }
            var end = count
            while end > 0 {
                var start = end - 1
                while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                var iterator = bytes[start..<end].makeIterator()
                var decoder = UTF8()
                if case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil {
                    if accept(scalar) { return scalar }
                } else {
                    // Not one well-formed scalar: read the way a string would, from the start.
                    return String(decoding: bytes, as: UTF8.self).unicodeScalars.last(where: accept)
                }
                end = start
            }
            return nil
        }
    }

    var url: String? {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } }
        nonmutating set { cmark_node_set_url(pointer, newValue) }
    }

    var title: String? { cmark_node_get_title(pointer).map { String(cString: $0) } }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    package var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    package var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }
    /// For table rows: whether it is the header row.
    var isTableHeader: Bool { typeName == "table_header" }

    var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }
    var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }
    var previous: MarkdownNode? { cmark_node_previous(pointer).map(MarkdownNode.init) }

    var lastChild: MarkdownNode? { cmark_node_last_child(pointer).map(MarkdownNode.init) }

    package var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let node = child { result.append(node); child = node.next }
        return result
    }

    /// The plain text inside this node (text, code, line breaks as spaces).
    var plainText: String {
        switch kind {
        case .text, .code: return literal ?? ""
        case .softBreak, .lineBreak: return " "
        default:
            var text = ""
            walk { step in
                guard case .enter(let node) = step else { return true }
                switch node.kind {
                case .text, .code: text += node.literal ?? ""
                case .softBreak, .lineBreak: text += " "
                default: break
                }
                return true
            }
            return text
        }
    }

    /// One step of a walk through a tree: entering a node, or leaving one that can hold children.
    enum WalkStep {
        case enter(MarkdownNode)
        case exit(MarkdownNode)
    }

    /// Walks the nodes inside this one in document order, without recursion (Markdown can nest thousands deep).
    /// `visit` sees each node entered and, for a node that can hold children, left; on entering it returns
    /// whether to go inside (when it does not, the node is not left either). The tree must not change meanwhile.
    func walk(_ visit: (WalkStep) -> Bool) {
        guard let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            guard event != CMARK_EVENT_DONE, let current = cmark_iter_get_node(iterator) else { break }
            if current == pointer { continue }
            let node = MarkdownNode(pointer: current)
            if event == CMARK_EVENT_EXIT {
                _ = visit(.exit(node))
            } else if !visit(.enter(node)) {
                // Carry on as if the node had just been left: with its next sibling, or by leaving its parent.
                cmark_iter_reset(iterator, current, CMARK_EVENT_EXIT)
            }
        }
    }

    func insertBefore(_ node: MarkdownNode) { cmark_node_insert_before(pointer, node.pointer) }
    func insertAfter(_ node: MarkdownNode) { cmark_node_insert_after(pointer, node.pointer) }
    func appendChild(_ node: MarkdownNode) { cmark_node_append_child(pointer, node.pointer) }

    /// Detaches and frees this node and its children.
    func remove() {
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }

    /// Detaches this node without freeing it, so it can be inserted elsewhere.
    func unlink() { cmark_node_unlink(pointer) }

    /// A number a `NodeTable` keeps in the node (cmark-gfm's user data, which nothing else here uses); 0 for none.
    var tableNumber: Int {
        get { Int(bitPattern: cmark_node_get_user_data(pointer)) }
        nonmutating set { cmark_node_set_user_data(pointer, UnsafeMutableRawPointer(bitPattern: newValue)) }
    }

    /// The node's address, which tells it apart from every other node alive in the tree.
    var address: UInt64 { UInt64(UInt(bitPattern: Int(bitPattern: pointer))) }

    package static func == (a: MarkdownNode, b: MarkdownNode) -> Bool { a.pointer == b.pointer }
    package func hash(into hasher: inout Hasher) { hasher.combine(pointer) }
}

/// A parsed Markdown document. Owns the tree and the parser (whose extensions render it).
package final class CmarkTree {
    package struct Options {
        /// GFM tables, strikethrough, autolinks and the tag filter.
        var extensions = true
        /// Keep the tag filter on even when raw HTML is allowed.
        var tagFilter = true
    }

    private let parser: OpaquePointer
    package let root: MarkdownNode
    private let renderOptions: Int32

    /// cmark-gfm keeps the characters that start an extension's inline syntax (`~`, `:`, `w`) in a global table,
    /// which every parse fills in and then clears: two parses at once can lose strikethrough or autolinks, and
    /// registering the extensions is not safe either. Pages are rendered on several threads, so parsing takes
    /// turns; walking, editing and rendering a tree touch only that tree.
    private static let parsing = NSLock()

    package init(_ markdown: String, options: Options = Options()) {
        // A table over the limits would cost cmark-gfm the square of its row, or gigabytes: its lines are read as
        // paragraphs instead (the pipeline reports them). Looked for before taking the parser's turn, which other
        // threads wait for.
        let withTables = options.extensions && TableLimits.problems(in: markdown).isEmpty
        Self.parsing.lock()
        defer { Self.parsing.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        // Raw HTML passes through cmark; the pipeline removes what the site does not allow before rendering.
        // Strikethrough takes two tildes: Japanese writes ranges with one (9:00~17:00、月~金).
        let flags = CMARK_OPT_UNSAFE | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        let parser: OpaquePointer = cmark_parser_new(flags)
        self.parser = parser
        if options.extensions {
            var names = withTables ? ["table", "strikethrough", "autolink"] : ["strikethrough", "autolink"]
            if options.tagFilter { names.append("tagfilter") }
            for name in names {
                if let extensionPointer = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, extensionPointer)
                }
            }
        }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        root = MarkdownNode(pointer: cmark_parser_finish(parser))
        renderOptions = CMARK_OPT_UNSAFE
    }

    deinit {
        cmark_node_free(root.pointer)
        cmark_parser_free(parser)
    }

    func html() -> String {
        guard let chars = cmark_render_html(root.pointer, renderOptions, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(chars) }
        return String(cString: chars)
    }

    /// The plain text of every link and image (as `plainText` gives it), in one walk: the text inside nested
    /// images is read once, not once for each image around it, which would cost the square of the depth.
    func linkTexts() -> [MarkdownNode: String] {
        var texts: [MarkdownNode: String] = [:]
        var buffer: [UInt8] = []
        var starts: [Int] = []
        root.walk { step in
            switch step {
            case .enter(let node):
                switch node.kind {
                case .link, .image: starts.append(buffer.count)
                case .text, .code: if !starts.isEmpty { buffer.append(contentsOf: (node.literal ?? "").utf8) }
                case .softBreak, .lineBreak: if !starts.isEmpty { buffer.append(UInt8(ascii: " ")) }
                default: break
                }
            case .exit(let node):
                guard node.kind == .link || node.kind == .image, let start = starts.popLast() else { break }
                texts[node] = String(decoding: buffer[start...], as: UTF8.self)
                if starts.isEmpty { buffer.removeAll(keepingCapacity: true) }
            }
            return true
        }
        return texts
    }

    /// Joins adjacent text nodes into one (cmark-gfm leaves text split where an extension's character stood).
    func consolidateText() { cmark_consolidate_text_nodes(root.pointer) }

    /// Every node in document order (parents before children); safe to edit nodes already visited.
    func nodes() -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        guard let iterator = cmark_iter_new(root.pointer) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                result.append(MarkdownNode(pointer: node))
            }
        }
        return result
    }

    /// The paragraphs, headings and table cells in document order, found without walking through their text.
    func inlineBlocks() -> [MarkdownNode] {
        var blocks: [MarkdownNode] = []
        root.walk { step in
            guard case .enter(let node) = step else { return true }
            guard SourceMap.isInlineBlock(node) else { return true }
            blocks.append(node)
            return false
        }
        return blocks
    }

    func makeNode(_ kind: MarkdownNode.Kind, literal: String? = nil) -> MarkdownNode {
        let type: cmark_node_type = switch kind {
        case .htmlInline: CMARK_NODE_HTML_INLINE
        case .htmlBlock: CMARK_NODE_HTML_BLOCK
        case .emphasis: CMARK_NODE_EMPH
        case .strong: CMARK_NODE_STRONG
        default: CMARK_NODE_TEXT
        }
        if kind == .strikethrough, let strikethrough = Self.strikethrough {
            return MarkdownNode(pointer: cmark_node_new_with_ext(cmark_node_type(rawValue: strikethrough.type), strikethrough.syntaxExtension))
        }
        let node = MarkdownNode(pointer: cmark_node_new(type))
        if let literal { node.literal = literal }
        return node
    }

    /// The strikethrough extension and the node type it registered at run time (no header exports the type).
    private static var strikethrough: (type: UInt32, syntaxExtension: OpaquePointer)? {
        guard strikethroughType != 0, let syntaxExtension = cmark_find_syntax_extension("strikethrough") else { return nil }
        return (strikethroughType, syntaxExtension)
    }

    private static let strikethroughType: UInt32 = {
        let probe = CmarkTree("~~x~~")
        return probe.root.firstChild?.firstChild.map { cmark_node_get_type($0.pointer).rawValue } ?? 0
    }()
}

extension MarkdownNode {
    package var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }
}
