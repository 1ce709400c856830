// `{{…}}` in content: values from site.yml and categories.yml, and adaptation markers (docs/content-variables.md).
// What they stand for and the problems of a line; the Markdown stage puts them into pages (ContentVariablesInMarkdown).

import Foundation

/// One `{{…}}` in a line of text, found by `Placeholder.find`.
package struct Placeholder: Equatable {
    package enum Kind: Equatable {
        /// `{{self}}`: a value from site.yml or categories.yml, by name.
        case variable(String)
        /// `{{adapt: 1年間}}`: a proposed value that the organisation must confirm.
        case adapt(String)
    }

    package var kind: Kind
    /// UTF-8 byte offsets of the whole `{{…}}` in the text searched.
    package var range: Range<Int>

    /// Every `{{…}}` closed on the same line of `bytes`, in order. Text in double braces that is neither a name
    /// nor a marker (`{{ two words }}`, `{{#nav}}`), or in three or more, is not a placeholder and stays text.
    /// One pass over the bytes.
    package static func find(in bytes: [UInt8]) -> [Placeholder] {
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
    /// The site's categories, the array every page shares (so that a page's variables cost no copy of it, and two
    /// pages' compare at once); their rows are made only for a page that shows a list or a table.
    private var categoryList: CategoryList
    /// The link from the page to the examples page, to which a category's id is added as the fragment.
    private var examplesHref: String

    /// The variables that stand alone in a paragraph and become a list or a table.
    static let blockNames: Set<String> = ["categories.list", "categories.table"]

    /// Every name, for messages.
    static let names = ["organisation", "self", "contact.department", "contact.phone", "contact.email", "contact.hours",
                        "site.title", "categories.count", "categories.list", "categories.table"]

    /// `examplesHref` is the link from the page being rendered to the examples page, where each category has its anchor.
    public init(site: Site, categories: [Category], language: String, examplesHref: String = "") {
        self.init(site: site, categories: CategoryList(categories), language: language, examplesHref: examplesHref)
    }

    public init(site: Site, categories: CategoryList, language: String, examplesHref: String = "") {
        self.language = language
        var values: [String: String] = [:]
        values["organisation"] = site.organisation[language]
        values["self"] = site.selfName[language]
        values["contact.department"] = site.contact.department[language]
        values["contact.phone"] = site.contact.phone
        values["contact.email"] = site.contact.email
        values["contact.hours"] = site.contact.hours[language]
        values["site.title"] = site.title[language]
        values["categories.count"] = Self.count(categories.categories.count, language: language)
        self.values = values
        categoryList = categories
        self.examplesHref = examplesHref
    }

    /// Holds `replacement` instead of `list` when it holds `list` itself: the preview puts the last build's equal list
    /// in its place, so that a page's variables compare with the last build's at once.
    package mutating func replaceCategoryList(_ list: CategoryList, with replacement: CategoryList) {
        if categoryList === list { categoryList = replacement }
    }

    /// The categories as the generated list and table show them, in the page's language.
    package var categories: [CategoryRow] {
        categoryList.categories.map { category in
            let text = category.texts[language]
            return CategoryRow(name: text?.name ?? category.id, summary: text?.summary ?? "", signs: text?.signs ?? "",
                               response: text?.response ?? "", href: examplesHref.isEmpty ? "" : examplesHref + "#" + category.id)
        }
    }

    /// A count as running text writes it: digits in Japanese, words up to twelve in English.
    static func count(_ number: Int, language: String) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return !language.hasPrefix("ja") && words.indices.contains(number) ? words[number] : String(number)
    }

    package var isJapanese: Bool { language.hasPrefix("ja") }

    /// The value `name` stands for inline, or nil when it is not an inline variable.
    package func value(_ name: String) -> String? { values[name] }

    /// `text` with every known `{{…}}` replaced by its plain value (markers by their proposed value): for front
    /// matter, which is text, never Markdown. Unknown names stay as written; `problems(in:)` reports them.
    package func expanding(_ text: String) -> String {
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
    package func isSentenceStart(before preceding: [UInt8]) -> Bool {
        guard !isJapanese else { return false }
        guard let last = preceding.last(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return true }
        return [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(last)
    }

    package static func capitalisingFirst(_ value: String) -> String {
        guard let first = value.first, first.isLowercase else { return value }
        return first.uppercased() + value.dropFirst()
    }

    /// The problems with the placeholders of one line of content: unknown names, block variables inside a line,
    /// empty markers, and each marker left, which an organisation must confirm. `column` is that of the line's first byte.
    package static func problems(inLine bytes: [UInt8], path: String, line: Int, column: Int = 1, inlineOnly: Bool = false) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var columns = LineColumns(bytes)
        // Only a block variable asks whether it stands alone; trimming every line with a placeholder was a per cent of a check.
        var trimmedLine: String {
            bytes.contains(UInt8(ascii: "}")) ? String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces) : ""
        }
        for placeholder in Placeholder.find(in: bytes) {
            let at = SourceLocation(path: path, line: line, column: column - 1 + columns.column(ofByte: placeholder.range.lowerBound))
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
}


extension ContentVariables {
    /// The variables of `document`'s page: its language's values, and the links from its address to each category
    /// on the examples page.
    public init(content: Content, document: Document) {
        let language = document.language
        let from = Routes.file(key: document.key, language: language) ?? "\(language)/index.html"
        let examples = Routes.relative(from: from, to: Routes.file(key: "examples", language: language) ?? "\(language)/index.html")
        self.init(site: content.site, categories: content.categoryList, language: language, examplesHref: examples)
    }
}

/// Values only the shipped sample has: an address under `.example`, a telephone number starting `000-`, the sample
/// organisation's name. An organisation that adopts the starter replaces each (`adapt.sample-value`).
package enum SampleValue {
    static let organisationNames = ["サンプル市", "Sample City"]

    /// Whether `text` holds anything a sample value starts with: a byte search, since every page is asked on every
    /// rendering and Foundation's `contains` folds characters (a tenth of a large check's time).
    private static let sampleNeedles = ([".example", "000-"] + organisationNames).map { Array($0.utf8) }

    static func mayHoldSampleValue(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            sampleNeedles.contains { needle in
                guard let first = needle.first, needle.count <= bytes.count else { return false }
                var index = 0
                let last = bytes.count - needle.count
                while index <= last {
                    if bytes[index] == first, needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) { return true }
                    index += 1
                }
                return false
            }
        }
    }

    /// The sample values in one line of text: their byte offsets and what they are.
    static func find(inLine bytes: [UInt8]) -> [(offset: Int, written: String, what: String)] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard mayHoldSampleValue(text) else { return [] }
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
    package static func problems(in text: String, path: String, firstLine: Int = 1) -> [Diagnostic] {
        // Every page is scanned on every rendering: one look at the whole text spares splitting it into lines.
        guard mayHoldSampleValue(text) else { return [] }
        var problems: [Diagnostic] = []
        for (index, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line)
            let found = find(inLine: bytes)
            guard !found.isEmpty else { continue }
            var columns = LineColumns(bytes)
            for value in found {
                let at = SourceLocation(path: path, line: firstLine + index, column: columns.column(ofByte: value.offset))
                problems.append(.warning(at, "'\(value.written)' is \(value.what), kept from the sample content: replace it with your organisation's own",
                                         rule: "adapt.sample-value"))
            }
        }
        return problems
    }
}
