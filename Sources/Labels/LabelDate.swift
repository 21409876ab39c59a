/// A calendar day as printed on a label and carried in a GS1 date AI.
///
/// A plain year–month–day rather than a `Date`: a production or expiry date is the same day
/// wherever the sheet is printed, so no time zone may shift it.
public struct LabelDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Checks the day against the month (leap years included). Years are limited to 2000…2099
    /// because GS1 dates carry two year digits, read back within a window around today.
    public init(year: Int, month: Int, day: Int) throws(LabelError) {
        guard (2000...2099).contains(year), (1...12).contains(month),
              day >= 1, day <= LabelDate.days(inMonth: month, year: year)
        else { throw .invalidDate(format4(year) + "-" + pad2(month) + "-" + pad2(day)) }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY-MM-DD", the form HTML date inputs and the database use.
    public init(iso8601 text: String) throws(LabelError) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D,
              let y = Self.digits(u[0..<4]), let m = Self.digits(u[5..<7]), let d = Self.digits(u[8..<10])
        else { throw .invalidDate(text) }
        try self.init(year: y, month: m, day: d)
    }

    /// "DD/MM/YYYY", the order Vietnamese labels use.
    public var displayed: String { pad2(day) + "/" + pad2(month) + "/" + format4(year) }

    /// "YYMMDD" for GS1 AIs (11), (15), (17).
    public var gs1: String { pad2(year % 100) + pad2(month) + pad2(day) }

    public var description: String { format4(year) + "-" + pad2(month) + "-" + pad2(day) }

    public static func < (a: LabelDate, b: LabelDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int(b - 0x30)
        }
        return v
    }
}

/// The date after which the product should not be used, and which GS1 AI says so.
public enum DateLimit: Sendable, Hashable {
    /// "Hạn sử dụng": AI (17), use by / expiry.
    case expiry(LabelDate)
    /// "Sử dụng tốt nhất trước": AI (15), best before.
    case bestBefore(LabelDate)

    public var date: LabelDate {
        switch self {
        case .expiry(let d), .bestBefore(let d): d
        }
    }

    /// The GS1 AI that carries this date in the Digital Link.
    public var ai: String {
        switch self {
        case .expiry: "17"
        case .bestBefore: "15"
        }
    }

    /// The words printed before the date. Decree 43/2017/NĐ-CP (Appendix: how to mark the
    /// use-by date) allows "Hạn sử dụng" (abbreviated HSD) and "Sử dụng tốt nhất trước".
    var caption: String {
        switch self {
        case .expiry: "HSD:"
        case .bestBefore: "Sử dụng tốt nhất trước:"
        }
    }
}

private func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }
private func format4(_ v: Int) -> String {
    let s = String(v)
    return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}
