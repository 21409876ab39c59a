/// A cell's address: column letters and row number, "A1" to "XFD1048576".
public struct CellReference: Hashable, Sendable, CustomStringConvertible {
    /// 1-based row.
    public var row: Int
    /// 1-based column (A = 1).
    public var column: Int

    /// The format's bounds (ECMA-376 and Excel): 1,048,576 rows and 16,384 columns (XFD).
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Reads "B12" (letters in either case, then digits); nil for anything else, including
    /// references past XFD1048576.
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard let parsed = u.withUnsafeBufferPointer({ Self.parse($0) }), let row = parsed.row,
              parsed.column <= Self.maxColumn, row >= 1, row <= Self.maxRow else { return nil }
        self.init(row: row, column: parsed.column)
    }

    public var description: String { Self.columnName(column) + String(row) }

    /// "A" for 1, "Z" for 26, "AA" for 27.
    public static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(0x41 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// Column (1-based) and, when digits follow, row of a reference; nil when it is not letters
    /// followed by digits. Values are capped before they could overflow: 7 letters or 10 digits
    /// are already past any sheet, so "ZZZZZZ999999999" parses to numbers the caller refuses.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int?)? {
        var k = 0
        var column = 0
        while k < b.count {
            let c = b[k] | 0x20
            guard c >= 0x61, c <= 0x7A, b[k] >= 0x41 else { break }
            if k < 7 { column = column * 26 + Int(c - 0x60) }
            k += 1
        }
        guard k > 0 else { return nil }
        if k > 7 { column = Int.max }
        if k == b.count { return (column, nil) }
        var row = 0
        var digits = 0
        while k < b.count {
            let c = b[k]
            guard c >= 0x30, c <= 0x39 else { return nil }
            if digits < 11 { row = row * 10 + Int(c - 0x30) }
            digits += 1
            k += 1
        }
        return (column, digits > 11 ? Int.max : row)
    }
}
