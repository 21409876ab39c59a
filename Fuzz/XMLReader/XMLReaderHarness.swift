import EPCIS
import FuzzSupport

// Fuzzes the XML reader. The reader (today `XMLReader` in Sources/EPCIS/XMLReader.swift) is
// internal to EPCIS, so it is reached through the one public entry that feeds it raw bytes,
// `EPCISDocument.decodeXML`; this corpus aims at XML syntax (declarations, encodings, entities,
// CDATA, comments, DTDs, namespaces) rather than EPCIS structure. Kept in a file of its own so
// that, once the reader is the `XML` module, it can call the reader directly.
//
// Invariants, on top of "no crash, no sanitizer report":
// - the same bytes behind a UTF-8 byte order mark decode to the same result (payload or errors);
// - the same text as UTF-16 (little- and big-endian, with a byte order mark) decodes to the same
//   result, for valid UTF-8 input that declares no encoding of its own.

typealias Outcome = Result<EPCISPayload, EPCISErrors>

func decode(_ bytes: some Collection<UInt8>) -> Outcome {
    do { return .success(try EPCISDocument.decodeXML(bytes)) } catch { return .failure(error) }
}

func fuzzXMLReader(_ input: UnsafeRawBufferPointer) {
    let direct = decode(input)
    let bytes = Array(input)
    // Inputs that already carry a byte order mark or NUL bytes are read as UTF-16 or refused;
    // prefixing them would change what they mean.
    let startsWithBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])
    guard !startsWithBOM, !bytes.contains(0) else { return }

    let withBOM = decode([0xEF, 0xBB, 0xBF] + bytes)
    Fuzz.check(same(direct, withBOM), "a UTF-8 byte order mark changed the result: \(describe(direct)) vs \(describe(withBOM))")

    guard let text = String(validating: bytes, as: UTF8.self), !declaresEncoding(bytes) else { return }
    let units = Array(text.utf16)
    var le: [UInt8] = [0xFF, 0xFE], be: [UInt8] = [0xFE, 0xFF]
    le.reserveCapacity(2 + 2 * units.count)
    be.reserveCapacity(2 + 2 * units.count)
    for u in units {
        le.append(UInt8(u & 0xFF)); le.append(UInt8(u >> 8))
        be.append(UInt8(u >> 8)); be.append(UInt8(u & 0xFF))
    }
    let fromLE = decode(le), fromBE = decode(be)
    Fuzz.check(same(direct, fromLE), "UTF-16LE changed the result: \(describe(direct)) vs \(describe(fromLE))")
    Fuzz.check(same(direct, fromBE), "UTF-16BE changed the result: \(describe(direct)) vs \(describe(fromBE))")
}

func same(_ a: Outcome, _ b: Outcome) -> Bool {
    switch (a, b) {
    case (.success(let x), .success(let y)): x == y
    case (.failure(let x), .failure(let y)): x == y
    default: false
    }
}

func describe(_ o: Outcome) -> String {
    switch o {
    case .success(let p): "decoded \(p.events.count) events"
    case .failure(let e): "errors \(e)"
    }
}

/// Whether a leading `<?xml …?>` has an `encoding` pseudo-attribute.
func declaresEncoding(_ b: [UInt8]) -> Bool {
    guard b.starts(with: Array("<?xml".utf8)) else { return false }
    var end = 5
    while end + 1 < b.count, !(b[end] == 0x3F && b[end + 1] == 0x3E) { end += 1 }
    return String(decoding: b[5..<min(end, b.count)], as: UTF8.self).contains("encoding")
}

// libFuzzer calls this by its C name; without libFuzzer, `Fuzz.main` replays a corpus through it.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
#endif
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzXMLReader(UnsafeRawBufferPointer(fuzzData: data, count: size))
    return 0
}

@main enum Harness {
    static func main() { Fuzz.main(testOneInput) }
}
