import CTurboJPEG
import Foundation
import Testing
@testable import Images

@Suite("Normalising product photos")
struct ProductPhotoNormaliseTests {
    @Test("A 4000×3000 phone photo with Exif orientation 6 and GPS comes out upright, 900×1200, without metadata")
    func phonePhoto() throws {
        // Setup: the sensor's landscape rows, marked "turn 90° clockwise" as a phone held upright does.
        let stored = Picture.quadrants(width: 4000, height: 3000)
        let upload = Fixture.withExif(Fixture.jpeg(stored), orientation: 6)

        // Act
        let photo = try ProductPhoto.normalise(Data(upload))

        // Check: size, then where the quadrants went (red top-left turns to top-right).
        #expect((photo.width, photo.height) == (900, 1200))
        #expect((photo.thumbnailWidth, photo.thumbnailHeight) == (240, 320))
        for (data, size) in [(photo.full, (900, 1200)), (photo.thumbnail, (240, 320))] {
            #expect(data.starts(with: [0xFF, 0xD8, 0xFF]))
            let picture = try #require(Fixture.decode(data))
            #expect((picture.width, picture.height) == size)
            let expected: [Colour] = [.green, .red, .yellow, .blue]
            for (seen, wanted) in zip(picture.quadrantCentres, expected) {
                #expect(seen.isClose(to: wanted), "saw \(seen), wanted \(wanted)")
            }
            // No Exif (so no GPS), no other application segment, no comment: only JFIF's APP0.
            #expect(data.range(of: Data("Exif".utf8)) == nil)
            let markers = Fixture.markers(data)
            #expect(markers.allSatisfy { !(0xE1...0xEF).contains($0) && $0 != 0xFE }, "markers \(markers)")
        }
    }

    static let orientations: [(UInt16, [Colour])] = [
        (1, [.red, .blue, .green, .yellow]),
        (2, [.blue, .red, .yellow, .green]),
        (3, [.yellow, .green, .blue, .red]),
        (4, [.green, .yellow, .red, .blue]),
        (5, [.red, .green, .blue, .yellow]),
        (6, [.green, .red, .yellow, .blue]),
        (7, [.yellow, .blue, .green, .red]),
        (8, [.blue, .yellow, .red, .green]),
    ]

    @Test("Every Exif orientation, in both byte orders, puts the quadrants where a viewer shows them",
          arguments: orientations, [false, true])
    func orientation(_ case: (UInt16, [Colour]), bigEndian: Bool) throws {
        let (tag, expected) = `case`
        let upload = Fixture.withExif(Fixture.jpeg(.quadrants(width: 400, height: 300)),
                                      orientation: tag, bigEndian: bigEndian)

        let photo = try ProductPhoto.normalise(Data(upload))

        let turned = tag >= 5
        #expect((photo.width, photo.height) == (turned ? (300, 400) : (400, 300)))
        let picture = try #require(Fixture.decode(photo.full))
        for (seen, wanted) in zip(picture.quadrantCentres, expected) {
            #expect(seen.isClose(to: wanted), "orientation \(tag): saw \(seen), wanted \(wanted)")
        }
    }

    /// An upload's size and the sizes the photo and thumbnail must come out at.
    struct SizeCase: Sendable, CustomTestStringConvertible {
        let upload: [Int], full: [Int], thumbnail: [Int]
        var testDescription: String { "\(upload) → \(full), \(thumbnail)" }
    }

    @Test("Sizes: the longest side becomes 1200 and 320, aspect kept, small photos never enlarged",
          arguments: [
              SizeCase(upload: [4000, 3000], full: [1200, 900], thumbnail: [320, 240]),
              SizeCase(upload: [4032, 3024], full: [1200, 900], thumbnail: [320, 240]),
              SizeCase(upload: [3000, 4000], full: [900, 1200], thumbnail: [240, 320]),
              SizeCase(upload: [1200, 1200], full: [1200, 1200], thumbnail: [320, 320]),
              SizeCase(upload: [800, 600], full: [800, 600], thumbnail: [320, 240]),
              SizeCase(upload: [100, 50], full: [100, 50], thumbnail: [100, 50]),
              SizeCase(upload: [10000, 1000], full: [1200, 120], thumbnail: [320, 32]),
              SizeCase(upload: [1, 1], full: [1, 1], thumbnail: [1, 1]),
          ])
    func sizes(_ size: SizeCase) throws {
        let photo = try ProductPhoto.normalise(Data(Fixture.jpeg(.quadrants(width: size.upload[0], height: size.upload[1]))))

        #expect([photo.width, photo.height] == size.full)
        #expect([photo.thumbnailWidth, photo.thumbnailHeight] == size.thumbnail)
        let full = try #require(Fixture.decode(photo.full))
        let thumbnail = try #require(Fixture.decode(photo.thumbnail))
        #expect([full.width, full.height] == size.full)
        #expect([thumbnail.width, thumbnail.height] == size.thumbnail)
    }

    @Test("Shrinking averages: a fine black-and-white checkerboard becomes mid grey, not moiré")
    func areaAveraging() throws {
        let (w, h) = (2400, 1800)
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h { for x in 0..<w where (x + y) % 2 == 0 { for c in 0..<3 { rgb[(y * w + x) * 3 + c] = 255 } } }
        // Lossless-ish source so the average is known: quality 100, no chroma subsampling.
        let upload = Fixture.compress(rgb, width: w, height: h, pixelFormat: TJPF_RGB, subsampling: TJSAMP_444, quality: 100)

        let photo = try ProductPhoto.normalise(Data(upload))

        let picture = try #require(Fixture.decode(photo.full))
        let samples = stride(from: 5, to: picture.width, by: 97).map { picture[$0, picture.height / 2] }
        #expect(samples.allSatisfy { $0.isClose(to: Colour(r: 128, g: 128, b: 128), within: 12) }, "\(samples)")
    }

    @Test("A greyscale JPEG is accepted")
    func greyscale() throws {
        let grey = [UInt8](repeating: 90, count: 640 * 480)
        let upload = Fixture.compress(grey, width: 640, height: 480, pixelFormat: TJPF_GRAY, subsampling: TJSAMP_GRAY)

        let photo = try ProductPhoto.normalise(Data(upload))

        let picture = try #require(Fixture.decode(photo.full))
        #expect(picture[320, 240].isClose(to: Colour(r: 90, g: 90, b: 90), within: 4))
    }

    @Test("A CMYK JPEG (Adobe's inverted values) comes out in the right colours")
    func cmyk() throws {
        // Inverted CMYK as stored by Adobe: 255 means no ink. No cyan, full magenta and yellow, no black: red.
        let pixels = (0..<(64 * 48)).flatMap { _ -> [UInt8] in [255, 0, 0, 255] }
        let upload = Fixture.compress(pixels, width: 64, height: 48, pixelFormat: TJPF_CMYK, subsampling: TJSAMP_444)

        let photo = try ProductPhoto.normalise(Data(upload))

        let picture = try #require(Fixture.decode(photo.full))
        #expect(picture[32, 24].isClose(to: .red), "\(picture[32, 24])")
    }

    @Test("A PNG with transparency is laid over white")
    func pngTransparency() throws {
        let upload = Fixture.png(width: 200, height: 100, rgba: Fixture.transparentRGBA(width: 200, height: 100))

        let photo = try ProductPhoto.normalise(Data(upload))

        #expect((photo.width, photo.height) == (200, 100))
        let picture = try #require(Fixture.decode(photo.full))
        let centres = picture.quadrantCentres
        #expect(centres[0].isClose(to: .red) && centres[2].isClose(to: .red), "\(centres)")
        #expect(centres[1].isClose(to: .white), "transparent: \(centres[1])")
        #expect(centres[3].isClose(to: Colour(r: 127, g: 127, b: 255)), "half-transparent blue: \(centres[3])")
    }

    @Test("A PNG's eXIf chunk turns it upright too")
    func pngExif() throws {
        let stored = Picture.quadrants(width: 160, height: 120)
        let rgba = stride(from: 0, to: stored.rgb.count, by: 3).flatMap { i -> [UInt8] in Array(stored.rgb[i..<i + 3]) + [255] }
        let upload = Fixture.png(width: 160, height: 120, rgba: rgba,
                                 extraChunks: [("eXIf", Fixture.exifTIFF(orientation: 8, bigEndian: true))])

        let photo = try ProductPhoto.normalise(Data(upload))

        #expect((photo.width, photo.height) == (120, 160))
        let picture = try #require(Fixture.decode(photo.full))
        for (seen, wanted) in zip(picture.quadrantCentres, [Colour.blue, .yellow, .red, .green]) {
            #expect(seen.isClose(to: wanted), "saw \(seen), wanted \(wanted)")
        }
    }

    @Test("A WebP with transparency is decoded and laid over white")
    func webp() throws {
        let upload = Fixture.webp(width: 1600, height: 800, rgba: Fixture.transparentRGBA(width: 1600, height: 800))

        let photo = try ProductPhoto.normalise(Data(upload))

        #expect((photo.width, photo.height, photo.thumbnailWidth, photo.thumbnailHeight) == (1200, 600, 320, 160))
        let centres = try #require(Fixture.decode(photo.full)).quadrantCentres
        #expect(centres[0].isClose(to: .red) && centres[1].isClose(to: .white), "\(centres)")
        #expect(centres[3].isClose(to: Colour(r: 127, g: 127, b: 255)), "\(centres)")
    }
}
