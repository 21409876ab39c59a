import Testing
@testable import QRCode

@Suite("Masks and penalties")
struct MaskTests {
    /// Straightforward module-by-module scoring of a finished symbol (same rule reading as the
    /// encoder: runs ≥ 5 score n − 2, 2×2 blocks 3, 1:1:3:1:1 with four light modules on a side 40
    /// per side, outside the symbol light, and 10 per 5 % step away from half dark).
    static func naivePenalty(_ q: QRCode) -> Int {
        let n = q.size
        var score = 0
        for transpose in [false, true] {
            for a in 0..<n {
                func dark(_ b: Int) -> Bool {
                    guard b >= 0 && b < n else { return false }
                    return transpose ? q.isDark(x: a, y: b) : q.isDark(x: b, y: a)
                }
                var run = 1
                for b in 1...n {
                    if b < n && dark(b) == dark(b - 1) {
                        run += 1
                    } else {
                        if run >= 5 { score += 3 + (run - 5) }
                        run = 1
                    }
                }
                let pattern = [true, false, true, true, true, false, true]
                for b in 0...(n - 7) where (0..<7).allSatisfy({ dark(b + $0) == pattern[$0] }) {
                    if (1...4).allSatisfy({ !dark(b - $0) }) { score += 40 }
                    if (7...10).allSatisfy({ !dark(b + $0) }) { score += 40 }
                }
            }
        }
        for y in 0..<(n - 1) {
            for x in 0..<(n - 1) {
                let c = q.isDark(x: x, y: y)
                if q.isDark(x: x + 1, y: y) == c && q.isDark(x: x, y: y + 1) == c && q.isDark(x: x + 1, y: y + 1) == c {
                    score += 3
                }
            }
        }
        var darkCount = 0
        for y in 0..<n { for x in 0..<n where q.isDark(x: x, y: y) { darkCount += 1 } }
        score += 10 * (abs(darkCount * 20 - n * n * 10) / (n * n))
        return score
    }

    /// The encoder's bit-parallel penalty for mask `m`, recomputed on a fresh grid.
    static func encoderPenalty(_ text: String, _ q: QRCode, mask m: Int) -> Int {
        let bytes = Array(text.utf8)
        let band = versionBand(q.version)
        let codewords = bytes.withUnsafeBufferPointer { input in
            QRCode.makeCodewords(
                input, segments: Segment.optimal(input, band: band), band: band, version: q.version, level: q.errorCorrection)
        }
        var grid = ModuleGrid(version: q.version)
        codewords.withUnsafeBufferPointer { words in grid.withLines { $0.placeCodewords(words) } }
        grid.withLines { $0.drawFormat(QRCode.formatBits(q.errorCorrection, mask: m)) }
        return grid.penalty(mask: m)
    }

    @Test("Bit-parallel penalty equals the module-by-module count", arguments: [
        ("01234567", ErrorCorrection.medium, 1),
        ("https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ9876543", .medium, 1),
        ("Rau cải Quảng Ninh", .high, 1),
        ("Mật ong bạc hà Hà Giang, lô 2024", .quartile, 12),  // 65 modules: three-word lines
        (String(repeating: "GS1 DIGITAL LINK ", count: 40), .low, 1),
    ])
    func penaltyMatchesNaive(text: String, level: ErrorCorrection, minVersion: Int) throws {
        for m in 0..<8 {
            let q = try QRCode.encode(text, errorCorrection: level, minVersion: minVersion, mask: m)
            #expect(MaskTests.encoderPenalty(text, q, mask: m) == MaskTests.naivePenalty(q), "mask \(m), v\(q.version)")
        }
    }

    @Test("Automatic mask choice is the lowest-penalty mask")
    func choosesLowest() throws {
        for text in ["HELLO WORLD", "Chè Thái Nguyên", "0123456789012345ABCDEF", "https://nguon.vn/p/8935000000001"] {
            let auto = try QRCode.encode(text)
            let scores = try (0..<8).map { MaskTests.naivePenalty(try QRCode.encode(text, mask: $0)) }
            #expect(scores[auto.mask] == scores.min(), "\(text): \(scores)")
        }
    }

    @Test("Mask patterns follow the standard's conditions")
    func maskTable() {
        for m in 0..<8 {
            for i in 0..<30 {
                for j in 0..<30 {
                    let expected: Bool
                    switch m {
                    case 0: expected = (i + j) % 2 == 0
                    case 1: expected = i % 2 == 0
                    case 2: expected = j % 3 == 0
                    case 3: expected = (i + j) % 3 == 0
                    case 4: expected = (i / 2 + j / 3) % 2 == 0
                    case 5: expected = (i * j) % 2 + (i * j) % 3 == 0
                    case 6: expected = ((i * j) % 2 + (i * j) % 3) % 2 == 0
                    default: expected = ((i + j) % 2 + (i * j) % 3) % 2 == 0
                    }
                    #expect(MaskPattern.table[m * 12 + i % 12][bit: j] == expected)
                    #expect(MaskPattern.table[96 + m * 12 + j % 12][bit: i] == expected)
                }
            }
        }
    }
}
