extension Raster {
    /// This picture as RGB at `width` × `height` (no larger than now), each output pixel the exact
    /// area-weighted mean of the source pixels it covers: a box filter, which neither aliases nor
    /// rings when shrinking. Rows are streamed, so memory beyond the output is a few rows.
    func resized(width targetWidth: Int, height targetHeight: Int) -> Raster {
        precondition(targetWidth >= 1 && targetWidth <= width && targetHeight >= 1 && targetHeight <= height)
        if targetWidth == width, targetHeight == height, layout == .rgb { return self }

        // Positions in units of 1/(target × source): source pixel x spans [x·tw, (x+1)·tw) and
        // output pixel o spans [o·sw, (o+1)·sw), so every overlap is an exact integer weight.
        let columns = BoxWeights(source: width, target: targetWidth)
        let total = width * height  // sum of all weights of one output pixel
        var sourceRow = [UInt8](repeating: 0, count: width * 3)
        var rowSums = [Int](repeating: 0, count: targetWidth * 3)
        var accumulator = [Int](repeating: 0, count: targetWidth * 3)

        return Raster(width: targetWidth, height: targetHeight, layout: .rgb) { output in
            var outputRow = 0
            for y in 0..<height {
                sourceRow.withUnsafeMutableBufferPointer { rgbRow(y, into: $0) }
                sourceRow.withUnsafeBufferPointer { source in
                    rowSums.withUnsafeMutableBufferPointer { sums in columns.apply(source, into: sums) }
                }
                var low = y * targetHeight
                let high = (y + 1) * targetHeight
                while low < high {
                    let boundary = (outputRow + 1) * height
                    let end = min(high, boundary)
                    let weight = end - low
                    for i in 0..<accumulator.count { accumulator[i] += rowSums[i] * weight }
                    low = end
                    if end == boundary {
                        let base = outputRow * targetWidth * 3
                        for i in 0..<accumulator.count {
                            output[base + i] = UInt8((accumulator[i] + total / 2) / total)
                            accumulator[i] = 0
                        }
                        outputRow += 1
                    }
                }
            }
        }
    }
}

/// For each output column, the run of source columns it covers and how much of each.
private struct BoxWeights {
    let starts: [Int]
    let counts: [Int]
    let weights: [Int]  // concatenated runs, `counts[o]` entries for column o

    init(source: Int, target: Int) {
        var starts: [Int] = [], counts: [Int] = [], weights: [Int] = []
        starts.reserveCapacity(target)
        counts.reserveCapacity(target)
        weights.reserveCapacity(source + target)
        for o in 0..<target {
            let low = o * source, high = (o + 1) * source
            let first = low / target, last = (high - 1) / target
            starts.append(first)
            counts.append(last - first + 1)
            for x in first...last {
                weights.append(min((x + 1) * target, high) - max(x * target, low))
            }
        }
        self.starts = starts
        self.counts = counts
        self.weights = weights
    }

    /// Weighted sums of RGB `source` per output column into `sums` (3 per column).
    func apply(_ source: UnsafeBufferPointer<UInt8>, into sums: UnsafeMutableBufferPointer<Int>) {
        weights.withUnsafeBufferPointer { weights in
            var w = 0
            for o in 0..<starts.count {
                var r = 0, g = 0, b = 0
                var s = starts[o] * 3
                for _ in 0..<counts[o] {
                    let weight = weights[w]
                    r += Int(source[s]) * weight
                    g += Int(source[s + 1]) * weight
                    b += Int(source[s + 2]) * weight
                    s += 3
                    w += 1
                }
                sums[3 * o] = r
                sums[3 * o + 1] = g
                sums[3 * o + 2] = b
            }
        }
    }
}
