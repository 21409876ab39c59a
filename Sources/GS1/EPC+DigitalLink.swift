// EPC pure-identity URNs (EPC Tag Data Standard) <-> GS1 element strings and Digital Links.
// URN -> GS1 needs no company prefix length (the "." marks it); GS1 -> URN does, because
// GS1 keys do not show where the company prefix ends.

/// EPC URN conversions for SGTIN, LGTIN (class), SSCC, SGLN, GRAI, GIAI, GSRN, GSRNP, GDTI and SGCN.
public enum EPC {
    /// The GS1 data carried by a pure-identity EPC URN, e.g.
    /// "urn:epc:id:sgtin:0614141.112345.400" -> (01)80614141123458(21)400.
    public static func elementString(fromURN urn: String) throws(GS1Error) -> ElementString {
        let prefixes = ["urn:epc:id:", "urn:epc:class:"]
        guard let prefix = prefixes.first(where: { urn.hasPrefix($0) }) else { throw .invalidEPC(urn) }
        let rest = urn.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { throw .invalidEPC(urn) }
        let scheme = String(rest[..<colon])
        let parts = rest[rest.index(after: colon)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        func digits(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy(isDigit) }
        func need(_ n: Int) throws(GS1Error) {
            guard parts.count == n, digits(parts[0]), (6...12).contains(parts[0].count) else { throw .invalidEPC(urn) }
        }
        func withCheck(_ s: String) -> String { s + String(GS1.checkDigit(of: s)!) }
        var pairs: [(String, String)] = []
        switch (prefix, scheme) {
        case ("urn:epc:id:", "sgtin"), ("urn:epc:class:", "lgtin"):
            try need(3)
            let (cp, item) = (parts[0], parts[1])
            guard digits(item), cp.count + item.count == 13 else { throw .invalidEPC(urn) }
            let gtin = withCheck(String(item.prefix(1)) + cp + String(item.dropFirst()))
            pairs = [("01", gtin), (scheme == "sgtin" ? "21" : "10", try unescape(parts[2], urn))]
        case ("urn:epc:id:", "sscc"):
            try need(2)
            guard digits(parts[1]), parts[0].count + parts[1].count == 17 else { throw .invalidEPC(urn) }
            pairs = [("00", withCheck(String(parts[1].prefix(1)) + parts[0] + String(parts[1].dropFirst())))]
        case ("urn:epc:id:", "sgln"):
            try need(3)
            guard parts[1].utf8.allSatisfy(isDigit), parts[0].count + parts[1].count == 12 else { throw .invalidEPC(urn) }
            pairs = [("414", withCheck(parts[0] + parts[1]))]
            if parts[2] != "0" { pairs.append(("254", try unescape(parts[2], urn))) }
        case ("urn:epc:id:", "grai"):
            try need(3)
            guard parts[1].utf8.allSatisfy(isDigit), parts[0].count + parts[1].count == 12 else { throw .invalidEPC(urn) }
            pairs = [("8003", "0" + withCheck(parts[0] + parts[1]) + (try unescape(parts[2], urn)))]
        case ("urn:epc:id:", "giai"):
            try need(2)
            pairs = [("8004", parts[0] + (try unescape(parts[1], urn)))]
        case ("urn:epc:id:", "gsrn"), ("urn:epc:id:", "gsrnp"):
            try need(2)
            guard digits(parts[1]), parts[0].count + parts[1].count == 17 else { throw .invalidEPC(urn) }
            pairs = [(scheme == "gsrn" ? "8018" : "8017", withCheck(parts[0] + parts[1]))]
        case ("urn:epc:id:", "gdti"), ("urn:epc:id:", "sgcn"):
            try need(3)
            guard parts[1].utf8.allSatisfy(isDigit), parts[0].count + parts[1].count == 12 else { throw .invalidEPC(urn) }
            pairs = [(scheme == "gdti" ? "253" : "255", withCheck(parts[0] + parts[1]) + (try unescape(parts[2], urn)))]
        default:
            throw .invalidEPC(urn)
        }
        // Validate each value through the bracketed parser, one AI at a time so "(" needs no escaping rules.
        var elements: [AIElement] = []
        for (ai, value) in pairs {
            let escaped = value.split(separator: "(", omittingEmptySubsequences: false).joined(separator: "\\(")
            elements += try ElementString.parse(bracketed: "(\(ai))" + escaped, options: ParseOptions(validateAssociations: false)).elements
        }
        return ElementString(elements)
    }

    /// The Digital Link URI for a pure-identity EPC URN.
    public static func digitalLink(fromURN urn: String, stem: String = DigitalLink.canonicalStem) throws(GS1Error) -> String {
        try elementString(fromURN: urn).digitalLink(stem: stem)
    }

    /// The EPC URN for the GS1 key in `data`. `companyPrefixLength` (6...12) says how many
    /// digits of the key are the GS1 Company Prefix: 7 is common; Vietnamese 893 prefixes are
    /// often 9 or 10 digits long, so pass the length GS1 Vietnam assigned.
    public static func urn(for data: ElementString, companyPrefixLength: Int = 7) throws(GS1Error) -> String {
        let L = companyPrefixLength
        guard (6...12).contains(L) else { throw .invalidCompanyPrefixLength(L) }
        func sub(_ s: String, _ from: Int, _ to: Int) -> String {
            let u = Array(s.utf8)
            return String(decoding: u[min(from, u.count)..<min(to, u.count)], as: UTF8.self)
        }
        if let sscc = data["00"] {
            return "urn:epc:id:sscc:" + sub(sscc, 1, 1 + L) + "." + sub(sscc, 0, 1) + sub(sscc, 1 + L, 17)
        }
        if let gtin = data["01"] {
            let head = sub(gtin, 1, 1 + L) + "." + sub(gtin, 0, 1) + sub(gtin, 1 + L, 13) + "."
            if let serial = data["21"] { return "urn:epc:id:sgtin:" + head + escape(serial) }
            if let lot = data["10"] { return "urn:epc:class:lgtin:" + head + escape(lot) }
            throw .invalidEPC("a GTIN needs (21) serial or (10) lot to form an EPC")
        }
        if let gln = data["414"] {
            return "urn:epc:id:sgln:" + sub(gln, 0, L) + "." + sub(gln, L, 12) + "." + escape(data["254"] ?? "0")
        }
        if let grai = data["8003"] {
            return "urn:epc:id:grai:" + sub(grai, 1, 1 + L) + "." + sub(grai, 1 + L, 13) + "." + escape(sub(grai, 14, 99))
        }
        if let giai = data["8004"] {
            guard giai.utf8.count > L else { throw .invalidCompanyPrefixLength(L) }
            return "urn:epc:id:giai:" + sub(giai, 0, L) + "." + escape(sub(giai, L, 99))
        }
        for (ai, scheme) in [("8018", "gsrn"), ("8017", "gsrnp")] {
            if let v = data[ai] { return "urn:epc:id:\(scheme):" + sub(v, 0, L) + "." + sub(v, L, 17) }
        }
        for (ai, scheme) in [("253", "gdti"), ("255", "sgcn")] {
            if let v = data[ai] { return "urn:epc:id:\(scheme):" + sub(v, 0, L) + "." + sub(v, L, 12) + "." + escape(sub(v, 13, 99)) }
        }
        throw .invalidEPC("no GS1 key with an EPC scheme in \(data.bracketed)")
    }

    /// The EPC URN for a Digital Link URI.
    public static func urn(fromDigitalLink uri: String, companyPrefixLength: Int = 7,
                           options: ParseOptions = .default) throws(GS1Error) -> String {
        try urn(for: DigitalLink.parse(uri, options: options), companyPrefixLength: companyPrefixLength)
    }

    /// Tag Data Standard escaping: these CSET 82 characters are written as %XX in URNs.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\"": out += "%22"
            case "%": out += "%25"
            case "&": out += "%26"
            case "/": out += "%2F"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "?": out += "%3F"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: String, _ urn: String) throws(GS1Error) -> String {
        guard s.contains("%") else { return s }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            if u[i] == 37 {
                guard i + 2 < u.count, isHex(u[i + 1]), isHex(u[i + 2]) else { throw .invalidEPC(urn) }
                out.append(hexValue(u[i + 1]) << 4 | hexValue(u[i + 2]))
                i += 3
            } else {
                out.append(u[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
