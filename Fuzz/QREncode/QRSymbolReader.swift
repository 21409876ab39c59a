import FuzzSupport
import QRCode

// An independent reader for the QR symbols the library makes, from ISO/IEC 18004:2015 (Model 2):
// it checks every function pattern, decodes the format and version information, unmasks and
// collects the codewords, verifies each Reed–Solomon block, and decodes the bit stream. It only
// needs to read clean, freshly made symbols, so any deviation is a failure, not something to correct.

enum QRTables {
    /// Error correction codewords per block, [level][version] (ISO/IEC 18004 Table 9).
    static let eccPerBlock: [[Int]] = [
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]
    /// Error correction blocks, [level][version] (Table 9).
    static let blocks: [[Int]] = [
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]
    /// Total codewords per version (Table 1), [version].
    static let totalCodewords: [Int] = [
        0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346, 404, 466, 532, 581, 655, 733, 815, 901, 991, 1085,
        1156, 1258, 1364, 1474, 1588, 1706, 1828, 1921, 2051, 2185, 2323, 2465, 2611, 2761, 2876, 3034, 3196, 3362, 3532, 3706,
    ]

    static func index(_ level: ErrorCorrection) -> Int {
        switch level {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    static func dataCodewords(version: Int, level: ErrorCorrection) -> Int {
        let l = index(level)
        return totalCodewords[version] - eccPerBlock[l][version] * blocks[l][version]
    }

    /// Character count indicator bands: versions 1–9, 10–26, 27–40.
    static func band(_ version: Int) -> Int { version <= 9 ? 0 : (version <= 26 ? 1 : 2) }

    enum Mode: Equatable { case numeric, alphanumeric, byte }

    static func countBits(_ mode: Mode, band: Int) -> Int {
        switch mode {
        case .numeric: [10, 12, 14][band]
        case .alphanumeric: [9, 11, 13][band]
        case .byte: [8, 16, 16][band]
        }
    }

    static func dataBits(_ mode: Mode, count n: Int) -> Int {
        switch mode {
        case .numeric: 10 * (n / 3) + [0, 4, 7][n % 3]
        case .alphanumeric: 11 * (n / 2) + 6 * (n % 2)
        case .byte: 8 * n
        }
    }

    /// Bits the segments take at a band, or nil when a count does not fit its indicator there.
    static func cost(_ segments: [(mode: Mode, count: Int)], band: Int) -> Int? {
        var bits = 0
        for s in segments {
            let c = countBits(s.mode, band: band)
            guard s.count < 1 << c else { return nil }
            bits += 4 + c + dataBits(s.mode, count: s.count)
        }
        return bits
    }

    static let alphanumeric = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// The bits of the plainest coding: the whole input in the most compact single mode that can
    /// hold all of it, split only where a count indicator is full. The best segmentation is no longer.
    static func singleModeBits(_ data: [UInt8], band: Int) -> Int {
        guard !data.isEmpty else { return 0 }
        let mode: Mode = data.allSatisfy { (0x30...0x39).contains($0) } ? .numeric
            : (data.allSatisfy { alphanumeric.contains($0) } ? .alphanumeric : .byte)
        let countBits = countBits(mode, band: band)
        let most = (1 << countBits) - 1
        var bits = 0, left = data.count
        while left > 0 {
            let n = min(left, most)
            bits += 4 + countBits + dataBits(mode, count: n)
            left -= n
        }
        return bits
    }

    /// A lower bound on the bits any segmentation needs: one header and the shortest count
    /// indicator, then each byte at the best rate of any mode that can hold it (in sixths of a bit).
    static func lowerBoundBits(_ data: [UInt8], band: Int) -> Int {
        guard !data.isEmpty else { return 0 }
        var sixths = 0
        for b in data {
            sixths += (0x30...0x39).contains(b) ? 20 : (alphanumeric.contains(b) ? 33 : 48)
        }
        return 4 + [8, 11, 13][band] + (sixths + 5) / 6
    }
}

/// GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum GF256 {
    /// α^i for i in 0..<510, so products need no reduction modulo 255.
    static let exp: [UInt8] = {
        var exp = [UInt8](repeating: 0, count: 510)
        var x = 1
        for i in 0..<255 {
            exp[i] = UInt8(x)
            exp[i + 255] = UInt8(x)
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        return exp
    }()

    static let log: [Int] = {
        var log = [Int](repeating: 0, count: 256)
        for i in 0..<255 { log[Int(exp[i])] = i }
        return log
    }()

    static func mul(_ a: UInt8, _ b: UInt8) -> UInt8 {
        a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
    }
}

struct QRSymbolReader {
    let symbol: QRCode
    let version: Int
    let size: Int
    /// Modules reserved for function patterns and format/version information.
    var function: [Bool]

    struct Result {
        var level: ErrorCorrection
        var mask: Int
        var data: [UInt8]
        var segments: [(mode: QRTables.Mode, count: Int)]
        /// Bits of the segments, without terminator and padding.
        var bitsUsed: Int
    }

    static func read(_ symbol: QRCode) -> Result {
        var reader = QRSymbolReader(symbol: symbol)
        return reader.run()
    }

    private init(symbol: QRCode) {
        self.symbol = symbol
        version = symbol.version
        size = symbol.size
        function = [Bool](repeating: false, count: size * size)
    }

    private func dark(_ x: Int, _ y: Int) -> Bool { symbol.isDark(x: x, y: y) }

    private mutating func reserve(_ x: Int, _ y: Int) { function[y * size + x] = true }

    /// Checks a function module's colour and reserves it.
    private mutating func expect(_ x: Int, _ y: Int, dark want: Bool, _ what: String) {
        Fuzz.check(dark(x, y) == want, "v\(version): \(what) module (\(x), \(y)) should be \(want ? "dark" : "light")")
        reserve(x, y)
    }

    /// Alignment pattern centre coordinates (Annex E): 6, then evenly spaced up to size − 7, the
    /// spacing an even number, the first gap taking the remainder.
    static func alignmentCentres(_ version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let last = 4 * version + 10
        // Version 32 is the one exception to the rounding rule.
        let gap = (last - 6 + count - 2) / (count - 1)  // rounded up
        let step = version == 32 ? 26 : (gap + 1) & ~1  // then up to even
        var centres = [6]
        for k in stride(from: count - 2, through: 0, by: -1) { centres.append(last - k * step) }
        return centres
    }

    private mutating func run() -> Result {
        Fuzz.check((1...40).contains(version) && size == 4 * version + 17, "version \(version) with size \(size)")
        checkFunctionPatterns()
        let (level, mask) = readFormat()
        if version >= 7 { readVersion() }
        let codewords = readCodewords(mask: mask)
        let dataWords = verifyBlocks(codewords, level: level)
        let (data, segments, bitsUsed) = decodeStream(dataWords)
        return Result(level: level, mask: mask, data: data, segments: segments, bitsUsed: bitsUsed)
    }

    private mutating func checkFunctionPatterns() {
        // Finders (7×7: dark ring, light ring, dark 3×3 centre) and their light separators.
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 {
                    let x = cx + dx, y = cy + dy
                    guard x >= 0, y >= 0, x < size, y < size else { continue }
                    let ring = max(abs(dx), abs(dy))
                    expect(x, y, dark: ring != 2 && ring != 4, "finder")
                }
            }
        }
        // Timing patterns on row and column 6 between the separators.
        for i in 8..<(size - 8) {
            expect(i, 6, dark: i % 2 == 0, "timing")
            expect(6, i, dark: i % 2 == 0, "timing")
        }
        // Alignment patterns: every pair of centres except those overlapping finders.
        let centres = Self.alignmentCentres(version)
        for cy in centres {
            for cx in centres {
                if (cx == 6 && cy == 6) || (cx == 6 && cy == size - 7) || (cx == size - 7 && cy == 6) { continue }
                for dy in -2...2 {
                    for dx in -2...2 {
                        expect(cx + dx, cy + dy, dark: max(abs(dx), abs(dy)) != 1, "alignment")
                    }
                }
            }
        }
        // The dark module.
        expect(8, size - 8, dark: true, "dark")
        // Format areas (read below) and version areas.
        for i in 0...8 {
            reserve(8, i)
            reserve(i, 8)
        }
        for i in 0..<8 {
            reserve(size - 1 - i, 8)
            reserve(8, size - 1 - i)
        }
        if version >= 7 {
            for i in 0..<6 {
                for j in 0..<3 {
                    reserve(size - 11 + j, i)
                    reserve(i, size - 11 + j)
                }
            }
        }
    }

    /// BCH(15,5) codeword for 5 data bits, with the 0x5412 mask applied.
    static func formatCodeword(_ data: Int) -> Int {
        var r = data << 10
        for bit in stride(from: 14, through: 10, by: -1) where r & (1 << bit) != 0 { r ^= 0x537 << (bit - 10) }
        return (data << 10 | r) ^ 0x5412
    }

    /// Decodes the 15 format bits to the nearest codeword; a clean symbol must match exactly.
    static func decodeFormat(_ bits: Int) -> (level: ErrorCorrection, mask: Int)? {
        var best: (distance: Int, data: Int) = (16, 0)
        for data in 0..<32 {
            let d = (formatCodeword(data) ^ bits).nonzeroBitCount
            if d < best.distance { best = (d, data) }
        }
        guard best.distance == 0 else { return nil }
        // Level indicator bits: L 01, M 00, Q 11, H 10.
        let level: ErrorCorrection = [.medium, .low, .high, .quartile][best.data >> 3]
        return (level, best.data & 7)
    }

    private func readFormat() -> (ErrorCorrection, Int) {
        // Bit 14 is the most significant. First copy around the top-left finder, second split
        // between the bottom-left (bits 14…8) and top-right (bits 7…0) finders.
        var first = 0, second = 0
        let around: [(Int, Int)] = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
        for (i, (x, y)) in around.enumerated() where dark(x, y) { first |= 1 << i }
        for i in 0..<8 where dark(size - 1 - i, 8) { second |= 1 << i }
        for i in 8..<15 where dark(8, size - 15 + i) { second |= 1 << i }
        guard let a = Self.decodeFormat(first) else { Fuzz.fail("v\(version): format copy 1 \(first) is not a BCH codeword") }
        guard let b = Self.decodeFormat(second) else { Fuzz.fail("v\(version): format copy 2 \(second) is not a BCH codeword") }
        Fuzz.check(a == b, "v\(version): format copies disagree: \(a) vs \(b)")
        return a
    }

    /// BCH(18,6) version codeword.
    static func versionCodeword(_ version: Int) -> Int {
        var r = version << 12
        for bit in stride(from: 17, through: 12, by: -1) where r & (1 << bit) != 0 { r ^= 0x1F25 << (bit - 12) }
        return version << 12 | r
    }

    private func readVersion() {
        // Bit i sits at (i / 3, size − 11 + i % 3) in the bottom-left block, transposed top right.
        var bottomLeft = 0, topRight = 0
        for i in 0..<18 {
            if dark(i / 3, size - 11 + i % 3) { bottomLeft |= 1 << i }
            if dark(size - 11 + i % 3, i / 3) { topRight |= 1 << i }
        }
        let want = Self.versionCodeword(version)
        Fuzz.check(bottomLeft == want && topRight == want,
                   "v\(version): version information \(bottomLeft)/\(topRight), expected \(want)")
    }

    static func maskBit(_ mask: Int, x j: Int, y i: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// Unmasked data modules in placement order: column pairs from the right, skipping column 6,
    /// upwards then downwards, right module before left.
    private func readCodewords(mask: Int) -> [UInt8] {
        var bits: [Bool] = []
        bits.reserveCapacity(size * size)
        var right = size - 1
        var upward = true
        while right > 0 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in stride(from: right, through: right - 1, by: -1) where !function[y * size + x] {
                    bits.append(dark(x, y) != Self.maskBit(mask, x: x, y: y))
                }
            }
            upward.toggle()
            right -= 2
        }
        let total = QRTables.totalCodewords[version]
        Fuzz.check(bits.count / 8 == total && bits.count - 8 * total < 8,
                   "v\(version): \(bits.count) data modules for \(total) codewords")
        Fuzz.check(!bits[(8 * total)...].contains(true), "v\(version): remainder bits are not zero")
        var words = [UInt8](repeating: 0, count: total)
        for i in 0..<(8 * total) where bits[i] { words[i / 8] |= 0x80 >> UInt8(i % 8) }
        return words
    }

    /// Splits the interleaved codewords into blocks, checks each block's syndromes are zero
    /// (generator roots α⁰…α^(n−1)), and returns the data codewords in order.
    private func verifyBlocks(_ words: [UInt8], level: ErrorCorrection) -> [UInt8] {
        let l = QRTables.index(level)
        let blockCount = QRTables.blocks[l][version], ecc = QRTables.eccPerBlock[l][version]
        let total = words.count
        let short = blockCount - total % blockCount
        let shortData = total / blockCount - ecc
        var blocks = (0..<blockCount).map { b in [UInt8](repeating: 0, count: shortData + (b < short ? 0 : 1) + ecc) }
        var k = 0
        for i in 0...shortData {
            for b in 0..<blockCount where i < shortData || b >= short {
                blocks[b][i] = words[k]
                k += 1
            }
        }
        for i in 0..<ecc {
            for b in 0..<blockCount {
                blocks[b][blocks[b].count - ecc + i] = words[k]
                k += 1
            }
        }
        Fuzz.check(k == total, "v\(version)-\(level): blocks took \(k) of \(total) codewords")
        var data: [UInt8] = []
        for (b, block) in blocks.enumerated() {
            for r in 0..<ecc {
                // Horner evaluation of the block polynomial at α^r.
                var s: UInt8 = 0
                let x = GF256.exp[r]
                for c in block { s = GF256.mul(s, x) ^ c }
                Fuzz.check(s == 0, "v\(version)-\(level): block \(b) syndrome \(r) is \(s)")
            }
            data += block.dropLast(ecc)
        }
        Fuzz.check(data.count == QRTables.dataCodewords(version: version, level: level), "v\(version)-\(level): \(data.count) data codewords")
        return data
    }

    private func decodeStream(_ words: [UInt8]) -> ([UInt8], [(mode: QRTables.Mode, count: Int)], Int) {
        let totalBits = words.count * 8
        var pos = 0
        func take(_ n: Int) -> Int {
            var v = 0
            for _ in 0..<n {
                v = v << 1 | Int(words[pos / 8] >> UInt8(7 - pos % 8) & 1)
                pos += 1
            }
            return v
        }
        let band = QRTables.band(version)
        var out: [UInt8] = []
        var segments: [(mode: QRTables.Mode, count: Int)] = []
        var used = 0
        while true {
            // Fewer than four bits left: the terminator may be cut short; they must be zero.
            if totalBits - pos < 4 {
                Fuzz.check(take(totalBits - pos) == 0, "v\(version): shortened terminator is not zero")
                break
            }
            let modeBits = take(4)
            if modeBits == 0 { break }
            let mode: QRTables.Mode
            switch modeBits {
            case 1: mode = .numeric
            case 2: mode = .alphanumeric
            case 4: mode = .byte
            default: Fuzz.fail("v\(version): unexpected mode indicator \(modeBits) at bit \(pos - 4)")
            }
            let countBits = QRTables.countBits(mode, band: band)
            Fuzz.check(totalBits - pos >= countBits, "v\(version): count indicator past the end")
            let count = take(countBits)
            let need = QRTables.dataBits(mode, count: count)
            Fuzz.check(totalBits - pos >= need, "v\(version): segment of \(count) runs past the end")
            Fuzz.check(count > 0, "v\(version): empty segment")
            switch mode {
            case .numeric:
                var left = count
                while left > 0 {
                    let n = min(3, left)
                    let v = take([0, 4, 7, 10][n])
                    Fuzz.check(v < [1, 10, 100, 1000][n], "v\(version): numeric group \(v) too large")
                    let digits = Array(String(v).utf8)
                    out += [UInt8](repeating: 0x30, count: n - digits.count) + digits
                    left -= n
                }
            case .alphanumeric:
                var left = count
                while left > 0 {
                    if left >= 2 {
                        let v = take(11)
                        Fuzz.check(v < 45 * 45, "v\(version): alphanumeric pair \(v) too large")
                        out.append(QRTables.alphanumeric[v / 45])
                        out.append(QRTables.alphanumeric[v % 45])
                        left -= 2
                    } else {
                        let v = take(6)
                        Fuzz.check(v < 45, "v\(version): alphanumeric character \(v) too large")
                        out.append(QRTables.alphanumeric[v])
                        left -= 1
                    }
                }
            case .byte:
                for _ in 0..<count { out.append(UInt8(take(8))) }
            }
            segments.append((mode, count))
            used = pos
        }
        // Zero bits to the byte boundary, then pad codewords 0xEC, 0x11, …
        if pos % 8 != 0 { Fuzz.check(take(8 - pos % 8) == 0, "v\(version): non-zero bits before padding") }
        var pad: UInt8 = 0xEC
        while pos < totalBits {
            let w = UInt8(take(8))
            Fuzz.check(w == pad, "v\(version): pad codeword \(w) at byte \(pos / 8 - 1), expected \(pad)")
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return (out, segments, used)
    }
}
