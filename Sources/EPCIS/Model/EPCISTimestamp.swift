import Foundation

/// An xsd:dateTime from an EPCIS document: the text as written plus the instant it denotes.
/// EPCIS requires an explicit offset ("Z" or ±hh:mm) on eventTime and friends; a timestamp
/// without one parses (so validation can name the field) with `offsetSeconds == nil`, and its
/// instant is taken as UTC.
public struct EPCISTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// As written, e.g. "2005-04-03T20:33:31.116000-06:00".
    public let lexical: String
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// Sub-second part in nanoseconds (0..<1e9); digits beyond nanoseconds are dropped.
    public let nanoseconds: Int32
    /// The written offset from UTC in seconds (+02:00 -> 7200, Z -> 0); nil when absent.
    public let offsetSeconds: Int?

    /// Parses an xsd:dateTime; nil when malformed or impossible (month 13, 30 February, 25:00).
    public init?(_ lexical: String) {
        guard let p = EPCISTimestamp.parse(Array(lexical.utf8)) else { return nil }
        self.lexical = lexical
        epochSeconds = p.seconds
        nanoseconds = p.nanos
        offsetSeconds = p.offset
    }

    /// A timestamp for an instant, written in the offset given (default UTC, "Z").
    public init(epochSeconds: Int64, nanoseconds: Int32 = 0, offsetSeconds: Int = 0) {
        self.epochSeconds = epochSeconds
        self.nanoseconds = nanoseconds
        self.offsetSeconds = offsetSeconds
        lexical = EPCISTimestamp.format(epochSeconds: epochSeconds, nanoseconds: nanoseconds,
                                        offsetSeconds: offsetSeconds, fractionDigits: 3)
    }

    /// The instant `milliseconds` after the epoch (negative before it), written in `offsetSeconds`.
    public init(epochMilliseconds milliseconds: Int64, offsetSeconds: Int = 0) {
        let (seconds, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let floor = remainder < 0 ? seconds - 1 : seconds
        self.init(epochSeconds: floor, nanoseconds: Int32(milliseconds - floor * 1000) * 1_000_000, offsetSeconds: offsetSeconds)
    }

    public init(date: Date, offsetSeconds: Int = 0) {
        let t = date.timeIntervalSince1970
        var s = Int64(t.rounded(.down))
        var n = Int32(((t - Double(s)) * 1_000_000_000).rounded())
        if n >= 1_000_000_000 { s += 1; n -= 1_000_000_000 }
        self.init(epochSeconds: s, nanoseconds: n, offsetSeconds: offsetSeconds)
    }

    /// Milliseconds since the epoch (sub-millisecond digits truncated), the precision we index.
    public var epochMilliseconds: Int64 { epochSeconds * 1000 + Int64(nanoseconds / 1_000_000) }
    public var date: Date { Date(timeIntervalSince1970: Double(epochSeconds) + Double(nanoseconds) / 1e9) }

    /// The same instant in UTC with millisecond precision, e.g. "2005-04-04T02:33:31.116Z";
    /// one spelling per instant, for comparisons, hashing and index keys.
    public var utcMillisecondString: String {
        EPCISTimestamp.format(epochSeconds: epochSeconds, nanoseconds: nanoseconds / 1_000_000 * 1_000_000,
                              offsetSeconds: 0, fractionDigits: 3)
    }

    public var description: String { lexical }

    /// Equality is by text; two spellings of one instant differ (use `epochSeconds`/`nanoseconds` or `<`).
    public static func < (a: EPCISTimestamp, b: EPCISTimestamp) -> Bool {
        (a.epochSeconds, a.nanoseconds) < (b.epochSeconds, b.nanoseconds)
    }
}

extension EPCISTimestamp {
    /// Stand-in while decoding an event whose time is missing or malformed (an error is recorded).
    static let placeholder = EPCISTimestamp(epochSeconds: 0)

    struct Parsed { var seconds: Int64; var nanos: Int32; var offset: Int? }

    static func parse(_ u: [UInt8]) -> Parsed? {
        var i = 0
        func num(_ n: Int) -> Int? {
            guard i + n <= u.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = u[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func lit(_ c: UInt8) -> Bool {
            guard i < u.count, u[i] == c else { return false }
            i += 1
            return true
        }
        // xsd allows years beyond 9999 and negative years; EPCIS data never needs them.
        guard let year = num(4), lit(0x2D), let month = num(2), lit(0x2D), let day = num(2),
              i < u.count, u[i] == 0x54 || u[i] == 0x74 else { return nil }
        i += 1
        guard let hour = num(2), lit(0x3A), let minute = num(2), lit(0x3A), let second = num(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 24, minute <= 59, second <= 59 else { return nil }
        if hour == 24 && (minute != 0 || second != 0) { return nil }
        var nanos = 0
        if lit(0x2E) {
            var digits = 0
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(u[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        if hour == 24 && nanos != 0 { return nil }
        var offset: Int? = nil
        if i < u.count {
            if u[i] == 0x5A || u[i] == 0x7A {
                offset = 0
                i += 1
            } else if u[i] == 0x2B || u[i] == 0x2D {
                let sign = u[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = num(2), lit(0x3A), let om = num(2), oh <= 14, om <= 59, oh * 60 + om <= 840 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return nil
            }
        }
        guard i == u.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        return Parsed(seconds: local - Int64(offset ?? 0), nanos: Int32(nanos), offset: offset)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (era-based arithmetic,
    /// exact for all years, no Calendar/DateFormatter on the hot path).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Writes an instant as xsd:dateTime in the given offset ("Z" for 0).
    static func format(epochSeconds: Int64, nanoseconds: Int32, offsetSeconds: Int, fractionDigits: Int) -> String {
        let local = epochSeconds + Int64(offsetSeconds)
        var days = Int(local / 86400)
        var rem = Int(local % 86400)
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = civil(fromDays: days)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
        }
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(rem / 3600, 2) + ":" + pad(rem / 60 % 60, 2) + ":" + pad(rem % 60, 2)
        if fractionDigits > 0 {
            var n = Int(nanoseconds)
            for _ in fractionDigits..<9 { n /= 10 }
            out += "." + pad(n, fractionDigits)
        }
        if offsetSeconds == 0 {
            out += "Z"
        } else {
            let a = abs(offsetSeconds)
            out += (offsetSeconds < 0 ? "-" : "+") + pad(a / 3600, 2) + ":" + pad(a / 60 % 60, 2)
        }
        return out
    }
}
