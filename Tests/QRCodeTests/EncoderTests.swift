import Testing
@testable import QRCode

@Suite("Encoder")
struct EncoderTests {
    /// Data and error correction codewords for `text` at a version/level, before interleaving matters.
    private func codewords(_ text: String, version: Int, level: ErrorCorrection) -> [UInt8] {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { input in
            let band = versionBand(version)
            let segments = Segment.optimal(input, band: band)
            return QRCode.makeCodewords(input, segments: segments, band: band, version: version, level: level)
        }
    }

    @Test("Reed–Solomon: ISO/IEC 18004 Annex I example \"01234567\", 1-M")
    func annexIExample() {
        let words = codewords("01234567", version: 1, level: .medium)
        #expect(words == [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
            0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55,
        ])
        let q = try? QRCode.encode("01234567", errorCorrection: .medium)
        #expect(q?.version == 1)
    }

    @Test("Reed–Solomon: \"HELLO WORLD\", 1-Q")
    func helloWorldQ() {
        let words = codewords("HELLO WORLD", version: 1, level: .quartile)
        #expect(Array(words.prefix(13)) == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236])
        #expect(Array(words.suffix(13)) == [168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16])
    }

    @Test("Reed–Solomon remainder is zero for a full codeword, and generator roots are α⁰…α^(n−1)")
    func reedSolomonProperties() {
        for degree in [7, 10, 13, 17, 22, 30] {
            // Evaluate the generator at each root: it must vanish.
            let logs = ReedSolomon.generatorLogs[degree]
            for r in 0..<degree {
                var value: UInt8 = 1  // leading coefficient
                let root = ReedSolomon.exp[r]
                for l in logs { value = ReedSolomon.multiply(value, root) ^ ReedSolomon.exp[Int(l)] }
                #expect(value == 0, "degree \(degree), root α^\(r)")
            }
        }
        // Data followed by its ECC is a multiple of the generator: its remainder is zero.
        let data: [UInt8] = (0..<40).map { UInt8(($0 * 37 + 11) & 0xFF) }
        var ecc = [UInt8](repeating: 0, count: 18)
        data.withUnsafeBufferPointer { d in ecc.withUnsafeMutableBufferPointer { ReedSolomon.remainder(of: d, into: $0) } }
        var check = [UInt8](repeating: 0xFF, count: 18)
        (data + ecc).withUnsafeBufferPointer { d in check.withUnsafeMutableBufferPointer { ReedSolomon.remainder(of: d, into: $0) } }
        #expect(check == [UInt8](repeating: 0, count: 18))
    }

    @Test("Format information matches the standard's table", arguments: [
        (ErrorCorrection.low, 0, 0b111011111000100), (.low, 7, 0b110100101110110),
        (.medium, 0, 0b101010000010010), (.medium, 5, 0b100000011001110),
        (.quartile, 2, 0b011111100110001), (.quartile, 6, 0b010111011011010),
        (.high, 3, 0b001100111010000), (.high, 4, 0b000011101100010),
    ])
    func formatInfo(level: ErrorCorrection, mask: Int, expected: UInt32) {
        #expect(QRCode.formatBits(level, mask: mask) == expected)
    }

    @Test("Version information (Golay) for versions 7, 8, 21 and 40")
    func versionInfo() {
        #expect(QRCode.versionBits(7) == 0b000111_110010010100)
        #expect(QRCode.versionBits(8) == 0b001000_010110111100)
        #expect(QRCode.versionBits(21) == 0b010101_011010000011)
        #expect(QRCode.versionBits(40) == 0b101000_110001101001)
    }

    @Test("Version 7 symbol carries the version blocks in both corners")
    func versionBlocksPlaced() throws {
        let q = try QRCode.encode("Nguồn", minVersion: 7)
        #expect(q.version == 7 && q.size == 45)
        let bits = QRCode.versionBits(7)
        for i in 0..<18 {
            let dark = (bits >> UInt32(i)) & 1 == 1
            #expect(q.isDark(x: i / 3, y: q.size - 11 + i % 3) == dark)
            #expect(q.isDark(x: q.size - 11 + i % 3, y: i / 3) == dark)
        }
    }

    @Test("Capacity tables agree with the standard")
    func capacityTables() {
        let total: [Int: Int] = [1: 26, 2: 44, 6: 172, 7: 196, 10: 346, 14: 581, 27: 1828, 40: 3706]
        for (v, n) in total { #expect(QRCode.totalCodewords(version: v) == n, "version \(v)") }
        let data: [Int: [Int]] = [
            1: [19, 16, 13, 9], 5: [108, 86, 62, 46], 10: [274, 216, 154, 122], 40: [2956, 2334, 1666, 1276],
        ]
        for (v, expected) in data {
            #expect(ErrorCorrection.allCases.map { QRCode.dataCodewords(version: v, level: $0) } == expected, "version \(v)")
        }
        // Remainder bits: 0 for v1, 7 for v2–6, 0 for v7–13, 3 for v14–20, 4 for v21–27, 3 for v28–34, 0 for v35–40.
        let remainder = (1...40).map { QRCode.rawDataModules(version: $0) % 8 }
        #expect(remainder == [0] + Array(repeating: 7, count: 5) + Array(repeating: 0, count: 7)
            + Array(repeating: 3, count: 7) + Array(repeating: 4, count: 7) + Array(repeating: 3, count: 7)
            + Array(repeating: 0, count: 6))
        // Alignment centres: k = v/7 + 2 of them, starting at 6 and ending 7 modules from the edge.
        for v in 2...40 {
            let c = QRCode.alignmentCentres[v].map(Int.init)
            #expect(c.count == v / 7 + 2 && c.first == 6 && c.last == 4 * v + 10, "version \(v)")
            let steps = Set(zip(c.dropFirst(2), c.dropFirst()).map { $0 - $1 })
            #expect(steps.count <= 1 && steps.allSatisfy { $0 % 2 == 0 }, "version \(v)")
        }
        // Every block's data is a whole number of codewords and blocks differ by at most one.
        for level in ErrorCorrection.allCases {
            for v in 1...40 {
                let b = Int(QRCode.blockCount[level.ordinal][v])
                #expect(QRCode.totalCodewords(version: v) / b > Int(QRCode.eccPerBlock[level.ordinal][v]))
            }
        }
    }

    @Test("Largest inputs that fit version 40 work, one more character throws", arguments: [
        (ErrorCorrection.low, "0", 7089), (.low, "A", 4296), (.low, "a", 2953),
        (.high, "7", 3057), (.high, "Z", 1852), (.high, "z", 1273),
    ])
    func version40Boundary(level: ErrorCorrection, unit: String, count: Int) throws {
        let fits = try QRCode.encode(String(repeating: unit, count: count), errorCorrection: level)
        #expect(fits.version == 40 && fits.size == 177 && fits.errorCorrection == level)
        #expect {
            try QRCode.encode(String(repeating: unit, count: count + 1), errorCorrection: level)
        } throws: { e in
            guard case .dataTooLong(_, _, _, let l, let maxVersion) = e as? QRCodeError else { return false }
            return l == level && maxVersion == 40
        }
    }

    @Test("Version 1 boundaries", arguments: [
        (ErrorCorrection.low, "1", 41), (.low, "B", 25), (.low, "b", 17),
        (.high, "1", 17), (.high, "B", 10), (.high, "b", 7),
    ])
    func version1Boundary(level: ErrorCorrection, unit: String, count: Int) throws {
        #expect(try QRCode.encode(String(repeating: unit, count: count), errorCorrection: level).version == 1)
        #expect(try QRCode.encode(String(repeating: unit, count: count + 1), errorCorrection: level).version == 2)
        #expect {
            try QRCode.encode(String(repeating: unit, count: count + 1), errorCorrection: level, maxVersion: 1)
        } throws: { e in
            guard case .dataTooLong(_, _, _, let l, let maxVersion) = e as? QRCodeError else { return false }
            return l == level && maxVersion == 1
        }
    }

    @Test("dataTooLong reports the size and the maximum at that level")
    func dataTooLongDescription() {
        do {
            _ = try QRCode.encode(String(repeating: "x", count: 3000), errorCorrection: .low)
            Issue.record("expected dataTooLong")
        } catch {
            guard case let .dataTooLong(inputBytes, bitsNeeded, maxBits, level, maxVersion) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(inputBytes == 3000 && bitsNeeded == 4 + 16 + 24000 && maxBits == 2956 * 8)
            #expect(level == .low && maxVersion == 40)
            let text = error.description
            #expect(text.contains("3000 bytes") && text.contains("level L") && text.contains("2953 bytes"))
            #expect(text.contains("4296 upper-case alphanumeric") && text.contains("7089 digits"))
        }
    }

    @Test("Invalid arguments throw descriptive errors")
    func invalidArguments() {
        #expect(throws: QRCodeError.invalidVersion(0)) { try QRCode.encode("x", minVersion: 0) }
        #expect(throws: QRCodeError.invalidVersion(41)) { try QRCode.encode("x", maxVersion: 41) }
        #expect(throws: QRCodeError.invalidVersionRange(min: 5, max: 3)) { try QRCode.encode("x", minVersion: 5, maxVersion: 3) }
        #expect(throws: QRCodeError.invalidMask(8)) { try QRCode.encode("x", mask: 8) }
        #expect(QRCodeError.invalidVersion(41).description.contains("1 to 40"))
        #expect(QRCodeError.invalidMask(-1).description.contains("0 to 7"))
    }

    @Test("Options: minimum version, forced mask, boosted error correction")
    func options() throws {
        #expect(try QRCode.encode("A", minVersion: 10).version == 10)
        for m in 0..<8 { #expect(try QRCode.encode("mask", mask: m).mask == m) }
        let plain = try QRCode.encode("123", errorCorrection: .low)
        #expect(plain.version == 1 && plain.errorCorrection == .low)
        let boosted = try QRCode.encode("123", errorCorrection: .low, boostErrorCorrection: true)
        #expect(boosted.version == 1 && boosted.errorCorrection == .high)
        // 14 bytes fit 1-L (17) and 1-M (14) but not 1-Q (11): boosting stops at M.
        let partly = try QRCode.encode("abcdefghijklmn", errorCorrection: .low, boostErrorCorrection: true)
        #expect(partly.version == 1 && partly.errorCorrection == .medium)
    }

    @Test("Error correction levels parse case-insensitively")
    func parseLevels() {
        #expect(ErrorCorrection("l") == .low)
        #expect(ErrorCorrection("M") == .medium)
        #expect(ErrorCorrection(" q ") == .quartile)
        #expect(ErrorCorrection("High") == .high)
        #expect(ErrorCorrection("X") == nil)
        #expect(ErrorCorrection("") == nil)
        #expect(ErrorCorrection(rawValue: "H") == .high)
        #expect(ErrorCorrection.allCases.map(\.description) == ["L", "M", "Q", "H"])
    }

    @Test("Modules outside the symbol read as light; finder corners are dark")
    func moduleAccess() throws {
        let q = try QRCode.encode("https://example.vn")
        #expect(q.size == 4 * q.version + 17)
        #expect(!q.isDark(x: -1, y: 0) && !q.isDark(x: 0, y: q.size) && !q.isDark(x: q.size, y: 3))
        for (x, y) in [(0, 0), (6, 6), (q.size - 1, 0), (0, q.size - 1), (8, q.size - 8)] {
            #expect(q.isDark(x: x, y: y))
        }
        #expect(!q.isDark(x: 7, y: 7) && !q.isDark(x: 1, y: 1))
        #expect(try QRCode.encode("") .version == 1)
    }
}
