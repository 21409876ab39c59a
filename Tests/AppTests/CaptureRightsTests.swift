@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// Who may say what (issue 9 §3), replaying the probe that made another cooperative's public
/// page read "destroyed", "produced at" someone else and "HANG GIA".
@Suite("Capture: an organisation speaks only of what it holds or has", .serialized)
struct CaptureRightsTests {
    // Organisation A holds 8935001 (the fixtures); B is given 8935002 here.
    static let lotA = "urn:epc:class:lgtin:8935001.000042.BUOI-2026"
    static let gtinA = "urn:epc:idpat:sgtin:8935001.000042.*"
    static let farmA = "urn:epc:id:sgln:8935001.00001.0"
    static let storeB = "urn:epc:id:sgln:8935002.00001.0"

    static func event(_ action: String, step: String, at place: String, quantity: Bool = true, extra: String = "") -> String {
        """
        {"type":"ObjectEvent","eventTime":"2026-11-2\(Int.random(in: 0...8))T0\(Int.random(in: 1...9)):00:00.000+07:00","eventTimeZoneOffset":"+07:00",
         "action":"\(action)","bizStep":"\(step)","readPoint":{"id":"\(place)"},"bizLocation":{"id":"\(place)"},
         "quantityList":[{"epcClass":"\(lotA)","quantity":10,"uom":"KGM"}]\(extra)}
        """
    }

    static func document(_ events: [String], vocabulary: String = "") -> String {
        let header = vocabulary.isEmpty ? "" : #","epcisHeader":{"epcisMasterData":{"vocabularyList":[\#(vocabulary)]}}"#
        return """
        {"@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",
         "creationDate":"2026-11-28T00:00:00Z"\(header),"epcisBody":{"eventList":[\(events.joined(separator: ","))]}}
        """
    }

    @Test("Another business cannot commission, destroy, describe or record at what a cooperative holds; once shipped the goods, it can")
    func probe() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in
            let f = try await AccountFixtures.seed(database)
            let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
            _ = try await Repositories(database: database).gs1Codes.addPrefix("8935002", organisationID: f.orgB, note: nil, actor: admin)
            box.set(f)
        }) { client in
            let f = box.get()
            func capture(_ body: String, token: String) async throws -> TestResponse {
                try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                   headers: [.contentType: "application/ld+json", .authorization: "Bearer " + token],
                                                   body: ByteBuffer(string: body))
            }
            func eventsOfLot() async throws -> String {
                (try await client.execute(uri: "/epcis/events?MATCH_anyEPCClass=" + SiteURL.encode(Self.lotA), method: .get)).text
            }

            // B cannot bring A's lot into being, even at its own place.
            let forged = try await capture(Self.document([Self.event("ADD", step: "commissioning", at: Self.storeB)]), token: f.captureTokenB)
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("identifier-not-held") && forged.text.contains("eventList[0].epc"))

            // A commissions its lot at its farm.
            let made = try await capture(Self.document([Self.event("ADD", step: "commissioning", at: Self.farmA)]), token: f.captureToken)
            #expect(made.status == .accepted)

            // B cannot destroy it (it never had it), nor record anything at A's farm.
            let destroyed = try await capture(Self.document([Self.event("OBSERVE", step: "destroying", at: Self.storeB)]), token: f.captureTokenB)
            #expect(destroyed.status == .forbidden && destroyed.text.contains("not-in-possession"))
            let atFarm = try await capture(Self.document([Self.event("OBSERVE", step: "receiving", at: Self.farmA)]), token: f.captureTokenB)
            #expect(atFarm.status == .forbidden && atFarm.text.contains("location-not-held"))
            #expect(try await eventsOfLot().components(separatedBy: "\"bizStep\"").count == 2, "only A's commissioning is stored")

            // B cannot name A's product or farm, whatever vocabulary type it sends them under.
            for type in ["urn:epcglobal:epcis:vtype:EPCClass", "urn:epcglobal:epcis:vtype:ReadPoint", "urn:example:invented"] {
                for id in [Self.gtinA, Self.farmA] {
                    let vocabulary = #"{"type":"\#(type)","vocabularyElementList":[{"id":"\#(id)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"HANG GIA"}]}]}"#
                    let renamed = try await capture(Self.document([], vocabulary: vocabulary), token: f.captureTokenB)
                    #expect(renamed.status == .forbidden && renamed.text.contains("master-data-not-held"), "\(type) \(id)")
                }
            }
            #expect(try await !eventsOfLot().contains("HANG GIA"))

            // Nor "receive" it at its own store when it was never shipped there (then destroy it), nor an invented lot of A's.
            let unshipped = try await capture(Self.document([Self.event("OBSERVE", step: "receiving", at: Self.storeB),
                                                             Self.event("OBSERVE", step: "destroying", at: Self.storeB)]), token: f.captureTokenB)
            #expect(unshipped.status == .forbidden && unshipped.text.contains("not-in-possession"))
            let invented = try await capture(Self.document([Self.event("OBSERVE", step: "receiving", at: Self.storeB)
                .replacingOccurrences(of: Self.lotA, with: "urn:epc:class:lgtin:8935001.000042.FAKE1")]), token: f.captureTokenB)
            #expect(invented.status == .forbidden)

            // A ships the lot to B's store; from then on B may speak of it there.
            let shipped = try await capture(Self.document([Self.event(
                "OBSERVE", step: "shipping", at: Self.farmA,
                extra: #","destinationList":[{"type":"location","destination":"\#(Self.storeB)"}]"#)]), token: f.captureToken)
            #expect(shipped.status == .accepted)
            let received = try await capture(Self.document([Self.event("OBSERVE", step: "receiving", at: Self.storeB),
                                                            Self.event("OBSERVE", step: "retail_selling", at: Self.storeB)]), token: f.captureTokenB)
            #expect(received.status == .accepted)
        }
    }

    @Test("Goods received at an organisation's own place are its to ship on; an import of an unknown prefix too")
    func receivingFirst() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in
            let f = try await AccountFixtures.seed(database)
            let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
            _ = try await Repositories(database: database).gs1Codes.addPrefix("8935002", organisationID: f.orgB, note: nil, actor: admin)
            box.set(f)
        }) { client in
            let f = box.get()
            let imported = "urn:epc:class:lgtin:4012345.012345.IMPORT1"
            let events = ["receiving", "shipping"].map { step in
                Self.event("OBSERVE", step: step, at: Self.storeB).replacingOccurrences(of: Self.lotA, with: imported)
            }
            let response = try await client.anonymous.execute(
                uri: "/epcis/capture", method: .post,
                headers: [.contentType: "application/ld+json", .authorization: "Bearer " + f.captureTokenB],
                body: ByteBuffer(string: Self.document(events)))
            #expect(response.status == .accepted)
            // Commissioning it is still the brand owner's alone.
            let commissioned = try await client.anonymous.execute(
                uri: "/epcis/capture", method: .post,
                headers: [.contentType: "application/ld+json", .authorization: "Bearer " + f.captureTokenB],
                body: ByteBuffer(string: Self.document([Self.event("ADD", step: "commissioning", at: Self.storeB)
                    .replacingOccurrences(of: Self.lotA, with: imported)])))
            #expect(commissioned.status == .forbidden)
        }
    }
}
