// How large a GFM table may be before cmark-gfm is given it.
//
// The table extension of cmark-gfm 0.29.0.gfm.6 appends each cell of a row to the end of a list it walks from the
// start, so a row costs the square of its cells (100,000 cells: minutes), and it fills every row up to the
// header's width, so a wide header over many short lines is millions of cells (gigabytes). Newer versions cap a
// row at 65,535 cells and the filled-in cells at 524,288. These limits are lower, since the row's cost here is
// still quadratic, and they count every cell of a table, since a million one-letter cells cost cmark-gfm seconds
// and half a gigabyte; they are far above any table a policy page holds. Text over a limit is parsed without the
// table extension (its lines stay paragraphs), and the pipeline reports it.


enum TableLimits {
    static let cellsPerRow = 1_000
    /// The cells cmark-gfm makes for a table: each row as wide as the header, or wider when more cells are written
    /// (those it reads, then drops). 50,000 rows of five cells are within it.
    static let cellsPerTable = 250_000

    struct Problem: Equatable {
        /// 1-based line of the text, and column counted in characters.
        var line: Int
        var column: Int
        var message: String
    }

    /// The tables of `text` that are over a limit: at most one problem per table, at its first row with too many
    /// cells, or at its header when it has too many cells in all.
    ///
    /// The table is found as cmark-gfm finds it, leniently: a delimiter row (`|---|:--:|`, with `>` markers and
    /// indentation before it) under a line with as many cells opens a table, which runs to the next blank line.
    /// Lines in code blocks are read the same way, which can only report a table that is not one, and only one far
    /// beyond any real table. Lines end at LF, CR LF or CR, as cmark-gfm ends them.
    static func problems(in text: String) -> [Problem] {
        // A table needs a pipe in its header or delimiter row; most pages have none, and reading their every line
        // as a row was a few per cent of a build.
        guard text.holdsByte(UInt8(ascii: "|")) else { return [] }
        let bytes = Array(text.utf8)
        var problems: [Problem] = []
        var offset = 0
        var number = 0
        /// The next line, numbered from 1.
        func nextLine() -> (number: Int, row: Row)? {
            guard offset < bytes.count else { return nil }
            let start = offset
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n"), bytes[offset] != UInt8(ascii: "\r") { offset += 1 }
            let end = offset
            if offset < bytes.count {
                offset += bytes[offset] == UInt8(ascii: "\r") && offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\n") ? 2 : 1
            }
            number += 1
            return (number, Row(bytes, start..<end))
        }
        func tooWide(_ line: (number: Int, row: Row)) -> Problem {
            Problem(line: line.number, column: line.row.column,
                    message: "this table row has \(line.row.cells.grouped) cells; a table row may have at most \(cellsPerRow.grouped): split the table into narrower ones, or check for a line of '|' characters that is not meant as a table")
        }
        // The line above the one being read, when it is not blank: a delimiter row makes it a table's header.
        var above: (number: Int, row: Row)?
        while let line = nextLine() {
            guard let header = above, line.row.isDelimiterRow, header.row.hasPipe || line.row.hasPipe else {
                above = line.row.isBlank ? nil : line
                continue
            }
            // cmark-gfm reads both lines as rows before it compares their widths; when they differ, the delimiter
            // row may still be the header of a table under it.
            guard header.row.cells == line.row.cells else {
                if let wide = [header, line].first(where: { $0.row.cells > cellsPerRow }) { problems.append(tooWide(wide)) }
                above = line
                continue
            }
            let columns = header.row.cells
            var firstWide = [header, line].first { $0.row.cells > cellsPerRow }
            var cells = 2 * columns
            while let row = nextLine() {
                if row.row.isBlank { break }
                if firstWide == nil, row.row.cells > cellsPerRow { firstWide = row }
                cells += max(columns, row.row.cells)
            }
            if let firstWide {
                problems.append(tooWide(firstWide))
            } else if cells > cellsPerTable {
                problems.append(Problem(line: header.number, column: header.row.column,
                                        message: "this table has \(cells.grouped) cells in all (each row counted as wide as this header row, or wider if more cells are written); a table may have at most \(cellsPerTable.grouped): split it into smaller tables, or put a blank line where the table should end"))
            }
            above = nil
        }
        return problems
    }

    /// One line read as a table row: its cells counted as cmark-gfm counts them.
    struct Row {
        var cells = 0
        var hasPipe = false
        var isBlank = true
        var isDelimiterRow = false
        /// The column of the row's first character after markers and indentation.
        var column = 1

        init(_ bytes: [UInt8], _ range: Range<Int>) {
            let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), pipe = UInt8(ascii: "|")
            var first = range.lowerBound
            while first < range.upperBound, [space, tab, UInt8(ascii: ">")].contains(bytes[first]) { first += 1 }
            var last = range.upperBound
            while last > first, bytes[last - 1] == space || bytes[last - 1] == tab { last -= 1 }
            guard first < last else { return }
            isBlank = false
            column = 1 + bytes[range.lowerBound..<first].count { $0 & 0xC0 != 0x80 }
            var pipes = 0
            var backslashes = 0
            var endsWithPipe = false
            // A delimiter row holds only cells of `:?-+:?` between pipes, spaces around them.
            var delimiterCells = true
            var markedCells = 0
            var cell: [UInt8] = []
            func endCell() {
                let trimmed = cell.drop { $0 == space || $0 == tab }.reversed().drop { $0 == space || $0 == tab }.reversed()
                var marks = trimmed[...]
                if marks.first == UInt8(ascii: ":") { marks = marks.dropFirst() }
                if marks.last == UInt8(ascii: ":") { marks = marks.dropLast() }
                if marks.isEmpty || !marks.allSatisfy({ $0 == UInt8(ascii: "-") }) { delimiterCells = false } else { markedCells += 1 }
                cell.removeAll(keepingCapacity: true)
            }
            for offset in first..<last {
                let byte = bytes[offset]
                if byte == pipe && backslashes % 2 == 0 {
                    pipes += 1
                    endsWithPipe = offset == last - 1
                    if offset > first && delimiterCells { endCell() }
                } else if delimiterCells {
                    // Only a possible delimiter row needs its cells' text; long rows of words stop collecting.
                    cell.append(byte)
                }
                backslashes = byte == UInt8(ascii: "\\") ? backslashes + 1 : 0
            }
            if delimiterCells && !endsWithPipe { endCell() }
            hasPipe = pipes > 0
            cells = pipes + 1 - (bytes[first] == pipe ? 1 : 0) - (endsWithPipe && last - first > 1 ? 1 : 0)
            isDelimiterRow = delimiterCells && markedCells > 0
        }
    }
}
