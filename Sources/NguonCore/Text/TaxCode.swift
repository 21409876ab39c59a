/// Vietnamese tax codes (mã số thuế), checked as an officer types them (shared/design/RULES.md):
/// - an enterprise's 10 digits, the 10th a check digit over the first nine (Circular
///   105/2020/TT-BTC art. 5: weights 31, 29, 23, 19, 17, 13, 7, 5, 3; check = 10 − (sum mod 11));
/// - a branch or dependent unit: those 10 digits, a dash and 3 digits;
/// - since 1 July 2025, an individual's or household business's 12-digit personal
///   identification number (Circular 86/2024/TT-BTC), which carries no check digit we can test.
public enum TaxCode {
    public enum Problem: Sendable, Equatable {
        /// Not 10 digits, 10-3 or 12 digits.
        case shape
        /// Ten digits whose last is not the check digit of the first nine: a typing slip.
        case checkDigit(expected: Int)
    }

    public static func isWellFormed(_ code: String) -> Bool { problem(code) == nil }

    public static func problem(_ code: String) -> Problem? {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        func digits(_ part: Substring, _ count: Int) -> Bool {
            part.utf8.count == count && part.utf8.allSatisfy { (48...57).contains($0) }
        }
        if parts.count == 1, digits(parts[0], 12) { return nil }
        guard (parts.count == 1 && digits(parts[0], 10)) || (parts.count == 2 && digits(parts[0], 10) && digits(parts[1], 3)) else {
            return .shape
        }
        let values = parts[0].utf8.map { Int($0) - 48 }
        let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        // A remainder of 0 would ask for "10"; implementations differ, and such codes read as 0 where they exist.
        let expected = (10 - sum % 11) % 10
        return values[9] == expected ? nil : .checkDigit(expected: expected)
    }
}
