import CTurboJPEG
import CWebP
import Foundation
@testable import Images

/// A colour with a tolerance check, for sampling pixels after lossy JPEG round trips.
struct Colour: Equatable, CustomStringConvertible {
    var r, g, b: Int

    static let red = Colour(r: 255, g: 0, b: 0)
    static let blue = Colour(r: 0, g: 0, b: 255)
    static let green = Colour(r: 0, g: 255, b: 0)
    static let yellow = Colour(r: 255, g: 255, b: 0)
    static let white = Colour(r: 255, g: 255, b: 255)

    func isClose(to other: Colour, within tolerance: Int = 24) -> Bool {
        abs(r - other.r) <= tolerance && abs(g - other.g) <= tolerance && abs(b - other.b) <= tolerance
    }

    var description: String { "(\(r), \(g), \(b))" }
}

/// An RGB picture held by the tests, independent of the module's own types.
struct Picture {
    let width: Int
    let height: Int
    var rgb: [UInt8]

    subscript(x: Int, y: Int) -> Colour {
        let i = (y * width + x) * 3
        return Colour(r: Int(rgb[i]), g: Int(rgb[i + 1]), b: Int(rgb[i + 2]))
    }

    /// The colour at the centre of each quadrant: top-left, top-right, bottom-left, bottom-right.
    var quadrantCentres: [Colour] {
        [self[width / 4, height / 4], self[3 * width / 4, height / 4],
         self[width / 4, 3 * height / 4], self[3 * width / 4, 3 * height / 4]]
    }

    /// Quadrants red, blue (top), green, yellow (bottom): every turn and flip moves them differently.
    static func quadrants(width: Int, height: Int) -> Picture {
        func row(_ left: Colour, _ right: Colour) -> [UInt8] {
            (0..<width).flatMap { x -> [UInt8] in
                let c = x < width / 2 ? left : right
                return [UInt8(c.r), UInt8(c.g), UInt8(c.b)]
            }
        }
        let top = row(.red, .blue), bottom = row(.green, .yellow)
        var rgb: [UInt8] = []
        rgb.reserveCapacity(width * height * 3)
        for y in 0..<height { rgb.append(contentsOf: y < height / 2 ? top : bottom) }
        return Picture(width: width, height: height, rgb: rgb)
    }
}

enum Fixture {
    /// `picture` as a JPEG made by libjpeg-turbo, as a phone's encoder would make it (4:2:0).
    static func jpeg(_ picture: Picture, quality: Int32 = 92) -> [UInt8] {
        compress(picture.rgb, width: picture.width, height: picture.height, pixelFormat: TJPF_RGB,
                 subsampling: TJSAMP_420, quality: quality)
    }

    static func compress(_ pixels: [UInt8], width: Int, height: Int, pixelFormat: TJPF,
                         subsampling: TJSAMP, quality: Int32 = 92) -> [UInt8] {
        let handle = tjInitCompress()!
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = tjCompress2(handle, pixels, Int32(width), 0, Int32(height), Int32(pixelFormat.rawValue),
                                 &output, &size, Int32(subsampling.rawValue), quality, 0)
        precondition(status == 0, String(cString: tjGetErrorStr2(handle)))
        defer { tjFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    /// Decodes a JPEG produced by the module, to look at its pixels.
    static func decode(_ jpeg: Data) -> Picture? {
        let bytes = [UInt8](jpeg)
        let handle = tjInitDecompress()!
        defer { tjDestroy(handle) }
        var w: Int32 = 0, h: Int32 = 0, sub: Int32 = 0, cs: Int32 = 0
        guard tjDecompressHeader3(handle, bytes, UInt(bytes.count), &w, &h, &sub, &cs) == 0 else { return nil }
        var rgb = [UInt8](repeating: 0, count: Int(w) * Int(h) * 3)
        guard tjDecompress2(handle, bytes, UInt(bytes.count), &rgb, w, 0, h, Int32(TJPF_RGB.rawValue),
                            TJFLAG_STOPONWARNING) == 0 else { return nil }
        return Picture(width: Int(w), height: Int(h), rgb: rgb)
    }

    /// A TIFF structure as phones write it in Exif: IFD0 with the orientation and a pointer to a
    /// GPS IFD holding latitude 21° 1′ 30″ N (a farm near Hà Nội).
    static func exifTIFF(orientation: UInt16, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        func u16(_ v: UInt16) { out += bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) {
            if bigEndian { u16(UInt16(v >> 16)); u16(UInt16(v & 0xFFFF)) } else { u16(UInt16(v & 0xFFFF)); u16(UInt16(v >> 16)) }
        }
        out += bigEndian ? Array("MM".utf8) : Array("II".utf8)
        u16(42)
        u32(8)
        // IFD0 at 8: orientation, GPS pointer; next IFD none.
        u16(2)
        u16(0x0112); u16(3); u32(1); u16(orientation); u16(0)
        u16(0x8825); u16(4); u32(1); u32(38)
        u32(0)
        // GPS IFD at 38: latitude reference and latitude (three rationals at 68).
        u16(2)
        u16(0x0001); u16(2); u32(2); out += Array("N".utf8) + [0, 0, 0]
        u16(0x0002); u16(5); u32(3); u32(68)
        u32(0)
        for (n, d) in [(21, 1), (1, 1), (30, 1)] as [(UInt32, UInt32)] { u32(n); u32(d) }
        return out
    }

    /// `jpeg` with an Exif APP1 segment spliced in right after SOI, where phones put it.
    static func withExif(_ jpeg: [UInt8], orientation: UInt16, bigEndian: Bool = false) -> [UInt8] {
        let body = Array("Exif".utf8) + [0, 0] + exifTIFF(orientation: orientation, bigEndian: bigEndian)
        let length = body.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body + jpeg[2...]
    }

    /// A JPEG that is only SOI and a baseline frame header announcing `width` × `height`.
    static func jpegHeader(width: Int, height: Int) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF),
         UInt8(width >> 8), UInt8(width & 0xFF), 0x03,
         0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
    }

    /// Markers of `jpeg` up to the first scan, to check what segments the output carries.
    static func markers(_ jpeg: Data) -> [UInt8] {
        let b = [UInt8](jpeg)
        var found: [UInt8] = []
        var i = 2
        while i + 3 < b.count, b[i] == 0xFF {
            let marker = b[i + 1]
            found.append(marker)
            if marker == 0xDA { break }
            i += 2 + (Int(b[i + 2]) << 8 | Int(b[i + 3]))
        }
        return found
    }

    /// A PNG written by hand (stored zlib blocks), so tests can also write it wrong: `ihdrSize`
    /// overrides the announced size, `extraChunks` go before IDAT.
    static func png(width: Int, height: Int, rgba: [UInt8], ihdrSize: (Int, Int)? = nil,
                    extraChunks: [(String, [UInt8])] = []) -> [UInt8] {
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let typed = Array(type.utf8) + data
            return be32(data.count) + typed + be32(Int(crc32(typed)))
        }
        let (w, h) = ihdrSize ?? (width, height)
        let ihdr = be32(w) + be32(h) + [8, 6, 0, 0, 0]  // 8-bit RGBA, no interlace
        var raw: [UInt8] = []
        for y in 0..<height { raw += [0] + rgba[(y * width * 4)..<((y + 1) * width * 4)] }
        var zlib: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let n = min(65535, raw.count - start)
            let last: UInt8 = start + n == raw.count ? 1 : 0
            zlib += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8(~n >> 8 & 0xFF)]
            zlib += raw[start..<start + n]
            start += n
        } while start < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        zlib += be32(Int(b << 16 | a))
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        out += chunk("IHDR", ihdr)
        for (type, data) in extraChunks { out += chunk(type, data) }
        out += chunk("IDAT", zlib) + chunk("IEND", [])
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c ^= UInt32(byte)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }

    /// `rgba` as a lossless WebP from libwebp.
    static func webp(width: Int, height: Int, rgba: [UInt8]) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let size = WebPEncodeLosslessRGBA(rgba, Int32(width), Int32(height), Int32(width * 4), &output)
        precondition(size > 0)
        defer { WebPFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    /// Left half opaque red; right half's top fully transparent, its bottom half-transparent blue.
    static func transparentRGBA(width: Int, height: Int) -> [UInt8] {
        var rgba: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                if x < width / 2 { rgba += [255, 0, 0, 255] } else if y < height / 2 { rgba += [0, 0, 0, 0] } else { rgba += [0, 0, 255, 128] }
            }
        }
        return rgba
    }
}

extension Raster {
    /// A grey RGB raster from one value per pixel, to write resize and turn expectations by hand.
    static func grey(_ values: [UInt8], width: Int) -> Raster {
        Raster(width: width, height: values.count / width, layout: .rgb, pixels: values.flatMap { [$0, $0, $0] })
    }
}

/// One value per pixel of a grey RGB raster.
func greyValues(_ raster: Raster) -> [UInt8] {
    stride(from: 0, to: raster.pixels.count, by: 3).map { raster.pixels[$0] }
}
