import Testing
@testable import Images

@Suite("Box-filter shrinking")
struct RasterResizeTests {
    @Test("Halving averages pairs, rounding halves up")
    func halve() {
        #expect(greyValues(Raster.grey([0, 100, 200, 255], width: 4).resized(width: 2, height: 1)) == [50, 228])
        #expect(greyValues(Raster.grey([0, 100, 200, 255], width: 1).resized(width: 1, height: 2)) == [50, 228])
    }

    @Test("Three to two weights the middle pixel a third into each output")
    func threeToTwo() {
        // (0·2 + 90·1) / 3 = 30; (90·1 + 210·2) / 3 = 170.
        #expect(greyValues(Raster.grey([0, 90, 210], width: 3).resized(width: 2, height: 1)) == [30, 170])
        // Both directions at once: 3×3 → 2×2, corner output = (4·a + 2·b + 2·d + e) / 9.
        let square = Raster.grey([90, 0, 0, 0, 0, 0, 0, 0, 0], width: 3)
        #expect(greyValues(square.resized(width: 2, height: 2)) == [40, 0, 0, 0])
    }

    @Test("A flat picture stays flat at any ratio; every output pixel's weights sum to the whole")
    func flat() {
        let raster = Raster.grey([UInt8](repeating: 77, count: 1013 * 7), width: 1013)
        for width in [1, 2, 333, 1000, 1013] {
            #expect(Set(greyValues(raster.resized(width: width, height: 3))) == [77])
        }
    }

    @Test("Transparent pixels become white, half-transparent ones half white")
    func alphaOnWhite() {
        let rgba = Raster(width: 3, height: 1, layout: .rgba, pixels: [10, 20, 30, 0, 255, 0, 0, 255, 0, 0, 255, 128])
        #expect(rgba.resized(width: 3, height: 1).pixels == [255, 255, 255, 255, 0, 0, 127, 127, 255])
    }
}
