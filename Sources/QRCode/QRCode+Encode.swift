extension QRCode {
    /// Encodes text (as UTF-8) into the smallest QR code that holds it.
    ///
    /// The input is split into numeric, alphanumeric and byte segments wherever switching mode
    /// makes the symbol shorter. Byte segments carry raw UTF-8 without an ECI header, which is what
    /// common phone scanners expect for Vietnamese text.
    ///
    /// - Parameters:
    ///   - errorCorrection: the minimum error correction level.
    ///   - minVersion: smallest version to consider (1…40), e.g. to keep printed sizes uniform.
    ///   - maxVersion: largest version to consider (1…40).
    ///   - mask: force mask pattern 0…7 instead of choosing the lowest-penalty one (testing and
    ///     reproducing other encoders; normally leave `nil`).
    ///   - boostErrorCorrection: raise the level while the data still fits in the same version.
    /// - Throws: `QRCodeError.dataTooLong` when the text does not fit in `maxVersion`, or an
    ///   `invalid…` error for out-of-range arguments.
    public static func encode(
        _ text: String,
        errorCorrection: ErrorCorrection = .medium,
        minVersion: Int = 1,
        maxVersion: Int = 40,
        mask: Int? = nil,
        boostErrorCorrection: Bool = false
    ) throws(QRCodeError) -> QRCode {
        var text = text
        // Native strings are contiguous UTF-8, so this rarely copies.
        // `withUTF8` is not typed-throws, so the error travels out in a Result.
        return try text.withUTF8 { bytes in
            Result { () throws(QRCodeError) -> QRCode in
                try encode(
                    utf8: bytes, errorCorrection: errorCorrection, minVersion: minVersion,
                    maxVersion: maxVersion, mask: mask, boostErrorCorrection: boostErrorCorrection)
            }
        }.get()
    }

    /// Encodes arbitrary bytes; runs of ASCII digits and upper-case letters still use the compact modes.
    public static func encode(
        bytes: [UInt8],
        errorCorrection: ErrorCorrection = .medium,
        minVersion: Int = 1,
        maxVersion: Int = 40,
        mask: Int? = nil,
        boostErrorCorrection: Bool = false
    ) throws(QRCodeError) -> QRCode {
        try bytes.withUnsafeBufferPointer { (bytes) throws(QRCodeError) -> QRCode in
            try encode(
                utf8: bytes, errorCorrection: errorCorrection, minVersion: minVersion,
                maxVersion: maxVersion, mask: mask, boostErrorCorrection: boostErrorCorrection)
        }
    }

    static func encode(
        utf8 input: UnsafeBufferPointer<UInt8>,
        errorCorrection requested: ErrorCorrection,
        minVersion: Int,
        maxVersion: Int,
        mask forcedMask: Int?,
        boostErrorCorrection: Bool
    ) throws(QRCodeError) -> QRCode {
        guard (1...40).contains(minVersion) else { throw .invalidVersion(minVersion) }
        guard (1...40).contains(maxVersion) else { throw .invalidVersion(maxVersion) }
        guard minVersion <= maxVersion else { throw .invalidVersionRange(min: minVersion, max: maxVersion) }
        if let m = forcedMask, !(0...7).contains(m) { throw .invalidMask(m) }

        // Segmentation depends only on the count-indicator band, so at most three are computed.
        var plans: [(segments: [Segment], bits: Int)?] = [nil, nil, nil]
        func plan(_ band: Int) -> (segments: [Segment], bits: Int) {
            if let p = plans[band] { return p }
            let segments = Segment.optimal(input, band: band)
            let p = (segments, segments.reduce(0) { $0 + $1.bits(band: band) })
            plans[band] = p
            return p
        }

        var chosen = 0
        for v in minVersion...maxVersion where plan(versionBand(v)).bits <= dataCodewords(version: v, level: requested) * 8 {
            chosen = v
            break
        }
        guard chosen > 0 else {
            throw .dataTooLong(
                inputBytes: input.count, bitsNeeded: plan(versionBand(maxVersion)).bits,
                maxBits: dataCodewords(version: maxVersion, level: requested) * 8,
                errorCorrection: requested, maxVersion: maxVersion)
        }
        let version = chosen
        let band = versionBand(version)
        let (segments, bits) = plan(band)

        var level = requested
        if boostErrorCorrection {
            for candidate in ErrorCorrection.allCases
            where candidate > level && bits <= dataCodewords(version: version, level: candidate) * 8 {
                level = candidate
            }
        }

        let codewords = makeCodewords(input, segments: segments, band: band, version: version, level: level)

        var grid = ModuleGrid(version: version)
        codewords.withUnsafeBufferPointer { words in grid.withLines { $0.placeCodewords(words) } }

        var best = forcedMask ?? 0
        if forcedMask == nil {
            var bestScore = Int.max
            for m in 0..<8 {
                grid.withLines { $0.drawFormat(formatBits(level, mask: m)) }
                let score = grid.penalty(mask: m)
                if score < bestScore {
                    bestScore = score
                    best = m
                }
            }
        }
        grid.withLines { $0.drawFormat(formatBits(level, mask: best)) }
        grid.applyMaskToRows(best)
        return QRCode(version: version, errorCorrection: level, mask: best, rows: grid.rows)
    }

    /// Data bit stream (segments, terminator, padding) split into blocks, each followed by its
    /// Reed–Solomon codewords, then interleaved codeword by codeword as the standard requires.
    static func makeCodewords(
        _ input: UnsafeBufferPointer<UInt8>, segments: [Segment], band: Int, version: Int, level: ErrorCorrection
    ) -> [UInt8] {
        let dataCount = dataCodewords(version: version, level: level)
        var buffer = BitBuffer(capacityBytes: dataCount)
        for segment in segments { segment.write(input, band: band, into: &buffer) }
        let capacityBits = dataCount * 8
        buffer.append(0, bits: min(4, capacityBits - buffer.count))  // terminator, shortened if full
        buffer.alignToByte()
        var data = buffer.bytes
        var pad: UInt8 = 0xEC
        while data.count < dataCount {
            data.append(pad)
            pad ^= 0xEC ^ 0x11  // alternate 0xEC, 0x11
        }
        return interleave(data, version: version, level: level)
    }

    /// Adds error correction to `data` (exactly the data capacity) and interleaves the blocks.
    static func interleave(_ data: [UInt8], version: Int, level: ErrorCorrection) -> [UInt8] {
        let blocks = Int(blockCount[level.ordinal][version])
        let eccLen = Int(eccPerBlock[level.ordinal][version])
        let total = totalCodewords(version: version)
        // The first `shortBlocks` blocks hold one data codeword fewer than the rest.
        let shortBlocks = blocks - total % blocks
        let shortData = total / blocks - eccLen

        var ecc = [UInt8](repeating: 0, count: blocks * eccLen)
        var result = [UInt8](repeating: 0, count: total)
        data.withUnsafeBufferPointer { data in
            ecc.withUnsafeMutableBufferPointer { ecc in
                result.withUnsafeMutableBufferPointer { out in
                    var offset = 0
                    for b in 0..<blocks {
                        let len = shortData + (b < shortBlocks ? 0 : 1)
                        let block = UnsafeBufferPointer(rebasing: data[offset..<(offset + len)])
                        ReedSolomon.remainder(
                            of: block, into: UnsafeMutableBufferPointer(rebasing: ecc[(b * eccLen)..<((b + 1) * eccLen)]))
                        // Data codeword i of block b lands at i × blocks + b, shifted for the long column.
                        for i in 0..<len {
                            let pos = i < shortData ? i * blocks + b : shortData * blocks + (b - shortBlocks)
                            out[pos] = block[i]
                        }
                        offset += len
                    }
                    let eccStart = data.count
                    for b in 0..<blocks {
                        for i in 0..<eccLen { out[eccStart + i * blocks + b] = ecc[b * eccLen + i] }
                    }
                }
            }
        }
        return result
    }
}
