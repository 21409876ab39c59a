import Foundation
import XML

// Dates no real event has. An xsd:dateTime from year 0001 or 9999 parses, and so does any text
// in an ILMD member, but neither belongs in a traceability record, and both end up on public
// pages ("use by 9999").
//
// The window for event times (eventTime, recordTime, declarationTime, sensor times, the
// document's creationDate) runs from 1970-01-01T00:00:00Z — no EPCIS or barcode record of a
// product on this platform predates Unix time, and 1970 is where broken clocks and zeroed
// fields land below — to 100 years after the validating machine's clock, far enough that no
// clock skew or time zone slip refuses a real event, near enough to catch 9999 and typos of
// the century. ILMD dates describe the lot (harvest, freezing, production, expiry), which may
// be older than the platform, so they may go back to 1900.

extension EventValidator {
    static let earliestEventTime: Int64 = 0
    static let earliestMasterDataDate: Int64 = -2_208_988_800 // 1900-01-01T00:00:00Z
    /// 100 Julian years.
    static let horizonSeconds: Int64 = 3_155_760_000

    static func latestPlausible(_ now: Date) -> Int64 { Int64(now.timeIntervalSince1970.rounded(.down)) + horizonSeconds }

    static func windowDescription(from earliest: Int64, _ now: Date) -> String {
        let a = EPCISTimestamp(epochSeconds: earliest).lexical.prefix(10)
        let b = EPCISTimestamp(epochSeconds: latestPlausible(now)).lexical.prefix(10)
        return "\(a) to \(b)"
    }

    /// Why `t` is outside the window for event times (see the file comment); nil inside it.
    static func timeWindowProblem(_ t: EPCISTimestamp, now: Date) -> String? {
        guard t.epochSeconds < earliestEventTime || t.epochSeconds > latestPlausible(now) else { return nil }
        return "'\(t.lexical)' is not a plausible time for event data (allowed: \(windowDescription(from: earliestEventTime, now)))"
    }

    mutating func checkTimeWindow(_ t: EPCISTimestamp, _ field: String) {
        if let problem = Self.timeWindowProblem(t, now: now) { fail(.dateOutOfRange, field, problem) }
    }

    // MARK: ILMD

    /// The local name of a CBV master-data attribute key ("cbvmda:bestBeforeDate", any prefix
    /// the context binds to the CBV namespace, or the full IRI); nil for other keys.
    func masterDataLocalName(_ key: String) -> String? {
        for ns in CBV.masterDataNamespaces where key.hasPrefix(ns) && ns.hasSuffix(":") {
            return String(key.dropFirst(ns.count))
        }
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let prefix = String(key[..<colon])
        // The event's own @context first, then the document's, then the standard one (as the hash does).
        guard let ns = e.context?.namespace(forPrefix: prefix) ?? documentContext?.namespace(forPrefix: prefix)
                ?? EPCISContext.standardPrefixes[prefix],
              CBV.masterDataNamespaces.contains(ns) else { return nil }
        return String(key[key.index(after: colon)...])
    }

    mutating func checkMasterDataDates(_ ilmd: JSONObject) {
        for m in ilmd.members {
            guard let local = masterDataLocalName(m.key), CBV.ilmdDateAttributes.contains(local) else { continue }
            checkDateValue(m.value, "ilmd." + m.key)
        }
    }

    mutating func checkDateValue(_ v: JSONValue, _ field: String) {
        switch v {
        case .array(let a):
            for item in a { checkDateValue(item, field) }
            return
        case .object(let o):
            // From XML an element with attributes, from JSON-LD a value object.
            if let text = (o["#text"] ?? o["@value"])?.stringValue { checkDateText(text, field) }
            else { fail(.invalidDate, field, "\(field) must be a date such as 2025-06-30, not an object") }
        case .string(let s):
            checkDateText(s, field)
        default:
            fail(.invalidDate, field, "\(field) must be a date such as 2025-06-30 written as text, not \(v.typeName)")
        }
    }

    mutating func checkDateText(_ raw: String, _ field: String) {
        let s = raw.trimmingXMLWhitespace()
        guard let seconds = Self.xsdDateOrDateTime(s) else {
            fail(.invalidDate, field, "'\(s)' is not an xsd:date such as 2025-06-30 (or an xsd:dateTime)")
            return
        }
        if seconds < Self.earliestMasterDataDate || seconds > Self.latestPlausible(now) {
            fail(.dateOutOfRange, field, "'\(s)' is not a plausible date for this lot (allowed: \(Self.windowDescription(from: Self.earliestMasterDataDate, now)))")
        }
    }

    /// Seconds since the epoch of an xsd:date ("2025-06-30", with an optional "Z" or ±hh:mm, at
    /// its start in UTC) or an xsd:dateTime; nil when it is neither or names no real day.
    static func xsdDateOrDateTime(_ s: String) -> Int64? {
        if s.utf8.contains(0x54) { // "T"
            return EPCISTimestamp(s).map(\.epochSeconds)
        }
        let u = Array(s.utf8)
        guard u.count >= 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for k in r { guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }; v = v * 10 + Int(u[k] - 0x30) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10),
              (1...12).contains(m), d >= 1, d <= EPCISTimestamp.daysIn(month: m, year: y) else { return nil }
        var offset = 0
        let zone = u[10...]
        if zone.isEmpty || (zone.count == 1 && zone.first == 0x5A) {
            offset = 0
        } else if zone.count == 6, zone.first == 0x2B || zone.first == 0x2D, u[13] == 0x3A,
                  let hh = num(11..<13), let mm = num(14..<16), hh <= 14, mm <= 59 {
            offset = (hh * 3600 + mm * 60) * (zone.first == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        return Int64(EPCISTimestamp.daysFromCivil(year: y, month: m, day: d)) * 86400 - Int64(offset)
    }
}
