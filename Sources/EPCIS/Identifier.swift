import GS1

// Identifier checks and the ONE canonical form the platform indexes by.
//
// Rule: every GS1 identifier — EPC URN (urn:epc:id:…, urn:epc:class:lgtin:…, urn:epc:idpat:sgtin:…)
// or GS1 Digital Link on any domain — is keyed by its canonical GS1 Digital Link URI on
// https://id.gs1.org, with only the primary key and its key qualifiers in the path (data
// attributes in a DL query string are dropped). Why DL rather than URN: converting a DL to an
// EPC URN needs the GS1 Company Prefix length, which a DL does not carry (Vietnamese 893
// prefixes vary from 7 to 10 digits), while URN -> DL needs nothing. The same key serves a
// consumer scanning a QR code (a DL) and an event captured with URNs.
//   urn:epc:id:sgtin:0614141.107346.2017     -> https://id.gs1.org/01/00614141073467/21/2017
//   urn:epc:class:lgtin:4012345.012345.998877 -> https://id.gs1.org/01/04012345123456/10/998877
//   urn:epc:idpat:sgtin:4012345.098765.*      -> https://id.gs1.org/01/04012345987650
//   urn:epc:id:sgln:0614141.07346.0           -> https://id.gs1.org/414/0614141073467
//   urn:epc:id:pgln:4012345.00225             -> https://id.gs1.org/417/4012345002253
// Anything else (a non-GS1 URI such as urn:uuid:… or https://example.com/x) is its own key, as written.

/// How an identifier was recognised.
public enum IdentifierKind: String, Sendable, Hashable, Codable {
    /// urn:epc:id:… (instance level).
    case epcURN
    /// urn:epc:class:… (class level: lgtin).
    case epcClassURN
    /// urn:epc:idpat:… (a pattern; EPCIS uses sgtin patterns for "all instances of a GTIN").
    case epcPatternURN
    /// A GS1 Digital Link URI.
    case digitalLink
    /// Any other absolute URI.
    case otherURI
}

/// Canonicalisation and checks of EPCIS identifiers.
public enum EPCISIdentifier {
    /// The index key for `identifier` (see the rule above); the input itself when it is not a
    /// convertible GS1 identifier.
    public static func canonicalKey(_ identifier: String) -> String {
        if let fast = fastCanonicalKey(identifier) { return fast }
        return (try? gs1Data(identifier)).flatMap { try? $0.digitalLink() } ?? identifier
    }

    /// The GS1 data (key + qualifiers) of a GS1 identifier in any accepted form.
    public static func gs1Data(_ identifier: String) throws(GS1Error) -> ElementString {
        if identifier.hasPrefix("urn:epc:") {
            if identifier.hasPrefix("urn:epc:idpat:sgtin:") { return try sgtinPattern(identifier) }
            if identifier.hasPrefix("urn:epc:id:pgln:") { return try pgln(identifier) }
            return try EPC.elementString(fromURN: identifier)
        }
        guard identifier.hasPrefix("http://") || identifier.hasPrefix("https://") else { throw .unrecognisedFormat }
        let data = try DigitalLink.parse(identifier)
        // Identity is the key and its qualifiers; DL query attributes (expiry, weight) are not.
        return data.pathCount > 0 && data.pathCount < data.elements.count ? ElementString(Array(data.elements.prefix(data.pathCount))) : data
    }

    /// What kind of identifier this is, by syntax only.
    public static func kind(_ identifier: String) -> IdentifierKind {
        if identifier.hasPrefix("urn:epc:id:") { return .epcURN }
        if identifier.hasPrefix("urn:epc:class:") { return .epcClassURN }
        if identifier.hasPrefix("urn:epc:idpat:") { return .epcPatternURN }
        if looksLikeDigitalLink(identifier) { return .digitalLink }
        return .otherURI
    }

    /// An http(s) URI whose path has a GS1 primary key (DigitalLink.parse finds one).
    static func looksLikeDigitalLink(_ s: String) -> Bool {
        guard s.hasPrefix("http://") || s.hasPrefix("https://") else { return false }
        do { _ = try DigitalLink.parse(s, options: .lenient); return true } catch {
            return error != .noPrimaryKey
        }
    }

    /// urn:epc:idpat:sgtin:CompanyPrefix.IndicatorItemRef.* -> (01) GTIN.
    static func sgtinPattern(_ urn: String) throws(GS1Error) -> ElementString {
        let body = urn.dropFirst("urn:epc:idpat:sgtin:".count)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2] == "*", parts[0].count >= 6, parts[0].count <= 12,
              parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              parts[0].count + parts[1].count == 13 else { throw .invalidEPC(urn) }
        let payload = String(parts[1].prefix(1)) + parts[0] + String(parts[1].dropFirst())
        guard let gtin = GS1.appendingCheckDigit(to: payload) else { throw .invalidEPC(urn) }
        return try ElementString.parse(bracketed: "(01)" + gtin)
    }

    /// urn:epc:id:pgln:CompanyPrefix.PartyRef -> (417) GLN (TDS 2.0 §6.3.19; not in the GS1 library).
    static func pgln(_ urn: String) throws(GS1Error) -> ElementString {
        let parts = urn.dropFirst("urn:epc:id:pgln:".count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count >= 6, parts[0].count <= 12, parts[0].count + parts[1].count == 12,
              (parts[0] + parts[1]).utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let gln = GS1.appendingCheckDigit(to: String(parts[0] + parts[1])) else { throw .invalidEPC(urn) }
        return try ElementString.parse(bracketed: "(417)" + gln)
    }

    /// EPC schemes the Tag Data Standard 2.0 defines beyond those the GS1 library converts;
    /// we check their syntax loosely rather than reject valid data.
    static let otherEPCSchemes: Set<String> = ["cpi", "ginc", "gsin", "itip", "upui", "gid", "usdod", "adi",
                                                "bic", "imovn", "lei", "pgln", "gcn"]

    /// nil when `s` is an acceptable instance-level identifier (an EPC), else why not.
    public static func instanceProblem(_ s: String) -> String? {
        if s.isEmpty { return "empty identifier" }
        if s.hasPrefix("urn:epc:id:"), fastIsValidURN(s) { return nil }
        switch kind(s) {
        case .epcURN:
            let scheme = s.dropFirst("urn:epc:id:".count).prefix { $0 != ":" }
            if otherEPCSchemes.contains(String(scheme)) && scheme != "pgln" {
                return s.dropFirst("urn:epc:id:".count + scheme.count + 1).isEmpty || !isURI(s) ? "'\(s)' is not a valid EPC URN" : nil
            }
            do { _ = try gs1Data(s); return nil } catch { return "'\(s)' is not a valid EPC URN: \(error.description)" }
        case .epcClassURN, .epcPatternURN:
            return "'\(s)' is a class-level identifier; use it in a quantity list, not as an EPC"
        case .digitalLink:
            do {
                let d = try gs1Data(s)
                if d["01"] != nil && d["21"] == nil {
                    return "'\(s)' identifies a product class (GTIN without serial); use it in a quantity list"
                }
                return nil
            } catch { return "'\(s)' is not a valid GS1 Digital Link: \(error.description)" }
        case .otherURI:
            return isURI(s) ? nil : "'\(s)' is not an absolute URI"
        }
    }

    /// nil when `s` is an acceptable class-level identifier (epcClass), else why not.
    public static func classProblem(_ s: String) -> String? {
        if s.isEmpty { return "empty epcClass" }
        if !s.hasPrefix("urn:epc:id:"), fastIsValidURN(s) { return nil }
        switch kind(s) {
        case .epcURN:
            return "'\(s)' is an instance-level EPC; epcClass needs urn:epc:class:lgtin:…, urn:epc:idpat:sgtin:… or a Digital Link with a GTIN"
        case .epcClassURN, .epcPatternURN:
            if s.hasPrefix("urn:epc:class:lgtin:") || s.hasPrefix("urn:epc:idpat:sgtin:") {
                do { _ = try gs1Data(s); return nil } catch { return "'\(s)' is not a valid class identifier: \(error.description)" }
            }
            // Other TDS patterns (grai, gdti, cpi…): accept on syntax.
            return isURI(s) ? nil : "'\(s)' is not a valid class identifier"
        case .digitalLink:
            do {
                let d = try gs1Data(s)
                guard d["01"] != nil else { return "'\(s)' has no GTIN (01); a class-level Digital Link is a GTIN, optionally with a lot (10)" }
                if d["21"] != nil { return "'\(s)' identifies a single instance (serial 21); list it as an EPC, not in a quantity list" }
                return nil
            } catch { return "'\(s)' is not a valid GS1 Digital Link: \(error.description)" }
        case .otherURI:
            return isURI(s) ? nil : "'\(s)' is not an absolute URI"
        }
    }

    /// nil when `s` is acceptable as a location, party or transaction identifier: a valid
    /// EPC URN or DL when it claims to be one, otherwise any absolute URI.
    public static func uriProblem(_ s: String) -> String? {
        if s.isEmpty { return "empty identifier" }
        if fastIsValidURN(s) { return nil }
        switch kind(s) {
        case .epcURN, .epcClassURN, .epcPatternURN:
            let scheme = s.split(separator: ":").dropFirst(3).first.map(String.init) ?? ""
            if !s.hasPrefix("urn:epc:id:pgln:") && otherEPCSchemes.contains(scheme) { return isURI(s) ? nil : "'\(s)' is not a valid EPC URN" }
            do { _ = try gs1Data(s); return nil } catch { return "'\(s)' is not a valid EPC URN: \(error.description)" }
        case .digitalLink:
            do { _ = try gs1Data(s); return nil } catch { return "'\(s)' is not a valid GS1 Digital Link: \(error.description)" }
        case .otherURI:
            return isURI(s) ? nil : "'\(s)' is not an absolute URI"
        }
    }

    /// RFC 3986 absolute URI, loosely: scheme ":" then at least one character, no whitespace,
    /// controls or characters URIs never contain. Compact IRIs such as "example:abc" pass,
    /// since JSON-LD expands them through @context.
    public static func isURI(_ s: String) -> Bool {
        var sawColon = false
        var first = true
        var schemeLength = 0
        var afterColon = 0
        for c in s.utf8 {
            if !sawColon {
                if c == 0x3A {
                    guard schemeLength > 0 else { return false }
                    sawColon = true
                    continue
                }
                let alpha = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                let ok = alpha || (!first && ((c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E))
                guard ok else { return false }
                first = false
                schemeLength += 1
            } else {
                if c <= 0x20 || c == 0x7F || c == 0x22 || c == 0x3C || c == 0x3E || c == 0x5C || c == 0x5E || c == 0x60
                    || c == 0x7B || c == 0x7C || c == 0x7D { return false }
                afterColon += 1
            }
        }
        return sawColon && afterColon > 0
    }
}
