/// A day of the calendar, without a time or a zone: a certificate's issue and expiry dates,
/// a deadline, a sample's date. Deadlines are counted in days and months of this calendar, as
/// the regulations count them, never in seconds.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// Nil when the day does not exist (31 April, 29 February of a common year) or the year is
    /// outside 1900…2999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else {
            return nil
        }
        dayNumber = Self.dayNumber(year: year, month: month, day: day)
    }

    /// "YYYY-MM-DD" (HTML date inputs, the database) or "DD/MM/YYYY" (how Vietnamese write it).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (48...57).contains(u[i]) else { return nil }
                value = value * 10 + Int(u[i] - 48)
            }
            return value
        }
        guard u.count == 10 else { return nil }
        if u[4] == 0x2D, u[7] == 0x2D, let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) {
            self.init(year: y, month: m, day: d)
        } else if u[2] == 0x2F, u[5] == 0x2F, let d = number(0..<2), let m = number(3..<5), let y = number(6..<10) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    /// Today in Vietnam (UTC+7, no daylight saving), from a moment in milliseconds since 1970.
    public static func vietnam(millis: Int64) -> CivilDate {
        CivilDate(dayNumber: Int((millis + 7 * 3_600_000).floorDiv(86_400_000)))
    }

    public var parts: (year: Int, month: Int, day: Int) { Self.civil(dayNumber) }
    public var year: Int { parts.year }

    /// "YYYY-MM-DD".
    public var description: String {
        let (y, m, d) = parts
        return String(y) + "-" + Self.pad(m) + "-" + Self.pad(d)
    }

    /// "DD/MM/YYYY".
    public var vietnamese: String {
        let (y, m, d) = parts
        return Self.pad(d) + "/" + Self.pad(m) + "/" + String(y)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The same day `months` later; a day the target month lacks becomes its last day
    /// (31 August + 6 months = 28 or 29 February).
    public func adding(months: Int) -> CivilDate {
        let (y, m, d) = parts
        let index = y * 12 + (m - 1) + months
        let year = index.floorDiv(12), month = index - year * 12 + 1
        return CivilDate(dayNumber: Self.dayNumber(year: year, month: month, day: min(d, Self.days(inMonth: month, year: year))))
    }

    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    /// Monday = 1 … Sunday = 7.
    public var weekday: Int { (dayNumber + 3).floorMod(7) + 1 }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: the proleptic Gregorian calendar, counted in days from 1970-01-01

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Years are shifted to start in March, so the leap day is the last day of a year and
    /// months have a fixed cumulative length.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(_ number: Int) -> (Int, Int, Int) {
        let z = number + 719_468
        let era = z.floorDiv(146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
}

extension BinaryInteger {
    fileprivate func floorDiv(_ d: Self) -> Self {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }

    fileprivate func floorMod(_ d: Self) -> Self { self - floorDiv(d) * d }
}
