extension QRCode {
    /// Largest accepted `scale` for `png(scale:quietZone:)`: 64 px per module keeps even a
    /// version 40 symbol under 20 000 px square; larger prints should use the SVG.
    public static let maxPNGScale = 64

    /// Renders the symbol as a 1-bit greyscale PNG.
    ///
    /// - Parameters:
    ///   - scale: pixels per module, clamped to 1…`maxPNGScale` (64).
    ///   - quietZone: light border in modules, clamped to 0…64; the standard asks for 4.
    /// - Returns: the complete PNG file (signature, IHDR, one IDAT, IEND).
    public func png(scale: Int = 8, quietZone: Int = 4) -> [UInt8] {
        let scale = min(max(scale, 1), QRCode.maxPNGScale)
        let qz = min(max(quietZone, 0), 64)
        let modules = size + 2 * qz
        let pixels = modules * scale
        let rowBytes = (pixels + 7) / 8
        let stride = rowBytes + 1  // filter-type byte, then the packed pixels

        var deflate = DeflateWriter(capacity: 64 + modules * rowBytes / 2)
        deflate.begin()
        var adler = Adler32()
        var line = [UInt8](repeating: 0, count: stride)
        var previous = [UInt8](repeating: 0xAA, count: stride)  // never equals a real line (filter byte 0xAA)
        line.withUnsafeMutableBufferPointer { line in
            previous.withUnsafeMutableBufferPointer { previous in
                for my in -qz..<(size + qz) {
                    // Light pixels are 1 in greyscale; start all light, then clear dark modules.
                    for i in 1..<stride { line[i] = 0xFF }
                    line[0] = 0  // filter: none
                    if my >= 0 && my < size {
                        let bits = rows[my]
                        var x = bits.nextSet(from: 0, limit: size)
                        while x < size {
                            let end = bits.nextClear(from: x, limit: size)
                            QRCode.clearPixels(line, from: (x + qz) * scale, to: (end + qz) * scale)
                            x = bits.nextSet(from: end, limit: size)
                        }
                    }
                    let same = (0..<stride).allSatisfy { line[$0] == previous[$0] }
                    if same {
                        deflate.match(length: stride * scale, distance: stride)
                    } else {
                        deflate.compressRuns(UnsafeBufferPointer(line))
                        if scale > 1 { deflate.match(length: stride * (scale - 1), distance: stride) }
                        for i in 0..<stride { previous[i] = line[i] }
                    }
                    adler.update(UnsafeBufferPointer(line), times: scale)
                }
            }
        }
        deflate.finish()

        var zlib: [UInt8] = [0x78, 0x01]  // deflate, 32 KiB window, no dictionary; header check bits
        zlib.reserveCapacity(deflate.output.count + 6)
        zlib.append(contentsOf: deflate.output)
        QRCode.appendBigEndian(adler.value, to: &zlib)

        var header: [UInt8] = []
        QRCode.appendBigEndian(UInt32(pixels), to: &header)
        QRCode.appendBigEndian(UInt32(pixels), to: &header)
        header.append(contentsOf: [1, 0, 0, 0, 0])  // bit depth 1, greyscale, deflate, no filter, no interlace

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(8 + 25 + 12 + zlib.count + 12)
        QRCode.appendChunk("IHDR", header, to: &png)
        QRCode.appendChunk("IDAT", zlib, to: &png)
        QRCode.appendChunk("IEND", [], to: &png)
        return png
    }

    /// Clears (darkens) pixel bits `from..<to` of a scanline whose pixels start at byte 1, MSB first.
    private static func clearPixels(_ line: UnsafeMutableBufferPointer<UInt8>, from: Int, to: Int) {
        var p = from
        while p < to {
            if p & 7 == 0 && to - p >= 8 {
                line[1 + (p >> 3)] = 0
                p += 8
            } else {
                line[1 + (p >> 3)] &= ~(0x80 >> UInt8(p & 7))
                p += 1
            }
        }
    }

    private static func appendBigEndian(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value >> 24))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    /// Length, type, data, then CRC-32 over type and data.
    private static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &out)
        let start = out.count
        out.append(contentsOf: type.utf8)
        out.append(contentsOf: data)
        let crc = out.withUnsafeBufferPointer { CRC32.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        appendBigEndian(crc, to: &out)
    }
}
