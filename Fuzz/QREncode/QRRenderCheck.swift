import FuzzSupport
import QRCode

// Reads the SVG and PNG renderings back into modules and compares them with `isDark`.
// The PNG reader checks chunk CRCs, the zlib header and Adler-32, and inflates stored and
// fixed-Huffman DEFLATE blocks (the only kinds the library writes; anything else is a failure).

enum QRRenderCheck {
    static func svg(_ symbol: QRCode, moduleSize: Int, quietZone: Int) {
        let svg = symbol.svg(moduleSize: moduleSize, quietZone: quietZone)
        let full = symbol.size + 2 * quietZone
        let head = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 \(full) \(full)\" width=\"\(full * moduleSize)\" height=\"\(full * moduleSize)\""
        Fuzz.check(svg.hasPrefix(head), "SVG header: \(svg.prefix(200))")
        Fuzz.check(svg.hasSuffix("\"/></svg>\n"), "SVG does not end the path and document")
        let bytes = Array(svg.utf8), marker = Array(" d=\"".utf8)
        guard let d = (0..<(bytes.count - marker.count)).first(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }) else {
            Fuzz.fail("SVG has no path data")
        }
        let path = Array(bytes[(d + marker.count)...].prefix { $0 != 0x22 })

        var dark = [Bool](repeating: false, count: symbol.size * symbol.size)
        var i = 0
        func number() -> Int {
            var v = 0, digits = 0
            while i < path.count, (0x30...0x39).contains(path[i]) { v = v * 10 + Int(path[i] - 0x30); i += 1; digits += 1 }
            Fuzz.check(digits > 0, "SVG path: number expected at \(i)")
            return v
        }
        func literal(_ s: String) {
            for c in s.utf8 {
                Fuzz.check(i < path.count && path[i] == c, "SVG path: \(s) expected at \(i)")
                i += 1
            }
        }
        // Each run: "M x y h w v1h-w z".
        while i < path.count {
            literal("M")
            let x = number() - quietZone
            literal(" ")
            let y = number() - quietZone
            literal("h")
            let w = number()
            literal("v1h-")
            Fuzz.check(number() == w, "SVG path: run not closed with its own width")
            literal("z")
            Fuzz.check(w > 0 && x >= 0 && y >= 0 && x + w <= symbol.size && y < symbol.size, "SVG run (\(x), \(y)) width \(w) outside the symbol")
            for k in x..<(x + w) {
                Fuzz.check(!dark[y * symbol.size + k], "SVG runs overlap at (\(k), \(y))")
                dark[y * symbol.size + k] = true
            }
        }
        for y in 0..<symbol.size {
            for x in 0..<symbol.size where dark[y * symbol.size + x] != symbol.isDark(x: x, y: y) {
                Fuzz.fail("SVG module (\(x), \(y)) is \(dark[y * symbol.size + x] ? "dark" : "light") in the drawing")
            }
        }
    }

    static func png(_ symbol: QRCode, scale: Int, quietZone: Int) {
        let png = symbol.png(scale: scale, quietZone: quietZone)
        Fuzz.check(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "PNG signature")
        var at = 8
        var chunks: [(type: String, data: ArraySlice<UInt8>)] = []
        func be32(_ p: Int) -> Int { Int(png[p]) << 24 | Int(png[p + 1]) << 16 | Int(png[p + 2]) << 8 | Int(png[p + 3]) }
        while at < png.count {
            Fuzz.check(at + 12 <= png.count, "PNG chunk header cut off at \(at)")
            let length = be32(at)
            Fuzz.check(at + 12 + length <= png.count, "PNG chunk runs past the end at \(at)")
            let type = String(decoding: png[(at + 4)..<(at + 8)], as: UTF8.self)
            Fuzz.check(UInt32(be32(at + 8 + length)) == crc32(png[(at + 4)..<(at + 8 + length)]), "PNG \(type) CRC")
            chunks.append((type, png[(at + 8)..<(at + 8 + length)]))
            at += 12 + length
        }
        Fuzz.check(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"], "PNG chunks \(chunks.map(\.type))")
        let pixels = (symbol.size + 2 * quietZone) * scale
        let ihdr = Array(chunks[0].data)
        let width = Int(ihdr[0]) << 24 | Int(ihdr[1]) << 16 | Int(ihdr[2]) << 8 | Int(ihdr[3])
        let height = Int(ihdr[4]) << 24 | Int(ihdr[5]) << 16 | Int(ihdr[6]) << 8 | Int(ihdr[7])
        Fuzz.check(width == pixels && height == pixels && Array(ihdr[8...]) == [1, 0, 0, 0, 0], "PNG IHDR \(ihdr)")

        let zlib = Array(chunks[1].data)
        Fuzz.check(zlib.count >= 6 && zlib[0] & 0x0F == 8 && (Int(zlib[0]) << 8 | Int(zlib[1])) % 31 == 0 && zlib[1] & 0x20 == 0, "zlib header")
        let raw = inflate(Array(zlib[2..<(zlib.count - 4)]))
        let adler = UInt32(zlib[zlib.count - 4]) << 24 | UInt32(zlib[zlib.count - 3]) << 16 | UInt32(zlib[zlib.count - 2]) << 8 | UInt32(zlib[zlib.count - 1])
        Fuzz.check(adler == adler32(raw), "zlib Adler-32")
        let stride = (pixels + 7) / 8 + 1
        Fuzz.check(raw.count == stride * pixels, "PNG image data is \(raw.count) bytes, expected \(stride * pixels)")
        // The expected scanline of each module row (filter byte 0, light pixels 1), compared
        // with each of its `scale` pixel rows; the padding bits after the last pixel are free.
        var expected = [UInt8](repeating: 0, count: stride)
        for py in 0..<pixels {
            if py % scale == 0 {
                for i in 1..<stride { expected[i] = 0xFF }
                expected[0] = 0
                let my = py / scale - quietZone
                for px in 0..<pixels where symbol.isDark(x: px / scale - quietZone, y: my) {
                    expected[1 + px / 8] &= ~(0x80 >> UInt8(px % 8))
                }
            }
            var line = Array(raw[(py * stride)..<((py + 1) * stride)])
            if pixels % 8 != 0 { line[stride - 1] |= 0xFF >> UInt8(pixels % 8) }
            if line != expected {
                Fuzz.fail("PNG row \(py) differs from the symbol: \(Array(line.prefix(16))) vs \(Array(expected.prefix(16)))")
            }
        }
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in bytes {
            a = (a + UInt32(x)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    /// DEFLATE (RFC 1951) for stored and fixed-Huffman blocks.
    static func inflate(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var bitPos = 0
        func bit() -> Int {
            Fuzz.check(bitPos < input.count * 8, "DEFLATE stream ends early")
            let v = Int(input[bitPos >> 3] >> UInt8(bitPos & 7)) & 1
            bitPos += 1
            return v
        }
        func bits(_ n: Int) -> Int {
            var v = 0
            for k in 0..<n { v |= bit() << k }
            return v
        }
        /// Fixed literal/length code (RFC 1951 §3.2.6): codes are read MSB first.
        func fixedLiteral() -> Int {
            var code = 0
            for _ in 0..<7 { code = code << 1 | bit() }
            if code <= 0b0010111 { return 256 + code }  // 256–279, 7 bits
            code = code << 1 | bit()
            if (0b0011_0000...0b1011_1111).contains(code) { return code - 0b0011_0000 }  // 0–143
            if (0b1100_0000...0b1100_0111).contains(code) { return 280 + code - 0b1100_0000 }  // 280–287
            code = code << 1 | bit()
            Fuzz.check((0b1_1001_0000...0b1_1111_1111).contains(code), "DEFLATE: bad fixed code")
            return 144 + code - 0b1_1001_0000  // 144–255
        }
        let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let distBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        let distExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        var final = false
        while !final {
            final = bit() == 1
            switch bits(2) {
            case 0:
                bitPos = (bitPos + 7) & ~7
                let len = bits(16), nlen = bits(16)
                Fuzz.check(len == ~nlen & 0xFFFF, "DEFLATE stored block length check")
                for _ in 0..<len { out.append(UInt8(bits(8))) }
            case 1:
                while true {
                    let sym = fixedLiteral()
                    if sym < 256 { out.append(UInt8(sym)); continue }
                    if sym == 256 { break }
                    Fuzz.check(sym <= 285, "DEFLATE: length symbol \(sym)")
                    let length = lengthBase[sym - 257] + bits(lengthExtra[sym - 257])
                    var dcode = 0
                    for _ in 0..<5 { dcode = dcode << 1 | bit() }
                    Fuzz.check(dcode < 30, "DEFLATE: distance code \(dcode)")
                    let distance = distBase[dcode] + bits(distExtra[dcode])
                    Fuzz.check(distance <= out.count && distance <= 32768, "DEFLATE: distance \(distance) beyond \(out.count) bytes")
                    for _ in 0..<length { out.append(out[out.count - distance]) }
                }
            default:
                Fuzz.fail("DEFLATE: block type other than stored or fixed")
            }
        }
        Fuzz.check((input.count * 8 - bitPos) < 8, "DEFLATE: \(input.count * 8 - bitPos) bits after the final block")
        return out
    }
}
