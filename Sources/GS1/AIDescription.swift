import Foundation

/// A JSON-friendly description of one AI element, as printed by `nguon gs1 parse`.
///
/// Members (names are stable; optional ones are omitted when not relevant):
/// - `ai`: the AI digits, e.g. "17"
/// - `title`: the dictionary title, e.g. "USE BY or EXPIRY"
/// - `value`: the value as carried, e.g. "261231"
/// - `gtin14`: for (01), (02) and (03), the 14-digit GTIN
/// - `date`: for date AIs, the date as "YYYY-MM-DD"; a two-digit year uses GS1's sliding
///   century window and day "00" means the last day of the month
/// - `time`: for date-and-time AIs, "HH:MM" or "HH:MM:SS"
/// - `decimal`: for measure, amount and percentage AIs whose last AI digit gives the number
///   of decimals, the value with its decimal point, e.g. "0.195"
/// - `currency`: for amounts in a stated currency, the ISO 4217 numeric code
public struct AIDescription: Encodable, Sendable, Hashable {
    public let ai: String
    public let title: String
    public let value: String
    public let gtin14: String?
    public let date: String?
    public let time: String?
    public let decimal: String?
    public let currency: String?

    /// Describes `element`; `referenceYear` anchors the century of two-digit years (default: this year).
    public init(_ element: AIElement, referenceYear: Int? = nil) {
        let def = element.definition
        ai = element.ai
        title = def.title
        value = element.value
        let v = Array(element.value.utf8)
        gtin14 = ["01", "02", "03"].contains(element.ai) ? element.value : nil

        var date: String?, time: String?
        var offset = 0
        for c in def.components {
            let len = min(Int(c.maxLength), v.count - offset)
            guard len > 0 else { break }
            let part = Array(v[offset..<(offset + len)])
            for l in c.linters {
                switch l {
                case .date where date == nil && part.count == 6, .dateAllowingDay00 where date == nil && part.count == 6:
                    date = Self.isoDate(yy: Self.int(part[0..<2]), mm: Self.int(part[2..<4]), dd: Self.int(part[4..<6]),
                                        referenceYear: referenceYear ?? Self.currentYear())
                case .fullDate where date == nil && part.count == 8:
                    date = Self.format(Self.int(part[0..<4]), Self.int(part[4..<6]), Self.int(part[6..<8]))
                case .hourMinute where part.count == 4:
                    time = Self.two(Self.int(part[0..<2])) + ":" + Self.two(Self.int(part[2..<4]))
                case .hour where part.count == 2:
                    time = Self.two(Self.int(part[0..<2]))
                case .minute where part.count == 2:
                    time = (time ?? "00") + ":" + Self.two(Self.int(part[0..<2]))
                case .second where part.count == 2:
                    time = (time ?? "00:00") + ":" + Self.two(Self.int(part[0..<2]))
                default: break
                }
            }
            offset += len
        }
        if let t = time, !t.contains(":") { time = t + ":00" }
        self.date = date
        self.time = time

        // AIs 31nn-36nn, 390n-395n carry the decimal count in their last digit.
        var decimal: String?, currency: String?
        let a = Array(element.ai.utf8)
        if a.count == 4, let last = Int(String(UnicodeScalar(a[3]))) {
            let p2 = element.ai.prefix(2), p3 = element.ai.prefix(3)
            var amount: [UInt8]?
            if ["31", "32", "33", "34", "35", "36"].contains(p2) || ["390", "392", "394", "395"].contains(p3) {
                amount = v
            } else if ["391", "393"].contains(p3), v.count > 3 {
                currency = String(decoding: v[0..<3], as: UTF8.self)
                amount = Array(v[3...])
            }
            if let digits = amount { decimal = Self.decimal(digits, places: last) }
        }
        self.decimal = decimal
        self.currency = currency
    }

    static func decimal(_ digits: [UInt8], places: Int) -> String {
        var d = digits
        while d.count <= places { d.insert(48, at: 0) }
        var intPart = Array(d[0..<(d.count - places)])
        while intPart.count > 1 && intPart[0] == 48 { intPart.removeFirst() }
        let frac = d[(d.count - places)...]
        return String(decoding: intPart, as: UTF8.self) + (places > 0 ? "." + String(decoding: frac, as: UTF8.self) : "")
    }

    static func int(_ s: ArraySlice<UInt8>) -> Int { s.reduce(0) { $0 * 10 + Int($1 &- 48) } }
    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        var ys = String(y)
        while ys.count < 4 { ys = "0" + ys }
        return ys + "-" + two(m) + "-" + two(d)
    }

    /// GS1 General Specifications' century rule: a year more than 50 years ahead belongs
    /// to the previous century, one 50 or more years behind to the next.
    static func isoDate(yy: Int, mm: Int, dd: Int, referenceYear: Int) -> String {
        let century = referenceYear / 100 * 100
        var year = century + yy
        let diff = yy - referenceYear % 100
        if diff > 50 { year -= 100 } else if diff < -49 { year += 100 }
        let day = dd == 0 ? daysIn(month: mm, year: year) : dd
        return format(year, mm, day)
    }

    static func currentYear() -> Int {
        Calendar(identifier: .gregorian).component(.year, from: Date())
    }
}

extension ElementString {
    /// One `AIDescription` per element, in order.
    public func descriptions(referenceYear: Int? = nil) -> [AIDescription] {
        elements.map { AIDescription($0, referenceYear: referenceYear) }
    }
}
