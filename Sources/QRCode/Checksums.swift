/// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as PNG chunks require.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return ~c
    }
}

/// Adler-32, the zlib trailer checksum, updated incrementally.
struct Adler32 {
    private var a: UInt32 = 1
    private var b: UInt32 = 0

    var value: UInt32 { b << 16 | a }

    /// Adds `bytes` repeated `times` times. The block's sum S and position-weighted sum W are
    /// computed once; each repetition is then a = a + S, b = b + n·a + W (mod 65521).
    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>, times: Int) {
        let n = UInt64(bytes.count)
        var sum: UInt64 = 0, weighted: UInt64 = 0
        for (i, byte) in bytes.enumerated() {
            sum &+= UInt64(byte)
            weighted &+= (n &- UInt64(i)) &* UInt64(byte)
        }
        sum %= 65521
        weighted %= 65521
        var a = UInt64(self.a), b = UInt64(self.b)
        let nMod = n % 65521
        for _ in 0..<times {
            b = (b &+ nMod &* a &+ weighted) % 65521
            a = (a &+ sum) % 65521
        }
        self.a = UInt32(a)
        self.b = UInt32(b)
    }
}
