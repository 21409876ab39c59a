import Testing
@testable import Images

@Suite("Messages for refused photos")
struct ImageErrorMessagesTests {
    static let all: [ImageError] = [
        .empty, .unsupportedFormat(detected: nil), .unsupportedFormat(detected: .gif),
        .unsupportedFormat(detected: .heif), .unsupportedFormat(detected: .animatedWebP),
        .fileTooLarge(byteCount: 12_345_678), .dimensionsTooLarge(width: 50000, height: 50000),
        .corrupt(format: .png, detail: "IDAT: CRC error"), .encodingFailed(detail: "out of memory"),
    ]

    @Test("Every error has a Vietnamese and an English message and a code")
    func everyCase() {
        for error in Self.all {
            #expect(!error.vi.isEmpty && !error.en.isEmpty && error.vi != error.en)
            #expect(error.code.hasPrefix("image."))
            #expect(error.description.contains(error.code))
        }
        #expect(Set(Self.all.map(\.code)).count == 6)
    }

    @Test("Messages name the rule and the numbers, each language with its own separators")
    func rules() {
        let bomb = ImageError.dimensionsTooLarge(width: 50000, height: 50000)
        #expect(bomb.vi.contains("50.000 × 50.000") && bomb.vi.contains("40 megapixel") && bomb.vi.contains("12.000"))
        #expect(bomb.en.contains("50,000 × 50,000") && bomb.en.contains("40 megapixels") && bomb.en.contains("12,000"))
        let big = ImageError.fileTooLarge(byteCount: 10 * 1_048_576 + 1)
        #expect(big.vi.contains("10,1 MB") && big.vi.contains("10 MB"))
        #expect(big.en.contains("10.1 MB") && big.en.contains("10 MB limit"))
        #expect(ImageError.unsupportedFormat(detected: .gif).vi.contains("GIF"))
        #expect(ImageError.unsupportedFormat(detected: nil).vi.contains("JPEG, PNG hoặc WebP"))
        #expect(ImageError.unsupportedFormat(detected: .heif).vi.contains("Tương thích nhất"))
        let corrupt = ImageError.corrupt(format: .png, detail: "IDAT: CRC error")
        #expect(corrupt.vi.contains("PNG") && corrupt.vi.contains("bị hỏng"))
        // The decoder's words go to logs only.
        #expect(!corrupt.vi.contains("CRC") && !corrupt.en.contains("CRC") && corrupt.description.contains("CRC"))
    }

    @Test("Thousands grouping", arguments: [(0, "0"), (999, "999"), (1000, "1.000"), (12_000, "12.000"), (1_234_567, "1.234.567")])
    func grouping(_ n: Int, _ text: String) {
        #expect(ImageError.grouped(n, ".") == text)
    }
}
