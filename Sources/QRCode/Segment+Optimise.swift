extension Segment {
    /// The shortest split of `input` into numeric, alphanumeric and byte segments for one
    /// count-indicator band, found by dynamic programming over the bytes.
    ///
    /// The state after each byte is the current mode plus how many characters of the current
    /// segment are left over from the last full group (numeric packs 3 digits in 10 bits,
    /// alphanumeric 2 characters in 11). Tracking that remainder makes the costs exact integers
    /// (4/3/3 bits per digit, 6/5 per alphanumeric character), so the result is truly minimal,
    /// except that segments longer than a count indicator allows are split afterwards.
    static func optimal(_ input: UnsafeBufferPointer<UInt8>, band: Int) -> [Segment] {
        let n = input.count
        guard n > 0 else { return [] }

        // States: 0–2 numeric with 0/1/2 digits pending, 3–4 alphanumeric with 0/1 pending,
        // 5 byte, 6 "nothing yet" (only before the first byte).
        let inf = Int.max / 4
        let headerN = 4 + Mode.numeric.countBits(band: band)
        let headerA = 4 + Mode.alphanumeric.countBits(band: band)
        let headerB = 4 + Mode.byte.countBits(band: band)

        var back = [UInt8](repeating: 0, count: n * 6)
        var c0 = inf, c1 = inf, c2 = inf, c3 = inf, c4 = inf, c5 = inf, c6 = 0

        back.withUnsafeMutableBufferPointer { back in
            Segment.alphanumericValue.withUnsafeBufferPointer { alnum in
                for i in 0..<n {
                    let byte = input[i]
                    let row = i * 6
                    var n0 = inf, n1 = inf, n2 = inf, n3 = inf, n4 = inf, n5 = inf

                    if byte &- 0x30 < 10 {
                        // Enter numeric from another mode (or the start), else continue a group.
                        var best = c3, from: UInt8 = 3
                        if c4 < best { best = c4; from = 4 }
                        if c5 < best { best = c5; from = 5 }
                        if c6 < best { best = c6; from = 6 }
                        n1 = best &+ headerN &+ 4
                        back[row + 1] = from
                        if c0 &+ 4 < n1 { n1 = c0 &+ 4; back[row + 1] = 0 }
                        n2 = c1 &+ 3; back[row + 2] = 1
                        n0 = c2 &+ 3; back[row + 0] = 2
                    }
                    if alnum[Int(byte)] != 0xFF {
                        var best = c0, from: UInt8 = 0
                        if c1 < best { best = c1; from = 1 }
                        if c2 < best { best = c2; from = 2 }
                        if c5 < best { best = c5; from = 5 }
                        if c6 < best { best = c6; from = 6 }
                        n4 = best &+ headerA &+ 6
                        back[row + 4] = from
                        if c3 &+ 6 < n4 { n4 = c3 &+ 6; back[row + 4] = 3 }
                        n3 = c4 &+ 5; back[row + 3] = 4
                    }
                    do {
                        var best = c0, from: UInt8 = 0
                        if c1 < best { best = c1; from = 1 }
                        if c2 < best { best = c2; from = 2 }
                        if c3 < best { best = c3; from = 3 }
                        if c4 < best { best = c4; from = 4 }
                        if c6 < best { best = c6; from = 6 }
                        n5 = best &+ headerB &+ 8
                        back[row + 5] = from
                        if c5 &+ 8 <= n5 { n5 = c5 &+ 8; back[row + 5] = 5 }
                    }
                    c0 = min(n0, inf); c1 = min(n1, inf); c2 = min(n2, inf)
                    c3 = min(n3, inf); c4 = min(n4, inf); c5 = n5; c6 = inf
                }
            }
        }

        // Cheapest final state, then walk the back pointers to recover each byte's mode.
        var state = 5
        var best = c5
        for (s, c) in [(0, c0), (1, c1), (2, c2), (3, c3), (4, c4)] where c < best {
            best = c
            state = s
        }
        var segments: [Segment] = []
        var end = n
        var i = n - 1
        var mode = Segment.mode(ofState: state)
        while i >= 0 {
            let prev = Int(back[i * 6 + state])
            if prev == 6 || Segment.mode(ofState: prev) != mode {
                segments.append(Segment(mode: mode, start: i, count: end - i))
                end = i
                if prev != 6 { mode = Segment.mode(ofState: prev) }
            }
            state = prev
            i -= 1
        }
        segments.reverse()
        return segments
    }

    @inline(__always)
    private static func mode(ofState s: Int) -> Mode {
        s < 3 ? .numeric : (s < 5 ? .alphanumeric : .byte)
    }
}
