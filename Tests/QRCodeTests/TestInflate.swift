/// A minimal zlib/DEFLATE decoder for the tests (stored and fixed-Huffman blocks only), written
/// independently of the encoder so PNG output can be checked without external tools.
struct TestInflate {
    enum Failure: Error { case badHeader, badBlock, badSymbol, badDistance, badChecksum, truncated }

    private let input: [UInt8]
    private var pos = 0
    private var bit = 0

    private init(_ input: [UInt8]) { self.input = input }

    static func zlib(_ data: [UInt8]) throws -> [UInt8] {
        guard data.count >= 6, data[0] & 0x0F == 8, (UInt16(data[0]) << 8 | UInt16(data[1])) % 31 == 0 else {
            throw Failure.badHeader
        }
        var reader = TestInflate(Array(data[2...]))
        var out: [UInt8] = []
        var final = false
        while !final {
            final = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                if reader.bit > 0 { reader.bit = 0; reader.pos += 1 }  // stored blocks start byte-aligned
                guard reader.pos + 4 <= reader.input.count else { throw Failure.truncated }
                let len = Int(reader.input[reader.pos]) | Int(reader.input[reader.pos + 1]) << 8
                reader.pos += 4
                out.append(contentsOf: reader.input[reader.pos..<(reader.pos + len)])
                reader.pos += len
            case 1: try reader.fixedBlock(&out)
            default: throw Failure.badBlock
            }
        }
        if reader.bit > 0 { reader.pos += 1 }
        let trailer = reader.input[reader.pos..<(reader.pos + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in out {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        guard trailer == b << 16 | a else { throw Failure.badChecksum }
        return out
    }

    private mutating func bits(_ n: Int) throws -> Int {
        var v = 0
        for i in 0..<n {
            guard pos < input.count else { throw Failure.truncated }
            v |= Int((input[pos] >> UInt8(bit)) & 1) << i
            bit += 1
            if bit == 8 { bit = 0; pos += 1 }
        }
        return v
    }

    /// Reads a Huffman code MSB first, `n` bits.
    private mutating func code(_ n: Int) throws -> Int {
        var v = 0
        for _ in 0..<n { v = v << 1 | (try bits(1)) }
        return v
    }

    private mutating func fixedBlock(_ out: inout [UInt8]) throws {
        let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                            2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        while true {
            // Fixed codes: 7-bit 0–23 → 256–279, 8-bit 48–191 → 0–143, 192–199 → 280–287, 9-bit 400–511 → 144–255.
            var c = try code(7)
            let symbol: Int
            if c <= 23 {
                symbol = 256 + c
            } else {
                c = c << 1 | (try bits(1))
                if c >= 48 && c <= 191 {
                    symbol = c - 48
                } else if c >= 192 && c <= 199 {
                    symbol = 280 + c - 192
                } else {
                    c = c << 1 | (try bits(1))
                    guard c >= 400 && c <= 511 else { throw Failure.badSymbol }
                    symbol = 144 + c - 400
                }
            }
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let li = symbol - 257
                guard li < 29 else { throw Failure.badSymbol }
                let extra = li < 8 || li == 28 ? 0 : (li - 4) / 4
                let length = lengthBase[li] + (try bits(extra))
                let di = try code(5)
                guard di < 30 else { throw Failure.badSymbol }
                let dextra = di < 4 ? 0 : (di - 2) / 2
                let distance = distanceBase[di] + (try bits(dextra))
                guard distance <= out.count else { throw Failure.badDistance }
                for _ in 0..<length { out.append(out[out.count - distance]) }
            }
        }
    }
}
