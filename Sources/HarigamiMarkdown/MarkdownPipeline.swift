// The site's Markdown pipeline: containers, cmark-gfm, the site's HTML and link policy, then HTML.

import Foundation
import HarigamiModel

public struct MarkdownSettings: Sendable, Equatable {
    public var language: String
    public var allowHTML: Bool
    /// GFM tables, strikethrough, autolinks and tag filter; off only to compare with plain CommonMark.
    public var extensions: Bool
    public var audience: Audience
    /// Read the prose for the prose checks while rendering (the checks' renderings do).
    package var prose: ProseSettings?
    /// What `{{…}}` stands for on this page; without them (`harigami render`), `{{…}}` is shown as written.
    public var variables: ContentVariables?
    /// The UI strings of this language (`Templates/i18n/LANG.yml`): the call-outs' labels (`callout-note` …) and the
    /// categories table's headings (`category-table-type` …). The Markdown stage reads no templates itself.
    public var strings: [String: String] = [:]

    /// The keys of the UI strings the Markdown shows.
    public static let stringKeys = Callout.stringKeys + ContentVariables.stringKeys

    public init(language: String, allowHTML: Bool = false, extensions: Bool = true, audience: Audience = .public) {
        self.language = language
        self.allowHTML = allowHTML
        self.extensions = extensions
        self.audience = audience
    }
}


/// One block or inline fact about a body, for the checks.
public struct OutlineItem: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case heading(level: Int, text: String)
        case paragraph
        case blockQuote
        case list(ordered: Bool, items: Int)
        case table(rows: Int, columns: Int)
        case codeBlock
        case thematicBreak
        case htmlBlock
        case container(String)
        case containerEnd
    }

    public var kind: Kind
    public var location: SourceLocation

    public var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }
}

public struct MarkdownLink: Sendable, Hashable {
    public var url: String
    public var isImage: Bool
    /// The link text, or an image's alt text.
    public var text: String
    public var location: SourceLocation
    /// Written in a `::: staff` block.
    public var insideStaff = false
}

/// A page's Markdown as rendered, and what the checks read from it. Kept in one shared box, as `Document` is:
/// every rendering is passed around and looked up by each rule, and a copy of the box is one reference.
/// The pipeline fills in `Fields`; a rendering does not change once made.
public struct RenderedMarkdown: Sendable {
    struct Fields: Sendable {
        var html = ""
        var outline: [OutlineItem] = []
        var links: [MarkdownLink] = []
        var staffTexts: [Located<String>] = []
        var announcements: [Located<String>] = []
        var diagnostics: [Diagnostic] = []
        var prose: ProseFindings?
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private let box: Box

    init(_ fields: Fields) {
        box = Box(fields)
    }

    public init(html: String, outline: [OutlineItem], links: [MarkdownLink], staffTexts: [Located<String>], diagnostics: [Diagnostic],
                announcements: [Located<String>] = []) {
        self.init(Fields(html: html, outline: outline, links: links, staffTexts: staffTexts, announcements: announcements, diagnostics: diagnostics))
    }

    public var html: String { box.fields.html }
    /// Top-level blocks in order, container boundaries included.
    public var outline: [OutlineItem] { box.fields.outline }
    public var links: [MarkdownLink] { box.fields.links }
    /// Plain text of every `::: staff` block, whether or not it was rendered.
    public var staffTexts: [Located<String>] { box.fields.staffTexts }
    /// Each `::: announcement` block as plain text (`AnnouncementText`), where it opens, in page order.
    public var announcements: [Located<String>] { box.fields.announcements }
    public var diagnostics: [Diagnostic] { box.fields.diagnostics }
    /// What the prose checks found, when the settings asked for them.
    package var prose: ProseFindings? { box.fields.prose }
}

/// The prose checks' findings on one page, and the emphasis markers left as text (which are errors only if
/// they show on the rendered page).
package struct ProseFindings: Sendable {
    package var diagnostics: [Diagnostic]
    package var markers: [ProseText.Marker]

    package init(diagnostics: [Diagnostic], markers: [ProseText.Marker]) {
        self.diagnostics = diagnostics
        self.markers = markers
    }
}

/// Reads a page's prose block by block as the pipeline renders it (the checks' prose rules): each paragraph,
/// heading and table cell in reading order, once the Japanese passes have been through it.
package protocol ProseReader: AnyObject {
    func read(block: MarkdownNode, map: SourceMap, path: String, firstLine: Int)
    func finish() -> ProseFindings
}

public struct MarkdownPipeline: Sendable {
    public var settings: MarkdownSettings
    /// Makes the reader of a page's prose when `settings.prose` asks for it (the checks pass theirs).
    package var proseReader: (@Sendable (_ language: String, _ settings: ProseSettings) -> any ProseReader)?
    /// Resolves a link's address; `insideStaff` tells whether the link is written in a `::: staff` block.
    public var resolveLink: @Sendable (_ url: String, _ insideStaff: Bool) -> LinkResolution

    public init(settings: MarkdownSettings, resolveLink: @escaping @Sendable (String, Bool) -> LinkResolution = { _, _ in .keep }) {
        self.settings = settings
        self.resolveLink = resolveLink
    }

    /// Renders `body`, whose first line is line `bodyLine` of the file `path`.
    public func render(_ body: String, path: String = "-", bodyLine: Int = 1) -> RenderedMarkdown {
        var result = RenderedMarkdown.Fields()
        if settings.variables != nil {
            result.diagnostics += ContentVariables.problems(inBody: body, path: path, firstLine: bodyLine)
            result.diagnostics += SampleValue.problems(in: body, path: path, firstLine: bodyLine)
        }
        if settings.extensions {
            for problem in TableLimits.problems(in: body) {
                result.diagnostics.append(.error(SourceLocation(path: path, line: bodyLine + problem.line - 1, column: problem.column), problem.message, rule: "markdown.table-too-large"))
            }
        }
        let (parts, problems) = Containers.parse(body)
        for problem in problems {
            result.diagnostics.append(.error(SourceLocation(path: path, line: bodyLine + problem.line - 1, column: problem.column), problem.message, rule: problem.rule))
        }
        let prose = settings.prose.flatMap { prose in proseReader?(settings.language, prose) }
        result.html = render(parts, path: path, bodyLine: bodyLine, insideStaff: false, prose: prose, into: &result)
        // A fence line the container stage reported is not reported again by the paragraph it ends up in.
        let reported = Set(problems.filter { $0.rule == "markdown.container-ignored" }.map { bodyLine + $0.line - 1 })
        if !reported.isEmpty {
            result.diagnostics.removeAll { $0.message.contains(Self.fenceReadAsText) && reported.contains($0.location.line) }
        }
        result.prose = prose?.finish()
        if !settings.language.hasPrefix("ja") {
            result.html = ForeignScript.markJapanese(inHTML: result.html)
        }
        return RenderedMarkdown(result)
    }

    /// The HTML of `parts`. Containers are opened on a stack of their own, since they can nest as deep as the page
    /// is long, and all of them write into one buffer, so each byte of HTML is written once however deep it stands.
    private func render(_ parts: [BodyPart], path: String, bodyLine: Int, insideStaff: Bool, prose: (any ProseReader)?,
                        into result: inout RenderedMarkdown.Fields) -> String {
        struct Level {
            var parts: [BodyPart]
            var next = 0
            var insideStaff: Bool
            /// The container these parts are in, where it starts, and where its HTML starts in the buffer; nil
            /// for the body itself.
            var container: (callout: Callout, location: SourceLocation, innerStart: Int)?
        }
        var html: [UInt8] = []
        var levels = [Level(parts: parts, insideStaff: insideStaff, container: nil)]
        while let top = levels.indices.last {
            guard levels[top].next < levels[top].parts.count else {
                guard let (callout, location, innerStart) = levels.removeLast().container else { continue }
                result.outline.append(OutlineItem(kind: .containerEnd, location: location))
                if callout.kind == "announcement" {
                    // From after the label, which is the page's, not the phone system's.
                    result.announcements.append(Located(AnnouncementText.plain(ofHTML: String(decoding: html[innerStart...], as: UTF8.self)), at: location))
                }
                if callout.kind == "staff" {
                    result.staffTexts.append(Located(Self.visibleText(ofHTML: String(decoding: html[innerStart...], as: UTF8.self)), at: location))
                    guard settings.audience == .staff else {
                        html.removeSubrange(innerStart...)
                        continue
                    }
                }
                html += callout.closing.utf8
                continue
            }
            let part = levels[top].parts[levels[top].next]
            levels[top].next += 1
            switch part {
            case .markdown(let text, let line):
                html += renderMarkdown(text, path: path, firstLine: bodyLine + line - 1, insideStaff: levels[top].insideStaff,
                                       prose: prose, into: &result).utf8
            case .container(let kind, let line, let column, let inner):
                let location = SourceLocation(path: path, line: bodyLine + line - 1, column: column)
                result.outline.append(OutlineItem(kind: .container(kind), location: location))
                let callout = Callout(kind: kind, label: settings.strings["callout-\(kind)"] ?? kind)
                // A staff block that this audience does not see is rendered only for its text, then taken out.
                if kind != "staff" || settings.audience == .staff { html += callout.opening.utf8 }
                levels.append(Level(parts: inner, insideStaff: kind == "staff" || levels[top].insideStaff,
                                    container: (callout, location, html.count)))
            }
        }
        return String(decoding: html, as: UTF8.self)
    }

    private func renderMarkdown(_ text: String, path: String, firstLine: Int, insideStaff: Bool, prose: (any ProseReader)?,
                                into result: inout RenderedMarkdown.Fields) -> String {
        var options = CmarkTree.Options()
        options.extensions = settings.extensions
        let tree = CmarkTree(text, options: options)
        let source = SourceLines(text)
        func at(_ node: MarkdownNode) -> SourceLocation {
            SourceLocation(path: path, line: firstLine + max(node.startLine, 1) - 1, column: source.column(of: node))
        }
        // Until the Japanese passes below change the tree, nodes can be located with what earlier ones found out.
        let linkTexts = tree.linkTexts()
        var blocks: [MarkdownNode: MarkdownNode] = [:]
        var scan = InlineBlockScan()
        for node in tree.nodes() {
            func at(_ node: MarkdownNode) -> SourceLocation {
                SourceLocation(path: path, line: firstLine + max(node.startLine, 1) - 1, column: source.column(of: node, blocks: &blocks))
            }
            let kind = node.kind
            scan.note(node, kind: kind)
            switch kind {
            case .htmlBlock, .htmlInline:
                if !settings.allowHTML {
                    // Raw HTML is the site owner's decision (allow-html in site.yml), never an author's.
                    result.diagnostics.append(.warning(at(node), "raw HTML is left out because site.yml has allow-html: false; write it in Markdown instead", rule: "markdown.raw-html"))
                    node.remove()
                }
            case .link, .image:
                let url = node.url ?? ""
                let isImage = node.kind == .image
                result.links.append(MarkdownLink(url: url, isImage: isImage, text: linkTexts[node] ?? "", location: at(node), insideStaff: insideStaff))
                if !settings.allowHTML, Self.isDangerous(url) {
                    result.diagnostics.append(.error(at(node), "the link address '\(url)' is not allowed (scripts and local files cannot be linked)", rule: "markdown.unsafe-link"))
                    node.url = ""
                    continue
                }
                switch resolveLink(url, insideStaff) {
                case .keep: break
                case .rewrite(let target): node.url = target
                case .unresolved(let message):
                    result.diagnostics.append(.error(at(node), message, rule: "link.unresolved"))
                }
            case .paragraph:
                // A fence line the container stage did not read as one (see Containers.parse) is shown as text,
                // with the staff-only text after it: never silently.
                for number in max(node.startLine, 1)...max(node.endLine, node.startLine, 1) where FenceLine.holdsColon(source.line(number)) {
                    guard let fence = FenceLine(Substring(String(decoding: source.line(number), as: UTF8.self))) else { continue }
                    result.diagnostics.append(.error(SourceLocation(path: path, line: firstLine + number - 1, column: fence.column),
                                                     "this '\(fence.written)' line \(Self.fenceReadAsText), so it is shown with what follows it (staff-only text included): put a blank line before it, start it at the left margin outside lists and quotes, and close any code block before it",
                                                     rule: "markdown.container-ignored"))
                }
            default:
                break
            }
        }
        // Japanese: emphasis next to 「」 and 。, ruby, and no space where a line breaks between Japanese characters;
        // then the prose checks read the block. One block at a time, each pass only where it has something to do.
        var sourceMap = SourceMap(source: source)
        for block in scan.blocks {
            let emphasis = block.delimiters && CJKEmphasis.holdsCJK(block.node)
            // Only the emphasis pass, ruby and the prose checks read where the text was written.
            if emphasis || block.brace || prose != nil { sourceMap.map(block: block.node) }
            if emphasis { CJKEmphasis.apply(to: block.node, tree: tree, map: &sourceMap, strikethrough: settings.extensions) }
            if block.brace {
                for problem in Ruby.apply(in: block.node, tree: tree, map: &sourceMap) {
                    let location = SourceLocation(path: path, line: firstLine + problem.line - 1, column: problem.column)
                    result.diagnostics.append(.warning(location, problem.message, rule: "markdown.ruby"))
                }
            }
            prose?.read(block: block.node, map: sourceMap, path: path, firstLine: firstLine)
            if block.softBreak { CJKLineBreaks.apply(in: block.node) }
        }
        // Most runs hold no `{{`: their tree is left as cmark-gfm made it.
        if let variables = settings.variables, Self.holdsDoubleBrace(text) {
            variables.apply(to: tree, highlight: settings.audience == .staff, strings: settings.strings)
        }
        for node in tree.root.children {
            let location = at(node)
            switch node.kind {
            case .heading: result.outline.append(OutlineItem(kind: .heading(level: node.headingLevel, text: Self.trimmingSpaces(node.plainText)), location: location))
            case .paragraph: result.outline.append(OutlineItem(kind: .paragraph, location: location))
            case .blockQuote: result.outline.append(OutlineItem(kind: .blockQuote, location: location))
            case .list: result.outline.append(OutlineItem(kind: .list(ordered: node.isOrderedList, items: node.children.count), location: location))
            case .table:
                let rows = node.children.count
                let columns = node.firstChild?.children.count ?? 0
                result.outline.append(OutlineItem(kind: .table(rows: rows, columns: columns), location: location))
            case .codeBlock: result.outline.append(OutlineItem(kind: .codeBlock, location: location))
            case .thematicBreak: result.outline.append(OutlineItem(kind: .thematicBreak, location: location))
            case .htmlBlock: result.outline.append(OutlineItem(kind: .htmlBlock, location: location))
            default: break
            }
        }
        return tree.html()
    }

    /// Whether `text` holds `{{`, read byte by byte: Foundation's `contains` compares characters, and cost more
    /// than the pass it spares.
    static func holdsDoubleBrace(_ text: String) -> Bool {
        let brace = UInt8(ascii: "{")
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == brace, previous == brace { return true }
            previous = byte
        }
        return false
    }

    static let fenceReadAsText = "is read as text of the paragraph around it, not as a fence"

    static func trimmingSpaces(_ text: String) -> String { LinkResolver.trimmingSpaces(text) }

    /// The schemes cmark-gfm itself refuses in safe mode.
    static func isDangerous(_ url: String) -> Bool {
        let lowered = trimmingSpaces(url).lowercased()
        if lowered.hasPrefix("data:") {
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lowered.hasPrefix($0) }
        }
        return ["javascript:", "vbscript:", "file:"].contains { lowered.hasPrefix($0) }
    }

    /// The text a reader sees in an HTML fragment: tags removed, ruby readings (`<rt>`, `<rp>`) left out, entities
    /// for <, >, & and quotes decoded. One pass over the bytes.
    package static func visibleText(ofHTML html: String) -> String {
        let source = Array(html.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(source.count)
        var inTag = false
        var index = 0
        while index < source.count {
            let byte = source[index]
            index += 1
            if byte == UInt8(ascii: "<"), let ruby = Self.rubyTags.first(where: { source[(index - 1)...].starts(with: $0.open) }) {
                // The reading is skipped with its tags: the text reads as the base characters alone.
                var end = index
                while end < source.count, !source[end...].starts(with: ruby.close) { end += 1 }
                index = min(end + ruby.close.count, source.count)
                continue
            }
            if byte == UInt8(ascii: "<") { inTag = true; continue }
            if byte == UInt8(ascii: ">") { inTag = false; text.append(UInt8(ascii: " ")); continue }
            if inTag { continue }
            if byte == UInt8(ascii: "&"), let entity = Self.entities.first(where: { source[(index - 1)...].starts(with: $0.name) }) {
                text.append(entity.character)
                index += entity.name.count - 1
                continue
            }
            text.append(byte)
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let rubyTags = [("<rt>", "</rt>"), ("<rp>", "</rp>")].map { (open: Array($0.0.utf8), close: Array($0.1.utf8)) }

    /// The entities cmark-gfm writes for text, and what a reader sees.
    private static let entities: [(name: [UInt8], character: UInt8)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ].map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }
}

/// A `::: note` / `::: warning` / `::: staff` block as an accessible call-out.
/// Its label is the UI string `callout-KIND` of the page's language.
struct Callout {
    var kind: String
    var label: String

    /// The UI strings the labels are, one per kind of container.
    static let stringKeys = Containers.kinds.map { "callout-\($0)" }

    /// What comes before the call-out's HTML, and after it.
    var opening: String {
        "<div class=\"callout callout-\(kind)\" role=\"note\">\n<p class=\"callout-label\">\(HTMLText.escape(label))</p>\n"
    }

    var closing: String { "</div>\n" }
}
