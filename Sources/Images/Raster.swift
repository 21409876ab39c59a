/// Decoded pixels, 8 bits per sample, rows top to bottom without padding.
struct Raster: Sendable {
    enum Layout: Sendable {
        /// Red, green, blue: what the JPEG encoder takes.
        case rgb
        /// RGB plus straight (not premultiplied) alpha, from PNG and WebP.
        case rgba
        /// Inverted CMYK as Adobe writes it in JPEG (255 = no ink), from print-shop JPEGs.
        case invertedCMYK

        var samples: Int { self == .rgb ? 3 : 4 }
    }

    let width: Int
    let height: Int
    let layout: Layout
    var pixels: [UInt8]

    init(width: Int, height: Int, layout: Layout, pixels: [UInt8]) {
        precondition(pixels.count == width * height * layout.samples, "raster size mismatch")
        self.width = width
        self.height = height
        self.layout = layout
        self.pixels = pixels
    }

    /// A raster of `layout` whose pixels `fill` writes, skipping the zero-fill of a fresh array.
    init(width: Int, height: Int, layout: Layout, fill: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        self = Raster.decoding(width: width, height: height, layout: layout) { fill($0); return true }!
    }

    /// A raster whose pixels `decode` writes, or nil when it reports failure. The buffer is never
    /// zero-filled: a header that lies about its size costs address space, not touched memory,
    /// when the decoder gives up early.
    static func decoding(width: Int, height: Int, layout: Layout,
                         _ decode: (UnsafeMutableBufferPointer<UInt8>) -> Bool) -> Raster? {
        let count = width * height * layout.samples
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            // On failure the bytes count as uninitialised, so nothing reads what the decoder left.
            initialised = decode(UnsafeMutableBufferPointer(rebasing: buffer[0..<count])) ? count : 0
        }
        guard pixels.count == count else { return nil }
        return Raster(width: width, height: height, layout: layout, pixels: pixels)
    }

    /// Writes row `y` as RGB into `row` (3 × width bytes). Transparent pixels are laid over white,
    /// as a browser shows them on the white product page; JPEG has no alpha to keep them in.
    func rgbRow(_ y: Int, into row: UnsafeMutableBufferPointer<UInt8>) {
        pixels.withUnsafeBufferPointer { all in
            let source = UnsafeBufferPointer(rebasing: all[y * width * layout.samples..<(y + 1) * width * layout.samples])
            switch layout {
            case .rgb:
                _ = row.initialize(fromContentsOf: source)
            case .rgba:
                for x in 0..<width {
                    let alpha = UInt32(source[4 * x + 3])
                    let white = 255 * (255 - alpha) + 127  // +127 rounds the division by 255
                    for c in 0..<3 {
                        row[3 * x + c] = UInt8((UInt32(source[4 * x + c]) * alpha + white) / 255)
                    }
                }
            case .invertedCMYK:
                for x in 0..<width {
                    let k = UInt32(source[4 * x + 3])
                    for c in 0..<3 {
                        row[3 * x + c] = UInt8((UInt32(source[4 * x + c]) * k + 127) / 255)
                    }
                }
            }
        }
    }
}
