import Testing
@testable import QRCode

@Suite("Segmentation")
struct SegmentationTests {
    private func segments(_ text: String, band: Int = 0) -> [(Mode, Int)] {
        Array(text.utf8).withUnsafeBufferPointer { Segment.optimal($0, band: band).map { ($0.mode, $0.count) } }
    }

    private func bits(_ text: String, band: Int = 0) -> Int {
        Array(text.utf8).withUnsafeBufferPointer { Segment.optimal($0, band: band).reduce(0) { $0 + $1.bits(band: band) } }
    }

    @Test("Digits then letters split into numeric + alphanumeric")
    func numericThenAlphanumeric() {
        let s = segments("0123456789012345ABCDEF")
        #expect(s.map(\.0) == [.numeric, .alphanumeric] && s.map(\.1) == [16, 6])
        // 16 digits: 4+10+5·10+4 = 68 bits; 6 letters: 4+9+3·11 = 46 bits.
        #expect(bits("0123456789012345ABCDEF") == 114)
        #expect(114 < 4 + 9 + 11 * 11)  // all-alphanumeric alternative
    }

    @Test("A long digit run inside lower-case text gets its own segment; a short one does not")
    func digitsInsideBytes() {
        let s = segments("a1234567890123b")
        #expect(s.map(\.0) == [.byte, .numeric, .byte] && s.map(\.1) == [1, 13, 1])
        #expect(segments("abc123def").map(\.0) == [.byte])
        #expect(segments("0123456789").map(\.0) == [.numeric])
        #expect(segments("HELLO WORLD").map(\.0) == [.alphanumeric])
    }

    @Test("UTF-8 Vietnamese stays in byte mode; the GS1 URI gets a numeric segment")
    func realisticInputs() {
        #expect(segments("Rau cải Quảng Ninh").map(\.0) == [.byte])
        let uri = segments("https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ9876543")
        #expect(uri.contains { $0.0 == .numeric && $0.1 >= 14 })
        #expect(uri.reduce(0) { $0 + $1.1 } == 60)
    }

    @Test("Count-indicator band changes the optimum")
    func bandMatters() {
        // Larger headers in higher bands make short switches unprofitable.
        let text = "abcdefgh0123456ijklmnop"
        #expect(segments(text, band: 0).count == 3)
        #expect(segments(text, band: 2).count == 1)
    }

    /// The standard's capacities keep every segment within its count indicator, so splitting is
    /// only a safeguard; it must still cost the right number of bits and keep character pairs whole.
    @Test("Segments longer than the count indicator allows are charged as several segments")
    func overlongSegment() throws {
        let segment = Segment(mode: .alphanumeric, start: 0, count: 2100)
        #expect(segment.bits(band: 1) == 2 * (4 + 11) + 11 * 1050)  // 2046 + 54 characters
        #expect(segment.bits(band: 2) == 4 + 13 + 11 * 1050)
        #expect(Segment(mode: .byte, start: 0, count: 300).bits(band: 0) == 2 * (4 + 8) + 8 * 300)
        #expect(Segment(mode: .numeric, start: 0, count: 1030).bits(band: 0) == 2 * (4 + 10) + 10 * 343 + 4)
        // What `write` emits matches what `bits` charges.
        for (mode, unit, count, band) in [(Mode.alphanumeric, UInt8(ascii: "A"), 2100, 1), (.byte, UInt8(ascii: "a"), 300, 0),
                                          (.numeric, UInt8(ascii: "7"), 1030, 0), (.numeric, UInt8(ascii: "7"), 5000, 1)] {
            let input = [UInt8](repeating: unit, count: count)
            let seg = Segment(mode: mode, start: 0, count: count)
            var buffer = BitBuffer(capacityBytes: 4096)
            input.withUnsafeBufferPointer { seg.write($0, band: band, into: &buffer) }
            #expect(buffer.count == seg.bits(band: band), "\(mode) \(count)")
        }
    }

    /// Exhaustive check on short strings: the DP must match the best of all mode assignments.
    @Test("Dynamic programming equals brute force", arguments: 0..<3)
    func bruteForce(band: Int) {
        let alphabet: [UInt8] = Array("0A a".utf8) + [0xC3]
        var rng = SplitMix(seed: UInt64(band) + 7)
        for _ in 0..<150 {
            let n = Int(rng.next() % 8) + 1
            let text = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let dp = text.withUnsafeBufferPointer { Segment.optimal($0, band: band) }
            #expect(dp.reduce(0) { $0 + $1.count } == n)
            let dpBits = dp.reduce(0) { $0 + $1.bits(band: band) }
            #expect(dpBits == bestByEnumeration(text, band: band), "\(text)")
        }
    }

    private func bestByEnumeration(_ text: [UInt8], band: Int) -> Int {
        let modes: [Mode] = [.numeric, .alphanumeric, .byte]
        func allowed(_ m: Mode, _ b: UInt8) -> Bool {
            switch m {
            case .numeric: b >= 0x30 && b <= 0x39
            case .alphanumeric: Segment.alphanumericValue[Int(b)] != 0xFF
            case .byte: true
            }
        }
        var best = Int.max
        var assignment = [Int](repeating: 0, count: text.count)
        func visit(_ i: Int) {
            if i == text.count {
                var total = 0, start = 0
                for j in 1...text.count where j == text.count || assignment[j] != assignment[start] {
                    total += Segment(mode: modes[assignment[start]], start: start, count: j - start).bits(band: band)
                    start = j
                }
                best = min(best, total)
                return
            }
            for m in 0..<3 where allowed(modes[m], text[i]) {
                assignment[i] = m
                visit(i + 1)
            }
        }
        visit(0)
        return best
    }
}

/// Small deterministic generator so property tests are reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
