// GS1 mod-10 check digit, shared by every GS1 key that carries one: GTIN-8/12/13/14,
// GLN, SSCC, GSRN (8017/8018), GDTI (253, first 13 digits), GRAI (8003, digits 2-14),
// GSIN (402), GCN (255, first 13 digits), ITIP (8006/8026, first 14 digits).
// GINC (401) and GIAI (8004) have none; GMN (8013) uses a check character pair instead.

extension GS1 {
    /// The mod-10 check digit that completes `payload` (the digits without their check digit),
    /// or nil if `payload` is empty or has a non-digit.
    public static func checkDigit(of payload: String) -> Int? {
        var s = payload
        return s.withUTF8 { Mod10.checkDigit(UnsafeRawBufferPointer($0)) }
    }

    /// True when the last digit of `digits` is the correct mod-10 check digit for the rest.
    public static func hasValidCheckDigit(_ digits: String) -> Bool {
        var s = digits
        return s.withUTF8 { Mod10.isValid(UnsafeRawBufferPointer($0)) }
    }

    /// `payload` followed by its check digit; nil when `payload` is not all digits.
    public static func appendingCheckDigit(to payload: String) -> String? {
        checkDigit(of: payload).map { payload + String($0) }
    }
}

enum Mod10 {
    /// Weights run 3,1,3,... from the digit next to the check digit leftwards.
    @inline(__always)
    static func checkDigit(_ p: UnsafeRawBufferPointer) -> Int? {
        guard !p.isEmpty else { return nil }
        var sum = 0
        var weight3 = true
        var i = p.count - 1
        while i >= 0 {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            sum += weight3 ? Int(d) * 3 : Int(d)
            weight3.toggle()
            i -= 1
        }
        return (10 - sum % 10) % 10
    }

    @inline(__always)
    static func isValid(_ p: UnsafeRawBufferPointer) -> Bool {
        guard p.count >= 2 else { return false }
        let last = p[p.count - 1] &- 48
        guard last < 10, let c = checkDigit(UnsafeRawBufferPointer(rebasing: p[0..<(p.count - 1)])) else { return false }
        return Int(last) == c
    }
}

/// GMN (8013) and MUDI (8014) check character pair: a weighted sum of the CSET 82 values
/// modulo 1021, written as two CSET 32 characters.
enum CheckPair {
    static let cset82: [UInt8] = Array("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".utf8)
    static let cset32: [UInt8] = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
    static let value82: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        for (i, c) in cset82.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()
    static let primes: [Int] = {
        var p: [Int] = []
        var n = 2
        while p.count < 100 {
            if p.allSatisfy({ n % $0 != 0 }) { p.append(n) }
            n += 1
        }
        return p
    }()

    /// The two check characters for `data`, or nil when `data` has a character outside CSET 82.
    static func pair(for data: UnsafeRawBufferPointer) -> (UInt8, UInt8)? {
        var sum = 0
        let n = data.count
        for (i, c) in data.enumerated() {
            let v = value82[Int(c)]
            guard v >= 0 else { return nil }
            sum += Int(v) * primes[n - 1 - i]
        }
        sum %= 1021
        return (cset32[sum >> 5], cset32[sum & 31])
    }
}
