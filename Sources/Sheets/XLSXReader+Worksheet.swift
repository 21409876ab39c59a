import Foundation

/// Turns a worksheet's `<sheetData>` into rows: `<row r="12">` holds `<c r="B12" t="…" s="…">`
/// cells whose value is in `<v>` or, for inline strings, in `<is>` (ECMA-376 Part 1, 18.3.1).
/// Cells and rows may be missing (gaps are empty) and may lack their `r` (then they follow the
/// previous one). Formulas (`<f>`) are not evaluated; their cached `<v>` is the value.
struct WorksheetHandler: XMLScanHandler {
    enum Kind { case number, shared, inline, formulaString, bool, error, isoDate }

    let part: String
    let strings: [String]
    let styles: CellStyles
    let timeZone: TimeZone
    let limits: SheetLimits
    /// Rows completed since the caller last took them.
    var ready: [SheetRow] = []

    private var inSheetData = false
    private var inRow = false
    private var rowNumber = 0
    private var previousRow = 0
    private var cells: [Cell] = []
    private var previousColumn = 0
    private var delivered = 0

    private var inCell = false
    private var column = 0
    private var kind = Kind.number
    private var style = 0
    private var hasValue = false
    private var inValue = false
    private var inInline = false
    private var inInlineText = false
    private var phoneticDepth = 0
    private var value: [UInt8] = []

    init(part: String, strings: [String], styles: CellStyles, timeZone: TimeZone, limits: SheetLimits) {
        self.part = part
        self.strings = strings
        self.styles = styles
        self.timeZone = timeZone
        self.limits = limits
        value.reserveCapacity(64)
    }

    mutating func start(_ tag: XMLScanner.Tag) throws {
        let name = tag.local
        guard inSheetData else {
            if XMLScanner.equal(name, "sheetData") { inSheetData = true }
            return
        }
        if inCell {
            if XMLScanner.equal(name, "v") {
                inValue = true
                hasValue = true
            } else if XMLScanner.equal(name, "is") {
                inInline = true
                hasValue = true
            } else if XMLScanner.equal(name, "t") {
                inInlineText = inInline && phoneticDepth == 0
            } else if XMLScanner.equal(name, "rPh") {
                phoneticDepth += 1
            }
        } else if XMLScanner.equal(name, "c") {
            guard inRow else { throw SheetsError.malformed(part: part, "a cell outside a row") }
            try startCell(tag)
        } else if XMLScanner.equal(name, "row") {
            try startRow(tag)
        }
    }

    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws {
        guard inSheetData else { return }
        if inCell {
            if XMLScanner.equal(name, "v") { inValue = false }
            else if XMLScanner.equal(name, "t") { inInlineText = false }
            else if XMLScanner.equal(name, "rPh") { phoneticDepth -= 1 }
            else if XMLScanner.equal(name, "is") { inInline = false }
            else if XMLScanner.equal(name, "c") { try endCell() }
        } else if XMLScanner.equal(name, "row") {
            endRow()
            guard delivered <= limits.maxCells else {
                throw SheetsError.limit(
                    vi: "Trang tính có hơn \(limits.maxCells) ô (giới hạn \(limits.maxCells)).",
                    en: "The sheet has more than \(limits.maxCells) cells (the limit is \(limits.maxCells)).")
            }
        } else if XMLScanner.equal(name, "sheetData") {
            inSheetData = false
        }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {
        if inValue || inInlineText { try XMLScanner.appendText(raw, isCDATA: isCDATA, part: part, into: &value) }
    }

    // MARK: - Rows

    private mutating func startRow(_ tag: XMLScanner.Tag) throws {
        if let r = tag.value("r") {
            guard let n = Self.parseInt(r), n >= 1 else {
                throw invalidReference(String(decoding: r, as: UTF8.self))
            }
            // Rows come in ascending order (ECMA-376 §18.3.1.73); a row number given again would
            // let a tiny file deliver the same row millions of times.
            guard n > previousRow else {
                throw SheetsError.malformed(part: part, "row \(n) comes after row \(previousRow)")
            }
            rowNumber = n
        } else {
            rowNumber = previousRow + 1
        }
        try checkRow(rowNumber, String(rowNumber))
        inRow = true
        cells.removeAll(keepingCapacity: true)
        previousColumn = 0
    }

    private mutating func endRow() {
        inRow = false
        previousRow = rowNumber
        guard !cells.isEmpty else { return }
        delivered += cells.count
        ready.append(SheetRow(number: rowNumber, cells: cells))
    }

    private func checkRow(_ n: Int, _ shown: String) throws {
        guard n <= CellReference.maxRow else { throw invalidReference(shown) }
        guard n <= limits.maxRows else {
            throw SheetsError.limit(vi: "Trang tính có hơn \(limits.maxRows) dòng (giới hạn \(limits.maxRows)).",
                                    en: "The sheet has more than \(limits.maxRows) rows (the limit is \(limits.maxRows)).")
        }
    }

    private func invalidReference(_ shown: String) -> SheetsError {
        let text = shown.count > 40 ? String(shown.prefix(40)) + "…" : shown
        return SheetsError(.invalidCellReference,
                           vi: "Tệp có địa chỉ ô không hợp lệ \"\(text)\" (tối đa XFD1048576) trong \(part).",
                           en: "The file has an invalid cell reference \"\(text)\" (the last cell is XFD1048576) in \(part).")
    }

    // MARK: - Cells

    private mutating func startCell(_ tag: XMLScanner.Tag) throws {
        if let r = tag.value("r") {
            guard let ref = CellReference.parse(r), ref.column <= CellReference.maxColumn,
                  (ref.row ?? 1) >= 1, (ref.row ?? 1) <= CellReference.maxRow else {
                throw invalidReference(String(decoding: r, as: UTF8.self))
            }
            column = ref.column
        } else {
            column = previousColumn + 1
        }
        guard column <= limits.maxColumns else {
            throw SheetsError.limit(vi: "Trang tính có hơn \(limits.maxColumns) cột (giới hạn \(limits.maxColumns)).",
                                    en: "The sheet has more than \(limits.maxColumns) columns (the limit is \(limits.maxColumns)).")
        }
        kind = .number
        if let t = tag.value("t") {
            if XMLScanner.equal(t, "s") { kind = .shared }
            else if XMLScanner.equal(t, "str") { kind = .formulaString }
            else if XMLScanner.equal(t, "inlineStr") { kind = .inline }
            else if XMLScanner.equal(t, "b") { kind = .bool }
            else if XMLScanner.equal(t, "e") { kind = .error }
            else if XMLScanner.equal(t, "d") { kind = .isoDate }
        }
        style = tag.value("s").flatMap { Self.parseInt($0) } ?? 0
        inCell = true
        hasValue = false
        inValue = false
        inInline = false
        inInlineText = false
        phoneticDepth = 0
        value.removeAll(keepingCapacity: true)
    }

    private mutating func endCell() throws {
        inCell = false
        previousColumn = column
        guard hasValue else { return } // a styled but empty cell
        let cell: Cell
        switch kind {
        case .shared:
            guard let index = value.withUnsafeBufferPointer({ Self.parseInt($0) }), index < strings.count else {
                throw SheetsError.malformed(part: part, "cell \(CellReference(row: rowNumber, column: column)) names shared string \(String(decoding: value, as: UTF8.self)), which does not exist")
            }
            cell = strings[index].isEmpty ? .empty : .text(strings[index])
        case .inline, .formulaString:
            cell = value.isEmpty ? .empty : .text(ExcelText.decode(value))
        case .number:
            if value.isEmpty { return }
            guard let d = Self.parseDouble(value) else {
                throw SheetsError.malformed(part: part, "cell \(CellReference(row: rowNumber, column: column)) holds \"\(String(decoding: value.prefix(40), as: UTF8.self))\", which is not a number")
            }
            if styles.isDate(style: style), let date = SheetDate.date(serial: d, date1904: styles.date1904, timeZone: timeZone) {
                cell = .date(date)
            } else {
                cell = .number(d)
            }
        case .bool:
            let v = String(decoding: value, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            cell = .bool(v == "1" || v.lowercased() == "true")
        case .error:
            cell = value.isEmpty ? .empty : .error(String(decoding: value, as: UTF8.self))
        case .isoDate:
            let v = String(decoding: value, as: UTF8.self)
            cell = v.isEmpty ? .empty : SheetDate.parseISO(v, timeZone: timeZone).map { .date($0) } ?? .text(v)
        }
        if cell.isEmpty { return }
        let index = column - 1
        if index >= cells.count {
            if index > cells.count { cells.append(contentsOf: repeatElement(.empty, count: index - cells.count)) }
            cells.append(cell)
        } else {
            cells[index] = cell
        }
    }

    // MARK: - Numbers

    /// A non-negative decimal integer of at most 18 digits.
    static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 18 else { return nil }
        var v = 0
        for c in b {
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// An xsd:double. Plain decimals of up to 15 significant digits take the exact fast path
    /// (an integer below 2^53 divided by a power of ten up to 10^22, both exact, rounds once,
    /// so the result is the correctly rounded value); anything else goes to the standard parser.
    static func parseDouble(_ b: [UInt8]) -> Double? {
        var k = 0
        let n = b.count
        var negative = false
        if k < n, b[k] == 0x2D || b[k] == 0x2B { negative = b[k] == 0x2D; k += 1 }
        var mantissa: Int64 = 0
        var digits = 0
        var fraction = 0
        var sawPoint = false
        while k < n {
            let c = b[k]
            if c >= 0x30, c <= 0x39 {
                if mantissa != 0 || c != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ Int64(c - 0x30)
                if sawPoint { fraction += 1 }
            } else if c == 0x2E, !sawPoint {
                sawPoint = true
            } else {
                break
            }
            k += 1
        }
        if k == n, digits <= 15, fraction <= 22, k > (negative || b.first == 0x2B ? 1 : 0) + (sawPoint ? 1 : 0) {
            let v = Double(mantissa) / powersOfTen[fraction]
            return negative ? -v : v
        }
        return parseWithStrtod(b)
    }

    /// The standard parser, given only what an xsd:double may hold (strtod also takes "inf",
    /// "nan" and hexadecimal, which are not numbers here), around optional spaces.
    private static func parseWithStrtod(_ b: [UInt8]) -> Double? {
        var lo = 0, hi = b.count
        while lo < hi, XMLScanner.isSpace(b[lo]) { lo += 1 }
        while hi > lo, XMLScanner.isSpace(b[hi - 1]) { hi -= 1 }
        guard lo < hi, hi - lo < 400 else { return nil }
        for k in lo..<hi {
            let c = b[k]
            guard (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x45 || c == 0x65 else { return nil }
        }
        var text = [CChar](repeating: 0, count: hi - lo + 1)
        for k in lo..<hi { text[k - lo] = CChar(bitPattern: b[k]) }
        return text.withUnsafeBufferPointer { p -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(p.baseAddress!, &end)
            guard let end, p.baseAddress!.distance(to: end) == hi - lo, v.isFinite else { return nil }
            return v
        }
    }
}
