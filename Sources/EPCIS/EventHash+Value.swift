// Value canonicalisation for the pre-hash string: whitespace trimming (rule 5), timestamps in
// UTC with milliseconds (rules 8-9), CBV URNs and bare terms to web URIs (rules 14, 16), CURIE
// expansion for the standard prefixes (rule 15), numbers (rule 6) and GS1 identifiers (rules
// 17-18). One dispatch on the first bytes keeps ordinary values (action codes, units, free
// text) to a single scan.

extension EventHash {
    /// CBV URN vocabularies and their web URI prefixes (rule 14).
    static let cbvURNs: [(urn: [UInt8], web: [UInt8])] = [
        ("bizstep:", "BizStep-"), ("disp:", "Disp-"), ("btt:", "BTT-"), ("sdt:", "SDT-"), ("er:", "ER-"),
    ].map { (Array($0.0.utf8), Array(("https://ref.gs1.org/cbv/" + $0.1).utf8)) }

    /// Standard CURIE prefixes (rule 15). These are the ones the reference expands whatever the
    /// document declares; expanding other prefixes in values would make an XML attribute such
    /// as component="example:x" hash differently from the same JSON-LD value, so we don't.
    static let standardCURIEs: [(prefix: [UInt8], uri: [UInt8])] = [
        ("gs1:", "https://gs1.org/voc/"), ("cbv:", "https://ref.gs1.org/cbv/"), ("epcis:", "https://ref.gs1.org/epcis/"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Appends the canonical form of one value. `vocab` is the web URI prefix for bare terms
    /// of the field's standard vocabulary ("shipping" -> ".../BizStep-shipping").
    static func appendCanonicalValue(_ raw: UnsafeBufferPointer<UInt8>, vocab: StaticString?, to out: inout [UInt8]) {
        let v = trimmed(raw)
        guard !v.isEmpty else { return }
        if let vocab, !v.contains(0x3A) {
            append(vocab, to: &out)
            out.append(contentsOf: v)
            return
        }
        switch v[0] {
        case 0x75:  // u
            if matches(v, at: 0, "urn:epc:") {
                if appendDigitalLink(fromEPC: v, to: &out) { return }
            } else if matches(v, at: 0, "urn:epcglobal:cbv:") {
                for (urn, web) in cbvURNs where matches(v, at: 18, urn) {
                    out.append(contentsOf: web)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: v[(18 + urn.count)...]))
                    return
                }
            }
        case 0x68:  // h
            if matches(v, at: 0, "https://") || matches(v, at: 0, "http://") {
                if appendCanonicalDigitalLink(v, to: &out) { return }
            }
        case 0x67, 0x63, 0x65:  // g, c, e
            for (prefix, uri) in standardCURIEs where matches(v, at: 0, prefix) {
                out.append(contentsOf: uri)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: v[prefix.count...]))
                return
            }
        case 0x30...0x39, 0x2B, 0x2D, 0x2E:  // digit, +, -, .
            if appendCanonicalNumber(v, to: &out) { return }
        default:
            break
        }
        out.append(contentsOf: v)
    }

    static func matches(_ v: UnsafeBufferPointer<UInt8>, at i: Int, _ lit: [UInt8]) -> Bool {
        guard i + lit.count <= v.count else { return false }
        for k in 0..<lit.count where v[i + k] != lit[k] { return false }
        return true
    }

    // MARK: Whitespace

    /// `v` without leading and trailing whitespace (rule 5). ASCII is checked inline; a
    /// non-ASCII byte at either end falls back to Unicode White_Space, as Python's strip() does.
    static func trimmed(_ v: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var a = 0, b = v.count
        while a < b {
            let c = v[a]
            if isASCIISpace(c) { a += 1; continue }
            if c >= 0x80, let n = unicodeSpaceLength(v, at: a) { a += n; continue }
            break
        }
        while b > a {
            let c = v[b - 1]
            if isASCIISpace(c) { b -= 1; continue }
            if c >= 0x80, let n = unicodeSpaceLengthEnding(v, at: b, from: a) { b -= n; continue }
            break
        }
        return UnsafeBufferPointer(rebasing: v[a..<b])
    }

    @inline(__always) static func isASCIISpace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)
    }

    /// Byte length of a whitespace scalar starting at `i`, if there is one.
    static func unicodeSpaceLength(_ v: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        var it = UnsafeBufferPointer(rebasing: v[i...]).makeIterator()
        var dec = UTF8()
        guard case .scalarValue(let s) = dec.decode(&it), s.properties.isWhitespace else { return nil }
        return UTF8.width(s)
    }

    /// Byte length of a whitespace scalar ending at `end` (exclusive), if there is one.
    static func unicodeSpaceLengthEnding(_ v: UnsafeBufferPointer<UInt8>, at end: Int, from start: Int) -> Int? {
        var s = end - 1
        while s > start, v[s] & 0xC0 == 0x80 { s -= 1 }
        guard let n = unicodeSpaceLength(v, at: s), s + n == end else { return nil }
        return n
    }

    // MARK: Timestamps

    /// "YYYY-MM-DDTHH:MM:SS.mmmZ": UTC, exactly three fraction digits, the third rounded up when
    /// the fourth is 5-9 (rule 9, e.g. .1415 -> .142), carrying into the seconds if need be.
    static func appendUTCMilliseconds(_ t: EPCISTimestamp, to out: inout [UInt8]) {
        var seconds = t.epochSeconds
        var ms = Int(t.nanoseconds) / 1_000_000
        if Int(t.nanoseconds) % 1_000_000 >= 500_000 { ms += 1 }
        if ms == 1000 { ms = 0; seconds += 1 }
        var days = seconds / 86400
        var rem = seconds % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let (y, m, d) = EPCISTimestamp.civil(fromDays: Int(days))
        func put(_ v: Int, _ width: Int) {
            if width == 4, v > 9999 || v < 0 { out.append(contentsOf: String(v).utf8); return }
            var div = 1
            for _ in 1..<width { div *= 10 }
            var x = v
            while div > 0 { out.append(UInt8(0x30 + x / div)); x %= div; div /= 10 }
        }
        let r = Int(rem)
        put(y, 4); out.append(0x2D); put(m, 2); out.append(0x2D); put(d, 2); out.append(0x54)
        put(r / 3600, 2); out.append(0x3A); put(r / 60 % 60, 2); out.append(0x3A); put(r % 60, 2)
        out.append(0x2E); put(ms, 3); out.append(0x5A)
    }
}
