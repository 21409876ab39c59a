import Testing
@testable import Images

@Suite("Turning pictures upright")
struct RasterOrientationTests {
    @Test("Turning a 3×2 picture: every orientation moves each pixel where the Exif definition says")
    func orientations() {
        // Stored:  a b c      values 1 2 3
        //          d e f             4 5 6
        let stored = Raster.grey([1, 2, 3, 4, 5, 6], width: 3)
        let expected: [ExifOrientation: (Int, [UInt8])] = [
            .normal: (3, [1, 2, 3, 4, 5, 6]),
            .mirrored: (3, [3, 2, 1, 6, 5, 4]),
            .rotated180: (3, [6, 5, 4, 3, 2, 1]),
            .flipped: (3, [4, 5, 6, 1, 2, 3]),
            .transposed: (2, [1, 4, 2, 5, 3, 6]),
            .rotated90: (2, [4, 1, 5, 2, 6, 3]),
            .transversed: (2, [6, 3, 5, 2, 4, 1]),
            .rotated270: (2, [3, 6, 2, 5, 1, 4]),
        ]
        for orientation in ExifOrientation.allCases {
            let turned = stored.oriented(orientation)
            let (width, pixels) = expected[orientation]!
            #expect(turned.width == width && greyValues(turned) == pixels, "\(orientation)")
        }
    }
}
