import Foundation

/// Writes CSV (RFC 4180) that Excel opens correctly in Vietnamese: UTF-8 with a byte order mark
/// (without it Excel on Windows reads the bytes as the ANSI code page and garbles every
/// accented letter), CRLF line ends, and fields quoted when they hold the delimiter, a quote, a
/// line break or spaces at either end.
///
/// Formula injection: CSV has no types, so Excel and LibreOffice treat a field starting with
/// = + - @ (or a tab or CR before one) as a formula, and text one person typed could run as a
/// formula (HYPERLINK, DDE) on the computer of whoever opens the export. With
/// `protectsFormulas` such text fields get a leading apostrophe, which the spreadsheet shows as
/// text (OWASP's advice for CSV injection). Numbers and dates are written as values and never
/// prefixed: only typed text can carry a formula.
public struct CSVWriter: Sendable {
    public var delimiter: CSVDelimiter
    public var byteOrderMark: Bool
    public var protectsFormulas: Bool
    /// Zone in which dates are written as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS".
    public var timeZone: TimeZone

    public init(delimiter: CSVDelimiter = .comma, byteOrderMark: Bool = true, protectsFormulas: Bool = true,
                timeZone: TimeZone = .gmt) {
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.protectsFormulas = protectsFormulas
        self.timeZone = timeZone
    }

    public func write(_ sheet: Sheet) -> Data { write(rows: sheet.rows) }

    public func write(rows: [[Cell]]) -> Data {
        var out: [UInt8] = byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        for row in rows {
            for (j, cell) in row.enumerated() {
                if j > 0 { out.append(delimiter.rawValue) }
                switch cell {
                case .text(let s), .error(let s): appendField(s, isText: true, into: &out)
                default: appendField(cell.text(in: timeZone), isText: false, into: &out)
                }
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return Data(out)
    }

    /// Rows of plain text, every field treated as text.
    public func write(textRows rows: [[String]]) -> Data {
        write(rows: rows.map { $0.map { $0.isEmpty ? .empty : .text($0) } })
    }

    private func appendField(_ s: String, isText: Bool, into out: inout [UInt8]) {
        var bytes = Array(s.utf8)
        if isText, protectsFormulas, let first = bytes.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) {
            bytes.insert(0x27, at: 0)
        }
        // Any separator a spreadsheet might split on is quoted, not only ours: Excel on a
        // Vietnamese Windows reads ";", and "HTX;=cmd…" unquoted would start a formula cell there.
        let needsQuotes = bytes.contains { $0 == delimiter.rawValue || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x2C || $0 == 0x3B || $0 == 0x09 }
            || bytes.first == 0x20 || bytes.last == 0x20
        guard needsQuotes else { return out.append(contentsOf: bytes) }
        out.append(0x22)
        for c in bytes {
            if c == 0x22 { out.append(0x22) }
            out.append(c)
        }
        out.append(0x22)
    }
}
