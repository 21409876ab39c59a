// Content rules ("linters") and character-set checks, run over the raw bytes of one
// component. They never allocate; failures carry the offset within the component.

struct LintIssue {
    enum Kind { case charset, checkDigit, date, content }
    let kind: Kind
    let offset: Int
    let rule: String
}

enum Charsets {
    /// Bit tables for CSET 82, CSET 39 and base64url membership, indexed by byte.
    static let cset82: [Bool] = table("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
    static let cset39: [Bool] = table("#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let base64url: [Bool] = table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    static func table(_ s: String) -> [Bool] {
        var t = [Bool](repeating: false, count: 256)
        for c in s.utf8 { t[Int(c)] = true }
        return t
    }
}

extension AICharset {
    /// Offset of the first byte outside the set, or nil if all are members.
    @inline(__always)
    func firstInvalid(_ p: UnsafeRawBufferPointer) -> Int? {
        switch self {
        case .numeric:
            for i in 0..<p.count where !isDigit(p[i]) { return i }
        case .cset82:
            let t = Charsets.cset82
            for i in 0..<p.count where !t[Int(p[i])] { return i }
        case .cset39:
            let t = Charsets.cset39
            for i in 0..<p.count where !t[Int(p[i])] { return i }
        case .base64url:
            // Up to two trailing "=" pads are allowed, and only when (length + pads) % 3 == 0.
            var len = p.count, pads = 0
            while len > 0 && p[len - 1] == 61 { len -= 1; pads += 1 }
            if pads > 2 || (pads > 0 && (len + pads) % 3 != 0) { return len }
            let t = Charsets.base64url
            for i in 0..<len where !t[Int(p[i])] { return i }
        }
        return nil
    }
}

@inline(__always) private func num(_ p: UnsafeRawBufferPointer, _ at: Int, _ n: Int) -> Int? {
    guard at + n <= p.count else { return nil }
    var v = 0
    for i in at..<(at + n) {
        let d = p[i] &- 48
        guard d < 10 else { return nil }
        v = v * 10 + Int(d)
    }
    return v
}

func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

extension AILinter {
    @inline(__always)
    func check(_ p: UnsafeRawBufferPointer) -> LintIssue? {
        func content(_ at: Int = 0) -> LintIssue { LintIssue(kind: .content, offset: at, rule: rawValue) }
        func date(_ at: Int = 0) -> LintIssue { LintIssue(kind: .date, offset: at, rule: rawValue) }
        switch self {
        case .checkDigit:
            return Mod10.isValid(p) ? nil : LintIssue(kind: .checkDigit, offset: max(p.count - 1, 0), rule: rawValue)
        case .checkCharacterPair:
            guard p.count >= 2, p.count <= 25 else { return content() }
            guard let pair = CheckPair.pair(for: UnsafeRawBufferPointer(rebasing: p[0..<(p.count - 2)])),
                  pair.0 == p[p.count - 2], pair.1 == p[p.count - 1]
            else { return LintIssue(kind: .checkDigit, offset: p.count - 2, rule: rawValue) }
            return nil
        case .companyPrefix, .companyPrefixAfterIndicator:
            // Shortest GS1 Company Prefix is four digits; without a prefix register that is all we can check.
            let start = self == .companyPrefix ? 0 : 1
            guard p.count >= start + 4 else { return content() }
            for i in start..<(start + 4) where !isDigit(p[i]) { return content(i) }
            return nil
        case .dateAllowingDay00, .date:
            guard let yy = num(p, 0, 2), let mm = num(p, 2, 2), let dd = num(p, 4, 2), p.count == 6 else { return date() }
            guard (1...12).contains(mm) else { return date(2) }
            // Day 00 stands for "last day of the month" where the AI permits it.
            if dd == 0 && self == .dateAllowingDay00 { return nil }
            guard dd >= 1, dd <= daysIn(month: mm, year: 2000 + yy) else { return date(4) }
            return nil
        case .fullDate:
            guard p.count == 8, let y = num(p, 0, 4), let mm = num(p, 4, 2), let dd = num(p, 6, 2) else { return date() }
            guard (1...12).contains(mm) else { return date(4) }
            guard dd >= 1, dd <= daysIn(month: mm, year: y) else { return date(6) }
            return nil
        case .hourMinute:
            guard p.count == 4, let h = num(p, 0, 2), let m = num(p, 2, 2) else { return date() }
            if h > 23 { return date(0) }
            if m > 59 { return date(2) }
            return nil
        case .hour:
            guard p.count == 2, let h = num(p, 0, 2), h <= 23 else { return date() }
            return nil
        case .minute, .second:
            guard p.count == 2, let m = num(p, 0, 2), m <= 59 else { return date() }
            return nil
        case .countryNumeric:
            guard p.count == 3, let n = num(p, 0, 3), CodeLists.countryNumeric.contains(n) else { return content() }
            return nil
        case .countryNumericOr999:
            guard p.count == 3, let n = num(p, 0, 3), n == 999 || CodeLists.countryNumeric.contains(n) else { return content() }
            return nil
        case .countryAlpha2:
            guard p.count == 2, CodeLists.countryAlpha2.contains(String(decoding: p, as: UTF8.self)) else { return content() }
            return nil
        case .currencyNumeric:
            guard p.count == 3, let n = num(p, 0, 3), CodeLists.currencyNumeric.contains(n) else { return content() }
            return nil
        case .percentEncoded:
            var i = 0
            while i < p.count {
                if p[i] == 37 {
                    guard i + 2 < p.count, isHex(p[i + 1]), isHex(p[i + 2]) else { return content(i) }
                    i += 3
                } else { i += 1 }
            }
            return nil
        case .latitude:
            guard p.count == 10, let v = num(p, 0, 10), v <= 1_800_000_000 else { return content() }
            return nil
        case .longitude:
            guard p.count == 10, let v = num(p, 0, 10), v <= 3_600_000_000 else { return content() }
            return nil
        case .yesNo:
            return p.count == 1 && (p[0] == 48 || p[0] == 49) ? nil : content()
        case .hyphen:
            for i in 0..<p.count where p[i] != 45 { return content(i) }
            return nil
        case .importerIndex:
            guard p.count == 1, Charsets.base64url[Int(p[0])] else { return content() }
            return nil
        case .packageType:
            return CodeLists.packageTypes.contains(String(decoding: p, as: UTF8.self)) ? nil : content()
        case .mediaType:
            guard p.count == 2, let v = num(p, 0, 2), (1...10).contains(v) || (80...99).contains(v) else { return content() }
            return nil
        case .biologicalSex:
            guard p.count == 1, [48, 49, 50, 57].contains(p[0]) else { return content() }
            return nil
        case .positionInSequence:
            // "pos/total", both positive without leading zeros, pos <= total.
            guard let slash = p.firstIndex(of: 47), slash > 0, slash < p.count - 1 else { return content() }
            guard let pos = num(p, 0, slash), let total = num(p, slash + 1, p.count - slash - 1) else { return content() }
            if p[0] == 48 { return content(0) }
            if p[slash + 1] == 48 { return content(slash + 1) }
            return pos <= total ? nil : content()
        case .nonZero:
            for i in 0..<p.count where p[i] != 48 { return nil }
            return content()
        case .zero:
            return p.count == 1 && p[0] == 48 ? nil : content()
        case .windingDirection:
            return p.count == 1 && (p[0] == 48 || p[0] == 49 || p[0] == 57) ? nil : content()
        case .pieceOfTotal:
            guard p.count % 2 == 0, p.count >= 2 else { return content() }
            let half = p.count / 2
            guard let piece = num(p, 0, half), let total = num(p, half, half) else { return content() }
            if piece == 0 { return content(0) }
            if total == 0 { return content(half) }
            return piece <= total ? nil : content()
        case .iban:
            return Self.checkIBAN(p) ? nil : content()
        case .noZeroPrefix:
            return p.count > 1 && p[0] == 48 ? content(0) : nil
        case .hasNonDigit:
            for i in 0..<p.count where !isDigit(p[i]) { return nil }
            return content()
        case .couponCode:
            return Coupon.checkNorthAmerican(p).map { content($0) }
        case .couponPositiveOffer:
            return Coupon.checkPositiveOffer(p).map { content($0) }
        }
    }

    private static func checkIBAN(_ p: UnsafeRawBufferPointer) -> Bool {
        // Shortest IBAN in use is 15 characters; characters are A-Z and 0-9 only.
        guard p.count >= 15, p.count <= 34 else { return false }
        for c in p where !(isDigit(c) || (c >= 65 && c <= 90)) { return false }
        guard p[0] >= 65, p[1] >= 65, isDigit(p[2]), isDigit(p[3]) else { return false }
        let country = String(decoding: UnsafeRawBufferPointer(rebasing: p[0..<2]), as: UTF8.self)
        guard CodeLists.ibanCountries.contains(country) else { return false }
        // Mod 97 over the rearranged string (first four characters moved to the end, letters as 10..35).
        var rem = 0
        for k in 0..<p.count {
            let c = p[(k + 4) % p.count]
            if isDigit(c) { rem = (rem * 10 + Int(c - 48)) % 97 } else { rem = (rem * 100 + Int(c - 55)) % 97 }
        }
        return rem == 1
    }
}

@inline(__always) func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 97 && c | 0x20 <= 102) }

/// Structure checks for the North American coupon AIs (8110) and (8112): fields are runs of
/// digits introduced by a length indicator (VLI). Returns the offset of the first problem.
enum Coupon {
    private struct Reader {
        let p: UnsafeRawBufferPointer
        var i = 0
        var atEnd: Bool { i >= p.count }
        mutating func digit() -> Int? {
            guard i < p.count, isDigit(p[i]) else { return nil }
            defer { i += 1 }
            return Int(p[i] - 48)
        }
        mutating func skip(_ n: Int) -> Bool {
            guard i + n <= p.count else { return false }
            i += n
            return true
        }
        func digits(_ at: Int, _ n: Int) -> Int? { num(p, at, n) }
    }

    private static func gcp(_ r: inout Reader, _ n: Int) -> Bool {
        guard r.i + n <= r.p.count, n >= 4 else { return false }
        for k in r.i..<(r.i + 4) where !isDigit(r.p[k]) { return false }
        r.i += n
        return true
    }

    private static func validYYMMDD(_ r: Reader, _ at: Int) -> Bool {
        guard let mm = r.digits(at + 2, 2), let dd = r.digits(at + 4, 2), let yy = r.digits(at, 2) else { return false }
        return (1...12).contains(mm) && dd >= 1 && dd <= daysIn(month: mm, year: 2000 + yy)
    }

    static func checkNorthAmerican(_ p: UnsafeRawBufferPointer) -> Int? {
        for i in 0..<p.count where !isDigit(p[i]) { return i }
        var r = Reader(p: p)
        // Company prefix: VLI 0-6 gives 6-12 digits; then a 6-digit offer code.
        guard let g = r.digit(), g <= 6, gcp(&r, g + 6), r.skip(6) else { return r.i }
        // Save value and primary purchase requirement: VLI 1-5 each.
        guard let sv = r.digit(), (1...5).contains(sv), r.skip(sv) else { return r.i }
        guard let pr = r.digit(), (1...5).contains(pr), r.skip(pr) else { return r.i }
        guard let code = r.digit(), code <= 4 || code == 9, r.skip(3) else { return r.i }
        var expiry: Int?, start: Int?
        var lastField = 0
        while !r.atEnd {
            let at = r.i
            guard let field = r.digit(), field > lastField else { return at }
            lastField = field
            switch field {
            case 1:
                guard let rule = r.digit(), rule <= 3 else { return r.i }
                guard let v = r.digit(), (1...5).contains(v), r.skip(v) else { return r.i }
                guard let c = r.digit(), c <= 4 || c == 9, r.skip(3) else { return r.i }
                guard let gv = r.digit(), gv <= 6 || gv == 9 else { return r.i }
                if gv != 9 { guard gcp(&r, gv + 6) else { return r.i } }
            case 2:
                guard let v = r.digit(), (1...5).contains(v), r.skip(v) else { return r.i }
                guard let c = r.digit(), c <= 4 || c == 9, r.skip(3) else { return r.i }
                guard let gv = r.digit(), gv <= 6 || gv == 9 else { return r.i }
                if gv != 9 { guard gcp(&r, gv + 6) else { return r.i } }
            case 3:
                guard validYYMMDD(r, r.i), r.skip(6) else { return r.i }
                expiry = r.digits(r.i - 6, 6)
            case 4:
                guard validYYMMDD(r, r.i), r.skip(6) else { return r.i }
                start = r.digits(r.i - 6, 6)
            case 5:
                guard let v = r.digit(), r.skip(v + 6) else { return r.i }
            case 6:
                guard let v = r.digit(), (1...7).contains(v), gcp(&r, v + 6) else { return r.i }
            case 9:
                guard let svc = r.digit(), [0, 1, 2, 5, 6].contains(svc) else { return r.i }
                guard let applies = r.digit(), applies <= 2 else { return r.i }
                guard r.digit() != nil else { return r.i }
                guard let dm = r.digit(), dm <= 1 else { return r.i }
            default:
                return at
            }
        }
        if let e = expiry, let s = start, e < s { return 0 }
        return nil
    }

    static func checkPositiveOffer(_ p: UnsafeRawBufferPointer) -> Int? {
        for i in 0..<p.count where !isDigit(p[i]) { return i }
        var r = Reader(p: p)
        // Format code 0/1, funder VLI 0-6 (6-12 digits), offer code 6 digits, serial VLI 0-9 (6-15 digits).
        guard let f = r.digit(), f <= 1 else { return r.i }
        guard let g = r.digit(), g <= 6, gcp(&r, g + 6), r.skip(6) else { return r.i }
        guard let s = r.digit(), r.skip(s + 6) else { return r.i }
        return r.atEnd ? nil : r.i
    }
}
