import Foundation
import NguonCore
import Hummingbird

/// The query string of a request, read through typed accessors that throw a field-naming 400
/// for anything out of rule. `+` is a space only in what our own HTML forms send; in API and
/// EPCIS queries it is a plus sign (`GE_eventTime=2026-03-01T08:00:00+07:00`).
struct Query {
    private(set) var values: [String: String] = [:]

    /// `query` is the raw query string, without the `?`.
    init(_ query: String?, form: Bool = false) throws(AppError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let rawKey = form ? String(parts[0]).replacingOccurrences(of: "+", with: " ") : String(parts[0])
            let rawValue = parts.count > 1 ? (form ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : String(parts[1])) : ""
            guard let key = rawKey.removingPercentEncoding else {
                throw AppError.invalid(field: rawKey, rule: "percent-encoding", LocalizedText(
                    vi: "Tham số không được mã hóa đúng (percent-encoding).", en: "The parameter name is not correctly percent-encoded."))
            }
            guard let value = rawValue.removingPercentEncoding else {
                throw AppError.invalid(field: key, rule: "percent-encoding", LocalizedText(
                    vi: "Giá trị của “\(key)” không được mã hóa đúng (percent-encoding, UTF-8).",
                    en: "The value of “\(key)” is not correctly percent-encoded UTF-8."))
            }
            // A NUL byte is never meaningful text, and PostgreSQL refuses to store or compare it.
            guard !value.unicodeScalars.contains("\u{0}") else {
                throw AppError.invalid(field: key, rule: "control-character", LocalizedText(
                    vi: "Giá trị của “\(key)” chứa ký tự NUL (%00).", en: "The value of “\(key)” contains a NUL character (%00)."))
            }
            // The first occurrence wins, as in most servers; later duplicates are ignored.
            if values[key] == nil { values[key] = value }
        }
    }

    /// Values from elsewhere than a URL (a row of an imported sheet), read by the same accessors.
    init(values: [String: String]) { self.values = values }

    subscript(_ name: String) -> String? { values[name] }

    /// Sets a parameter the server derives itself (e.g. from a path segment).
    mutating func set(_ name: String, _ value: String) { values[name] = value }

    /// A text parameter: required or optional, never longer than `maxBytes` of UTF-8.
    func text(_ name: String, required: Bool, maxBytes: Int) throws(AppError) -> String? {
        guard let value = values[name], !value.isEmpty else {
            if required {
                throw AppError.invalid(field: name, rule: "required", LocalizedText(
                    vi: "Thiếu tham số “\(name)”.", en: "The parameter “\(name)” is required."))
            }
            return nil
        }
        guard value.utf8.count <= maxBytes else {
            throw AppError.invalid(field: name, rule: "max-length", LocalizedText(
                vi: "“\(name)” dài \(value.utf8.count) byte, vượt quá giới hạn \(maxBytes) byte.",
                en: "“\(name)” is \(value.utf8.count) bytes long, over the limit of \(maxBytes) bytes."))
        }
        return value
    }

    /// A text parameter that must be present: the value, or a 400 naming the field.
    func required(_ name: String, maxBytes: Int) throws(AppError) -> String {
        guard let value = try text(name, required: true, maxBytes: maxBytes) else {
            throw AppError.invalid(field: name, rule: "required", LocalizedText(
                vi: "Thiếu tham số “\(name)”.", en: "The parameter “\(name)” is required."))
        }
        return value
    }

    /// A whole number inside `range`; absent gives nil.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(AppError) -> Int? {
        guard let raw = values[name], !raw.isEmpty else { return nil }
        guard let number = Int(raw), range.contains(number) else {
            throw AppError.invalid(field: name, rule: "range", LocalizedText(
                vi: "“\(name)” phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound) (đã nhận “\(raw)”).",
                en: "“\(name)” must be a whole number from \(range.lowerBound) to \(range.upperBound) (got “\(raw)”)."))
        }
        return number
    }

    /// One of a fixed set of values, compared case-insensitively; absent gives nil.
    func choice(_ name: String, from allowed: [String]) throws(AppError) -> String? {
        guard let raw = values[name], !raw.isEmpty else { return nil }
        guard let match = allowed.first(where: { $0.caseInsensitiveCompare(raw) == .orderedSame }) else {
            let list = allowed.joined(separator: ", ")
            throw AppError.invalid(field: name, rule: "one-of", LocalizedText(
                vi: "“\(name)” phải là một trong: \(list) (đã nhận “\(raw)”).",
                en: "“\(name)” must be one of: \(list) (got “\(raw)”)."))
        }
        return match
    }

    /// A decimal number inside `range`, written with a point or a Vietnamese decimal comma; absent gives nil.
    func decimal(_ name: String, in range: ClosedRange<Double>) throws(AppError) -> Double? {
        guard let raw = values[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        // Plain decimals only: Double() alone would also read "0x10", "1e5" and "inf".
        guard raw.utf8.count <= 30, raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "," || $0 == "-") }),
              let number = Double(raw.replacingOccurrences(of: ",", with: ".")), number.isFinite,
              range.contains(number) else {
            throw AppError.invalid(field: name, rule: "range", LocalizedText(
                vi: "“\(name)” phải là số từ \(Formatting.decimal(range.lowerBound)) đến \(Formatting.decimal(range.upperBound)) (đã nhận “\(raw.prefix(30))”).",
                en: "“\(name)” must be a number from \(range.lowerBound) to \(range.upperBound) (got “\(raw.prefix(30))”)."))
        }
        return number
    }

    /// A calendar day, "YYYY-MM-DD" (date inputs) or "DD/MM/YYYY" (typed); absent gives nil.
    func date(_ name: String) throws(AppError) -> CivilDate? {
        guard let raw = values[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let date = CivilDate(raw) else {
            throw AppError.invalid(field: name, rule: "date", LocalizedText(
                vi: "Ngày không hợp lệ (đã nhận “\(raw.prefix(30))”): hãy ghi dạng ngày/tháng/năm, ví dụ 15/01/2026.",
                en: "Not a date (got “\(raw.prefix(30))”): write it as 2026-01-15."))
        }
        return date
    }

    /// A day that has happened: an issue, an inspection, a sample. Tomorrow is refused by name.
    func pastDate(_ name: String, today: CivilDate = .today) throws(AppError) -> CivilDate? {
        guard let date = try date(name) else { return nil }
        guard date <= today else {
            throw AppError.invalid(field: name, rule: "not-future", LocalizedText(
                vi: "Ngày \(date.vietnamese) chưa tới: ngày này phải là hôm nay hoặc trước đó.",
                en: "\(date) has not come yet: give today or an earlier day."))
        }
        return date
    }

    /// Text that must say something: blank, spaces or invisible marks alone are refused as missing.
    func requiredText(_ name: String, maxBytes: Int) throws(AppError) -> String {
        guard let value = try optional(name, maxBytes: maxBytes),
              value.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
            throw AppError.invalid(field: name, rule: "required", LocalizedText(
                vi: "Thiếu “\(name)”: hãy ghi nội dung.", en: "“\(name)” is required."))
        }
        return value
    }

    /// Optional free text, trimmed; empty gives nil.
    func optional(_ name: String, maxBytes: Int) throws(AppError) -> String? {
        let value = try text(name, required: false, maxBytes: maxBytes)?.trimmingCharacters(in: .whitespacesAndNewlines)
        return value?.isEmpty == false ? value : nil
    }
}
