// The category × language coverage table: as aligned text for `check`, as HTML for the staff build.

import Foundation

public struct CoverageTable: Sendable, Hashable {
    /// What one category has in one language.
    public struct Cell: Sendable, Hashable {
        public var examples: Int
        /// At least one of the examples quotes what staff say in its sample-wording section.
        public var wording: Bool
        public var name: Bool
        public var summary: Bool
        public var posterLabel: Bool

        public var isComplete: Bool { examples > 0 && wording && name && summary && posterLabel }
    }

    public struct Row: Sendable, Hashable {
        public var category: String
        /// The category's name per language, empty where it has none.
        public var names: [String: String]
        public var cells: [String: Cell]
    }

    public var languages: [String]
    public var rows: [Row]

    public static let missingMarker = "MISSING"

    /// How many cells lack something.
    public var incompleteCells: Int {
        rows.reduce(0) { count, row in count + languages.filter { !(row.cells[$0]?.isComplete ?? false) }.count }
    }

    // MARK: - Text

    /// One line per category and language, columns aligned, every gap written as MISSING.
    public func text() -> String {
        var lines: [[String]] = [["category", "language", "examples", "sample wording", "name", "summary", "poster label"]]
        for row in rows {
            for language in languages {
                let cell = row.cells[language]
                let examples = cell?.examples ?? 0
                lines.append([row.category, language, examples > 0 ? String(examples) : "0 \(Self.missingMarker)",
                              mark(cell?.wording), mark(cell?.name), mark(cell?.summary), mark(cell?.posterLabel)])
            }
        }
        let widths = lines[0].indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { cells in
            cells.enumerated().map { column, text in
                column == cells.count - 1 ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    private func mark(_ present: Bool?) -> String { present == true ? "ok" : Self.missingMarker }

    // MARK: - HTML

    /// The UI strings (`coverage-…`) of the column headings and the cell words.
    public static let stringKeys = ["category", "language", "examples", "wording", "name", "summary", "poster-label",
                                    "present", "missing", "count"].map { "coverage-\($0)" }

    /// A table for the staff build's coverage page in `language` (whose heading titles it); `strings` are the
    /// UI strings per language. A missing cell has the class `missing` and a word saying so, never colour alone.
    public func html(language: String, strings: [String: [String: String]]) -> String {
        func word(_ key: String) -> String { HTMLText.escape(strings[language]?["coverage-\(key)"] ?? "coverage-\(key)") }
        func cell(_ present: Bool) -> String {
            present ? "<td>\(word("present"))</td>" : "<td class=\"missing\">\(word("missing"))</td>"
        }
        var html = "<table class=\"coverage-table\">\n"
        html += "<thead>\n<tr>"
        for key in ["category", "language", "examples", "wording", "name", "summary", "poster-label"] {
            html += "<th scope=\"col\">\(word(key))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in rows {
            let name = row.names[language].flatMap { $0.isBlank ? nil : $0 } ?? row.category
            for other in languages {
                let entry = row.cells[other] ?? Cell(examples: 0, wording: false, name: false, summary: false, posterLabel: false)
                html += "<tr><th scope=\"row\">\(HTMLText.escape(name)) <span class=\"coverage-id\">(\(HTMLText.escape(row.category)))</span></th>"
                html += "<td lang=\"\(HTMLText.escape(other))\">\(HTMLText.escape(strings[other]?["language-name"] ?? other))</td>"
                html += entry.examples > 0
                    ? "<td>\(entry.examples)\(word("count"))</td>"
                    : "<td class=\"missing\">0 \(word("missing"))</td>"
                html += cell(entry.wording) + cell(entry.name) + cell(entry.summary) + cell(entry.posterLabel)
                html += "</tr>\n"
            }
        }
        return html + "</tbody>\n</table>\n"
    }
}
