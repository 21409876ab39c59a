// A fast path for the EPC URNs that make up nearly all capture traffic (sgtin, lgtin, sgtin
// patterns, sscc, sgln, pgln, giai) whose serial/lot is plain [A-Za-z0-9_-]: we check the
// syntax and build the canonical Digital Link directly from the bytes. Going through the GS1
// library (element-string parse with every AI linter, then DL generation) costs ~10 µs per
// identifier, which alone would cap capture below the 25,000 events/s target. Anything
// unusual (escapes, other schemes, malformed input) returns nil and takes the library path,
// which also produces the error message; a test checks both paths agree.

extension EPCISIdentifier {
    /// The canonical DL key for a simple, valid EPC URN; nil when this path does not decide.
    static func fastCanonicalKey(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { fastKey($0, build: true) }
    }

    /// True when `s` is a simple EPC URN this path accepts (validity only, nothing built).
    static func fastIsValidURN(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { fastKey($0, build: false) } != nil
    }

    private enum Scheme { case sgtin, lgtin, sgtinPattern, sscc, sgln, pgln, giai, grai, gdti, gsrn }

    /// Returns the key (or "" when `build` is false) for an accepted URN, nil otherwise.
    private static func fastKey(_ u: UnsafeBufferPointer<UInt8>, build: Bool) -> String? {
        // "urn:epc:" prefix, then "id:", "class:" or "idpat:".
        let n = u.count
        guard n > 16, u[0] == 0x75, u[1] == 0x72, u[2] == 0x6E, u[3] == 0x3A, u[4] == 0x65, u[5] == 0x70, u[6] == 0x63, u[7] == 0x3A else { return nil }
        var i = 8
        func word(_ w: StaticString) -> Bool {
            let c = w.utf8CodeUnitCount
            guard i + c <= n else { return false }
            for k in 0..<c where u[i + k] != w.utf8Start[k] { return false }
            i += c
            return true
        }
        let scheme: Scheme
        if word("id:sgtin:") { scheme = .sgtin }
        else if word("class:lgtin:") { scheme = .lgtin }
        else if word("idpat:sgtin:") { scheme = .sgtinPattern }
        else if word("id:sscc:") { scheme = .sscc }
        else if word("id:sgln:") { scheme = .sgln }
        else if word("id:pgln:") { scheme = .pgln }
        else if word("id:giai:") { scheme = .giai }
        else if word("id:grai:") { scheme = .grai }
        else if word("id:gdti:") { scheme = .gdti }
        else if word("id:gsrn:") { scheme = .gsrn }
        else { return nil }

        // Up to three "."-separated fields as [start, end) byte ranges.
        var f0 = (i, n), f1 = (n, n), f2 = (n, n)
        var count = 1
        var k = i
        while k < n {
            if u[k] == 0x2E {
                switch count {
                case 1: f0.1 = k; f1 = (k + 1, n)
                case 2: f1.1 = k; f2 = (k + 1, n)
                default: return nil
                }
                count += 1
            }
            k += 1
        }
        func len(_ f: (Int, Int)) -> Int { f.1 - f.0 }
        func isDigits(_ f: (Int, Int), allowEmpty: Bool = false) -> Bool {
            guard f.1 > f.0 || allowEmpty else { return false }
            for k in f.0..<f.1 where u[k] < 0x30 || u[k] > 0x39 { return false }
            return true
        }
        func isSimple(_ f: (Int, Int), max: Int) -> Bool {
            let l = f.1 - f.0
            guard l >= 1, l <= max else { return false }
            for k in f.0..<f.1 {
                let c = u[k]
                let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
                if !ok { return false }
            }
            return true
        }
        guard isDigits(f0), (6...12).contains(len(f0)) else { return nil }
        let cp = f0

        // Syntax checks first, so validation-only calls build nothing.
        switch scheme {
        case .sgtin, .lgtin:
            guard count == 3, isDigits(f1), len(cp) + len(f1) == 13, isSimple(f2, max: 20) else { return nil }
        case .sgtinPattern:
            guard count == 3, isDigits(f1), len(cp) + len(f1) == 13, len(f2) == 1, u[f2.0] == 0x2A else { return nil }
        case .sscc, .gsrn:
            guard count == 2, isDigits(f1), len(cp) + len(f1) == 17 else { return nil }
        case .sgln:
            guard count == 3, len(cp) + len(f1) == 12, isDigits(f1, allowEmpty: true),
                  (len(f2) == 1 && u[f2.0] == 0x30) || isSimple(f2, max: 20) else { return nil }
        case .pgln:
            guard count == 2, len(cp) + len(f1) == 12, isDigits(f1, allowEmpty: true) else { return nil }
        case .giai:
            guard count == 2, isSimple(f1, max: 30 - len(cp)) else { return nil }
        case .grai, .gdti:
            // GRAI: (8003) "0" + 13-digit key + serial (1–16); GDTI: (253) 13-digit key + serial (1–17).
            guard count == 3, len(cp) + len(f1) == 12, isDigits(f1, allowEmpty: true),
                  isSimple(f2, max: scheme == .grai ? 16 : 17) else { return nil }
        }
        guard build else { return "" }

        var out: [UInt8] = []
        out.reserveCapacity(64)
        out += "https://id.gs1.org/".utf8
        // Check digit: weights 3,1,3… from the right, so write the digits first, then weigh them.
        var keyStart = 0
        func beginKey() { keyStart = out.count }
        func digits(_ f: (Int, Int), from: Int = 0) {
            for k in (f.0 + from)..<f.1 { out.append(u[k]) }
        }
        func endKey() {
            var sum = 0
            var w = 3
            var k = out.count - 1
            while k >= keyStart { sum += Int(out[k] - 0x30) * w; w = 4 - w; k -= 1 }
            out.append(UInt8(0x30 + (10 - sum % 10) % 10))
        }
        func text(_ f: (Int, Int)) { for k in f.0..<f.1 { out.append(u[k]) } }

        switch scheme {
        case .sgtin, .lgtin, .sgtinPattern:
            out += "01/".utf8
            beginKey(); out.append(u[f1.0]); digits(cp); digits(f1, from: 1); endKey()
            if scheme != .sgtinPattern {
                out += (scheme == .sgtin ? "/21/" : "/10/").utf8
                text(f2)
            }
        case .sscc:
            out += "00/".utf8
            beginKey(); out.append(u[f1.0]); digits(cp); digits(f1, from: 1); endKey()
        case .gsrn:
            out += "8018/".utf8
            beginKey(); digits(cp); digits(f1); endKey()
        case .sgln:
            out += "414/".utf8
            beginKey(); digits(cp); digits(f1); endKey()
            if !(len(f2) == 1 && u[f2.0] == 0x30) { out += "/254/".utf8; text(f2) }
        case .pgln:
            out += "417/".utf8
            beginKey(); digits(cp); digits(f1); endKey()
        case .giai:
            out += "8004/".utf8
            text(cp); text(f1)
        case .grai, .gdti:
            out += (scheme == .grai ? "8003/0" : "253/").utf8
            beginKey(); digits(cp); digits(f1); endKey()
            text(f2)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
