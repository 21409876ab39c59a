/// A small DEFLATE (RFC 1951) writer using one block with the fixed Huffman codes.
///
/// QR images are extremely repetitive — every module row is repeated `scale` times and long runs
/// of 0x00/0xFF bytes fill each line — so back-references to the previous scanline and to the
/// previous byte shrink them by 10–100× without needing dynamic Huffman tables or hashing.
struct DeflateWriter {
    private(set) var output: [UInt8] = []
    private var bitBuffer: UInt64 = 0
    private var bitCount: UInt64 = 0
    // Local references to the shared tables, so hot paths skip the lazy-global check.
    private let codes = DeflateWriter.fixedCodes
    private let lengths = DeflateWriter.lengthCodes

    init(capacity: Int) {
        output.reserveCapacity(capacity)
    }

    /// Starts the (only, final) fixed-Huffman block.
    mutating func begin() {
        writeBits(1, 1)  // BFINAL
        writeBits(1, 2)  // BTYPE = 01, fixed codes
    }

    /// Ends the block with symbol 256 and pads to a byte boundary.
    mutating func finish() {
        writeSymbol(256)
        if bitCount > 0 {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            bitBuffer = 0
            bitCount = 0
        }
    }

    @inline(__always)
    private mutating func writeBits(_ value: UInt32, _ count: UInt64) {
        bitBuffer |= UInt64(value) << bitCount
        bitCount += count
        while bitCount >= 8 {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            bitBuffer >>= 8
            bitCount -= 8
        }
    }

    /// Writes a literal/length symbol with its fixed code (Huffman codes go MSB first, so reversed).
    @inline(__always)
    private mutating func writeSymbol(_ symbol: Int) {
        let entry = codes[symbol]
        writeBits(UInt32(entry & 0xFFFF), UInt64(entry >> 16))
    }

    /// Reversed fixed Huffman code in the low 16 bits, its length above them.
    private static let fixedCodes: [UInt32] = (0..<288).map { s in
        let (code, length): (UInt32, UInt32) =
            switch s {
            case 0...143: (0x30 + UInt32(s), 8)
            case 144...255: (0x190 + UInt32(s - 144), 9)
            case 256...279: (UInt32(s - 256), 7)
            default: (0xC0 + UInt32(s - 280), 8)
            }
        var reversed: UInt32 = 0
        for i in 0..<length where code & (1 << i) != 0 { reversed |= 1 << (length - 1 - i) }
        return length << 16 | reversed
    }

    // RFC 1951 §3.2.5 length and distance code bases; length codes 8–27 carry (index − 4) / 4 extra bits.
    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                            67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                              513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [UInt64] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
                                                  8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// For each match length 0...258 (3...258 used): code index in the low byte, extra value above.
    private static let lengthCodes: [UInt16] = (0...258).map { length in
        guard length >= 3 else { return 0 }
        var li = lengthBase.count - 1
        while lengthBase[li] > length { li -= 1 }
        return UInt16(length - lengthBase[li]) << 8 | UInt16(li)
    }

    @inline(__always)
    mutating func literal(_ byte: UInt8) { writeSymbol(Int(byte)) }

    /// Copies `length` bytes from `distance` back (1...32768); any length is split into legal pieces.
    /// Overlapping copies (length > distance) repeat the pattern, which is what makes rows cheap.
    mutating func match(length: Int, distance: Int) {
        var left = length
        while left > 0 {
            // Keep every piece at least 3 long: never leave a 1- or 2-byte tail.
            var piece = min(left, 258)
            if left - piece > 0 && left - piece < 3 { piece = left - 3 }
            let entry = lengths[piece]
            let li = Int(entry & 0xFF)
            writeSymbol(257 + li)
            if li >= 8 && li < 28 { writeBits(UInt32(entry >> 8), UInt64(li - 4) / 4) }
            var di = DeflateWriter.distanceBase.count - 1
            while DeflateWriter.distanceBase[di] > distance { di -= 1 }
            // Distance codes are fixed 5-bit Huffman codes, also written MSB first.
            var rev: UInt32 = 0
            for i in 0..<5 where di & (1 << i) != 0 { rev |= 1 << (4 - i) }
            writeBits(rev, 5)
            writeBits(UInt32(distance - DeflateWriter.distanceBase[di]), DeflateWriter.distanceExtra[di])
            left -= piece
        }
    }

    /// Emits `bytes` as literals, replacing runs of a repeated byte by distance-1 copies.
    mutating func compressRuns(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            literal(b)
            var j = i + 1
            while j < bytes.count && bytes[j] == b { j += 1 }
            let run = j - i - 1
            if run >= 3 {
                match(length: run, distance: 1)
            } else {
                for _ in 0..<run { literal(b) }
            }
            i = j
        }
    }
}
