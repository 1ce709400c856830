// The coverage table as the staff build's coverage page shows it.

import HarigamiModel

extension CoverageTable {
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
