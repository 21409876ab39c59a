// Format information (BCH(15,5)) and version information (Golay-style BCH(18,6)).

extension QRCode {
    /// Remainder of `value` divided by `generator` over GF(2); `degree` is the generator's degree.
    private static func polynomialRemainder(_ value: UInt32, generator: UInt32, degree: Int) -> UInt32 {
        var r = value
        var bit = 31
        while bit >= degree {
            if r & (1 << UInt32(bit)) != 0 { r ^= generator << UInt32(bit - degree) }
            bit -= 1
        }
        return r
    }

    /// The 15 format bits for a level and mask: 5 data bits, 10 BCH bits, XORed with 0x5412 so
    /// that no valid format word is all zeros.
    static func formatBits(_ level: ErrorCorrection, mask: Int) -> UInt32 {
        let data = level.formatBits << 3 | UInt32(mask)
        let check = polynomialRemainder(data << 10, generator: 0x537, degree: 10)
        return (data << 10 | check) ^ 0x5412
    }

    /// The 18 version bits for versions 7 and up: 6 data bits and 12 check bits.
    static func versionBits(_ version: Int) -> UInt32 {
        let data = UInt32(version)
        return data << 12 | polynomialRemainder(data << 12, generator: 0x1F25, degree: 12)
    }
}

extension ModuleGrid.Lines {
    /// Writes both copies of the format information; the bit numbering follows Figure 25 of the standard.
    func drawFormat(_ bits: UInt32) {
        @inline(__always) func bit(_ i: Int) -> Bool { (bits >> UInt32(i)) & 1 != 0 }
        // Copy next to the top-left finder: down column 8 and along row 8, skipping timing.
        for i in 0...5 { put(x: 8, y: i, bit(i)) }
        put(x: 8, y: 7, bit(6))
        put(x: 8, y: 8, bit(7))
        put(x: 7, y: 8, bit(8))
        for i in 9..<15 { put(x: 14 - i, y: 8, bit(i)) }
        // Copy split between the top-right (row 8) and bottom-left (column 8) finders.
        for i in 0..<8 { put(x: size - 1 - i, y: 8, bit(i)) }
        for i in 8..<15 { put(x: 8, y: size - 15 + i, bit(i)) }
    }

    /// Writes both 6×3 version information blocks (versions 7 and up).
    func drawVersion(_ bits: UInt32) {
        for i in 0..<18 {
            let dark = (bits >> UInt32(i)) & 1 != 0
            let a = size - 11 + i % 3, b = i / 3
            put(x: b, y: a, dark, function: true)  // bottom-left block
            put(x: a, y: b, dark, function: true)  // top-right block
        }
    }
}
