/// Reed–Solomon error correction over GF(256) with the QR field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) and generator roots α⁰…α^(n−1).
enum ReedSolomon {
    /// α^i for i in 0..<510, doubled so a sum of two logarithms indexes it without a modulo.
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        var x = 1
        for i in 0..<255 {
            table[i] = UInt8(x)
            table[i + 255] = UInt8(x)
            x <<= 1
            if x & 0x100 != 0 { x ^= 0x11D }
        }
        return table
    }()

    /// log_α(x) for x in 1...255 (index 0 is unused).
    static let log: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for i in 0..<255 { table[Int(exp[i])] = UInt8(i) }
        return table
    }()

    /// Field multiplication, used where speed does not matter (tables and tests).
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exp[Int(log[Int(a)]) + Int(log[Int(b)])]
    }

    /// Generator polynomials for every degree 0…30, as logarithms of the coefficients of
    /// x^(n−1)…x⁰ (the leading 1 is implicit). All QR coefficients are non-zero, so logs suffice.
    static let generatorLogs: [[UInt8]] = {
        var result: [[UInt8]] = [[]]
        var poly: [UInt8] = [1]  // coefficients, highest degree first
        for degree in 1...30 {
            // Multiply by (x − α^(degree−1)); subtraction is XOR in GF(2⁸).
            let root = exp[degree - 1]
            var next = [UInt8](repeating: 0, count: poly.count + 1)
            for (i, c) in poly.enumerated() {
                next[i] ^= c
                next[i + 1] ^= multiply(c, root)
            }
            poly = next
            result.append(poly.dropFirst().map { log[Int($0)] })
        }
        return result
    }()

    /// Writes the `ecc.count` error correction codewords of `data` (the remainder of
    /// data·x^n divided by the generator) into `ecc`.
    static func remainder(of data: UnsafeBufferPointer<UInt8>, into ecc: UnsafeMutableBufferPointer<UInt8>) {
        let n = ecc.count
        guard n > 0 else { return }
        for i in 0..<n { ecc[i] = 0 }
        exp.withUnsafeBufferPointer { exp in
            log.withUnsafeBufferPointer { log in
                generatorLogs[n].withUnsafeBufferPointer { gen in
                    // Linear-feedback shift register: shift one codeword in, subtract factor × generator.
                    for byte in data {
                        let factor = byte ^ ecc[0]
                        if factor == 0 {
                            for j in 0..<(n - 1) { ecc[j] = ecc[j + 1] }
                            ecc[n - 1] = 0
                        } else {
                            let lf = Int(log[Int(factor)])
                            for j in 0..<(n - 1) { ecc[j] = ecc[j + 1] ^ exp[Int(gen[j]) &+ lf] }
                            ecc[n - 1] = exp[Int(gen[n - 1]) &+ lf]
                        }
                    }
                }
            }
        }
    }
}
