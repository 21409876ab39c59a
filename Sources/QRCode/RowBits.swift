/// One row (or column) of modules packed into 192 bits: bit `x` of the line is module `x`.
///
/// Version 40 is 177 modules wide, so three words always suffice. Keeping lines as fixed-size
/// values lets the mask penalties run 64 modules per instruction with no heap traffic.
struct RowBits: Hashable, Sendable {
    var w0: UInt64 = 0
    var w1: UInt64 = 0
    var w2: UInt64 = 0

    static let zero = RowBits()

    /// The first `count` bits set; used to keep operations inside the symbol.
    @inline(__always)
    static func ones(_ count: Int) -> RowBits {
        var r = RowBits()
        if count >= 192 { return ~r }
        let full = count >> 6, rest = count & 63
        let partial: UInt64 = rest == 0 ? 0 : (UInt64.max >> UInt64(64 - rest))
        switch full {
        case 0: r.w0 = partial
        case 1: r.w0 = .max; r.w1 = partial
        default: r.w0 = .max; r.w1 = .max; r.w2 = partial
        }
        return r
    }

    @inline(__always)
    subscript(bit x: Int) -> Bool {
        get {
            let w: UInt64 = x < 64 ? w0 : (x < 128 ? w1 : w2)
            return (w >> UInt64(x & 63)) & 1 != 0
        }
        set {
            let m: UInt64 = 1 << UInt64(x & 63)
            if x < 64 {
                w0 = newValue ? (w0 | m) : (w0 & ~m)
            } else if x < 128 {
                w1 = newValue ? (w1 | m) : (w1 & ~m)
            } else {
                w2 = newValue ? (w2 | m) : (w2 & ~m)
            }
        }
    }

    /// Sets bit `x` (cheaper than the subscript setter in hot loops).
    @inline(__always)
    mutating func insert(_ x: Int) {
        let m: UInt64 = 1 << UInt64(x & 63)
        switch x >> 6 {
        case 0: w0 |= m
        case 1: w1 |= m
        default: w2 |= m
        }
    }

    @inline(__always)
    var popcount: Int { w0.nonzeroBitCount &+ w1.nonzeroBitCount &+ w2.nonzeroBitCount }

    @inline(__always)
    var isZero: Bool { (w0 | w1 | w2) == 0 }

    /// Bit `x` of the result is bit `x + k` of `self` (towards lower positions); zeros come in at the top.
    /// `k` must be in 1...63.
    @inline(__always)
    func down(_ k: UInt64) -> RowBits {
        RowBits(
            w0: (w0 >> k) | (w1 << (64 &- k)),
            w1: (w1 >> k) | (w2 << (64 &- k)),
            w2: w2 >> k)
    }

    /// Bit `x` of the result is bit `x - k` of `self`; zeros come in at position 0. `k` in 1...63.
    @inline(__always)
    func up(_ k: UInt64) -> RowBits {
        RowBits(
            w0: w0 << k,
            w1: (w1 << k) | (w0 >> (64 &- k)),
            w2: (w2 << k) | (w1 >> (64 &- k)))
    }

    @inline(__always)
    static func & (a: RowBits, b: RowBits) -> RowBits { RowBits(w0: a.w0 & b.w0, w1: a.w1 & b.w1, w2: a.w2 & b.w2) }
    @inline(__always)
    static func | (a: RowBits, b: RowBits) -> RowBits { RowBits(w0: a.w0 | b.w0, w1: a.w1 | b.w1, w2: a.w2 | b.w2) }
    @inline(__always)
    static func ^ (a: RowBits, b: RowBits) -> RowBits { RowBits(w0: a.w0 ^ b.w0, w1: a.w1 ^ b.w1, w2: a.w2 ^ b.w2) }
    @inline(__always)
    static prefix func ~ (a: RowBits) -> RowBits { RowBits(w0: ~a.w0, w1: ~a.w1, w2: ~a.w2) }
    @inline(__always)
    static func &= (a: inout RowBits, b: RowBits) { a = a & b }
    @inline(__always)
    static func |= (a: inout RowBits, b: RowBits) { a = a | b }
    @inline(__always)
    static func ^= (a: inout RowBits, b: RowBits) { a = a ^ b }

    /// Position of the first set bit at or after `x`, or `limit` if none before it.
    @inline(__always)
    func nextSet(from x: Int, limit: Int) -> Int {
        var i = x
        while i < limit {
            let word: UInt64 = i < 64 ? w0 : (i < 128 ? w1 : w2)
            let rest = word >> UInt64(i & 63)
            if rest != 0 { return min(i + rest.trailingZeroBitCount, limit) }
            i = (i | 63) + 1
        }
        return limit
    }

    /// Position of the first clear bit at or after `x`, or `limit` if none before it.
    @inline(__always)
    func nextClear(from x: Int, limit: Int) -> Int {
        var i = x
        while i < limit {
            let word: UInt64 = i < 64 ? w0 : (i < 128 ? w1 : w2)
            let rest = ~word >> UInt64(i & 63)
            if rest != 0 { return min(i + rest.trailingZeroBitCount, limit) }
            i = (i | 63) + 1
        }
        return limit
    }
}
