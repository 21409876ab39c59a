// Identifier canonicalisation for the pre-hash string (CBV 2.0 event hash rules 17 and 18):
// EPC URIs (urn:epc:id / class / idpat) become canonical GS1 Digital Link URIs, and Digital
// Links are constrained to https://id.gs1.org, no query string, and only the finest level of
// identification. Works on UTF-8 bytes without regexes or intermediate Strings because every
// EPC in every captured event passes through here.
//
// Percent-escapes written in an EPC URI are kept as written; the characters the GS1 Digital
// Link standard (table 7-1) additionally wants escaped in path values, ! ( ) * + , :, are
// escaped on output. Anything that does not parse as a GS1 identifier is left to the caller
// (which writes the value unchanged), exactly as the reference implementation does.

extension EventHash {
    static let canonicalDLPrefix: [UInt8] = Array("https://id.gs1.org/".utf8)

    // MARK: - EPC URIs

    /// Appends the Digital Link for an EPC pure-identity, class or ID-pattern URI and returns
    /// true; returns false (appending nothing) when `v` is not a convertible GS1 EPC URI.
    static func appendDigitalLink(fromEPC v: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        // v starts with "urn:epc:" (checked by the caller).
        var i = 8
        enum Kind { case id, cls, idpat }
        let kind: Kind
        if matches(v, at: i, "id:") { kind = .id; i += 3 }
        else if matches(v, at: i, "class:") { kind = .cls; i += 6 }
        else if matches(v, at: i, "idpat:") { kind = .idpat; i += 6 }
        else { return false }
        guard let colon = index(of: 0x3A, in: v, from: i) else { return false }
        let scheme = Array(v[i..<colon])
        let body = UnsafeBufferPointer(rebasing: v[(colon + 1)...])
        let mark = out.count
        var w = URNWriter(body: body)
        let ok: Bool
        switch (kind, String(decoding: scheme, as: UTF8.self)) {
        case (.id, "sgtin"): ok = w.gtinKeyed(ai: "01", qualifier: "21", maxSerial: 20, pattern: false, into: &out)
        case (.cls, "lgtin"): ok = w.gtinKeyed(ai: "01", qualifier: "10", maxSerial: 20, pattern: false, into: &out)
        case (.idpat, "sgtin"): ok = w.gtinKeyed(ai: "01", qualifier: nil, maxSerial: 0, pattern: true, into: &out)
        case (.id, "upui"): ok = w.gtinKeyed(ai: "01", qualifier: "235", maxSerial: 28, pattern: false, into: &out)
        case (.idpat, "upui"): ok = w.gtinKeyed(ai: "01", qualifier: nil, maxSerial: 0, pattern: true, into: &out)
        case (.id, "itip"): ok = w.itip(pattern: false, into: &out)
        case (.idpat, "itip"): ok = w.itip(pattern: true, into: &out)
        case (.id, "sscc"): ok = w.digitsWithCheck(ai: "00", total: 17, extensionFirst: true, into: &out)
        case (.id, "gsrn"): ok = w.digitsWithCheck(ai: "8018", total: 17, extensionFirst: false, into: &out)
        case (.id, "gsrnp"): ok = w.digitsWithCheck(ai: "8017", total: 17, extensionFirst: false, into: &out)
        case (.id, "gsin"): ok = w.digitsWithCheck(ai: "402", total: 16, extensionFirst: false, into: &out)
        case (.id, "pgln"): ok = w.twelveDigitKey(ai: "417", serial: .none, into: &out)
        case (.id, "sgln"): ok = w.twelveDigitKey(ai: "414", serial: .glnExtension, into: &out)
        case (.id, "grai"): ok = w.twelveDigitKey(ai: "8003", serial: .appended(max: 16, digitsOnly: false, zeroPrefix: true), into: &out)
        case (.idpat, "grai"): ok = w.twelveDigitKey(ai: "8003", serial: .pattern(zeroPrefix: true), into: &out)
        case (.id, "gdti"): ok = w.twelveDigitKey(ai: "253", serial: .appended(max: 17, digitsOnly: false, zeroPrefix: false), into: &out)
        case (.idpat, "gdti"): ok = w.twelveDigitKey(ai: "253", serial: .pattern(zeroPrefix: false), into: &out)
        case (.id, "sgcn"): ok = w.twelveDigitKey(ai: "255", serial: .appended(max: 12, digitsOnly: true, zeroPrefix: false), into: &out)
        case (.idpat, "sgcn"): ok = w.twelveDigitKey(ai: "255", serial: .pattern(zeroPrefix: false), into: &out)
        case (.id, "giai"): ok = w.prefixPlusReference(ai: "8004", into: &out)
        case (.id, "ginc"): ok = w.prefixPlusReference(ai: "401", into: &out)
        case (.id, "cpi"): ok = w.cpi(pattern: false, into: &out)
        case (.idpat, "cpi"): ok = w.cpi(pattern: true, into: &out)
        default: ok = false
        }
        if !ok { out.removeSubrange(mark...) }
        return ok
    }

    /// Field-by-field reader of the part after "urn:epc:…:scheme:", writing the Digital Link.
    struct URNWriter {
        let body: UnsafeBufferPointer<UInt8>
        var pos = 0

        init(body: UnsafeBufferPointer<UInt8>) { self.body = body }

        /// Next '.'-terminated field (or the rest when `last`).
        mutating func field(last: Bool = false) -> Range<Int>? {
            if last { let r = pos..<body.count; pos = body.count; return r }
            guard let dot = EventHash.index(of: 0x2E, in: body, from: pos) else { return nil }
            let r = pos..<dot
            pos = dot + 1
            return r
        }

        func allDigits(_ r: Range<Int>) -> Bool {
            for k in r where body[k] < 0x30 || body[k] > 0x39 { return false }
            return true
        }

        /// The GS1 Company Prefix: 6 to 12 digits.
        mutating func companyPrefix() -> Range<Int>? {
            guard let cp = field(), (6...12).contains(cp.count), allDigits(cp) else { return nil }
            return cp
        }

        func isStar(_ r: Range<Int>) -> Bool { r.count == 1 && body[r.lowerBound] == 0x2A }

        /// Writes AI "/" and a key whose last digit is the GS1 check digit of `digits`.
        func writeKey(_ ai: StaticString, digits: [UInt8], into out: inout [UInt8]) {
            out.append(contentsOf: EventHash.canonicalDLPrefix)
            EventHash.append(ai, to: &out)
            out.append(0x2F)
            out.append(contentsOf: digits)
            out.append(EventHash.checkDigit(digits))
        }

        /// SGTIN, LGTIN, UPUI and their patterns: CP.IR(.serial) with CP+IR = 13 digits; the
        /// indicator digit (first of IR) moves to the front of the GTIN.
        mutating func gtinKeyed(ai: StaticString, qualifier: StaticString?, maxSerial: Int, pattern: Bool, into out: inout [UInt8]) -> Bool {
            guard let cp = companyPrefix(), let ir = field(), cp.count + ir.count == 13, allDigits(ir) else { return false }
            let serial = field(last: true)!
            var gtin: [UInt8] = [body[ir.lowerBound]]
            gtin.append(contentsOf: body[cp])
            gtin.append(contentsOf: body[(ir.lowerBound + 1)..<ir.upperBound])
            if pattern {
                guard isStar(serial) else { return false }
                writeKey(ai, digits: gtin, into: &out)
                return true
            }
            guard let q = qualifier, EventHash.validEscapedValue(body, serial, max: maxSerial) else { return false }
            writeKey(ai, digits: gtin, into: &out)
            out.append(0x2F)
            EventHash.append(q, to: &out)
            out.append(0x2F)
            EventHash.appendEscaped(body, serial, to: &out)
            return true
        }

        /// ITIP: CP.IR.piece.total.serial -> 8006/GTIN+piece+total/21/serial.
        mutating func itip(pattern: Bool, into out: inout [UInt8]) -> Bool {
            guard let cp = companyPrefix(), let ir = field(), cp.count + ir.count == 13, allDigits(ir),
                  let piece = field(), piece.count == 2, allDigits(piece),
                  let total = field(), total.count == 2, allDigits(total) else { return false }
            let serial = field(last: true)!
            var gtin: [UInt8] = [body[ir.lowerBound]]
            gtin.append(contentsOf: body[cp])
            gtin.append(contentsOf: body[(ir.lowerBound + 1)..<ir.upperBound])
            if pattern { guard isStar(serial) else { return false } }
            else { guard EventHash.validEscapedValue(body, serial, max: 20) else { return false } }
            writeKey("8006", digits: gtin, into: &out)
            out.append(contentsOf: body[piece])
            out.append(contentsOf: body[total])
            if !pattern {
                EventHash.append("/21/", to: &out)
                EventHash.appendEscaped(body, serial, to: &out)
            }
            return true
        }

        /// SSCC (extension digit first), GSRN, GSRNP, GSIN: all-digit keys CP.ref of fixed length.
        mutating func digitsWithCheck(ai: StaticString, total: Int, extensionFirst: Bool, into out: inout [UInt8]) -> Bool {
            guard let cp = companyPrefix(), let ref = field(last: true), cp.count + ref.count == total,
                  !ref.isEmpty, allDigits(ref) else { return false }
            var digits: [UInt8] = []
            if extensionFirst {
                digits.append(body[ref.lowerBound])
                digits.append(contentsOf: body[cp])
                digits.append(contentsOf: body[(ref.lowerBound + 1)..<ref.upperBound])
            } else {
                digits.append(contentsOf: body[cp])
                digits.append(contentsOf: body[ref])
            }
            writeKey(ai, digits: digits, into: &out)
            return true
        }

        enum Serial {
            case none
            case glnExtension
            case appended(max: Int, digitsOnly: Bool, zeroPrefix: Bool)
            case pattern(zeroPrefix: Bool)
        }

        /// PGLN, SGLN, GRAI, GDTI, SGCN: CP.ref with CP+ref = 12 digits (ref may be empty for a
        /// 12-digit prefix), check digit, then the serial / extension as the scheme wants it.
        mutating func twelveDigitKey(ai: StaticString, serial: Serial, into out: inout [UInt8]) -> Bool {
            guard let cp = companyPrefix() else { return false }
            let ref: Range<Int>
            if case .none = serial {
                guard let r = field(last: true) else { return false }
                ref = r
            } else {
                guard let r = field() else { return false }
                ref = r
            }
            guard cp.count + ref.count == 12, allDigits(ref) else { return false }
            var digits: [UInt8] = Array(body[cp])
            digits.append(contentsOf: body[ref])
            let rest = pos..<body.count
            switch serial {
            case .none:
                writeKey(ai, digits: digits, into: &out)
            case .glnExtension:
                guard EventHash.validEscapedValue(body, rest, max: 20) else { return false }
                writeKey(ai, digits: digits, into: &out)
                // Extension "0" means "no extension" (TDS §6.3.3).
                if !(rest.count == 1 && body[rest.lowerBound] == 0x30) {
                    EventHash.append("/254/", to: &out)
                    EventHash.appendEscaped(body, rest, to: &out)
                }
            case .appended(let max, let digitsOnly, let zeroPrefix):
                if digitsOnly {
                    guard (1...max).contains(rest.count), allDigits(rest) else { return false }
                } else {
                    guard EventHash.validEscapedValue(body, rest, max: max) else { return false }
                }
                if zeroPrefix { digits.insert(0x30, at: 0) }
                // GRAI's leading "0" is padding, not part of the check-digit input.
                out.append(contentsOf: EventHash.canonicalDLPrefix)
                EventHash.append(ai, to: &out)
                out.append(0x2F)
                out.append(contentsOf: digits)
                out.append(EventHash.checkDigit(zeroPrefix ? Array(digits.dropFirst()) : digits))
                EventHash.appendEscaped(body, rest, to: &out)
            case .pattern(let zeroPrefix):
                guard isStar(rest) else { return false }
                out.append(contentsOf: EventHash.canonicalDLPrefix)
                EventHash.append(ai, to: &out)
                out.append(0x2F)
                if zeroPrefix { out.append(0x30) }
                out.append(contentsOf: digits)
                out.append(EventHash.checkDigit(digits))
            }
            return true
        }

        /// GIAI, GINC: CP.reference, no check digit, at most 30 characters in all.
        mutating func prefixPlusReference(ai: StaticString, into out: inout [UInt8]) -> Bool {
            guard let cp = companyPrefix(), let ref = field(last: true),
                  EventHash.validEscapedValue(body, ref, max: 30 - cp.count) else { return false }
            out.append(contentsOf: EventHash.canonicalDLPrefix)
            EventHash.append(ai, to: &out)
            out.append(0x2F)
            out.append(contentsOf: body[cp])
            EventHash.appendEscaped(body, ref, to: &out)
            return true
        }

        /// CPI: CP.partRef.serial -> 8010/CP+partRef/8011/serial (serial: up to 12 digits).
        mutating func cpi(pattern: Bool, into out: inout [UInt8]) -> Bool {
            guard let cp = companyPrefix() else { return false }
            // The part reference has no dots, so the serial starts after the last one.
            guard let lastDot = EventHash.lastIndex(of: 0x2E, in: body), lastDot >= pos else { return false }
            let part = pos..<lastDot
            let serial = (lastDot + 1)..<body.count
            guard !part.isEmpty, EventHash.validCPIPart(body, part, max: 30 - cp.count) else { return false }
            if pattern { guard isStar(serial) else { return false } }
            else { guard (1...12).contains(serial.count), allDigits(serial) else { return false } }
            out.append(contentsOf: EventHash.canonicalDLPrefix)
            EventHash.append("8010/", to: &out)
            out.append(contentsOf: body[cp])
            out.append(contentsOf: body[part])
            if !pattern {
                EventHash.append("/8011/", to: &out)
                out.append(contentsOf: body[serial])
            }
            return true
        }
    }

    // MARK: - Digital Link URIs

    /// A GS1 primary key (or its Digital Link short name) and the key qualifiers it allows,
    /// finest first: only the finest present is kept (rule 18 III).
    static func primaryKey(_ seg: UnsafeBufferPointer<UInt8>) -> StaticString? {
        switch String(decoding: seg, as: UTF8.self) {
        case "00", "sscc": "00"
        case "01", "gtin": "01"
        case "253", "gdti": "253"
        case "255", "gcn": "255"
        case "401", "ginc": "401"
        case "402", "gsin": "402"
        case "414", "gln": "414"
        case "417", "party": "417"
        case "8003", "grai": "8003"
        case "8004", "giai": "8004"
        case "8006", "itip": "8006"
        case "8010", "cpid": "8010"
        case "8017", "gsrnp": "8017"
        case "8018", "gsrn": "8018"
        default: nil
        }
    }

    static func qualifierAI(_ seg: UnsafeBufferPointer<UInt8>) -> String {
        switch String(decoding: seg, as: UTF8.self) {
        case "cpv": "22"
        case "lot": "10"
        case "ser": "21"
        case let s: s
        }
    }

    /// Appends the constrained canonical form of an http(s) Digital Link URI and returns true;
    /// false (nothing appended) when `v` is not a Digital Link for a GS1 key.
    static func appendCanonicalDigitalLink(_ v: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        // Path: after "scheme://authority", up to the query or fragment (both dropped).
        let schemeEnd = v[4] == 0x73 ? 8 : 7  // "https://" or "http://"
        var pathStart = schemeEnd
        while pathStart < v.count, v[pathStart] != 0x2F, v[pathStart] != 0x3F, v[pathStart] != 0x23 { pathStart += 1 }
        guard pathStart < v.count, v[pathStart] == 0x2F else { return false }
        var pathEnd = pathStart
        while pathEnd < v.count, v[pathEnd] != 0x3F, v[pathEnd] != 0x23 { pathEnd += 1 }
        if pathEnd > pathStart + 1, v[pathEnd - 1] == 0x2F { pathEnd -= 1 }  // trailing slash
        // Segments (ranges into v), skipping the leading "/".
        var segs: [Range<Int>] = []
        var s = pathStart + 1
        while s <= pathEnd {
            var e = s
            while e < pathEnd, v[e] != 0x2F { e += 1 }
            segs.append(s..<e)
            s = e + 1
        }
        // The primary key is the last key segment followed by a value starting with 4 digits
        // (a custom resolver may put its own path segments in front).
        var keyIndex = -1
        var key: StaticString = "00"
        var k = segs.count - 2
        while k >= 0 {
            if let pk = primaryKey(UnsafeBufferPointer(rebasing: v[segs[k]])), startsWithFourDigits(v, segs[k + 1]) {
                keyIndex = k
                key = pk
                break
            }
            k -= 1
        }
        guard keyIndex >= 0 else { return false }
        let keyValue = segs[keyIndex + 1]
        let qualifierSegs = segs[(keyIndex + 2)...]
        guard qualifierSegs.count % 2 == 0 else { return false }
        var qualifiers: [(ai: String, value: Range<Int>)] = []
        var q = qualifierSegs.startIndex
        while q < qualifierSegs.endIndex {
            qualifiers.append((qualifierAI(UnsafeBufferPointer(rebasing: v[segs[q]])), segs[q + 1]))
            q += 2
        }
        let keyName = key.description
        // Which qualifiers the key allows, finest first; 22 (CPV) is allowed but never kept.
        let allowed: [String]
        switch keyName {
        case "01": allowed = ["21", "235", "10", "22"]
        case "8006": allowed = ["21", "10", "22"]
        case "414": allowed = ["254"]
        case "8010": allowed = ["8011"]
        default: allowed = []
        }
        for qa in qualifiers where !allowed.contains(qa.ai) { return false }
        var kept: (ai: String, value: Range<Int>)?
        for a in allowed where a != "22" {
            if let hit = qualifiers.first(where: { $0.ai == a }) { kept = hit; break }
        }
        // Validate the key value.
        let kv = keyValue
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { v[$0] >= 0x30 && v[$0] <= 0x39 } }
        var padded: [UInt8] = []
        switch keyName {
        case "00": guard kv.count == 18, digits(kv) else { return false }
        case "01":
            guard [8, 12, 13, 14].contains(kv.count), digits(kv) else { return false }
            padded = [UInt8](repeating: 0x30, count: 14 - kv.count)
        case "402": guard kv.count == 17, digits(kv) else { return false }
        case "414", "417": guard kv.count == 13, digits(kv) else { return false }
        case "8006", "8017", "8018": guard kv.count == 18, digits(kv) else { return false }
        case "253":
            guard kv.count >= 13, digits(kv.lowerBound..<(kv.lowerBound + 13)),
                  validEscapedValue(v, (kv.lowerBound + 13)..<kv.upperBound, max: 17, allowEmpty: true) else { return false }
        case "255":
            guard (13...25).contains(kv.count), digits(kv) else { return false }
        case "8003":
            guard kv.count >= 14, digits(kv.lowerBound..<(kv.lowerBound + 14)),
                  validEscapedValue(v, (kv.lowerBound + 14)..<kv.upperBound, max: 16, allowEmpty: true) else { return false }
        case "401", "8004": guard validEscapedValue(v, kv, max: 30) else { return false }
        case "8010": guard validCPIPart(v, kv, max: 30) else { return false }
        default: return false
        }
        if let kept {
            switch kept.ai {
            case "8011": guard (1...12).contains(kept.value.count), digits(kept.value) else { return false }
            case "235": guard validEscapedValue(v, kept.value, max: 28) else { return false }
            default: guard validEscapedValue(v, kept.value, max: 20) else { return false }
            }
        }
        out.append(contentsOf: canonicalDLPrefix)
        out.append(contentsOf: keyName.utf8)
        out.append(0x2F)
        out.append(contentsOf: padded)
        appendEscaped(v, kv, to: &out)
        if let kept {
            out.append(0x2F)
            out.append(contentsOf: kept.ai.utf8)
            out.append(0x2F)
            appendEscaped(v, kept.value, to: &out)
        }
        return true
    }

    static func startsWithFourDigits(_ v: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        guard r.count >= 5 else { return false }
        for k in r.lowerBound..<(r.lowerBound + 4) where v[k] < 0x30 || v[k] > 0x39 { return false }
        return true
    }

    // MARK: - Shared byte helpers

    /// GS1 AI encodable character set 82 as EPC URIs write it: the raw characters, or %HH.
    /// `max` counts characters, an escape counting as one.
    static func validEscapedValue(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, max: Int, allowEmpty: Bool = false) -> Bool {
        validEscaped(b, r, max: max, allowEmpty: allowEmpty, allowed: isCSet82)
    }

    /// CPI part reference: digits, upper-case letters, '-', and '#', '/' (raw or escaped).
    static func validCPIPart(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, max: Int) -> Bool {
        validEscaped(b, r, max: max, allowEmpty: false) { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || c == 0x2D || c == 0x23 || c == 0x2F
        }
    }

    /// Characters `allowed` raw, anything as %HH; between 1 (or 0) and `max` characters.
    private static func validEscaped(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, max: Int, allowEmpty: Bool,
                                     allowed: (UInt8) -> Bool) -> Bool {
        var n = 0
        var k = r.lowerBound
        while k < r.upperBound {
            let c = b[k]
            if c == 0x25 {
                guard k + 2 < r.upperBound, isHex(b[k + 1]), isHex(b[k + 2]) else { return false }
                k += 3
            } else {
                guard allowed(c) else { return false }
                k += 1
            }
            n += 1
        }
        return (allowEmpty || n > 0) && n <= max
    }

    @inline(__always) static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// Characters of GS1 set 82 that may appear unescaped in an EPC URI or a DL path value:
    /// letters, digits and ! ' ( ) * + , - . : ; = _ (plus " < > ? which DL values may carry raw).
    @inline(__always) static func isCSet82(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x22, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x5F: true
        default: false
        }
    }

    /// Copies a value, escaping the characters GS1 Digital Link table 7-1 wants escaped that
    /// EPC URIs may carry raw: ! ( ) * + , : ; existing %HH escapes are kept as written.
    static func appendEscaped(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, to out: inout [UInt8]) {
        for k in r {
            let c = b[k]
            switch c {
            case 0x21, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3A:
                out.append(0x25)
                out.append(hexDigit(c >> 4))
                out.append(hexDigit(c & 0x0F))
            default:
                out.append(c)
            }
        }
    }

    @inline(__always) static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x41 + n - 10 }

    /// GS1 mod-10 check digit (as an ASCII digit) for the digits given (without check digit).
    static func checkDigit(_ digits: [UInt8]) -> UInt8 {
        var sum = 0
        var weight3 = true
        for c in digits.reversed() {
            sum += Int(c - 0x30) * (weight3 ? 3 : 1)
            weight3.toggle()
        }
        return UInt8(0x30 + (10 - sum % 10) % 10)
    }

    static func matches(_ v: UnsafeBufferPointer<UInt8>, at i: Int, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard i + n <= v.count else { return false }
        let p = lit.utf8Start
        for k in 0..<n where v[i + k] != p[k] { return false }
        return true
    }

    static func index(of c: UInt8, in v: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var k = from
        while k < v.count { if v[k] == c { return k }; k += 1 }
        return nil
    }

    static func lastIndex(of c: UInt8, in v: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = v.count - 1
        while k >= 0 { if v[k] == c { return k }; k -= 1 }
        return nil
    }

    @inline(__always) static func append(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}
