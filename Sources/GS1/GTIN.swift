/// A validated Global Trade Item Number, always held in its 14-digit form.
///
/// `GTIN("9520123456788")` (GTIN-13), `GTIN("416000336108")` (GTIN-12), `GTIN("02345673")`
/// (GTIN-8) and `GTIN("09520123456788")` all validate the check digit and normalise by
/// left-padding with zeros, as AI (01) and GS1 Digital Link require.
public struct GTIN: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The 14-digit form used in AI (01).
    public let gtin14: String

    public init(_ text: String) throws(GS1Error) {
        let u = Array(text.utf8)
        guard [8, 12, 13, 14].contains(u.count), u.allSatisfy(isDigit) else {
            throw .invalidKey("GTIN must be 8, 12, 13 or 14 digits: \(text)")
        }
        guard GS1.hasValidCheckDigit(text) else { throw .invalidKey("GTIN check digit is wrong: \(text)") }
        gtin14 = String(repeating: "0", count: 14 - u.count) + text
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(s) } catch { throw error }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(gtin14)
    }

    /// Packaging indicator digit (first digit of the GTIN-14).
    public var indicator: Character { gtin14.first! }
    /// The GTIN-13 form when the GTIN-14 starts with one zero.
    public var gtin13: String? { shortened(to: 13) }
    /// The GTIN-12 (UPC-A) form when the GTIN-14 starts with two zeros.
    public var gtin12: String? { shortened(to: 12) }
    /// The GTIN-8 form when the GTIN-14 starts with six zeros.
    public var gtin8: String? { shortened(to: 8) }

    public var description: String { gtin14 }

    private func shortened(to n: Int) -> String? {
        let cut = 14 - n
        return gtin14.utf8.prefix(cut).allSatisfy({ $0 == 48 }) ? String(gtin14.dropFirst(cut)) : nil
    }
}
