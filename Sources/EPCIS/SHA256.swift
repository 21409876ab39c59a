/// SHA-256 (FIPS 180-4), written here so the EPCIS library needs no crypto package: the event
/// hash ID is its only use, and a dependency-free library builds and audits more simply.
///
/// Streaming use: `var h = SHA256(); h.update(bytes); let d = h.finalize()`.
/// One-shot: `SHA256.hash(bytes)` / `SHA256.hexDigest(of: string)`.
/// Not constant-time-hardened for secrets (it hashes public event data; no key ever goes in).
public struct SHA256: Sendable {
    /// Digest length in bytes.
    public static let byteCount = 32

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// Bytes of a not-yet-complete 64-byte block; 64 fixed bytes so no heap traffic per update.
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    private var bufferCount = 0
    /// Total message length in bytes (the padding needs the length in bits, mod 2^64).
    private var length: UInt64 = 0

    public init() {
        // FIPS 180-4 §5.3.3: first 32 bits of the fractional parts of the square roots of the first 8 primes.
        state = (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
        buffer = (0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// Feeds message bytes; may be called any number of times.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return }
        var n = bytes.count
        length &+= UInt64(n)
        // Top up a partial block first.
        if bufferCount > 0 {
            let take = min(64 - bufferCount, n)
            let count = bufferCount
            withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.advanced(by: count).copyMemory(from: p, byteCount: take) }
            bufferCount += take
            p += take
            n -= take
            if bufferCount < 64 { return }
            let block = buffer
            withUnsafeBytes(of: block) { compress($0.baseAddress!) }
            bufferCount = 0
        }
        // Whole blocks straight from the caller's memory (no copy).
        while n >= 64 {
            compress(p)
            p += 64
            n -= 64
        }
        if n > 0 {
            withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            bufferCount = n
        }
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        // Contiguous collections (Array, String.UTF8View of native strings) take the fast path.
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    public mutating func update(_ string: String) {
        var s = string
        s.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads, processes the last block(s) and returns the 32-byte digest. The value is spent
    /// afterwards (a copy taken before finalising can keep going).
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        // 0x80, zeros to 56 mod 64, then the 64-bit big-endian bit length (FIPS 180-4 §5.1.1).
        // Built in a fixed 128-byte stack buffer: no allocation on the per-event path.
        var pad: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                  UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let padCount = bufferCount < 56 ? 64 - bufferCount : 128 - bufferCount
        let savedLength = length
        withUnsafeMutableBytes(of: &pad) { p in
            p[0] = 0x80
            for i in 0..<8 { p[padCount - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i))) }
            update(UnsafeRawBufferPointer(rebasing: p[0..<padCount]))
        }
        length = savedLength
        precondition(bufferCount == 0)
        var out = [UInt8](repeating: 0, count: 32)
        let s = state
        withUnsafeBytes(of: s) { raw in
            for i in 0..<8 {
                let w = raw.load(fromByteOffset: i * 4, as: UInt32.self)
                out[i * 4] = UInt8(truncatingIfNeeded: w >> 24)
                out[i * 4 + 1] = UInt8(truncatingIfNeeded: w >> 16)
                out[i * 4 + 2] = UInt8(truncatingIfNeeded: w >> 8)
                out[i * 4 + 3] = UInt8(truncatingIfNeeded: w)
            }
        }
        return out
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// Lower-case hexadecimal digest of the UTF-8 bytes of `string`.
    public static func hexDigest(of string: String) -> String {
        var h = SHA256()
        h.update(string)
        return hex(h.finalize())
    }

    /// Lower-case hexadecimal spelling of `bytes` (the form RFC 6920 ni URIs use for the event hash ID).
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUTF8Buffer { d in
                for (i, b) in bytes.enumerated() {
                    out[2 * i] = d[Int(b >> 4)]
                    out[2 * i + 1] = d[Int(b & 0x0F)]
                }
            }
            return bytes.count * 2
        }
    }

    // MARK: - Compression function (FIPS 180-4 §6.2.2)

    /// Round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// Processes one 64-byte block at `p` (no alignment assumed: words are assembled byte by byte,
    /// which also makes the big-endian reading explicit).
    private mutating func compress(_ p: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            let b = p.assumingMemoryBound(to: UInt8.self)
            for t in 0..<16 {
                w[t] = UInt32(b[4 * t]) << 24 | UInt32(b[4 * t + 1]) << 16 | UInt32(b[4 * t + 2]) << 8 | UInt32(b[4 * t + 3])
            }
            for t in 16..<64 {
                let x = w[t - 15], y = w[t - 2]
                let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x >> 3)
                let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, bb, c, d, e, f, g, h) = state
            SHA256.k.withUnsafeBufferPointer { k in
                for t in 0..<64 {
                    let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ ch &+ k[t] &+ w[t]
                    let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                    let maj = (a & bb) ^ (a & c) ^ (bb & c)
                    let t2 = s0 &+ maj
                    h = g; g = f; f = e; e = d &+ t1
                    d = c; c = bb; bb = a; a = t1 &+ t2
                }
            }
            state = (state.0 &+ a, state.1 &+ bb, state.2 &+ c, state.3 &+ d,
                     state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
        }
    }
}
