import Foundation

/// How values read in the interface language.
enum Formatting {
    /// YYYY-MM-DD as DD/MM/YYYY for Vietnamese readers; ISO for English.
    static func date(_ iso: String, _ language: Language) -> String {
        let parts = iso.split(separator: "-")
        guard language == .vi, parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}

extension Formatting {
    /// A moment in Vietnam's time (UTC+7, no daylight saving): "25/11/2026 09:30" or "2026-11-25 09:30".
    static func dateTime(millis: Int64, _ language: Language) -> String {
        let seconds = millis / 1000 + 7 * 3600
        let days = Int(seconds.quotientFloorDiv(86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = civil(fromDays: days)
        let time = String(format: "%02d:%02d", secondOfDay / 3600, secondOfDay % 3600 / 60)
        return language == .vi ? String(format: "%02d/%02d/%04d ", d, m, y) + time : String(format: "%04d-%02d-%02d ", y, m, d) + time
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private extension Int64 {
    func quotientFloorDiv(_ divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
