/// A GS1 Company Prefix, and the keys its holder can give out from it.
///
/// GS1 General Specifications §1.4.2 and §3.3: a GTIN-13 and a GLN are both twelve digits of
/// company prefix plus reference, then a check digit, so a prefix of n digits (GS1 issues 6 to 12)
/// holds 10^(12−n) GTIN-13s and as many GLNs. Nguồn writes GTINs in their 14-digit form (indicator
/// digit 0), as AI (01) and GS1 Digital Link do. Vietnam's prefixes start with 893 (GS1 Vietnam).
public struct CompanyPrefix: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    /// Lengths GS1 member organisations issue.
    public static let lengths = 6...12

    public init(_ text: String) throws(GS1Error) {
        guard Self.lengths.contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw .invalidKey("a GS1 company prefix is 6 to 12 digits: \(text)")
        }
        digits = text
    }

    public var description: String { digits }

    /// Digits left for the item or location reference.
    public var referenceLength: Int { 12 - digits.utf8.count }

    /// How many GTIN-13s (or GLNs) the prefix holds.
    public var capacity: Int {
        (0..<referenceLength).reduce(1) { product, _ in product * 10 }
    }

    public enum KeyKind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A trade item number, written as GTIN-14 with indicator 0.
        case gtin
        /// A Global Location Number (13 digits): a party or a place.
        case gln
    }

    /// The key with this reference (0 ..< capacity), check digit included; nil when the reference
    /// does not fit the prefix.
    public func key(_ kind: KeyKind, reference: Int) -> String? {
        guard reference >= 0, reference < capacity else { return nil }
        let text = String(reference)
        let body = digits + String(repeating: "0", count: referenceLength - text.utf8.count) + text
        guard let key = GS1.appendingCheckDigit(to: body) else { return nil }
        return kind == .gtin ? "0" + key : key
    }

    /// The reference of `key` under this prefix, or nil when `key` is not one of its keys of that kind.
    public func reference(of key: String, as kind: KeyKind) -> Int? {
        var body = Substring(key)
        if kind == .gtin {
            guard body.utf8.count == 14, body.first == "0" else { return nil }
            body = body.dropFirst()
        }
        guard body.utf8.count == 13, body.hasPrefix(digits), GS1.hasValidCheckDigit(String(body)) else { return nil }
        return Int(body.dropFirst(digits.utf8.count).dropLast())
    }
}

/// Who holds a GS1 key: the company prefix it was made under (GS1 General Specifications §1.4.2),
/// found without knowing the prefix's length, which a key does not carry.
public struct KeyHolding: Sendable, Hashable {
    /// The key's digits that begin with its company prefix (after an SSCC's extension digit, a
    /// GTIN's indicator digit, a GRAI's leading zero).
    public let prefixed: String
    /// The key as an allocation records it: a GTIN with indicator 0 (every packaging level of
    /// one item is the item's holder's), a GLN as it is; nil for kinds never allocated.
    public let allocationKey: String?

    /// The holding of primary key `value` under application identifier `ai`; nil when `ai` is
    /// not a primary key made under a company prefix.
    public init?(ai: String, value: String) {
        let digits = value.prefix { $0.isASCII && $0.isNumber }
        switch ai {
        case "01", "02", "8006":
            // GTIN-14: indicator digit, then the GTIN-13 body.
            guard value.utf8.count >= 14, digits.utf8.count >= 14 else { return nil }
            let body = String(digits.dropFirst().prefix(12))
            prefixed = body
            allocationKey = GS1.appendingCheckDigit(to: "0" + body).map { $0 }
        case "00", "8003":
            // SSCC: extension digit; GRAI: a leading zero.
            guard digits.utf8.count > 7 else { return nil }
            prefixed = String(digits.dropFirst())
            allocationKey = nil
        case "414", "417":
            guard digits.utf8.count == 13 else { return nil }
            prefixed = String(digits)
            allocationKey = String(digits)
        case "253", "255", "401", "402", "8004", "8010", "8013", "8017", "8018":
            guard digits.utf8.count >= 6 else { return nil }
            prefixed = String(digits)
            allocationKey = nil
        default:
            return nil
        }
    }

    /// Whether the key was made under `prefix`.
    public func isUnder(_ prefix: CompanyPrefix) -> Bool { prefixed.hasPrefix(prefix.digits) }

    /// The candidate prefixes of this key, shortest first: one of them is its holder's.
    public var candidatePrefixes: [String] {
        CompanyPrefix.lengths.compactMap { n in prefixed.utf8.count >= n ? String(prefixed.prefix(n)) : nil }
    }
}
