import Foundation

/// The field separators a CSV file may use. Excel writes ";" where the decimal separator is a
/// comma (Vietnamese Windows among them), "," elsewhere, and tab for "Unicode Text".
public enum CSVDelimiter: UInt8, Sendable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09
}

/// Reads CSV (RFC 4180): fields separated by a delimiter, records by CRLF, LF or CR; a field in
/// double quotes may hold delimiters, line breaks and doubled quotes. UTF-8 with or without a
/// byte order mark, or UTF-16 with one (Excel's "Unicode Text"); anything else is refused
/// rather than guessed. An Excel "sep=;" first line names the delimiter and is not data.
///
/// Reading is lenient where the meaning is plain (a quote inside an unquoted field is a
/// character; text after a closing quote joins the field) and strict where data would
/// silently shift: a quote never closed is an error naming its line.
public enum CSVReader {
    /// The file as a sheet of text cells (CSV has no types; "" is `.empty`).
    public static func read(_ data: Data, delimiter: CSVDelimiter? = nil, sheetName: String = "CSV",
                            limits: SheetLimits = .default) throws(SheetsError) -> Sheet {
        var rows: [[Cell]] = []
        var cells = 0
        do {
            try forEachRecord(data, delimiter: delimiter, limits: limits) { fields in
                var row = fields.map { Cell(stringLiteral: $0) }
                row.trimTrailingEmpty()
                cells += row.count
                guard cells <= limits.maxCells else {
                    throw SheetsError.limit(vi: "Tệp CSV có hơn \(limits.maxCells) ô (giới hạn \(limits.maxCells)).",
                                            en: "The CSV file has more than \(limits.maxCells) cells (the limit is \(limits.maxCells)).")
                }
                rows.append(row)
            }
        } catch let error as SheetsError {
            throw error
        } catch {
            throw SheetsError(.malformedCSV, vi: "Không đọc được tệp CSV.", en: "The CSV file could not be read (\(error)).")
        }
        while let last = rows.last, last.isEmpty { rows.removeLast() }
        return Sheet(name: sheetName, rows: rows)
    }

    /// Calls `body` with the fields of each record in order (blank lines give one empty field).
    /// Throws `SheetsError`, or what `body` throws.
    public static func forEachRecord(_ data: Data, delimiter: CSVDelimiter? = nil, limits: SheetLimits = .default,
                                     _ body: ([String]) throws -> Void) throws {
        guard data.count <= limits.maxUncompressedBytes else {
            throw SheetsError.limit(
                vi: "Tệp CSV quá lớn (\(SheetsError.megabytes(data.count)), giới hạn \(SheetsError.megabytes(limits.maxUncompressedBytes))).",
                en: "The CSV file is too large (\(SheetsError.megabytes(data.count)); the limit is \(SheetsError.megabytes(limits.maxUncompressedBytes))).")
        }
        let bytes = try utf8(data)
        var start = 0
        var chosen = delimiter
        if let (hinted, skip) = separatorHint(bytes) {
            chosen = chosen ?? hinted
            start = skip
        }
        let separator = (chosen ?? detectDelimiter(bytes[start...])).rawValue
        try bytes.withUnsafeBufferPointer { p in
            try parse(p, from: start, separator: separator, limits: limits, body)
        }
    }

    /// The delimiter of a file's first record: whichever of tab, semicolon and comma occurs most
    /// often outside quotes (ties in that order, since commas also appear inside header text
    /// such as "Địa chỉ (số nhà, đường)"); comma when none does.
    public static func detectDelimiter(_ data: Data) -> CSVDelimiter {
        guard let bytes = try? utf8(data) else { return .comma }
        let start = separatorHint(bytes)?.skip ?? 0
        return detectDelimiter(bytes[start...])
    }

    static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> CSVDelimiter {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for c in bytes {
            if c == 0x22 { quoted.toggle(); continue }
            if quoted { continue }
            if c == 0x0A || c == 0x0D { break }
            if c == 0x2C || c == 0x3B || c == 0x09 { counts[c, default: 0] += 1 }
        }
        var best = CSVDelimiter.comma
        var bestCount = 0
        for candidate in [CSVDelimiter.tab, .semicolon, .comma] where counts[candidate.rawValue, default: 0] > bestCount {
            best = candidate
            bestCount = counts[candidate.rawValue, default: 0]
        }
        return best
    }

    /// Excel's "sep=X" first line: the delimiter it names and where the data starts.
    private static func separatorHint(_ b: [UInt8]) -> (CSVDelimiter, skip: Int)? {
        guard b.count >= 5, b[0] | 0x20 == 0x73, b[1] | 0x20 == 0x65, b[2] | 0x20 == 0x70, b[3] == 0x3D,
              let d = CSVDelimiter(rawValue: b[4]) else { return nil }
        var k = 5
        if k < b.count, b[k] == 0x0D { k += 1 }
        if k < b.count, b[k] == 0x0A { k += 1 }
        guard k == b.count || k > 5 else { return nil }
        return (d, k)
    }

    /// The text as UTF-8 without a byte order mark.
    static func utf8(_ data: Data) throws(SheetsError) -> [UInt8] {
        let b = [UInt8](data)
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return Array(b[3...]) }
        if b.count >= 2, (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) {
            let encoding: String.Encoding = b[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            if let s = String(data: Data(b[2...]), encoding: encoding) { return Array(s.utf8) }
        } else if String(validating: b, as: UTF8.self) != nil {
            return b
        }
        throw SheetsError(.unsupportedEncoding,
                          vi: "Tệp CSV không dùng bảng mã UTF-8. Trong Excel, hãy chọn Lưu thành \"CSV UTF-8 (Comma delimited)\".",
                          en: "The CSV file is not UTF-8. In Excel, save it as \"CSV UTF-8 (Comma delimited)\".")
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, from start: Int, separator: UInt8, limits: SheetLimits,
                              _ body: ([String]) throws -> Void) throws {
        let n = b.count
        let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var i = start
        var line = 1
        var records = 0
        var fields: [String] = []
        var field: [UInt8] = []
        guard i < n else { return }
        while true {
            // One field, starting at i.
            field.removeAll(keepingCapacity: true)
            if i < n, b[i] == quote {
                let openedOn = line
                i += 1
                while true {
                    guard i < n else {
                        throw SheetsError(.malformedCSV,
                                          vi: "Tệp CSV có dấu ngoặc kép mở ở dòng \(openedOn) nhưng không đóng.",
                                          en: "The CSV file has a quote opened on line \(openedOn) that is never closed.")
                    }
                    let c = b[i]
                    if c == quote {
                        if i + 1 < n, b[i + 1] == quote { field.append(quote); i += 2; continue }
                        i += 1
                        break
                    }
                    if c == lf || (c == cr && (i + 1 >= n || b[i + 1] != lf)) { line += 1 }
                    field.append(c)
                    i += 1
                }
            }
            while i < n, b[i] != separator, b[i] != cr, b[i] != lf {
                field.append(b[i])
                i += 1
            }
            fields.append(String(decoding: field, as: UTF8.self))
            guard fields.count <= limits.maxColumns else {
                throw SheetsError.limit(vi: "Dòng \(line) của tệp CSV có hơn \(limits.maxColumns) cột (giới hạn \(limits.maxColumns)).",
                                        en: "Line \(line) of the CSV file has more than \(limits.maxColumns) fields (the limit is \(limits.maxColumns)).")
            }
            if i < n, b[i] == separator {
                i += 1
                continue
            }
            // End of record: a line break or the end of the file.
            if i < n, b[i] == cr { i += 1 }
            if i < n, b[i] == lf { i += 1 }
            line += 1
            records += 1
            guard records <= limits.maxRows else {
                throw SheetsError.limit(vi: "Tệp CSV có hơn \(limits.maxRows) dòng (giới hạn \(limits.maxRows)).",
                                        en: "The CSV file has more than \(limits.maxRows) records (the limit is \(limits.maxRows)).")
            }
            try body(fields)
            fields.removeAll(keepingCapacity: true)
            if i >= n { return }
        }
    }
}
