import Foundation
import XML

/// The XML parts of a written workbook, built as bytes: a worksheet of a million cells would
/// cost far more as an XMLTree, and SpreadsheetML wants its default namespace, which XMLWriter
/// deliberately never writes. Text goes through XMLWriter's escaping.
extension XLSXWriter {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// Cell formats, in the order styles.xml lists them (a cell's `s`).
    enum Style: Int {
        case plain = 0, header, date, dateTime, quoted, quotedHeader
    }

    /// The most characters Excel keeps in one cell.
    static let maxCellCharacters = 32_767

    static func contentTypes(sheetCount: Int, sharedStrings: Bool) -> [UInt8] {
        var s = declaration
        s += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        s += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for k in 1...sheetCount {
            s += "<Override PartName=\"/xl/worksheets/sheet\(k).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        s += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        if sharedStrings {
            s += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        }
        s += "</Types>"
        return Array(s.utf8)
    }

    static let packageRelationships: [UInt8] = Array((declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>").utf8)

    static func workbookRelationships(sheetCount: Int, sharedStrings: Bool) -> [UInt8] {
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        var s = declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for k in 1...sheetCount {
            s += "<Relationship Id=\"rId\(k)\" Type=\"\(type)worksheet\" Target=\"worksheets/sheet\(k).xml\"/>"
        }
        s += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(type)styles\" Target=\"styles.xml\"/>"
        if sharedStrings {
            s += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(type)sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        s += "</Relationships>"
        return Array(s.utf8)
    }

    static func workbookPart(_ names: [String]) -> [UInt8] {
        var out = Array((declaration + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>").utf8)
        for (k, name) in names.enumerated() {
            out.append(contentsOf: "<sheet name=\"".utf8)
            escape(name, attribute: true, into: &out)
            out.append(contentsOf: "\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>".utf8)
        }
        out.append(contentsOf: "</sheets></workbook>".utf8)
        return out
    }

    /// Two fonts (regular, bold), the two fills every workbook must start with, one border; cell
    /// formats as `Style` lists them. `quotePrefix` is Excel's leading-apostrophe flag.
    static let stylesPart: [UInt8] = {
        let font = "<sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/>"
        let xf = "fillId=\"0\" borderId=\"0\" xfId=\"0\""
        let s = declaration + "<styleSheet xmlns=\"\(mainNamespace)\">"
            + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
            + "<numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy hh:mm:ss\"/></numFmts>"
            + "<fonts count=\"2\"><font>\(font)</font><font><b/>\(font)</font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"6\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" \(xf)/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" \(xf) applyFont=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" \(xf) applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"165\" fontId=\"0\" \(xf) applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"0\" fontId=\"0\" \(xf) quotePrefix=\"1\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" \(xf) applyFont=\"1\" quotePrefix=\"1\"/>"
            + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>"
        return Array(s.utf8)
    }()

    /// XMLWriter's escaping; the text has been cleaned of what XML cannot hold, so it cannot fail.
    static func escape(_ s: String, attribute: Bool, into out: inout [UInt8]) {
        do {
            try XMLWriter.escape(s, attribute: attribute, into: &out)
        } catch {
            try? XMLWriter.escape(ExcelText.encode(s), attribute: attribute, into: &out)
        }
    }

    // MARK: - Worksheets

    func worksheet(_ sheet: Sheet, selected: Bool, strings: inout SharedStringTable) throws(SheetsError) -> [UInt8] {
        guard sheet.rows.count <= CellReference.maxRow else {
            throw SheetsError.limit(vi: "Trang tính \"\(sheet.name)\" có hơn \(CellReference.maxRow) dòng, Excel không mở được.",
                                    en: "Sheet \"\(sheet.name)\" has more than \(CellReference.maxRow) rows, more than Excel opens.")
        }
        var lastRow = 0
        var widest = 0
        for (k, row) in sheet.rows.enumerated() {
            guard row.count <= CellReference.maxColumn else {
                throw SheetsError.limit(vi: "Trang tính \"\(sheet.name)\" có hơn \(CellReference.maxColumn) cột, Excel không mở được.",
                                        en: "Sheet \"\(sheet.name)\" has more than \(CellReference.maxColumn) columns, more than Excel opens.")
            }
            if let last = row.lastIndex(where: { !$0.isEmpty }) {
                lastRow = k + 1
                widest = max(widest, last + 1)
            }
        }
        let columnNames = (0...widest).map { Array(CellReference.columnName($0).utf8) }
        let header = boldHeaderRow && lastRow > 0

        var out: [UInt8] = []
        out.reserveCapacity(64 * lastRow * max(widest, 1) + 1024)
        out.append(contentsOf: (Self.declaration + "<worksheet xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipsNamespace)\">").utf8)
        let dimension = lastRow > 0 ? "A1:\(CellReference(row: lastRow, column: widest))" : "A1"
        out.append(contentsOf: "<dimension ref=\"\(dimension)\"/>".utf8)
        out.append(contentsOf: "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">".utf8)
        if header {
            out.append(contentsOf: "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>".utf8)
        }
        out.append(contentsOf: "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>".utf8)
        if widest > 0 { out.append(contentsOf: columnWidths(sheet, widest)) }

        out.append(contentsOf: "<sheetData>".utf8)
        for (k, row) in sheet.rows.prefix(lastRow).enumerated() where row.contains(where: { !$0.isEmpty }) {
            let rowNumber = Array(String(k + 1).utf8)
            out.append(contentsOf: "<row r=\"".utf8)
            out.append(contentsOf: rowNumber)
            out.append(contentsOf: "\">".utf8)
            for (j, cell) in row.enumerated() {
                writeCell(cell, isHeader: header && k == 0, reference: columnNames[j + 1], rowNumber, strings: &strings, into: &out)
            }
            out.append(contentsOf: "</row>".utf8)
        }
        out.append(contentsOf: "</sheetData></worksheet>".utf8)
        return out
    }

    /// Widths from the longest value in each column among the first thousand rows, so a list
    /// opens readable; between 8 and 60 characters.
    private func columnWidths(_ sheet: Sheet, _ widest: Int) -> [UInt8] {
        var longest = [Int](repeating: 0, count: widest)
        for row in sheet.rows.prefix(1000) {
            for (j, cell) in row.enumerated() where j < widest {
                let length: Int
                switch cell {
                case .empty: length = 0
                case .text(let s): length = s.split(separator: "\n").map(\.count).max() ?? 0
                case .date: length = 19
                default: length = cell.text.utf8.count
                }
                longest[j] = max(longest[j], length)
            }
        }
        var s = "<cols>"
        for (j, length) in longest.enumerated() {
            let width = min(max(length + 2, 8), 60)
            s += "<col min=\"\(j + 1)\" max=\"\(j + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        return Array((s + "</cols>").utf8)
    }

    private static let errorValues: Set<String> = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"]

    private func writeCell(_ cell: Cell, isHeader: Bool, reference column: [UInt8], _ row: [UInt8],
                           strings: inout SharedStringTable, into out: inout [UInt8]) {
        func open(_ style: Style, type: StaticString?) {
            out.append(contentsOf: "<c r=\"".utf8)
            out.append(contentsOf: column)
            out.append(contentsOf: row)
            out.append(0x22)
            if style != .plain {
                out.append(contentsOf: " s=\"".utf8)
                out.append(UInt8(0x30 + style.rawValue))
                out.append(0x22)
            }
            if let type {
                out.append(contentsOf: " t=\"".utf8)
                out.append(contentsOf: UnsafeBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount))
                out.append(0x22)
            }
            out.append(contentsOf: "><v>".utf8)
        }
        func close() { out.append(contentsOf: "</v></c>".utf8) }
        func text(_ s: String) {
            let cleaned = Self.limitLength(ExcelText.encode(s))
            guard !cleaned.isEmpty else { return }
            let formulaLike = cleaned.utf8.first.map { "=+-@".utf8.contains($0) } ?? false
            open(formulaLike ? (isHeader ? .quotedHeader : .quoted) : (isHeader ? .header : .plain), type: "s")
            out.append(contentsOf: String(strings.index(of: cleaned)).utf8)
            close()
        }
        switch cell {
        case .empty:
            return
        case .text(let s):
            text(s)
        case .number(let d):
            guard d.isFinite else {
                open(isHeader ? .header : .plain, type: "e")
                out.append(contentsOf: "#NUM!".utf8)
                return close()
            }
            open(isHeader ? .header : .plain, type: nil)
            out.append(contentsOf: Cell.format(d).utf8)
            close()
        case .date(let date):
            guard let serial = SheetDate.serial(date, timeZone: timeZone) else {
                // Before 1900 or after 9999 no serial exists; the date stays readable as text.
                return text(SheetDate.isoText(date, timeZone: timeZone))
            }
            open(serial == serial.rounded(.down) ? .date : .dateTime, type: nil)
            out.append(contentsOf: Cell.format(serial).utf8)
            close()
        case .bool(let b):
            open(isHeader ? .header : .plain, type: "b")
            out.append(b ? 0x31 : 0x30)
            close()
        case .error(let e):
            // Excel repairs a file with an error value it does not know; others go as text.
            guard Self.errorValues.contains(e) else { return text(e) }
            open(isHeader ? .header : .plain, type: "e")
            out.append(contentsOf: e.utf8)
            close()
        }
    }

    /// Text cut to Excel's cell limit (counted in UTF-16, as Excel counts), on a character boundary.
    static func limitLength(_ s: String) -> String {
        guard s.utf16.count > maxCellCharacters else { return s }
        var count = 0
        var end = s.startIndex
        for index in s.indices {
            let next = count + s[index].utf16.count
            if next > maxCellCharacters { break }
            count = next
            end = s.index(after: index)
        }
        return String(s[..<end])
    }
}

/// The shared string table being built: each distinct text once, in first-use order.
struct SharedStringTable {
    private var indexByText: [String: Int] = [:]
    private var texts: [String] = []
    private var references = 0

    var isEmpty: Bool { texts.isEmpty }

    mutating func index(of text: String) -> Int {
        references += 1
        if let k = indexByText[text] { return k }
        indexByText[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    func part() -> [UInt8] {
        var out = Array((XLSXWriter.declaration
            + "<sst xmlns=\"\(XLSXWriter.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">").utf8)
        for t in texts {
            // Without xml:space="preserve" Excel drops spaces at either end.
            let edge: (UInt8?) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
            out.append(contentsOf: (edge(t.utf8.first) || edge(t.utf8.last) ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
            XLSXWriter.escape(t, attribute: false, into: &out)
            out.append(contentsOf: "</t></si>".utf8)
        }
        out.append(contentsOf: "</sst>".utf8)
        return out
    }
}
