import FuzzSupport
import QRCode

// Fuzzes the QR encoder: the input, less a two-byte header, is encoded, then the symbol is read
// back by the checker in QRSymbolReader.swift, written for this harness from ISO/IEC 18004
// (it shares no code or tables with the library), and by its two renderers.
//
// Header: byte 0 — bits 0–1 error correction level (L, M, Q, H), bit 2 boost the level,
// bit 3 pass the payload as text (`encode(_:)`, invalid UTF-8 becoming U+FFFD) rather than bytes
// (`encode(bytes:)`), bits 4–7 a forced mask 0–7, or the encoder's choice for 8–15.
// Byte 1 — bits 0–5 select a smallest version 1 + n % 40 when bit 6 is set (else 1), and
// bit 7 caps the largest version at smallest + 3 (else 40). Missing header bytes count as 0.
//
// Invariants for every symbol made: size and version agree; finders, separators, timing,
// alignment patterns and the dark module are where the standard puts them; both copies of the
// format information are BCH codewords naming the level and mask used, and for versions 7 and up
// both copies of the version information name the version; every Reed–Solomon block verifies;
// remainder bits are zero; the bit stream decodes (numeric, alphanumeric and byte segments, a
// terminator, then 0xEC/0x11 padding) to exactly the input; the version lies in the allowed range
// and no smaller allowed one would hold the same segments; the level is the one asked for, or
// with boosting the highest that still fits; a forced mask is used. The SVG path and the PNG
// pixels (CRCs, zlib and Adler-32 checked) show exactly the symbol's dark modules.
// Refusals: only `dataTooLong`, and only when the data does not fit in the largest version
// allowed at the level asked for (checked against the capacity computed here).

let levels: [ErrorCorrection] = [.low, .medium, .quartile, .high]

func fuzzQREncode(_ input: UnsafeRawBufferPointer) {
    let h0 = input.count > 0 ? input[0] : 0
    let h1 = input.count > 1 ? input[1] : 0
    let payload = Array(input.dropFirst(2))
    let level = levels[Int(h0 & 3)]
    let boost = h0 & 4 != 0
    let asText = h0 & 8 != 0
    let forcedMask: Int? = h0 >> 4 < 8 ? Int(h0 >> 4) : nil
    let minVersion = h1 & 0x40 != 0 ? 1 + Int(h1 & 0x3F) % 40 : 1
    let maxVersion = h1 & 0x80 != 0 ? min(40, minVersion + 3) : 40

    let expected: [UInt8]
    let result: Result<QRCode, QRCodeError>
    if asText {
        let text = String(decoding: payload, as: UTF8.self)
        expected = Array(text.utf8)
        result = Result { () throws(QRCodeError) -> QRCode in
            try QRCode.encode(text, errorCorrection: level, minVersion: minVersion, maxVersion: maxVersion,
                              mask: forcedMask, boostErrorCorrection: boost)
        }
    } else {
        expected = payload
        result = Result { () throws(QRCodeError) -> QRCode in
            try QRCode.encode(bytes: payload, errorCorrection: level, minVersion: minVersion, maxVersion: maxVersion,
                              mask: forcedMask, boostErrorCorrection: boost)
        }
    }

    let symbol: QRCode
    switch result {
    case .success(let s): symbol = s
    case .failure(let error):
        guard case let .dataTooLong(inputBytes, bitsNeeded, maxBits, errorLevel, errorMaxVersion) = error else {
            Fuzz.fail("refused valid arguments with \(error)")
        }
        Fuzz.check(inputBytes == expected.count && errorLevel == level && errorMaxVersion == maxVersion,
                   "dataTooLong reports \(inputBytes) bytes, \(errorLevel), v\(errorMaxVersion); asked \(expected.count), \(level), v\(maxVersion)")
        Fuzz.check(maxBits == QRTables.dataCodewords(version: maxVersion, level: level) * 8,
                   "dataTooLong says v\(maxVersion)-\(level) holds \(maxBits) bits")
        Fuzz.check(bitsNeeded > maxBits, "dataTooLong with \(bitsNeeded) bits needed ≤ \(maxBits) available")
        // What it says it needs lies between the cheapest conceivable coding (each byte at the
        // best rate of any mode) and the plainest one (one mode for everything), which therefore
        // must not fit either.
        let band = QRTables.band(maxVersion)
        let lower = QRTables.lowerBoundBits(expected, band: band), upper = QRTables.singleModeBits(expected, band: band)
        Fuzz.check(lower <= bitsNeeded && bitsNeeded <= upper,
                   "dataTooLong says \(bitsNeeded) bits for \(expected.count) bytes, outside \(lower)…\(upper)")
        return
    }

    Fuzz.check((minVersion...maxVersion).contains(symbol.version), "version \(symbol.version) outside \(minVersion)…\(maxVersion)")
    if let forcedMask { Fuzz.check(symbol.mask == forcedMask, "mask \(symbol.mask), forced \(forcedMask)") }

    let read = QRSymbolReader.read(symbol)
    Fuzz.check(read.level == symbol.errorCorrection && read.mask == symbol.mask,
               "format information says \(read.level)/mask \(read.mask); symbol says \(symbol.errorCorrection)/mask \(symbol.mask)")
    Fuzz.check(read.data == expected, "symbol decodes to \(read.data.count) bytes that differ from the \(expected.count) encoded")

    // Level: as asked, or with boosting the highest one the same bits still fit at this version.
    if boost {
        Fuzz.check(symbol.errorCorrection >= level, "boost lowered the level to \(symbol.errorCorrection)")
        if let higher = levels.first(where: { $0 > symbol.errorCorrection }) {
            Fuzz.check(read.bitsUsed > QRTables.dataCodewords(version: symbol.version, level: higher) * 8,
                       "boosted to \(symbol.errorCorrection) although \(read.bitsUsed) bits fit at \(higher)")
        }
    } else {
        Fuzz.check(symbol.errorCorrection == level, "level \(symbol.errorCorrection), asked \(level)")
    }
    // Version: the segments found would not fit in the next smaller allowed version.
    if symbol.version > minVersion {
        let smaller = symbol.version - 1
        if let bits = QRTables.cost(read.segments, band: QRTables.band(smaller)) {
            Fuzz.check(bits > QRTables.dataCodewords(version: smaller, level: level) * 8,
                       "version \(symbol.version) chosen although its \(bits)-bit segmentation fits version \(smaller)")
        }
    }

    let quietZone = Int(h1 & 3)
    let scale = 1 + Int(h0 >> 7)
    QRRenderCheck.svg(symbol, moduleSize: scale, quietZone: quietZone)
    QRRenderCheck.png(symbol, scale: scale, quietZone: quietZone)
}

// libFuzzer calls this by its C name; without libFuzzer, `Fuzz.main` replays a corpus through it.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
#endif
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzQREncode(UnsafeRawBufferPointer(fuzzData: data, count: size))
    return 0
}

@main enum Harness {
    static func main() { Fuzz.main(testOneInput) }
}
