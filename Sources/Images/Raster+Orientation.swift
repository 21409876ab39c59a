extension Raster {
    /// This RGB picture turned upright according to `orientation`.
    func oriented(_ orientation: ExifOrientation) -> Raster {
        precondition(layout == .rgb)
        if orientation == .normal { return self }
        let (w, h) = (width, height)
        let outWidth = orientation.swapsSides ? h : w
        let outHeight = orientation.swapsSides ? w : h
        // For output pixel (u, v), the stored pixel (x, y) that belongs there.
        let source: (Int, Int) -> (Int, Int) = switch orientation {
        case .normal: { u, v in (u, v) }
        case .mirrored: { u, v in (w - 1 - u, v) }
        case .rotated180: { u, v in (w - 1 - u, h - 1 - v) }
        case .flipped: { u, v in (u, h - 1 - v) }
        case .transposed: { u, v in (v, u) }
        case .rotated90: { u, v in (v, h - 1 - u) }
        case .transversed: { u, v in (w - 1 - v, h - 1 - u) }
        case .rotated270: { u, v in (w - 1 - v, u) }
        }
        return pixels.withUnsafeBufferPointer { input in
            Raster(width: outWidth, height: outHeight, layout: .rgb) { output in
                var o = 0
                for v in 0..<outHeight {
                    for u in 0..<outWidth {
                        let (x, y) = source(u, v)
                        let i = (y * w + x) * 3
                        output[o] = input[i]
                        output[o + 1] = input[i + 1]
                        output[o + 2] = input[i + 2]
                        o += 3
                    }
                }
            }
        }
    }
}
