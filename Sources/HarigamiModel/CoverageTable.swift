// The category × language coverage table as the checks find it, and as aligned text for `check` (the staff build's
// HTML is the renderer's: CoverageTableHTML).

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

        package init(examples: Int, wording: Bool, name: Bool, summary: Bool, posterLabel: Bool) {
            self.examples = examples
            self.wording = wording
            self.name = name
            self.summary = summary
            self.posterLabel = posterLabel
        }
    }

    public struct Row: Sendable, Hashable {
        public var category: String
        /// The category's name per language, empty where it has none.
        public var names: [String: String]
        public var cells: [String: Cell]

        package init(category: String, names: [String: String], cells: [String: Cell]) {
            self.category = category
            self.names = names
            self.cells = cells
        }
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

    package init(languages: [String], rows: [Row]) {
        self.languages = languages
        self.rows = rows
    }
}
