import Foundation
import Testing
@testable import Images

@Suite("Refusing what is not a usable photo")
struct ProductPhotoRefusalTests {
    /// The error `normalise` throws for `bytes`, or nil if it accepts them.
    func refusal(_ bytes: [UInt8]) -> ImageError? {
        do {
            _ = try ProductPhoto.normalise(Data(bytes))
            return nil
        } catch {
            return error
        }
    }

    func isCorrupt(_ error: ImageError?, _ format: ImageFormat) -> Bool {
        if case .corrupt(format, _) = error { return true }
        return false
    }

    static let smallJPEG = Fixture.jpeg(.quadrants(width: 64, height: 48))

    @Test("Types are told by content: text, GIF, HEIC, PDF, BMP and TIFF are refused by name; a file named .jpg is not trusted")
    func types() {
        #expect(refusal([]) == .empty)
        #expect(refusal(Array("Xin chào, đây là tệp văn bản, không phải ảnh.\n".utf8)) == .unsupportedFormat(detected: nil))
        #expect(refusal(Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0, 0x3B]) == .unsupportedFormat(detected: .gif))
        #expect(refusal([0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0]) == .unsupportedFormat(detected: .heif))
        #expect(refusal([0, 0, 0, 0x1C] + Array("ftypavif".utf8) + [0, 0, 0, 0]) == .unsupportedFormat(detected: .avif))
        #expect(refusal(Array("%PDF-1.7\n".utf8)) == .unsupportedFormat(detected: .pdf))
        #expect(refusal(Array("BM".utf8) + [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0]) == .unsupportedFormat(detected: .bmp))
        #expect(refusal([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]) == .unsupportedFormat(detected: .tiff))
        // A JPEG with its first byte lost is no longer a JPEG.
        #expect(refusal(Array(Self.smallJPEG.dropFirst())) == .unsupportedFormat(detected: nil))
    }

    @Test("Files over 10 MB are refused before anything else is read; 10 MB exactly is not refused for size")
    func fileSize() {
        let limit = ProductPhoto.maxFileBytes
        #expect(refusal(Self.smallJPEG + [UInt8](repeating: 0, count: limit + 1 - Self.smallJPEG.count))
            == .fileTooLarge(byteCount: limit + 1))
        #expect(refusal([UInt8](repeating: 0x20, count: limit + 1)) == .fileTooLarge(byteCount: limit + 1))
        // Trailing bytes after EOI are tolerated, as some cameras append data there.
        #expect(refusal(Self.smallJPEG + [UInt8](repeating: 0, count: limit - Self.smallJPEG.count)) == nil)
    }

    @Test("Headers announcing too many pixels are refused before decoding",
          arguments: [(50000, 50000), (12001, 10), (10, 12001), (8000, 5001), (65535, 65535)])
    func bombs(_ width: Int, _ height: Int) {
        let tooLarge = ImageError.dimensionsTooLarge(width: width, height: height)
        #expect(refusal(Fixture.jpegHeader(width: width, height: height)) == tooLarge)
        // A PNG header alone: a real bomb would follow it with a few kilobytes of compressed zeros.
        #expect(refusal(Fixture.png(width: 1, height: 1, rgba: [0, 0, 0, 0], ihdrSize: (width, height))) == tooLarge)
    }

    @Test("The limits themselves pass the dimension check (and then fail as the data is missing)")
    func limitsInclusive() {
        #expect(isCorrupt(refusal(Fixture.jpegHeader(width: 8000, height: 5000)), .jpeg))
        #expect(isCorrupt(refusal(Fixture.jpegHeader(width: 12000, height: 3333)), .jpeg))
        #expect(isCorrupt(refusal(Fixture.png(width: 1, height: 1, rgba: [0, 0, 0, 0], ihdrSize: (8000, 5000))), .png))
    }

    @Test("A PNG's 4-byte dimensions above 2³¹ are refused as too large, not wrapped")
    func pngHugeDimensions() {
        let error = refusal(Fixture.png(width: 1, height: 1, rgba: [0, 0, 0, 0], ihdrSize: (0xFFFF_FFFF, 1)))
        #expect(error == .dimensionsTooLarge(width: 0x7FFF_FFFF, height: 1))
    }

    @Test("Zero sizes are corrupt")
    func zeroSizes() {
        #expect(isCorrupt(refusal(Fixture.jpegHeader(width: 0, height: 100)), .jpeg))
        #expect(isCorrupt(refusal(Fixture.jpegHeader(width: 100, height: 0)), .jpeg))
        #expect(isCorrupt(refusal(Fixture.png(width: 1, height: 1, rgba: [0, 0, 0, 0], ihdrSize: (0, 0))), .png))
    }

    @Test("Truncated JPEGs are refused, not shown with a grey bottom")
    func truncatedJPEG() {
        let jpeg = Fixture.jpeg(.quadrants(width: 640, height: 480))
        for length in [3, 4, 20, 200, jpeg.count / 2, jpeg.count - 2] {
            #expect(isCorrupt(refusal(Array(jpeg.prefix(length))), .jpeg), "cut at \(length) of \(jpeg.count)")
        }
    }

    @Test("A JPEG whose frame header claims more rows than its data holds is refused")
    func lyingJPEG() throws {
        var jpeg = Self.smallJPEG
        let sof = try #require(jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg[sof + 5] = 0x07  // 48 rows → 0x0730 = 1840 rows
        #expect(isCorrupt(refusal(jpeg), .jpeg))
    }

    @Test("Damaged PNGs are refused: truncated, a flipped bit in the image data, an IHDR larger than the data")
    func damagedPNG() throws {
        let rgba = Fixture.transparentRGBA(width: 40, height: 30)
        let png = Fixture.png(width: 40, height: 30, rgba: rgba)
        #expect(try ProductPhoto.normalise(Data(png)).width == 40)
        for length in [8, 20, 33, png.count / 2, png.count - 14] {
            #expect(isCorrupt(refusal(Array(png.prefix(length))), .png), "cut at \(length) of \(png.count)")
        }
        // Only the IEND chunk missing: every pixel arrived, so the photo is fine.
        #expect(refusal(Array(png.dropLast(12))) == nil)
        var flipped = png
        flipped[png.count / 2] ^= 0x10  // inside IDAT, so its CRC no longer matches
        #expect(isCorrupt(refusal(flipped), .png))
        #expect(isCorrupt(refusal(Fixture.png(width: 40, height: 30, rgba: rgba, ihdrSize: (400, 300))), .png))
    }

    @Test("Damaged and animated WebPs are refused")
    func damagedWebP() {
        let webp = Fixture.webp(width: 64, height: 48, rgba: Fixture.transparentRGBA(width: 64, height: 48))
        for length in [12, 20, 30, webp.count / 2, webp.count - 1] {
            let error = refusal(Array(webp.prefix(length)))
            #expect(isCorrupt(error, .webp), "cut at \(length) of \(webp.count): \(String(describing: error))")
        }
        // An extended header (VP8X) with the animation flag, a 100×100 canvas.
        let vp8x: [UInt8] = Array("VP8X".utf8) + [10, 0, 0, 0, 0x02, 0, 0, 0, 99, 0, 0, 99, 0, 0]
        let animated = Array("RIFF".utf8) + [UInt8(4 + vp8x.count), 0, 0, 0] + Array("WEBP".utf8) + vp8x
        #expect(refusal(animated) == .unsupportedFormat(detected: .animatedWebP))
    }

    @Test("Random damage to valid files never crashes: each input is either normalised or refused")
    func mutations() {
        // A fixed seed keeps failures reproducible.
        var random = SplitMix64(seed: 0x4E67_756F_6E21)
        let seeds = [
            Fixture.withExif(Self.smallJPEG, orientation: 6),
            Fixture.png(width: 24, height: 16, rgba: Fixture.transparentRGBA(width: 24, height: 16),
                        extraChunks: [("eXIf", Fixture.exifTIFF(orientation: 3, bigEndian: false))]),
            Fixture.webp(width: 24, height: 16, rgba: Fixture.transparentRGBA(width: 24, height: 16)),
        ]
        var accepted = 0, refused = 0
        for seed in seeds {
            for _ in 0..<300 {
                var bytes = seed
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    let at = Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 3 {
                    case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                    case 1: bytes[at] = [0x00, 0xFF, 0x7F, 0x80][Int(random.next() % 4)]
                    default: bytes = Array(bytes.prefix(max(1, at)))
                    }
                }
                do {
                    let photo = try ProductPhoto.normalise(Data(bytes))
                    #expect(Fixture.decode(photo.full) != nil)
                    accepted += 1
                } catch {
                    refused += 1
                }
            }
        }
        #expect(accepted + refused == 900)
    }
}

/// A small deterministic generator, so the mutation test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
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
