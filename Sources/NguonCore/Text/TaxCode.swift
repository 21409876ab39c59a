/// The shape of a Vietnamese tax code (mã số thuế): 10 digits for an enterprise, or 10 digits,
/// a dash and 3 digits for a branch or dependent unit (Circular 105/2020/TT-BTC art. 5; see
/// shared/design/RULES.md). The check digit and the 12-digit personal numbers used by household
/// businesses since 1 July 2025 (Circular 86/2024/TT-BTC) come with the registry.
public enum TaxCode {
    public static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        func digits(_ part: Substring, _ count: Int) -> Bool {
            part.utf8.count == count && part.utf8.allSatisfy { (48...57).contains($0) }
        }
        return (parts.count == 1 && digits(parts[0], 10)) || (parts.count == 2 && digits(parts[0], 10) && digits(parts[1], 3))
    }
}
