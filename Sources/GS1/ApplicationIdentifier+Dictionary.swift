// Lookup structures over the generated table (ApplicationIdentifier+Table.swift, dictionary
// release 2026-01-27). Lookups are O(1): the first two digits give the AI length, then the
// AI's numeric value indexes a flat array.

extension ApplicationIdentifier {
    /// Every AI in the dictionary, in lexical order, ranges expanded.
    public static let all: [ApplicationIdentifier] = Registry.shared.all

    /// The AI with exactly these digits, or nil if the dictionary has none.
    public static func lookup(_ code: String) -> ApplicationIdentifier? {
        Registry.shared.index(ofCode: code).map { Registry.shared.all[$0] }
    }

    /// The AI length (2, 3 or 4) shared by all AIs starting with these two digits, or nil
    /// when the dictionary has no AI with that prefix.
    public static func aiLength(forPrefix prefix: String) -> Int? {
        let u = Array(prefix.utf8)
        guard u.count >= 2, isDigit(u[0]), isDigit(u[1]) else { return nil }
        let n = Registry.shared.prefixLength[Int(u[0] &- 48) * 10 + Int(u[1] &- 48)]
        return n == 0 ? nil : Int(n)
    }
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

/// Flat lookup tables built once from the rows.
final class Registry: Sendable {
    static let shared = Registry()

    let all: [ApplicationIdentifier]
    /// Index into `all` for 2-digit AIs at 0..<100, 3-digit at 100..<1100, 4-digit at 1100..<11100; -1 if none.
    let slots: [Int16]
    /// AI length per two-digit prefix, 0 when unassigned.
    let prefixLength: [UInt8]
    /// Predefined value length per two-digit prefix (GS1 General Specifications' fixed-length
    /// prefix list), used only to shape placeholders for unknown AIs.
    let prefixFixedValueLength: [UInt8]

    private init() {
        var all: [ApplicationIdentifier] = []
        for row in ApplicationIdentifier.rows {
            let width = row.first.utf8.count
            let lo = Int(row.first)!, hi = Int(row.last)!
            for n in lo...hi {
                var digits = String(n)
                while digits.utf8.count < width { digits = "0" + digits }
                all.append(ApplicationIdentifier(code: digits, row: row))
            }
        }
        var slots = [Int16](repeating: -1, count: 11_100)
        var prefixLength = [UInt8](repeating: 0, count: 100)
        for (i, ai) in all.enumerated() {
            let u = Array(ai.code.utf8)
            slots[Registry.slot(u.count, Registry.number(u))] = Int16(i)
            prefixLength[Int(u[0] - 48) * 10 + Int(u[1] - 48)] = UInt8(u.count)
        }
        var fixed = [UInt8](repeating: 0, count: 100)
        fixed[0] = 18; fixed[1] = 14; fixed[2] = 14; fixed[3] = 14; fixed[4] = 16
        for p in 11...19 { fixed[p] = 6 }
        fixed[20] = 2
        for p in 31...36 { fixed[p] = 6 }
        fixed[41] = 13
        self.all = all
        self.slots = slots
        self.prefixLength = prefixLength
        self.prefixFixedValueLength = fixed
    }

    @inline(__always) static func slot(_ length: Int, _ value: Int) -> Int {
        switch length {
        case 2: return value
        case 3: return 100 + value
        default: return 1100 + value
        }
    }

    @inline(__always) static func number(_ u: [UInt8]) -> Int { u.reduce(0) { $0 * 10 + Int($1 - 48) } }

    func index(ofCode code: String) -> Int? {
        var code = code
        return code.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
    }

    /// Index of the AI spelled by exactly these bytes, or nil.
    @inline(__always) func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        let n = bytes.count
        guard n >= 2, n <= 4 else { return nil }
        var v = 0
        for c in bytes {
            guard isDigit(c) else { return nil }
            v = v * 10 + Int(c &- 48)
        }
        let s = slots[Registry.slot(n, v)]
        return s < 0 ? nil : Int(s)
    }
}
