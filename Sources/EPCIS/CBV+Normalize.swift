// One internal spelling per vocabulary value. EPCIS 2.0 JSON writes standard values as bare
// terms ("shipping") that the JSON-LD context expands; XML and EPCIS 1.x use URNs
// (urn:epcglobal:cbv:bizstep:shipping); linked data uses web URIs
// (https://ref.gs1.org/cbv/BizStep-shipping) or CURIEs (cbv:BizStep-shipping). We store the bare
// term for standard values and leave anything else exactly as written.

extension CBV {
    /// Spellings of the GS1 Web Vocabulary's base (https://gs1.org/voc/, CURIE prefix gs1).
    static let gs1VocBases = ["https://gs1.org/voc/", "http://gs1.org/voc/", "https://www.gs1.org/voc/",
                              "http://www.gs1.org/voc/", "gs1:"]

    /// Web vocabulary bases that older drafts and tools also use for the same terms.
    static let cbvBases = ["https://ref.gs1.org/cbv/", "http://ref.gs1.org/cbv/", "https://ns.gs1.org/cbv/",
                           "http://ns.gs1.org/cbv/", "cbv:"] + gs1VocBases

    /// Any accepted spelling of a standard term -> the bare term; other values unchanged.
    public static func normalize(_ value: String, _ vocabulary: Vocabulary) -> String {
        // Fast path: bare terms (the EPCIS 2.0 JSON norm) contain no colon.
        if !value.utf8.contains(0x3A) { return value }
        if let p = vocabulary.urnPrefix, value.hasPrefix(p) {
            let term = String(value.dropFirst(p.count))
            return vocabulary.terms.contains(term) ? term : value
        }
        // A CURIE (gs1:ALARM_CONDITION, cbv:BizStep-shipping) or web URI that expands to a
        // standard term is that term.
        for base in cbvBases where value.hasPrefix(base) {
            let rest = value.dropFirst(base.count)
            for local in [vocabulary.localPrefix] + vocabulary.legacyLocalPrefixes where rest.hasPrefix(local) {
                let term = String(rest.dropFirst(local.count))
                if vocabulary.terms.contains(term) { return term }
            }
        }
        return value
    }

    /// True when `value` (normalised) is a standard term of `vocabulary`.
    public static func isStandard(_ value: String, _ vocabulary: Vocabulary) -> Bool {
        vocabulary.terms.contains(value)
    }

    /// XML / EPCIS 1.x spelling: the URN for standard terms of URN-bearing vocabularies, the web
    /// URI for standard terms of the others, the value itself otherwise.
    public static func urn(_ value: String, _ vocabulary: Vocabulary) -> String {
        let v = normalize(value, vocabulary)
        guard vocabulary.terms.contains(v) else { return v }
        if let p = vocabulary.urnPrefix { return p + v }
        return vocabulary.webPrefix + v
    }

    /// Linked-data spelling: https://ref.gs1.org/cbv/BizStep-shipping, https://gs1.org/voc/Temperature;
    /// non-standard values unchanged.
    public static func webURI(_ value: String, _ vocabulary: Vocabulary) -> String {
        let v = normalize(value, vocabulary)
        return vocabulary.terms.contains(v) ? vocabulary.webPrefix + v : v
    }

    /// Whether a non-standard `value` claims the CBV / GS1 vocabulary namespace (and so is
    /// wrong: only the listed terms exist there).
    static func isInReservedNamespace(_ value: String, _ vocabulary: Vocabulary) -> Bool {
        if value.hasPrefix("urn:epcglobal:cbv:") { return true }
        for base in cbvBases where value.hasPrefix(base) {
            // "gs1:" is reserved only for the web-vocabulary types; a user prefix could be anything else.
            return true
        }
        return false
    }
}
