import Testing
@testable import Images

@Suite("Reading the Exif orientation")
struct ExifOrientationTIFFTests {
    func orientation(_ bytes: [UInt8]) -> ExifOrientation {
        bytes.withUnsafeBytes { ExifOrientation(exifPayload: $0) }
    }

    @Test("Tags 1–8 in both byte orders, with and without the APP1 identifier", arguments: 1...8)
    func everyValue(_ value: Int) {
        for bigEndian in [false, true] {
            let tiff = Fixture.exifTIFF(orientation: UInt16(value), bigEndian: bigEndian)
            #expect(orientation(tiff).rawValue == value)
            #expect(orientation(Array("Exif".utf8) + [0, 0] + tiff).rawValue == value)
        }
    }

    @Test("Out-of-range values, wrong types, bad offsets and truncation all mean upright")
    func malformed() {
        let tiff = Fixture.exifTIFF(orientation: 6, bigEndian: false)
        #expect(orientation(Fixture.exifTIFF(orientation: 0, bigEndian: false)) == .normal)
        #expect(orientation(Fixture.exifTIFF(orientation: 9, bigEndian: true)) == .normal)
        var ascii = tiff
        ascii[12] = 2  // type ASCII instead of SHORT
        #expect(orientation(ascii) == .normal)
        var farIFD = tiff
        farIFD[4...7] = [0xFF, 0xFF, 0xFF, 0x7F]
        #expect(orientation(farIFD) == .normal)
        var manyEntries = tiff
        manyEntries[8...9] = [0xFF, 0xFF]  // 65535 entries announced, the first is still read
        #expect(orientation(manyEntries) == .rotated90)
        for length in 0..<18 {
            #expect(orientation(Array(tiff.prefix(length))) == .normal, "cut at \(length)")
        }
        #expect(orientation(Array("Exif".utf8)) == .normal)
        #expect(orientation(Array("MM\0+".utf8) + tiff.dropFirst(4)) == .normal)
    }

    @Test("A LONG value, as some writers use, is read too")
    func longValue() {
        var tiff = Fixture.exifTIFF(orientation: 0, bigEndian: false)
        tiff[12] = 4  // LONG
        tiff[18...21] = [8, 0, 0, 0]
        #expect(orientation(tiff) == .rotated270)
    }
}
