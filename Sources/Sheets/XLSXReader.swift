import Foundation
import XML

/// Reads an Office Open XML workbook (.xlsx, ECMA-376 SpreadsheetML) held in memory, as Excel,
/// LibreOffice and Google Sheets write it.
///
/// Opening reads the zip directory, the workbook (sheet names and order through its
/// relationships), the styles (only to know which cells are dates) and the shared strings.
/// Worksheets are then streamed row by row (`forEachRow`), so a sheet of 100,000 rows costs a
/// few megabytes beyond its shared strings; `sheet(at:)` and `workbook()` collect rows into
/// values. Only worksheets are listed: chart sheets have no cells.
///
/// A hostile file gets a `SheetsError`, never a crash or an endless loop: sizes, rows, columns
/// and cells are bounded by `SheetLimits`, zip entry names that could climb out of a folder are
/// refused, and every part must be well-formed XML without a DOCTYPE.
public struct XLSXReader: Sendable {
    /// Worksheet names in tab order.
    public let sheetNames: [String]
    public let limits: SheetLimits
    /// Zone whose wall-clock time date cells show.
    public let timeZone: TimeZone

    let zip: ZIPDirectory
    let sheetEntries: [ZIPDirectory.Entry]
    let sharedStrings: [String]
    let styles: CellStyles

    /// Opens a workbook. `timeZone` is where the dates in it are wall-clock times (UTC unless
    /// given; Vietnam's is "Asia/Ho_Chi_Minh").
    public init(data: Data, limits: SheetLimits = .default, timeZone: TimeZone = .gmt) throws(SheetsError) {
        self.limits = limits
        self.timeZone = timeZone
        let zip = try ZIPDirectory(data: data, limits: limits)
        self.zip = zip

        let package = try Self.packageParts(zip, limits)
        var used = package.metadataBytes
        for entry in package.sheets.map(\.entry) + [package.sharedStrings, package.styles].compactMap({ $0 }) {
            used += entry.uncompressedSize
        }
        guard used <= limits.maxUncompressedBytes else {
            throw SheetsError.limit(
                vi: "Tệp quá lớn: dữ liệu giải nén là \(SheetsError.megabytes(used)), vượt giới hạn \(SheetsError.megabytes(limits.maxUncompressedBytes)).",
                en: "The workbook is too large: its data is \(SheetsError.megabytes(used)) uncompressed, over the limit of \(SheetsError.megabytes(limits.maxUncompressedBytes)).")
        }
        sheetNames = package.sheets.map(\.name)
        sheetEntries = package.sheets.map(\.entry)
        if let stylesEntry = package.styles {
            styles = try CellStyles(Self.tree(stylesEntry, zip, limits), date1904: package.date1904)
        } else {
            styles = CellStyles(date1904: package.date1904)
        }
        if let stringsEntry = package.sharedStrings {
            sharedStrings = try Self.readSharedStrings(stringsEntry, zip)
        } else {
            sharedStrings = []
        }
    }

    /// Reads every worksheet of a workbook.
    public static func read(_ data: Data, limits: SheetLimits = .default, timeZone: TimeZone = .gmt) throws(SheetsError) -> Workbook {
        try XLSXReader(data: data, limits: limits, timeZone: timeZone).workbook()
    }

    /// Calls `body` with each row of the sheet at `index` (0-based, tab order) that holds a
    /// value, in file order (ascending, as the format requires). Empty rows are skipped; each
    /// row's `number` says where it is. Throws `SheetsError`, or whatever `body` throws, which
    /// also stops the reading.
    public func forEachRow(inSheet index: Int, _ body: (SheetRow) throws -> Void) throws {
        guard sheetEntries.indices.contains(index) else {
            throw SheetsError(.invalidSheet, vi: "Tệp không có trang tính thứ \(index + 1).",
                              en: "The workbook has no sheet number \(index + 1).")
        }
        let entry = sheetEntries[index]
        var scanner = XMLScanner(part: entry.name)
        var handler = WorksheetHandler(part: entry.name, strings: sharedStrings, styles: styles,
                                       timeZone: timeZone, limits: limits)
        try zip.read(entry) { chunk in
            try scanner.feed(chunk, &handler)
            for row in handler.ready { try body(row) }
            handler.ready.removeAll(keepingCapacity: true)
        }
        try scanner.finish(&handler)
        for row in handler.ready { try body(row) }
    }

    /// As `forEachRow(inSheet:_:)`, for the sheet with this name (ignoring case, as Excel does).
    public func forEachRow(inSheetNamed name: String, _ body: (SheetRow) throws -> Void) throws {
        try forEachRow(inSheet: try index(of: name), body)
    }

    /// The sheet at `index` (0-based, tab order), all its rows in memory.
    public func sheet(at index: Int) throws(SheetsError) -> Sheet {
        var rows: [[Cell]] = []
        do {
            try forEachRow(inSheet: index) { row in
                let k = row.number - 1
                if k >= rows.count {
                    rows.append(contentsOf: repeatElement([], count: k - rows.count))
                    rows.append(row.cells)
                } else {
                    // A row number given twice (the format forbids it): later cells win.
                    for (j, cell) in row.cells.enumerated() where !cell.isEmpty {
                        if j >= rows[k].count { rows[k].append(contentsOf: repeatElement(.empty, count: j + 1 - rows[k].count)) }
                        rows[k][j] = cell
                    }
                }
            }
        } catch let error as SheetsError {
            throw error
        } catch {
            throw SheetsError.corrupt("\(error)")
        }
        return Sheet(name: sheetNames[index], rows: rows)
    }

    /// The sheet with this name (ignoring case).
    public func sheet(named name: String) throws(SheetsError) -> Sheet {
        try sheet(at: try index(of: name))
    }

    /// Every worksheet.
    public func workbook() throws(SheetsError) -> Workbook {
        var sheets: [Sheet] = []
        for k in sheetNames.indices { sheets.append(try sheet(at: k)) }
        return Workbook(sheets: sheets)
    }

    private func index(of name: String) throws(SheetsError) -> Int {
        let wanted = name.lowercased()
        guard let k = sheetNames.firstIndex(where: { $0.lowercased() == wanted }) else {
            throw SheetsError(.invalidSheet, vi: "Tệp không có trang tính \"\(name)\".",
                              en: "The workbook has no sheet named \"\(name)\".")
        }
        return k
    }

    /// A part small enough to hold whole, as an XML tree.
    static func tree(_ entry: ZIPDirectory.Entry, _ zip: ZIPDirectory, _ limits: SheetLimits) throws(SheetsError) -> XMLTree.Element {
        guard entry.uncompressedSize <= limits.maxMetadataPartBytes else {
            throw SheetsError.limit(
                vi: "Phần \(entry.name) của tệp quá lớn (\(SheetsError.megabytes(entry.uncompressedSize)), giới hạn \(SheetsError.megabytes(limits.maxMetadataPartBytes))).",
                en: "Part \(entry.name) is too large (\(SheetsError.megabytes(entry.uncompressedSize)); the limit is \(SheetsError.megabytes(limits.maxMetadataPartBytes))).")
        }
        let bytes = try zip.bytes(entry)
        do {
            return try XMLReader.parse(bytes)
        } catch {
            throw SheetsError.malformed(part: entry.name, error.description)
        }
    }
}
