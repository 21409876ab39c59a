import TestSupport
import Foundation
import Testing
@testable import EPCIS

/// Every GS1 EPCIS 2.0 JSON/JSON-LD example must decode, validate cleanly and round-trip.
/// Skipped (and said so) when shared/conformance/epcis/JSON is absent.
@Suite(.enabled(if: SharedFolder.has("conformance/epcis/JSON"), "needs shared/conformance/epcis/JSON (set NGUON_SHARED to the shared/ folder)"))
struct JSONConformanceTests {
    static let files: [URL] = SharedFolder.files(under: "conformance/epcis/JSON", suffix: ".jsonld")

    static func name(_ u: URL) -> String {
        u.pathComponents.suffix(2).joined(separator: "/")
    }

    @Test func examplesArePresent() {
        #expect(Self.files.count >= 40)
    }

    @Test(arguments: files.map { name($0) })
    func decodesValidatesAndRoundTrips(_ name: String) throws {
        let url = try #require(Self.files.first { Self.name($0) == name })
        let data = try Data(contentsOf: url)
        let payload: EPCISPayload
        do {
            payload = try EPCISJSON.decode(data, validate: true)
        } catch {
            Issue.record("\(name):\n\(error)")
            return
        }
        #expect(!payload.events.isEmpty)

        // JSON -> model -> JSON -> model must give the same model, and writing it again the same bytes.
        let bytes1: [UInt8]
        switch payload {
        case .document(let d): bytes1 = d.jsonBytes(pretty: true)
        case .queryDocument(let q): bytes1 = q.jsonBytes(pretty: true)
        case .event(let e): bytes1 = e.jsonBytes(pretty: true)
        }
        let again = try EPCISJSON.decode(bytes1, validate: true)
        #expect(again == payload, "\(name): model changed after a JSON round trip")
        let bytes2: [UInt8]
        switch again {
        case .document(let d): bytes2 = d.jsonBytes(pretty: true)
        case .queryDocument(let q): bytes2 = q.jsonBytes(pretty: true)
        case .event(let e): bytes2 = e.jsonBytes(pretty: true)
        }
        #expect(bytes1 == bytes2)
    }

    /// Extension content (namespaced members, nested objects, arrays, number text) survives exactly.
    @Test func extensionsRoundTripLosslessly() throws {
        let url = try #require(Self.files.first { $0.lastPathComponent == "object_event_all_possible_fields.jsonld" })
        let data = try Data(contentsOf: url)
        let original = try JSONValue.parse(data)
        let doc = try EPCISDocument(json: data)
        let written = try JSONValue.parse(doc.jsonBytes())
        // Each event's extension members are identical, in order, to the source.
        let srcEvents = original.objectValue?["epcisBody"]?.objectValue?["eventList"]?.arrayValue ?? []
        let outEvents = written.objectValue?["epcisBody"]?.objectValue?["eventList"]?.arrayValue ?? []
        #expect(srcEvents.count == outEvents.count)
        for (s, o) in zip(srcEvents, outEvents) {
            let sx = s.objectValue!.members.filter { $0.key.contains(":") }
            let ox = o.objectValue!.members.filter { $0.key.contains(":") }
            #expect(sx == ox)
            #expect(s.objectValue?["ilmd"] == o.objectValue?["ilmd"])
        }
        #expect(original.objectValue?["@context"] == written.objectValue?["@context"])
    }
}
