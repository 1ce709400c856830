// How large a GFM table may be before cmark-gfm is given it.
//
// The table extension of cmark-gfm 0.29.0.gfm.6 appends each cell of a row to the end of a list it walks from the
// start, so a row costs the square of its cells (100,000 cells: minutes), and it fills every row up to the
// header's width, so a wide header over many short lines is millions of cells (gigabytes). Newer versions cap a
// row at 65,535 cells and the filled-in cells at 524,288; these limits are lower, since the row's cost here is
// still quadratic, and far above any table a policy page holds. Text over a limit is parsed without the table
// extension (its lines stay paragraphs), and the pipeline reports it.

enum TableLimits {
    static let cellsPerRow = 1_000
    /// Empty cells made for rows shorter than the header: the rest of a table's cells are written in the text,
    /// which is itself limited (`MarkdownFile.byteLimit`).
    static let filledCellsPerTable = 200_000

    struct Problem: Equatable {
        /// 1-based line of the text, and column counted in characters.
        var line: Int
        var column: Int
        var message: String
    }

    /// The tables of `text` that are over a limit: at most one problem per table, at its first row with too many
    /// cells, or at its header when its rows lack too many.
    ///
    /// The table is found as cmark-gfm finds it, leniently: a delimiter row (`|---|:--:|`, with `>` markers and
    /// indentation before it) under a line with as many cells opens a table, which runs to the next blank line.
    /// Lines in code blocks are read the same way, which can only report a table that is not one, and only one far
    /// beyond any real table.
    static func problems(in text: String) -> [Problem] {
        let bytes = Array(text.utf8)
        var lines: [Range<Int>] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<offset)
            start = offset + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        let rows = lines.map { Row(bytes, $0) }

        var problems: [Problem] = []
        /// The last line reported: a line is read as a header, then perhaps again as the delimiter row under it.
        var reported = 0
        func reportWide(_ lines: Range<Int>) -> Bool {
            let wide = lines.filter { $0 + 1 > reported && rows[$0].cells > cellsPerRow }
            guard let first = wide.first else { return false }
            let more = wide.count > 1 ? " (and \(wide.count - 1) more rows of this table)" : ""
            problems.append(Problem(line: first + 1, column: rows[first].column,
                                    message: "this table row has \(rows[first].cells.grouped) cells\(more); a table row may have at most \(cellsPerRow.grouped): split the table into narrower ones, or check for a line of '|' characters that is not meant as a table"))
            reported = lines.upperBound
            return true
        }
        var index = 0
        while index + 1 < rows.count {
            let header = rows[index], delimiter = rows[index + 1]
            guard !header.isBlank, delimiter.isDelimiterRow, header.hasPipe || delimiter.hasPipe else {
                index += 1
                continue
            }
            // cmark-gfm reads both lines as rows before it compares their widths; when they differ, the delimiter
            // row may still be the header of a table under it.
            guard header.cells == delimiter.cells else {
                _ = reportWide(index..<(index + 2))
                index += 1
                continue
            }
            var end = index + 2
            while end < rows.count, !rows[end].isBlank { end += 1 }
            let table = index..<end
            let filled = table.dropFirst(2).reduce(0) { $0 + max(0, header.cells - rows[$1].cells) }
            if !reportWide(table), filled > filledCellsPerTable {
                problems.append(Problem(line: index + 1, column: header.column,
                                        message: "the rows of this table have \(filled.grouped) cells fewer than its header row has, in all, and each missing cell would be made as an empty one; a table may lack at most \(filledCellsPerTable.grouped): give each row a cell for each column, or put a blank line where the table should end"))
            }
            index = end
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

extension Int {
    /// The number with thousands separated by commas, as messages write numbers (`100,000`).
    var grouped: String {
        let digits = String(self)
        var result = ""
        for (position, digit) in digits.reversed().enumerated() {
            if position > 0, position % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return String(result.reversed())
    }
}
