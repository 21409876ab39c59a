import Foundation

/// One substance measured in a monitoring sample: what the laboratory reported against the
/// maximum level (a residue limit, a microbiological criterion). Laboratories write results as
/// numbers with a decimal comma or point, as "<0,01" below the limit of detection, or as
/// "KPH" / "ND" (không phát hiện, not detected).
public struct Analyte: Sendable, Equatable, Codable {
    public var name: String
    public var result: String
    /// The maximum level, in `unit`; nil when the regulation forbids any (a banned substance).
    public var limit: Double?
    public var unit: String

    public init(name: String, result: String, limit: Double?, unit: String) {
        self.name = name
        self.result = result
        self.limit = limit
        self.unit = unit
    }

    public enum Reading: Sendable, Equatable {
        case notDetected
        /// Below a detection or quantification limit ("<0,01").
        case below(Double)
        case value(Double)
    }

    /// The result as the laboratory meant it, or nil when it is not a result.
    public static func read(_ text: String) -> Reading? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let upper = trimmed.uppercased()
        if ["KPH", "ND", "KHÔNG PHÁT HIỆN", "NOT DETECTED"].contains(upper) { return .notDetected }
        func number(_ text: some StringProtocol) -> Double? {
            let digits = text.trimmingCharacters(in: .whitespaces)
            // Plain decimals: "0x10" or "1e-3" are not how laboratories write results.
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
            let value = Double(digits.replacingOccurrences(of: ",", with: "."))
            return value.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        }
        if trimmed.hasPrefix("<") { return number(trimmed.dropFirst()).map(Reading.below) }
        return number(trimmed).map(Reading.value)
    }

    /// Whether the result breaks the limit: a measured value above it, or any detection of a
    /// substance with no permitted level. Nil when the result cannot be read.
    public var exceeds: Bool? {
        guard let reading = Self.read(result) else { return nil }
        switch reading {
        case .notDetected, .below: return false
        case .value(let value): return limit.map { value > $0 } ?? (value > 0)
        }
    }
}
