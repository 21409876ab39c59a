import EPCIS
import FuzzSupport

// Fuzzes the EPCIS 2.0 JSON/JSON-LD decoder, `EPCISJSON.decode`, with and without validation.
//
// Invariants:
// - decoding with validation succeeds only where decoding without it does, with the same result;
// - what was decoded, written back as JSON, decodes to an equal payload;
// - every event's hash ID can be computed and has the "ni:///sha-256;…?ver=CBV2.0" shape;
// - when the XML writer accepts a decoded document, the XML decoder reads that XML back.

func fuzzEPCISJSON(_ input: UnsafeRawBufferPointer) {
    let plain = try? EPCISJSON.decode(input)
    let validated = try? EPCISJSON.decode(input, validate: true)
    if let validated { Fuzz.check(validated == plain, "validated decode differs from plain decode") }
    guard let payload = plain else { return }

    let json: [UInt8]
    switch payload {
    case .document(let d): json = d.jsonBytes()
    case .queryDocument(let q): json = q.jsonBytes()
    case .event(let e): json = e.jsonBytes()
    }
    do {
        let again = try EPCISJSON.decode(json)
        Fuzz.check(again == payload, "JSON round trip changed the payload; written: \(String(decoding: json, as: UTF8.self))")
    } catch {
        Fuzz.fail("own JSON output does not decode: \(error)\n\(String(decoding: json, as: UTF8.self))")
    }

    let ids: [String]
    switch payload {
    case .document(let d): ids = EventHash.compute(d)
    case .queryDocument(let q): ids = EventHash.compute(q)
    case .event(let e): ids = [EventHash.compute(e)]
    }
    Fuzz.check(ids.count == payload.events.count, "\(ids.count) hash IDs for \(payload.events.count) events")
    for id in ids {
        Fuzz.check(id.hasPrefix("ni:///sha-256;") && id.hasSuffix("?ver=CBV2.0") && id.utf8.count == 14 + 64 + 11, "malformed hash ID \(id)")
    }

    let xml: [UInt8]?
    switch payload {
    case .document(let d): xml = try? d.xmlBytes()
    case .queryDocument(let q): xml = try? q.xmlBytes()
    case .event: xml = nil
    }
    if let xml {
        do { _ = try EPCISDocument.decodeXML(xml) } catch {
            Fuzz.fail("own XML output does not decode: \(error)\n\(String(decoding: xml, as: UTF8.self))")
        }
    }
}

// libFuzzer calls this by its C name; without libFuzzer, `Fuzz.main` replays a corpus through it.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
#endif
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzEPCISJSON(UnsafeRawBufferPointer(fuzzData: data, count: size))
    return 0
}

@main enum Harness {
    static func main() { Fuzz.main(testOneInput) }
}
