extension ModuleGrid.Lines {
    /// Draws everything that is not data: finders with separators, timing, alignment patterns,
    /// the dark module, version information, and reserves the format areas (written per mask).
    func drawFunctionPatterns(version: Int) {
        // Timing first: alignment centres are even, so any overlap with them agrees.
        for i in 0..<size {
            put(x: 6, y: i, i & 1 == 0, function: true)
            put(x: i, y: 6, i & 1 == 0, function: true)
        }

        // Finders: concentric 7×7 / 5×5 / 3×3 squares; the ring at distance 4 is the light separator.
        drawFinder(cx: 3, cy: 3)
        drawFinder(cx: size - 4, cy: 3)
        drawFinder(cx: 3, cy: size - 4)

        // Alignment patterns at every pair of listed centres except the three finder corners.
        QRCode.alignmentCentres[version].withUnsafeBufferPointer { centres in
            let last = centres.count - 1
            for i in 0..<centres.count {
                for j in 0..<centres.count {
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    let cx = Int(centres[j]), cy = Int(centres[i])
                    for dy in -2...2 {
                        for dx in -2...2 {
                            put(x: cx + dx, y: cy + dy, max(abs(dx), abs(dy)) != 1, function: true)
                        }
                    }
                }
            }
        }

        // Format areas: reserved now, written for each candidate mask.
        for i in 0...8 where i != 6 {
            put(x: 8, y: i, false, function: true)
            put(x: i, y: 8, false, function: true)
        }
        for i in 0..<8 {
            put(x: size - 1 - i, y: 8, false, function: true)
            put(x: 8, y: size - 1 - i, false, function: true)
        }
        // The dark module beside the bottom-left format copy is always dark.
        put(x: 8, y: size - 8, true, function: true)

        if version >= 7 { drawVersion(QRCode.versionBits(version)) }
    }

    private func drawFinder(cx: Int, cy: Int) {
        for dy in -4...4 {
            let y = cy + dy
            guard y >= 0, y < size else { continue }
            for dx in -4...4 {
                let x = cx + dx
                guard x >= 0, x < size else { continue }
                let d = max(abs(dx), abs(dy))
                put(x: x, y: y, d != 2 && d != 4, function: true)
            }
        }
    }

    /// Places codewords (MSB first) in the two-column zigzag from the bottom-right corner,
    /// skipping function modules and the vertical timing column; leftover modules stay light.
    func placeCodewords(_ codewords: UnsafeBufferPointer<UInt8>) {
        let rows = plane(.rows), cols = plane(.cols), data = plane(.dataRows)
        var next = 0  // next codeword to load
        var current: UInt8 = 0  // bits of the codeword being placed, shifted so the next is the MSB
        var left = 0  // bits left in `current`
        @inline(__always) func place(_ x: Int, _ y: Int) {
            if left == 0 {
                // Past the last codeword only remainder bits remain; they stay light.
                current = next < codewords.count ? codewords[next] : 0
                next += 1
                left = 8
            }
            if current & 0x80 != 0 {
                rows[y].insert(x)
                cols[x].insert(y)
            }
            current <<= 1
            left -= 1
        }
        var right = size - 1
        var upward = true
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                let free = data[y]
                if free[bit: right] { place(right, y) }
                if free[bit: right - 1] { place(right - 1, y) }
            }
            upward.toggle()
            right -= 2
        }
    }
}
