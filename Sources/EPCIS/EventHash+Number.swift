// Numeric canonicalisation for the pre-hash string (CBV 2.0 event hash rules 6 and 7: no
// trailing zeros, no quotes). The reference implementation reads every value that parses as
// a floating-point number (Python float() grammar) as a double and writes it back: integral
// values as the exact integer ("1.0" -> "1", "111100001111000011110000" ->
// "111100001111000003641344"), others in Python's shortest repr ("0.50" -> "0.5",
// "0.00001" -> "1e-05"). Hash IDs must agree with other implementations byte for byte, so we
// reproduce that behaviour, including its surprises, rather than a "nicer" decimal form.

extension EventHash {
    /// Appends the canonical spelling of `v` if it is a number in Python float() syntax and
    /// returns true; returns false (appending nothing) for anything else. NaN and infinities
    /// count as "not a number" (the reference leaves "nan" as written and fails on "inf").
    static func appendCanonicalNumber(_ v: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        guard let scan = NumberScan(v) else { return false }
        if scan.fastPathOK {
            scan.appendFast(v, to: &out)
            return true
        }
        // Slow path: exact binary value via strtod-quality parsing of the cleaned text.
        var cleaned = [UInt8]()
        cleaned.reserveCapacity(v.count)
        for c in v where c != 0x5F { cleaned.append(c) }  // Python allows "1_000"
        guard let d = Double(String(decoding: cleaned, as: UTF8.self)), d.isFinite else { return false }
        appendPythonStyle(d, to: &out)
        return true
    }

    /// `Double` written as the reference does: `str(int(d))` when integral, else `repr(d)`.
    static func appendPythonStyle(_ d: Double, to out: inout [UInt8]) {
        if d == d.rounded(.towardZero) {
            appendExactInteger(d, to: &out)
        } else {
            appendPythonRepr(d, to: &out)
        }
    }

    /// The exact decimal value of an integral double (Python `int(d)`), -0 as "0".
    static func appendExactInteger(_ d: Double, to out: inout [UInt8]) {
        if d == 0 { out.append(0x30); return }
        if abs(d) < 9.0e18 {
            out.append(contentsOf: String(Int64(d)).utf8)
            return
        }
        // |d| = significand * 2^e with a 53-bit integer significand and e > 0: multiply out in
        // base 10^9 limbs (least significant first). At most ~35 limbs for the largest double.
        if d < 0 { out.append(0x2D) }
        let a = abs(d)
        var e = Int(a.exponent) - 52
        var limbs: [UInt64] = []
        var m = a.significandBitPattern | (1 << 52)
        while m > 0 { limbs.append(m % 1_000_000_000); m /= 1_000_000_000 }
        while e > 0 {
            // Doubling by up to 2^30 at a time keeps every limb product below 2^64.
            let step = min(e, 30)
            var carry: UInt64 = 0
            for i in limbs.indices {
                let x = limbs[i] << UInt64(step) + carry
                limbs[i] = x % 1_000_000_000
                carry = x / 1_000_000_000
            }
            while carry > 0 { limbs.append(carry % 1_000_000_000); carry /= 1_000_000_000 }
            e -= step
        }
        out.append(contentsOf: String(limbs[limbs.count - 1]).utf8)
        for i in stride(from: limbs.count - 2, through: 0, by: -1) {
            let s = String(limbs[i])
            for _ in s.utf8.count..<9 { out.append(0x30) }
            out.append(contentsOf: s.utf8)
        }
    }

    /// Python `repr(float)` for a finite non-integral double: shortest round-trip digits, fixed
    /// notation when the decimal exponent is in -4..<16, otherwise d.ddde±XX.
    static func appendPythonRepr(_ d: Double, to out: inout [UInt8]) {
        // Swift's description also yields the shortest round-trip digits; only the layout
        // differs, so take its digits and exponent and lay them out the Python way.
        var digits: [UInt8] = []
        var pointPos = 0  // digits before the decimal point in the written form
        var exp10 = 0
        var seenPoint = false
        var negative = false
        var i = 0
        let s = Array(d.description.utf8)
        while i < s.count {
            let c = s[i]
            if c == 0x2D { negative = true } else if c == 0x2E { seenPoint = true } else if c == 0x65 || c == 0x45 {
                exp10 = Int(String(decoding: s[(i + 1)...], as: UTF8.self)) ?? 0
                break
            } else if c >= 0x30 && c <= 0x39 {
                digits.append(c)
                if !seenPoint { pointPos += 1 }
            }
            i += 1
        }
        // Normalise to digits d1 d2 ... with value 0.d1d2... * 10^decpt.
        var lead = 0
        while lead < digits.count - 1 && digits[lead] == 0x30 { lead += 1 }
        var decpt = pointPos + exp10 - lead
        digits.removeFirst(lead)
        while digits.count > 1 && digits.last == 0x30 { digits.removeLast() }
        if digits == [0x30] { decpt = 1 }
        if negative { out.append(0x2D) }
        let sciExp = decpt - 1
        if sciExp >= -4 && sciExp < 16 {
            if decpt <= 0 {
                out.append(0x30); out.append(0x2E)
                for _ in 0 ..< -decpt { out.append(0x30) }
                out.append(contentsOf: digits)
            } else if decpt >= digits.count {
                out.append(contentsOf: digits)
                for _ in 0 ..< (decpt - digits.count) { out.append(0x30) }
                out.append(0x2E); out.append(0x30)
            } else {
                out.append(contentsOf: digits[0..<decpt])
                out.append(0x2E)
                out.append(contentsOf: digits[decpt...])
            }
        } else {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(0x2E)
                out.append(contentsOf: digits[1...])
            }
            out.append(0x65)
            out.append(sciExp < 0 ? 0x2D : 0x2B)
            let e = String(abs(sciExp))
            if e.utf8.count < 2 { out.append(0x30) }
            out.append(contentsOf: e.utf8)
        }
    }

    /// One pass over a candidate number: validates Python float() syntax and decides whether
    /// the plain decimal fast path is exact (at most 15 significant digits always round-trip
    /// through a double unchanged, so trimming zeros gives what float->repr would).
    struct NumberScan {
        var negative = false
        var intStart = 0, intEnd = 0      // integer digits (may be empty)
        var fracStart = 0, fracEnd = 0    // fraction digits (may be empty)
        var fastPathOK = true

        init?(_ v: UnsafeBufferPointer<UInt8>) {
            let n = v.count
            var i = 0
            guard n > 0 else { return nil }
            if v[0] == 0x2B || v[0] == 0x2D { negative = v[0] == 0x2D; i = 1 }
            guard i < n else { return nil }
            // inf / infinity / nan are floats to Python but are left as written (see above).
            let c0 = v[i] | 0x20
            if c0 == 0x69 || c0 == 0x6E { return nil }
            func digitRun(_ i: inout Int, _ underscore: inout Bool) -> Bool {
                // digit ("_"? digit)*
                guard i < n, v[i] >= 0x30, v[i] <= 0x39 else { return false }
                i += 1
                while i < n {
                    if v[i] >= 0x30 && v[i] <= 0x39 { i += 1; continue }
                    if v[i] == 0x5F, i + 1 < n, v[i + 1] >= 0x30, v[i + 1] <= 0x39 { underscore = true; i += 2; continue }
                    break
                }
                return true
            }
            var underscore = false
            intStart = i
            let hasInt = digitRun(&i, &underscore)
            intEnd = i
            var hasFrac = false
            if i < n, v[i] == 0x2E {
                i += 1
                fracStart = i
                hasFrac = digitRun(&i, &underscore)
                fracEnd = i
            } else {
                fracStart = i; fracEnd = i
            }
            guard hasInt || hasFrac else { return nil }
            var hasExp = false
            if i < n, v[i] == 0x65 || v[i] == 0x45 {
                i += 1
                if i < n, v[i] == 0x2B || v[i] == 0x2D { i += 1 }
                guard digitRun(&i, &underscore) else { return nil }
                hasExp = true
            }
            guard i == n else { return nil }
            if underscore || hasExp { fastPathOK = false; return }
            // Significant digits and magnitude checks for the fast path.
            var firstSig = -1, lastSig = -1, count = 0
            var leadingFracZeros = 0
            var intAllZero = true
            for k in intStart..<intEnd where v[k] != 0x30 { intAllZero = false; break }
            var k = intStart
            while k < intEnd { if v[k] != 0x30 { if firstSig < 0 { firstSig = k }; lastSig = k }; k += 1 }
            k = fracStart
            var seenNonZeroFrac = false
            while k < fracEnd {
                if v[k] != 0x30 {
                    if firstSig < 0 { firstSig = k }
                    lastSig = k
                    seenNonZeroFrac = true
                } else if !seenNonZeroFrac && intAllZero {
                    leadingFracZeros += 1
                }
                k += 1
            }
            if firstSig >= 0 {
                // Count digits between first and last significant digit, skipping the point.
                count = lastSig - firstSig + 1
                if firstSig < intEnd && lastSig >= fracStart { count -= (fracStart - intEnd) }
            }
            if count > 15 { fastPathOK = false }
            // repr switches to exponent form below 1e-4.
            if intAllZero && seenNonZeroFrac && leadingFracZeros > 3 { fastPathOK = false }
            // 16+ integer digits may exceed 2^53 even with few significant digits ("1" + 20 zeros is
            // still exact, but keep the rule simple and let the slow path decide).
            if intEnd - intStart > 15 { fastPathOK = false }
        }

        /// Plain decimal: drop sign "+", leading integer zeros and trailing fraction zeros; "-0" is "0".
        func appendFast(_ v: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
            var a = intStart
            while a < intEnd && v[a] == 0x30 { a += 1 }
            var f = fracEnd
            while f > fracStart && v[f - 1] == 0x30 { f -= 1 }
            let isZero = a == intEnd && f == fracStart
            if isZero { out.append(0x30); return }
            if negative { out.append(0x2D) }
            if a == intEnd { out.append(0x30) } else { out.append(contentsOf: UnsafeBufferPointer(rebasing: v[a..<intEnd])) }
            if f > fracStart {
                out.append(0x2E)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: v[fracStart..<f]))
            }
        }
    }
}
