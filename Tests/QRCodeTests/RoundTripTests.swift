import Foundation
import Testing
import QRCode

/// Round trips through an independent decoder: zbarimg (Debian package zbar-tools), reading the
/// PNG files this library writes. Skipped, with the reason shown, when zbarimg is not installed.
private let zbarimg = "/usr/bin/zbarimg"
private let zbarAvailable = FileManager.default.isExecutableFile(atPath: zbarimg)

struct RoundTripCase: CustomTestStringConvertible, Sendable {
    let name: String
    let payload: [UInt8]
    let isText: Bool
    var level: ErrorCorrection = .medium
    var minVersion = 1
    var mask: Int? = nil
    var boost = false
    /// Checks on the produced symbol, to make sure the corpus covers what it claims.
    var expectVersion: Int? = nil

    init(_ name: String, _ text: String, _ level: ErrorCorrection, minVersion: Int = 1, mask: Int? = nil,
         boost: Bool = false, version: Int? = nil) {
        self.name = name
        payload = Array(text.utf8)
        isText = true
        self.level = level
        self.minVersion = minVersion
        self.mask = mask
        self.boost = boost
        expectVersion = version
    }

    init(_ name: String, bytes: [UInt8], _ level: ErrorCorrection) {
        self.name = name
        payload = bytes
        isText = false
        self.level = level
    }

    var testDescription: String { "\(name) [\(level.rawValue)\(mask.map { " mask \($0)" } ?? "")]" }

    func encode() throws -> QRCode {
        isText
            ? try QRCode.encode(String(decoding: payload, as: UTF8.self), errorCorrection: level, minVersion: minVersion,
                                mask: mask, boostErrorCorrection: boost)
            : try QRCode.encode(bytes: payload, errorCorrection: level, minVersion: minVersion, mask: mask,
                                boostErrorCorrection: boost)
    }
}

private let vietnamese = "Nước mắm Phú Quốc truyền thống, ủ chượp 12 tháng trong thùng gỗ bời lời. "

let roundTripCorpus: [RoundTripCase] = [
    // Each mode on its own.
    RoundTripCase("numeric, Annex I example", "01234567", .medium, version: 1),
    RoundTripCase("alphanumeric", "HELLO WORLD", .quartile, version: 1),
    RoundTripCase("alphanumeric, all symbols", "LOT 2024-11/ABC 42:$%*+-.", .high),
    RoundTripCase("byte, ASCII GS1 Digital Link", "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ9876543", .medium),
    RoundTripCase("byte, Vietnamese", "Rau cải Quảng Ninh", .high),
    RoundTripCase("byte, Vietnamese with emoji", "Chè Thái Nguyên 🍵 — đặc sản Tân Cương", .low),
    RoundTripCase("byte, line breaks", "dòng 1\ndòng 2\r\nkết thúc", .quartile),
    // Mixed segments.
    RoundTripCase("mixed numeric + alphanumeric", "0123456789012345ABCDEF", .low),
    RoundTripCase("mixed byte + numeric + alphanumeric", "Mật ong Hà Giang, lô 0001234567890123, HSD 2026-12-31 LOT/A-7", .quartile),
    RoundTripCase("mixed, GS1 element string style", "(01)09506000134352(17)261231(10)ABC123", .medium),
    // Versions across every count-indicator band, including the largest.
    RoundTripCase("version 7 forced (version information)", "Nguồn", .medium, minVersion: 7, version: 7),
    RoundTripCase("version 10, numeric", String(repeating: "31415926535897932384", count: 25), .medium),
    RoundTripCase("version 27 forced, alphanumeric", "TRUY XUAT NGUON GOC", .high, minVersion: 27, version: 27),
    RoundTripCase("Vietnamese paragraph", String(repeating: vietnamese, count: 4), .quartile),
    RoundTripCase("alphanumeric, 2100 characters", String(repeating: "A", count: 2100), .low),
    RoundTripCase("alphanumeric, large", String(repeating: "HTTPS://NGUON.VN/T/0123456789/", count: 40), .low),
    RoundTripCase("numeric filling version 40-L", String((0..<7089).map { Character(String($0 * 7 % 10)) }), .low, version: 40),
    RoundTripCase("byte, version 40-H", String(repeating: "Cà phê Buôn Ma Thuột ", count: 1260 / "Cà phê Buôn Ma Thuột ".utf8.count), .high, version: 40),
    // Every mask, forced, over the four levels.
    RoundTripCase("mask 0", "https://nguon.vn/p/8935000000001", .low, mask: 0),
    RoundTripCase("mask 1", "https://nguon.vn/p/8935000000001", .medium, mask: 1),
    RoundTripCase("mask 2", "Gạo ST25 Sóc Trăng", .quartile, mask: 2),
    RoundTripCase("mask 3", "Gạo ST25 Sóc Trăng", .high, mask: 3),
    RoundTripCase("mask 4", "0123456789012345678901234567890123456789", .low, mask: 4),
    RoundTripCase("mask 5", "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789", .medium, mask: 5),
    RoundTripCase("mask 6", String(repeating: vietnamese, count: 2), .quartile, mask: 6),
    RoundTripCase("mask 7", "Bưởi Năm Roi 🍊 1kg", .high, mask: 7),
    // Options and raw bytes.
    RoundTripCase("boosted error correction", "https://nguon.vn/t/abc", .low, boost: true),
    RoundTripCase("raw bytes", bytes: (0..<200).map { UInt8(($0 * 73 + 5) & 0xFF) }, .medium),
]

@Suite("Round trip through zbarimg", .enabled(if: zbarAvailable, "zbarimg not found at /usr/bin/zbarimg (apt install zbar-tools)"))
struct RoundTripTests {
    @Test("Decodes to the exact input", arguments: roundTripCorpus)
    func roundTrip(_ item: RoundTripCase) throws {
        let symbol = try item.encode()
        if let v = item.expectVersion { #expect(symbol.version == v) }
        if let m = item.mask { #expect(symbol.mask == m) }
        if item.boost { #expect(symbol.errorCorrection > item.level) } else { #expect(symbol.errorCorrection == item.level) }

        let png = symbol.png(scale: symbol.version >= 20 ? 4 : 6, quietZone: 4)
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("qr-roundtrip-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let decoded = try Self.zbar(file.path)
        // zbar ≥ 0.23 with -Sbinary prints the raw bytes without a newline; older ones add one.
        var bytes = decoded
        if bytes.count == item.payload.count + 1 && bytes.last == 0x0A { bytes.removeLast() }
        #expect(bytes == item.payload, "v\(symbol.version)-\(symbol.errorCorrection.rawValue) mask \(symbol.mask): got \(String(decoding: decoded, as: UTF8.self).prefix(120))")
    }

    @Test("The corpus covers every level, every mask and versions 1 through 40")
    func coverage() throws {
        let symbols = try roundTripCorpus.map { try $0.encode() }
        #expect(Set(symbols.map(\.errorCorrection)) == Set(ErrorCorrection.allCases))
        #expect(Set(symbols.map(\.mask)) == Set(0..<8))
        let versions = Set(symbols.map(\.version))
        #expect(versions.contains(1) && versions.contains(40) && versions.contains { $0 >= 7 && $0 <= 9 })
        #expect(versions.contains { $0 >= 10 && $0 <= 26 } && versions.contains { $0 >= 27 && $0 < 40 })
    }

    /// Runs `zbarimg --raw -q -Sbinary FILE`: --raw skips charset conversion, -Sbinary (zbar ≥ 0.23)
    /// stops it guessing a text encoding for byte segments, so stdout is exactly the encoded bytes.
    static func zbar(_ path: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", "--nodbus", "-Sdisable", "-Sqrcode.enable", "-Sbinary", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "zbarimg exit status \(process.terminationStatus) for \(path)")
        return Array(data)
    }
}
