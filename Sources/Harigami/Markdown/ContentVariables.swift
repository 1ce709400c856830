// `{{…}}` in content: values from site.yml and categories.yml, and adaptation markers (docs/content-variables.md).

import Foundation

/// One `{{…}}` in a line of text, found by `Placeholder.find`.
struct Placeholder: Equatable {
    enum Kind: Equatable {
        /// `{{self}}`: a value from site.yml or categories.yml, by name.
        case variable(String)
        /// `{{adapt: 1年間}}`: a proposed value that the organisation must confirm.
        case adapt(String)
    }

    var kind: Kind
    /// UTF-8 byte offsets of the whole `{{…}}` in the text searched.
    var range: Range<Int>

    /// Every `{{…}}` closed on the same line of `bytes`, in order. Text in double braces that is neither a name
    /// nor a marker (`{{ two words }}`, `{{#nav}}`), or in three or more, is not a placeholder and stays text.
    /// One pass over the bytes.
    static func find(in bytes: [UInt8]) -> [Placeholder] {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), newline = UInt8(ascii: "\n")
        var found: [Placeholder] = []
        var start: Int?
        var index = 0
        while index + 1 < bytes.count {
            let byte = bytes[index]
            if byte == newline {
                start = nil
            } else if byte == open, bytes[index + 1] == open {
                // Exactly two: `{{{body}}}` (Mustache's unescaped value) is text, not a placeholder.
                let run = bytes[index...].prefix { $0 == open }.count
                start = run == 2 ? index : nil
                index += run
                continue
            } else if byte == close, bytes[index + 1] == close {
                let run = bytes[index...].prefix { $0 == close }.count
                if run == 2, let opened = start {
                    let inner = String(decoding: bytes[(opened + 2)..<index], as: UTF8.self)
                    if let kind = kind(of: inner) { found.append(Placeholder(kind: kind, range: opened..<(index + 2))) }
                }
                start = nil
                index += run
                continue
            }
            index += 1
        }
        return found
    }

    private static func kind(of inner: String) -> Kind? {
        let trimmed = inner.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("adapt:") {
            return .adapt(String(trimmed.dropFirst("adapt:".count)).trimmingCharacters(in: .whitespaces))
        }
        let isName = !trimmed.isEmpty && trimmed.unicodeScalars.first.map(CharacterSet.letters.contains) == true
            && trimmed.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" || $0 == "_") }
        return isName ? .variable(trimmed) : nil
    }
}

/// One category as the generated list and table show it.
public struct CategoryRow: Sendable, Hashable {
    public var name: String
    public var summary: String
    public var signs: String
    public var response: String
    /// Where its response examples are, relative to the page the block is on.
    public var href: String
}

/// What `{{…}}` stands for on one page: the values of its language, and the categories for the generated blocks.
public struct ContentVariables: Sendable, Hashable {
    public var language: String
    /// Inline variables by name.
    var values: [String: String]
    var categories: [CategoryRow]

    /// The variables that stand alone in a paragraph and become a list or a table.
    static let blockNames: Set<String> = ["categories.list", "categories.table"]

    /// Every name, for messages.
    static let names = ["organisation", "self", "contact.department", "contact.phone", "contact.email", "contact.hours",
                        "site.title", "categories.count", "categories.list", "categories.table"]

    /// `categoryHref` gives, for a category id, the link to its response examples from the page being rendered.
    public init(site: Site, categories: [Category], language: String, categoryHref: (String) -> String = { _ in "" }) {
        self.language = language
        var values: [String: String] = [:]
        values["organisation"] = site.organisation[language]
        values["self"] = site.selfName[language]
        values["contact.department"] = site.contact.department[language]
        values["contact.phone"] = site.contact.phone
        values["contact.email"] = site.contact.email
        values["contact.hours"] = site.contact.hours[language]
        values["site.title"] = site.title[language]
        values["categories.count"] = Self.count(categories.count, language: language)
        self.values = values
        self.categories = categories.map { category in
            let text = category.texts[language]
            return CategoryRow(name: text?.name ?? category.id, summary: text?.summary ?? "", signs: text?.signs ?? "",
                               response: text?.response ?? "", href: categoryHref(category.id))
        }
    }

    /// A count as running text writes it: digits in Japanese, words up to twelve in English.
    static func count(_ number: Int, language: String) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return !language.hasPrefix("ja") && words.indices.contains(number) ? words[number] : String(number)
    }

    var isJapanese: Bool { language.hasPrefix("ja") }

    /// The value `name` stands for inline, or nil when it is not an inline variable.
    func value(_ name: String) -> String? { values[name] }

    /// `text` with every known `{{…}}` replaced by its plain value (markers by their proposed value): for front
    /// matter, which is text, never Markdown. Unknown names stay as written; `problems(in:)` reports them.
    func expanding(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let found = Placeholder.find(in: bytes)
        guard !found.isEmpty else { return text }
        var result: [UInt8] = []
        var last = 0
        for placeholder in found {
            result += bytes[last..<placeholder.range.lowerBound]
            var replacement = String(decoding: bytes[placeholder.range], as: UTF8.self)
            switch placeholder.kind {
            case .adapt(let proposed): replacement = proposed
            case .variable(let name):
                if let value = value(name) {
                    replacement = isSentenceStart(before: result) ? Self.capitalisingFirst(value) : value
                }
            }
            result += replacement.utf8
            last = placeholder.range.upperBound
        }
        result += bytes[last...]
        return String(decoding: result, as: UTF8.self)
    }

    /// In English, whether text ending with `preceding` (within one line or block) ends a sentence, so what follows starts one.
    func isSentenceStart(before preceding: [UInt8]) -> Bool {
        guard !isJapanese else { return false }
        guard let last = preceding.last(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return true }
        return [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(last)
    }

    static func capitalisingFirst(_ value: String) -> String {
        guard let first = value.first, first.isLowercase else { return value }
        return first.uppercased() + value.dropFirst()
    }

    /// The problems with the placeholders of one line of content: unknown names, block variables inside a line,
    /// empty markers, and each marker left, which an organisation must confirm. `column` is that of the line's first byte.
    static func problems(inLine bytes: [UInt8], path: String, line: Int, column: Int = 1, inlineOnly: Bool = false) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var columns = ColumnCounter(source: SourceLines(String(decoding: bytes, as: UTF8.self)))
        let trimmedLine = bytes.contains(UInt8(ascii: "}")) ? String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces) : ""
        for placeholder in Placeholder.find(in: bytes) {
            let at = SourceLocation(path: path, line: line, column: column - 1 + columns.column(ofByte: placeholder.range.lowerBound, line: 1))
            let written = String(decoding: bytes[placeholder.range], as: UTF8.self)
            switch placeholder.kind {
            case .adapt(let proposed) where proposed.isEmpty:
                problems.append(.error(at, "the marker \(written) proposes no value: write the value after 'adapt:', such as {{adapt: 1年間}}, or replace the marker with your organisation's text",
                                       rule: "content.empty-marker"))
            case .adapt(let proposed):
                problems.append(.warning(at, "\(written) proposes '\(proposed)', which your organisation must confirm: replace the whole marker with your own value, in every language",
                                         rule: "adapt.marker"))
            case .variable(let name) where blockNames.contains(name):
                let alone = trimmedLine == written
                if inlineOnly || !alone {
                    problems.append(.error(at, "\(written) makes a list or a table, so it must stand alone on a line, with a blank line before and after it",
                                           rule: "content.block-variable"))
                }
            case .variable(let name) where !names.contains(name):
                let near = names.first { $0.lowercased() == name.lowercased() || $0.hasSuffix("." + name) }
                problems.append(.error(at, "there is no variable '\(name)'" + (near.map { " (did you mean {{\($0)}}?)" } ?? "")
                                       + "; the variables are " + names.map { "{{\($0)}}" }.joined(separator: ", ") + " (see docs/content-variables.md)",
                                       rule: "content.unknown-variable"))
            case .variable:
                break
            }
        }
        return problems
    }

    /// The problems with the placeholders of a page body: each line as `problems(inLine:)` reads it, except code,
    /// which shows `{{…}}` as written.
    static func problems(inBody body: String, path: String, firstLine: Int) -> [Diagnostic] {
        guard body.utf8.contains(UInt8(ascii: "{")) else { return [] }
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
            guard line.utf8.contains(UInt8(ascii: "{")) else { continue }
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

extension ContentVariables {
    /// The variables of `document`'s page: its language's values, and the links from its address to each category
    /// on the examples page.
    public init(content: Content, document: Document) {
        let language = document.language
        let from = Routes.file(key: document.key, language: language) ?? "\(language)/index.html"
        let examples = Routes.relative(from: from, to: Routes.file(key: "examples", language: language) ?? "\(language)/index.html")
        self.init(site: content.site, categories: content.categories, language: language) { examples + "#" + $0 }
    }
}

/// Values only the shipped sample has: an address under `.example`, a telephone number starting `000-`, the sample
/// organisation's name. An organisation that adopts the starter replaces each (`adapt.sample-value`).
enum SampleValue {
    static let organisationNames = ["サンプル市", "Sample City"]

    /// The sample values in one line of text: their byte offsets and what they are.
    static func find(inLine bytes: [UInt8]) -> [(offset: Int, written: String, what: String)] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains(".example") || text.contains("000-") || organisationNames.contains(where: text.contains) else { return [] }
        var found: [(Int, String, String)] = []
        // Constant time on a native string (the index is its byte offset), so many matches cost no walk each.
        func offset(_ index: String.Index) -> Int { text.utf8.distance(from: text.startIndex, to: index) }
        for match in text.matches(of: #/[A-Za-z0-9][A-Za-z0-9.\-]*\.example(?![A-Za-z0-9\-]|\.[A-Za-z0-9])/#) {
            found.append((offset(match.range.lowerBound), String(match.output), "an address under .example, which exists nowhere"))
        }
        for match in text.matches(of: #/([^0-9\-]|^)(000-[0-9]+(-[0-9]+)?)/#) {
            found.append((offset(match.output.2.startIndex), String(match.output.2), "the sample telephone number"))
        }
        for name in organisationNames {
            for range in text.ranges(of: name) { found.append((offset(range.lowerBound), name, "the sample organisation's name")) }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// The warnings for the sample values in `text`, a whole file or body whose first line is `firstLine`.
    static func problems(in text: String, path: String, firstLine: Int = 1) -> [Diagnostic] {
        // Every page is scanned on every rendering: one look at the whole text spares splitting it into lines.
        guard text.contains(".example") || text.contains("000-") || organisationNames.contains(where: text.contains) else { return [] }
        var problems: [Diagnostic] = []
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            let found = find(inLine: bytes)
            guard !found.isEmpty else { continue }
            var columns = ColumnCounter(source: SourceLines(String(decoding: bytes, as: UTF8.self)))
            for value in found {
                let at = SourceLocation(path: path, line: firstLine + index, column: columns.column(ofByte: value.offset, line: 1))
                problems.append(.warning(at, "'\(value.written)' is \(value.what), kept from the sample content: replace it with your organisation's own",
                                         rule: "adapt.sample-value"))
            }
        }
        return problems
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
        settings.strings = (content.interfaceStrings[document.language] ?? [:]).filter { MarkdownSettings.stringKeys.contains($0.key) }
        return settings
    }
}
