// `{{…}}` in a page's Markdown: the problems of a body (code shows placeholders as written), the generated list and
// table, and the replacement in cmark-gfm's tree.

import Foundation
import HarigamiModel

extension ContentVariables {
    /// The problems with the placeholders of a page body: each line as `problems(inLine:)` reads it, except code,
    /// which shows `{{…}}` as written.
    static func problems(inBody body: String, path: String, firstLine: Int) -> [Diagnostic] {
        guard body.holdsByte(UInt8(ascii: "{")) else { return [] }
        var problems: [Diagnostic] = []
        // Code blocks open and close as the container stage (and cmark-gfm) reads them.
        var fence: (character: Character, count: Int)?
        for (offset, line) in Containers.lines(of: body).enumerated() {
            let trimmed = line.drop { $0 == " " }
            let indent = line.distance(from: line.startIndex, to: trimmed.startIndex)
            if let opened = fence {
                if Containers.closesCodeFence(trimmed, indent: indent, opened: opened) { fence = nil }
                continue
            }
            if let opening = Containers.opensCodeFence(trimmed, indent: indent) {
                fence = opening
                continue
            }
            guard line.holdsByte(UInt8(ascii: "{")) else { continue }
            problems += Self.problems(inLine: withoutCodeSpans(Array(line.utf8)), path: path, line: firstLine + offset)
        }
        return problems
    }

    /// `line` with each code span's bytes blanked out (same length, so columns stay right).
    static func withoutCodeSpans(_ line: [UInt8]) -> [UInt8] {
        let tick = UInt8(ascii: "`")
        guard line.contains(tick) else { return line }
        var result = line
        var index = 0
        while index < line.count {
            guard line[index] == tick else { index += 1; continue }
            let run = line[index...].prefix { $0 == tick }.count
            var search = index + run
            var closed: Int?
            while search < line.count {
                if line[search] == tick {
                    let closing = line[search...].prefix { $0 == tick }.count
                    if closing == run { closed = search; break }
                    search += closing
                } else {
                    search += 1
                }
            }
            guard let end = closed else { index += run; continue }
            for blank in index..<(end + run) { result[blank] = UInt8(ascii: " ") }
            index = end + run
        }
        return result
    }




    // MARK: - Generated blocks

    /// The UI strings the table's column headings are.
    static let tableHeadingKeys = ["category-table-type", "category-table-signs", "category-table-response"]
    /// Every UI string the variables show: the table's headings, the list's separator, the staff build's marker title.
    static let stringKeys = tableHeadingKeys + ["label-separator", "adapt-marker-title"]

    /// The HTML of `{{categories.list}}` or `{{categories.table}}`, every value escaped; `strings` are the UI strings
    /// of the page's language, which head the table's columns.
    func blockHTML(_ name: String, strings: [String: String]) -> String? {
        let escape = HTMLText.escape
        switch name {
        case "categories.list":
            let items = categories.map { row in
                "<li><a href=\"\(escape(row.href))\">\(escape(row.name))</a>" + (row.summary.isEmpty ? "" : "\(escape(strings["label-separator"] ?? ": "))\(escape(row.summary))") + "</li>\n"
            }
            return "<ul class=\"category-list\">\n" + items.joined() + "</ul>\n"
        case "categories.table":
            let headings = Self.tableHeadingKeys.map { strings[$0] ?? $0 }
            let head = "<thead>\n<tr>\n" + headings.map { "<th>\(escape($0))</th>\n" }.joined() + "</tr>\n</thead>\n"
            let rows = categories.map { row in
                "<tr>\n<td><a href=\"\(escape(row.href))\">\(escape(row.name))</a></td>\n<td>\(escape(row.signs))</td>\n<td>\(escape(row.response))</td>\n</tr>\n"
            }
            return "<table class=\"category-table\">\n" + head + "<tbody>\n" + rows.joined() + "</tbody>\n</table>\n"
        default:
            return nil
        }
    }
}

extension ContentVariables {
    /// Replaces every known `{{…}}` in the text of `tree` (never in code): inline variables by their values as text,
    /// markers by their proposed values (highlighted with `<mark>` when `highlight`), and a paragraph that is only a
    /// block variable by the list or table. Values become text nodes, which cmark-gfm escapes.
    func apply(to tree: CmarkTree, highlight: Bool, strings: [String: String]) {
        tree.consolidateText()
        for node in tree.nodes() where node.kind == .text && node.literalContains(UInt8(ascii: "{")) {
            let bytes = node.literalBytes
            let found = Placeholder.find(in: bytes)
            guard !found.isEmpty else { continue }
            if found.count == 1, case .variable(let name) = found[0].kind, let html = blockHTML(name, strings: strings),
               let paragraph = node.parent, paragraph.kind == .paragraph, paragraph.children == [node],
               String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces) == String(decoding: bytes[found[0].range], as: UTF8.self) {
                paragraph.insertBefore(tree.makeNode(.htmlBlock, literal: html))
                paragraph.remove()
                continue
            }
            var pending: [UInt8] = []
            var last = 0
            func flushText() {
                guard !pending.isEmpty else { return }
                node.insertBefore(tree.makeNode(.text, literal: String(decoding: pending, as: UTF8.self)))
                pending = []
            }
            for placeholder in found {
                pending += bytes[last..<placeholder.range.lowerBound]
                last = placeholder.range.upperBound
                switch placeholder.kind {
                case .adapt(let proposed) where !proposed.isEmpty:
                    guard highlight else { pending += proposed.utf8; continue }
                    flushText()
                    let label = HTMLText.escape(strings["adapt-marker-title"] ?? "adapt-marker-title")
                    node.insertBefore(tree.makeNode(.htmlInline, literal: "<mark class=\"adapt\" title=\"\(label)\">"))
                    node.insertBefore(tree.makeNode(.text, literal: proposed))
                    node.insertBefore(tree.makeNode(.htmlInline, literal: "</mark>"))
                case .variable(let name) where value(name) != nil:
                    let value = value(name) ?? ""
                    pending += (isSentenceStart(at: node, before: pending) ? Self.capitalisingFirst(value) : value).utf8
                default:
                    pending += bytes[placeholder.range]
                }
            }
            pending += bytes[last...]
            flushText()
            node.remove()
        }
    }

    /// Whether a value placed after `preceding`, the text of `node` before it, starts an English sentence: after
    /// `.`, `!` or `?`, or first in its paragraph, heading or table cell (line breaks and formatting passed over).
    private func isSentenceStart(at node: MarkdownNode, before preceding: [UInt8]) -> Bool {
        guard !isJapanese else { return false }
        // From the end: the text before the value is passed over only as far as its last word.
        if preceding.last(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) != nil { return isSentenceStart(before: preceding) }
        var current = node
        while true {
            if let previous = current.previous {
                switch previous.kind {
                case .softBreak, .lineBreak:
                    current = previous
                case .text:
                    let text = previous.literalBytes
                    if text.allSatisfy({ $0 == UInt8(ascii: " ") }) { current = previous; continue }
                    return isSentenceStart(before: text)
                default:
                    return false
                }
            } else if let parent = current.parent, [.emphasis, .strong, .link].contains(parent.kind) {
                current = parent
            } else {
                return true
            }
        }
    }
}

extension MarkdownSettings {
    /// How a page of the site is rendered for `audience`: its language, the site's HTML policy, its variables; with
    /// `readingProse`, the prose checks read it as it renders (the checks' renderings). The one place these are chosen,
    /// so the check, the build and the preview render every page alike.
    public static func page(_ document: Document, content: Content, audience: Audience, readingProse: Bool = false) -> MarkdownSettings {
        var settings = MarkdownSettings(language: document.language, allowHTML: content.site.allowHTML, audience: audience)
        if readingProse { settings.prose = content.site.prose }
        settings.variables = ContentVariables(content: content, document: document)
        // Only the strings the Markdown shows: a change to another (a navigation label) leaves the page's rendering as it was.
        // Looked up key by key: filtering the whole table against the list was a twentieth of a preview's rebuild.
        let table = content.interfaceStrings[document.language] ?? [:]
        settings.strings = Dictionary(MarkdownSettings.stringKeys.compactMap { key in table[key].map { (key, $0) } }) { first, _ in first }
        return settings
    }
}

/// `MarkdownSettings.page` for many pages of one content. A page's settings depend only on its language, its audience
/// and how deep its address is (its link to the examples page), so the pages that share these share one value, made
/// once: its variables and strings are then the same dictionaries, which compare at once. A set of them made afresh
/// for every page was a tenth of the preview's rebuild of a large site.
package struct PageSettings {
    private let content: Content
    /// The audience the pages are rendered for; nil: each page's own (the checks').
    private let audience: Audience?
    private let readingProse: Bool
    private var made: [Key: MarkdownSettings] = [:]

    private struct Key: Hashable {
        var language: String
        var audience: Audience
        var depth: Int
    }

    package init(content: Content, audience: Audience?, readingProse: Bool = false) {
        self.content = content
        self.audience = audience
        self.readingProse = readingProse
    }

    package mutating func callAsFunction(_ document: Document) -> MarkdownSettings {
        let audience = audience ?? document.audience
        let from = Routes.file(key: document.key, language: document.language) ?? "\(document.language)/index.html"
        let key = Key(language: document.language, audience: audience, depth: from.utf8.count { $0 == UInt8(ascii: "/") })
        if let settings = made[key] { return settings }
        let settings = MarkdownSettings.page(document, content: content, audience: audience, readingProse: readingProse)
        made[key] = settings
        return settings
    }
}
