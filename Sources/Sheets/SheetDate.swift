import Foundation

/// Conversions between instants and spreadsheet date serials, and ISO 8601 text.
///
/// A serial counts days since 1899-12-30 with the time of day as the fraction (the 1900 date
/// system), or since 1904-01-01 (`date1904`, old Mac workbooks). Excel inherited from Lotus a
/// 29 February 1900 that never was: serials below 61 are one day late, so they are shifted
/// here, and serial 60 (the missing day) reads as 1900-03-01. Serials carry no time zone, so
/// they are read and written as wall-clock time in a chosen zone.
enum SheetDate {
    static let secondsPerDay = 86_400.0
    /// 1970-01-01 as a 1900-system serial.
    static let unixEpochSerial = 25_569.0
    /// 1904-01-01 as a 1900-system serial.
    static let offset1904 = 1_462.0
    /// 9999-12-31, the last day Excel shows.
    static let maxSerial = 2_958_465.0

    /// The instant a serial stands for, or nil for serials no date format can show (below 1,
    /// which Excel shows as "0 January 1900", negative, or past 9999).
    static func date(serial: Double, date1904: Bool, timeZone: TimeZone) -> Date? {
        guard serial.isFinite else { return nil }
        var s = date1904 ? serial + offset1904 : serial
        if date1904 {
            guard serial >= 0 else { return nil }
        } else {
            guard serial >= 1 else { return nil }
            if s < 61 { s += 1 }
        }
        guard s <= maxSerial + 1 else { return nil }
        // Whole milliseconds: the serial's binary fraction is never exact, Excel's clock is not finer.
        let wall = ((s - unixEpochSerial) * secondsPerDay * 1000).rounded() / 1000
        let guess = Date(timeIntervalSince1970: wall)
        let offset = Double(timeZone.secondsFromGMT(for: guess))
        return Date(timeIntervalSince1970: wall - offset)
    }

    /// The 1900-system serial for an instant's wall-clock time in `timeZone`; nil before
    /// 1900-01-01 or after 9999-12-31, which no serial represents.
    static func serial(_ date: Date, timeZone: TimeZone) -> Double? {
        let wall = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        var s = wall / secondsPerDay + unixEpochSerial
        guard s.isFinite, s >= 2, s < maxSerial + 1 else { return nil }
        if s < 61 { s -= 1 }
        return s
    }

    /// Wall-clock seconds since 1970 of an instant in a zone.
    static func wallSeconds(_ date: Date, timeZone: TimeZone) -> Double {
        date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
    }

    /// "YYYY-MM-DD", with " HH:MM:SS" (and ".mmm") when the time of day is not midnight.
    static func isoText(_ date: Date, timeZone: TimeZone) -> String {
        let wallMillis = Int64((wallSeconds(date, timeZone: timeZone) * 1000).rounded())
        let dayMillis: Int64 = 86_400_000
        var days = wallMillis / dayMillis
        var millis = wallMillis % dayMillis
        if millis < 0 { millis += dayMillis; days -= 1 }
        let (y, m, d) = civil(fromDays: Int(days))
        var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
        if millis != 0 {
            let secs = Int(millis / 1000)
            s += " " + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) + ":" + pad(secs % 60, 2)
            if millis % 1000 != 0 { s += "." + pad(Int(millis % 1000), 3) }
        }
        return s
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return v < 0 ? "-" + padded : padded
    }

    /// Reads "YYYY-MM-DD", optionally followed by "T" or " " and "HH:MM[:SS[.fff]]", optionally
    /// ending in "Z" or "±HH:MM" (an instant); without an offset the time is wall-clock in `timeZone`.
    static func parseISO(_ text: String, timeZone: TimeZone) -> Date? {
        let u = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= u.count else { return nil }
            var v = 0
            for k in i..<(i + digits) {
                guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }
                v = v * 10 + Int(u[k] - 0x30)
            }
            i += digits
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < u.count, u[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(0x2D), let m = number(2), expect(0x2D), let d = number(2),
              (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        var seconds = Double(days(fromCivil: y, m, d)) * secondsPerDay
        if i < u.count, u[i] == 0x54 || u[i] == 0x20 {
            i += 1
            guard let h = number(2), expect(0x3A), let mi = number(2), h < 24, mi < 60 else { return nil }
            seconds += Double(h * 3600 + mi * 60)
            if expect(0x3A) {
                guard let sec = number(2), sec < 60 else { return nil }
                seconds += Double(sec)
                if expect(0x2E) {
                    var scale = 0.1
                    var any = false
                    while i < u.count, u[i] >= 0x30, u[i] <= 0x39 {
                        seconds += Double(u[i] - 0x30) * scale
                        scale /= 10
                        i += 1
                        any = true
                    }
                    guard any else { return nil }
                }
            }
        }
        if i == u.count {
            let guess = Date(timeIntervalSince1970: seconds)
            return Date(timeIntervalSince1970: seconds - Double(timeZone.secondsFromGMT(for: guess)))
        }
        if expect(0x5A), i == u.count { return Date(timeIntervalSince1970: seconds) }
        guard i < u.count, u[i] == 0x2B || u[i] == 0x2D else { return nil }
        let sign: Double = u[i] == 0x2B ? 1 : -1
        i += 1
        guard let oh = number(2), expect(0x3A), let om = number(2), i == u.count else { return nil }
        return Date(timeIntervalSince1970: seconds - sign * Double(oh * 3600 + om * 60))
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date: years are counted from March so the
    /// leap day falls last, in 400-year eras of 146,097 days.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `days(fromCivil:)`.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
