/// One sheet: a name and its rows, top to bottom. `rows[i]` is spreadsheet row i + 1 and
/// `rows[i][j]` column j + 1 (A = 0); rows hold no trailing empty cells and the sheet no trailing
/// empty rows, so two sheets that show the same values are equal.
public struct Sheet: Hashable, Sendable {
    public var name: String
    public var rows: [[Cell]]

    public init(name: String, rows: [[Cell]] = []) {
        self.name = name
        self.rows = rows
    }

    /// The cell at a 0-based row and column; `.empty` outside the data.
    public subscript(row: Int, column: Int) -> Cell {
        guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return .empty }
        return rows[row][column]
    }

    /// The sheet without trailing empty cells and rows (what a reader gives back for it).
    public func trimmed() -> Sheet {
        var copy = self
        for k in copy.rows.indices { copy.rows[k].trimTrailingEmpty() }
        while let last = copy.rows.last, last.isEmpty { copy.rows.removeLast() }
        return copy
    }
}

/// A workbook: its sheets in tab order.
public struct Workbook: Hashable, Sendable {
    public var sheets: [Sheet]

    public init(sheets: [Sheet] = []) { self.sheets = sheets }

    /// The first sheet with this name (names are compared as Excel does, ignoring case).
    public subscript(name: String) -> Sheet? {
        let wanted = name.lowercased()
        return sheets.first { $0.name.lowercased() == wanted }
    }
}

/// A row as a reader streams it: its 1-based number in the sheet and its cells from column A,
/// without trailing empty cells. Rows with no value are not streamed.
public struct SheetRow: Hashable, Sendable {
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell at a 0-based column; `.empty` past the last value.
    public subscript(column: Int) -> Cell { column >= 0 && column < cells.count ? cells[column] : .empty }
}

extension Array where Element == Cell {
    mutating func trimTrailingEmpty() {
        while let last, last.isEmpty { removeLast() }
    }
}
