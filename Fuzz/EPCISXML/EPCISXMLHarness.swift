import EPCIS
import FuzzSupport

// Fuzzes the EPCIS XML decoder, `EPCISDocument.decodeXML` (EPCIS 2.0 and 1.x documents, query
// documents, master data), with and without validation.
//
// Invariants:
// - decoding with validation succeeds only where decoding without it does, with the same result;
// - a decoded document that the XML writer accepts reads back from that XML, and from there
//   the round trip is stable: writing and reading it again gives an equal payload. (The first
//   round trip may change it: a namespaced extension attribute is data like a child element
//   and is written back as one, after the element's text.)
// - its JSON form decodes with `EPCISJSON.decode`;
// - every event's hash ID can be computed and has the "ni:///sha-256;…?ver=CBV2.0" shape.

func fuzzEPCISXML(_ input: UnsafeRawBufferPointer) {
    let plain = try? EPCISDocument.decodeXML(input)
    let validated = try? EPCISDocument.decodeXML(input, validate: true)
    if let validated { Fuzz.check(validated == plain, "validated decode differs from plain decode") }
    guard let payload = plain else { return }

    let xml: [UInt8]?
    let json: [UInt8]
    let ids: [String]
    switch payload {
    case .document(let d):
        xml = try? d.xmlBytes()
        json = d.jsonBytes()
        ids = EventHash.compute(d)
    case .queryDocument(let q):
        xml = try? q.xmlBytes()
        json = q.jsonBytes()
        ids = EventHash.compute(q)
    case .event(let e):
        xml = nil
        json = e.jsonBytes()
        ids = [EventHash.compute(e)]
    }
    if let xml {
        let again: EPCISPayload
        do { again = try EPCISDocument.decodeXML(xml) } catch {
            Fuzz.fail("own XML output does not decode: \(error)\n\(String(decoding: xml, as: UTF8.self))")
        }
        let xml2: [UInt8]
        do {
            switch again {
            case .document(let d): xml2 = try d.xmlBytes()
            case .queryDocument(let q): xml2 = try q.xmlBytes()
            case .event: Fuzz.fail("a document read back as a bare event")
            }
        } catch {
            Fuzz.fail("XML read back from own output cannot be written again: \(error)")
        }
        do {
            let third = try EPCISDocument.decodeXML(xml2)
            Fuzz.check(third == again, "second XML round trip changed the payload; written: \(String(decoding: xml2, as: UTF8.self))")
        } catch {
            Fuzz.fail("own XML output does not decode the second time: \(error)\n\(String(decoding: xml2, as: UTF8.self))")
        }
    }
    do { _ = try EPCISJSON.decode(json) } catch {
        Fuzz.fail("own JSON output does not decode: \(error)\n\(String(decoding: json, as: UTF8.self))")
    }
    Fuzz.check(ids.count == payload.events.count, "\(ids.count) hash IDs for \(payload.events.count) events")
    for id in ids {
        Fuzz.check(id.hasPrefix("ni:///sha-256;") && id.hasSuffix("?ver=CBV2.0") && id.utf8.count == 14 + 64 + 11, "malformed hash ID \(id)")
    }
}

// libFuzzer calls this by its C name; without libFuzzer, `Fuzz.main` replays a corpus through it.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
#endif
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzEPCISXML(UnsafeRawBufferPointer(fuzzData: data, count: size))
    return 0
}

@main enum Harness {
    static func main() { Fuzz.main(testOneInput) }
}
