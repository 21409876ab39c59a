/// AIs as small integers: 2-digit AIs map to 0..<100, 3-digit to 100..<1100 and 4-digit to
/// 1100..<11100, so "01", "010" and "0100" stay distinct and lookups are array indexing.
enum AIKey {
    /// An inclusive run of flat keys; dictionary patterns like "31nn" only wildcard trailing digits.
    struct Range: Sendable, Hashable {
        let lo: Int16
        let hi: Int16
        @inline(__always) func contains(_ k: Int16) -> Bool { k >= lo && k <= hi }
    }

    static func flat(_ code: String) -> Int16? {
        let u = Array(code.utf8)
        guard (2...4).contains(u.count), u.allSatisfy(isDigit) else { return nil }
        return Int16(Registry.slot(u.count, Registry.number(u)))
    }

    @inline(__always) static func flat(_ p: UnsafeRawBufferPointer) -> Int16 {
        var v = 0
        for c in p { v = v * 10 + Int(c &- 48) }
        return Int16(Registry.slot(p.count, v))
    }

    /// "390n" -> keys of 3900...3909.
    static func range(_ pattern: String) -> Range {
        let u = Array(pattern.utf8)
        let lo = u.map { $0 == 110 ? 48 : $0 }, hi = u.map { $0 == 110 ? 57 : $0 }
        return Range(lo: Int16(Registry.slot(u.count, Registry.number(lo))), hi: Int16(Registry.slot(u.count, Registry.number(hi))))
    }
}
