import Foundation
import TestSupport
import Testing
@testable import EPCIS

/// Checking a hash-based eventID (ni:///sha-256;…?ver=CBV2.0) against the event's own content,
/// so capture can refuse an event whose claimed ID does not match what it says.
@Suite struct EventHashEventIDTests {
    static func event() -> EPCISEvent {
        EPCISEvent(eventType: .object, eventTime: EPCISTimestamp("2024-05-01T08:30:00.000+07:00")!, eventTimeZoneOffset: "+07:00",
                   epcList: ["urn:epc:id:sgtin:8934567.012345.1"], action: .observe, bizStep: "inspecting")
    }

    @Test func matchingID() {
        var e = Self.event()
        e.eventID = EventHash.compute(e)
        #expect(EventHash.checkEventID(e) == .matches)
        #expect(e.validateEventID(index: 0) == nil)
        // Hex digits in upper case name the same digest.
        e.eventID = EventHash.compute(e).replacingOccurrences(of: "a", with: "A").replacingOccurrences(of: "f", with: "F")
        #expect(EventHash.checkEventID(e) == .matches)
    }

    @Test func tamperedEvent() {
        var e = Self.event()
        e.eventID = EventHash.compute(e)
        let claimed = e.eventID
        e.epcList = ["urn:epc:id:sgtin:8934567.012345.2"]
        #expect(EventHash.checkEventID(e) == .mismatch(computed: EventHash.compute(e)))
        let error = e.validateEventID(index: 3)
        #expect(error?.code == .eventIDMismatch)
        #expect(error?.field == "eventID")
        #expect(error?.eventIndex == 3 && error?.eventID == claimed)
        #expect(error?.message.contains(EventHash.compute(e)) == true)
    }

    @Test func otherIDsAreNotChecked() {
        var e = Self.event()
        #expect(EventHash.checkEventID(e) == .notAHashID)
        e.eventID = "urn:uuid:11111111-1111-4111-8111-111111111111"
        #expect(EventHash.checkEventID(e) == .notAHashID)
        #expect(e.validateEventID() == nil)
        // A hash ID of an algorithm this library does not compute cannot be confirmed either way.
        e.eventID = "ni:///sha-512;abcd?ver=CBV2.0"
        #expect(EventHash.checkEventID(e) == .unsupported)
        e.eventID = "ni:///sha-256;" + String(repeating: "0", count: 64) + "?ver=CBV3.0"
        #expect(EventHash.checkEventID(e) == .unsupported)
        // Malformed hex is a mismatch: it cannot be this event's hash.
        e.eventID = "ni:///sha-256;xyz?ver=CBV2.0"
        if case .mismatch = EventHash.checkEventID(e) {} else { Issue.record("malformed digest not reported as a mismatch") }
    }

    /// Every conformance event whose eventID is set to its published hash matches; the same
    /// event with its time moved by a second does not.
    @Test(.enabled(if: SharedFolder.has("conformance/event-hash"), "needs shared/conformance/event-hash (set NGUON_SHARED to the shared/ folder)"))
    func conformanceVectors() throws {
        let dir = try #require(SharedFolder.file("conformance/event-hash"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".jsonld") }.sorted()
        try #require(!names.isEmpty)
        var checked = 0
        for name in names {
            let base = String(name.dropLast(".jsonld".count))
            let ids = try String(contentsOf: dir.appendingPathComponent(base + ".hashes"), encoding: .utf8)
                .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            guard case .document(let doc) = try EPCISJSON.decode([UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))) else { continue }
            let options = EventHash.options(for: doc)
            try #require(doc.events.count == ids.count, "\(name)")
            for (k, var e) in doc.events.enumerated() {
                e.eventID = ids[k]
                #expect(EventHash.checkEventID(e, options: options) == .matches, "\(name) event \(k)")
                e.eventTime = EPCISTimestamp(epochSeconds: e.eventTime.epochSeconds + 1, nanoseconds: e.eventTime.nanoseconds)
                #expect(EventHash.checkEventID(e, options: options) != .matches, "\(name) event \(k) tampered")
                checked += 1
            }
        }
        #expect(checked >= 20)
    }
}
