import EPCIS

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
        // "2026-11-25T09:30:00.000+07:00": the EPCIS timestamp writer already does the calendar.
        let lexical = EPCISTimestamp(epochMilliseconds: millis, offsetSeconds: 7 * 3600).lexical
        return date(String(lexical.prefix(10)), language) + " " + lexical.dropFirst(11).prefix(5)
    }
}

extension Formatting {
    /// 1.5 as "1,5" and 500 as "500": Vietnamese writes a decimal comma, and whole numbers need none.
    static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value).replacingOccurrences(of: ".", with: ",")
    }
}
