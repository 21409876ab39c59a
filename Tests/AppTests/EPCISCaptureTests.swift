@testable import App
import EPCIS
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("EPCIS capture, query and trace", .serialized)
struct EPCISCaptureTests {
    static func capture(_ client: some TestClientProtocol, _ body: String, behaviour: String? = nil,
                        contentType: String = "application/ld+json") async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: contentType]
        if let behaviour { headers[.gs1CaptureErrorBehaviour] = behaviour }
        return try await client.execute(uri: "/epcis/capture", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("A document is captured in one go: 202, a job that says success, every event queryable")
    func captureAndQuery() async throws {
        let chain = DemoSupplyChain(variant: 101)
        try await TestApp.run { client in
            let response = try await Self.capture(client, chain.document)
            #expect(response.status == .accepted)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("/epcis/capture/"))
            #expect(response.headers[.gs1CaptureLimit] == String(EPCISCapture.maxEvents))
            let job = try await client.execute(uri: location, method: .get) { try Self.json($0) }
            #expect(job["success"] as? Bool == true)
            #expect(job["running"] as? Bool == false)
            #expect(job["capturedCount"] as? Int == chain.events.count)

            // Query by the packed lot as a consumer would scan it (Digital Link) …
            let byLot = try await client.execute(uri: "/epcis/events?MATCH_anyEPCClass=" + SiteURL.encode(chain.packLotLink), method: .get) { try Self.json($0) }
            let lotEvents = (((byLot["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]]
            #expect(lotEvents?.count == 3)  // transformation output + two cases packed
            // … and by biz step and time window, the offset's + written as it is, not as %2B.
            // (Scoped to this chain's pallet and cases: on PostgreSQL the tests share one store.)
            let mine = [chain.pallet, chain.caseA, chain.caseB].map(SiteURL.encode).joined(separator: "|")
            let shipped = try await client.execute(uri: "/epcis/events?EQ_bizStep=shipping&GE_eventTime=" + chain.time(1, "00:00") + "&MATCH_anyEPC=" + mine, method: .get) { try Self.json($0) }
            let shippedEvents = (((shipped["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]]
            #expect(shippedEvents?.count == 3)
        }
    }

    @Test("Capture and queries need a token or an account with the right; the anonymous get 401 with a challenge")
    func captureNeedsToken() async throws {
        let chain = DemoSupplyChain(variant: 110)
        try await TestApp.run { client in
            let none = try await client.anonymous.execute(uri: "/epcis/capture", method: .post, headers: [.contentType: "application/ld+json"],
                                                          body: ByteBuffer(string: chain.document))
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let wrong = try await client.execute(uri: "/epcis/capture", method: .post,
                                                 headers: [.contentType: "application/ld+json", .authorization: "Bearer ngn_0011223344556677_wrong"],
                                                 body: ByteBuffer(string: chain.document))
            #expect(wrong.status == .unauthorized)
            let query = try await client.anonymous.execute(uri: "/epcis/events", method: .get)
            #expect(query.status == .unauthorized)
            let trace = try await client.anonymous.execute(uri: "/api/v1/trace?id=" + SiteURL.encode(chain.caseA), method: .get)
            #expect(trace.status == .unauthorized)
            // Nothing of the refused captures was stored.
            let stored = try await client.execute(uri: "/epcis/events?MATCH_anyEPC=" + SiteURL.encode(chain.caseA), method: .get) { try Self.json($0) }
            let list = (((stored["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]]
            #expect(list?.isEmpty == true)
        }
    }

    @Test("Capturing the same document twice stores nothing twice and says how many were duplicates")
    func duplicates() async throws {
        let chain = DemoSupplyChain(variant: 102)
        try await TestApp.run { client in
            _ = try await Self.capture(client, chain.document)
            let second = try await Self.capture(client, chain.document)
            let location = try #require(second.headers[.location])
            let job = try await client.execute(uri: location, method: .get) { try Self.json($0) }
            #expect(job["capturedCount"] as? Int == 0)
            #expect(job["duplicateCount"] as? Int == chain.events.count)
        }
    }

    @Test("An invalid event rejects the whole document with a 400 naming the event and field; nothing is stored")
    func rollback() async throws {
        let chain = DemoSupplyChain(variant: 103)
        var events = chain.events
        events[3] = events[3].replacingOccurrences(of: #""action":"ADD""#, with: #""action":"MAYBE""#)
        let document = chain.document.replacingOccurrences(of: chain.events.joined(separator: ","), with: events.joined(separator: ","))
        try await TestApp.run { client in
            let response = try await Self.capture(client, document)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json; charset=utf-8")
            let problem = try Self.json(response)
            #expect(problem["type"] as? String == "epcisException:ValidationException")
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.contains { ($0["field"] as? String)?.hasPrefix("eventList[3]") == true })
            let query = try await client.execute(uri: "/epcis/events?MATCH_anyEPCClass=" + SiteURL.encode(chain.packLotLink), method: .get) { try Self.json($0) }
            let list = (((query["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]]
            #expect(list?.isEmpty == true)
        }
    }

    @Test("With proceed, the good events are stored and the job lists the bad one")
    func proceed() async throws {
        let chain = DemoSupplyChain(variant: 104)
        var events = chain.events
        events[0] = events[0].replacingOccurrences(of: #""eventTimeZoneOffset":"+07:00""#, with: #""eventTimeZoneOffset":"7""#)
        let document = chain.document.replacingOccurrences(of: chain.events.joined(separator: ","), with: events.joined(separator: ","))
        try await TestApp.run { client in
            let response = try await Self.capture(client, document, behaviour: "proceed")
            #expect(response.status == .accepted)
            let job = try Self.json(response)
            #expect(job["success"] as? Bool == false)
            #expect(job["capturedCount"] as? Int == chain.events.count - 1)
            let errors = try #require(job["errors"] as? [[String: Any]])
            #expect(errors.first?["eventIndex"] as? Int == 0)
        }
    }

    @Test("Unknown query parameters and bad values are 400 QueryParameterException", arguments: [
        "/epcis/events?EQ_colour=red", "/epcis/events?GE_eventTime=yesterday", "/epcis/events?perPage=0",
        "/epcis/events?eventType=PartyEvent", "/epcis/events?nextPageToken=abc", "/epcis/events?EQ_action=ADD|",
        // Forged tokens: a negative or huge count once overflowed; a token of another order.
        "/epcis/events?eventCountLimit=1&nextPageToken=" + Base64URL.encode(Data(#"{"time":0,"id":0,"returned":-9223372036854775808,"order":"eventTime ASC"}"#.utf8)),
        "/epcis/events?nextPageToken=" + Base64URL.encode(Data(#"{"time":0,"id":0,"returned":9223372036854775807,"order":"eventTime ASC"}"#.utf8)),
        "/epcis/events?orderDirection=DESC&nextPageToken=" + Base64URL.encode(Data(#"{"time":0,"id":0,"returned":5,"order":"eventTime ASC"}"#.utf8)),
        "/epcis/events?EQ_eventID=" + Array(repeating: "a", count: 101).joined(separator: "|"),
    ])
    func badQuery(uri: String) async throws {
        try await TestApp.run { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .badRequest)
            #expect(try Self.json(response)["type"] as? String == "epcisException:QueryParameterException")
        }
    }

    @Test("Pages follow each other through nextPageToken and the Link header, without gaps or repeats")
    func paging() async throws {
        let chain = DemoSupplyChain(variant: 105)
        try await TestApp.run { client in
            _ = try await Self.capture(client, chain.document)
            var seen: [String] = []
            var uri: String? = "/epcis/events?perPage=5&GE_eventTime=" + SiteURL.encode(chain.time(0, "00:00"))
                + "&LT_eventTime=" + SiteURL.encode(chain.time(2, "00:00")) + "&MATCH_anyEPC=" + SiteURL.encode(chain.pallet)
                + "|" + SiteURL.encode(chain.caseA) + "|" + SiteURL.encode(chain.caseB)
            while let next = uri {
                uri = try await client.execute(uri: next, method: .get) { response in
                    let body = try Self.json(response)
                    let list = (((body["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]] ?? []
                    seen += list.compactMap { $0["eventID"] as? String }
                    return response.headers[.link].flatMap { link in
                        link.split(separator: ">").first.map { String($0.dropFirst()) }
                    }
                }
            }
            #expect(seen.count == 10)  // every event naming the pallet or a case
            #expect(Set(seen).count == seen.count)
        }
    }

    @Test("Trace backward from a case reaches the farm; forward from the harvest gives the recall scope")
    func trace() async throws {
        let chain = DemoSupplyChain(variant: 106)
        try await TestApp.run { client in
            _ = try await Self.capture(client, chain.document)
            let farmKey = EPCISIdentifier.canonicalKey(chain.farm)
            let back = try await client.execute(uri: "/api/v1/trace?direction=backward&id=" + SiteURL.encode(chain.caseA), method: .get) { try Self.json($0) }
            let nodes = (back["nodes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(nodes.contains(farmKey))
            #expect(nodes.contains(EPCISIdentifier.canonicalKey(chain.harvestLot)))
            #expect(!nodes.contains(EPCISIdentifier.canonicalKey(chain.caseB)))

            let forward = try await client.execute(uri: "/api/v1/trace?direction=forward&id=" + SiteURL.encode(chain.harvestLot), method: .get) { try Self.json($0) }
            let scope = try #require(forward["recallScope"] as? [String: Any])
            let locations = scope["locations"] as? [String] ?? []
            #expect(locations.contains(EPCISIdentifier.canonicalKey(chain.supermarketA)))
            #expect(locations.contains(EPCISIdentifier.canonicalKey(chain.supermarketB)))
            let held = (scope["identifiers"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(held.contains(EPCISIdentifier.canonicalKey(chain.pallet)))

            // GTIN + lot written as a GS1 element string finds the same lot.
            let gtinLot = "(01)\(chain.packGTIN)(10)\(chain.packLotCode)"
            try await client.execute(uri: "/api/v1/trace?direction=backward&id=" + SiteURL.encode(gtinLot), method: .get) { response in
                #expect(response.status == .ok)
                let ids = ((try Self.json(response)["nodes"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                #expect(ids.contains(farmKey))
            }
            try await client.execute(uri: "/api/v1/trace?id=" + SiteURL.encode("(01)123"), method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}

@Suite("EPCIS top-level resources and XML", .serialized)
struct EPCISResourceTests {
    @Test("The top-level resources list what the store holds and lead to the matching events")
    func resources() async throws {
        let chain = DemoSupplyChain(variant: 301)
        try await TestApp.run { client in
            _ = try await EPCISCaptureTests.capture(client, chain.document)
            let root = try await client.execute(uri: "/epcis", method: .get) { try EPCISCaptureTests.json($0) }
            #expect((root["member"] as? [String])?.contains("bizSteps") == true)
            let steps = try await client.execute(uri: "/epcis/bizSteps", method: .get) { try EPCISCaptureTests.json($0) }
            #expect(Set(steps["member"] as? [String] ?? []).isSuperset(of: ["shipping", "receiving", "packing", "commissioning"]))
            let types = try await client.execute(uri: "/epcis/eventTypes", method: .get) { try EPCISCaptureTests.json($0) }
            #expect((types["member"] as? [String])?.count == 5)
            let pallet = SiteURL.encode(EPCISIdentifier.canonicalKey(chain.pallet))
            let events = try await client.execute(uri: "/epcis/epcs/\(pallet)/events", method: .get) { try EPCISCaptureTests.json($0) }
            let list = (((events["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]]
            #expect(list?.count == 4)  // packed, shipped, received, unpacked
            let page = try await client.execute(uri: "/epcis/epcs?perPage=2", method: .get)
            #expect(page.headers[.link]?.contains("nextPageToken=") == true)
        }
    }

    @Test("Events come back as EPCIS 2.0 XML on Accept: application/xml, and read back as the same events")
    func xmlOutput() async throws {
        let chain = DemoSupplyChain(variant: 302)
        try await TestApp.run { client in
            _ = try await EPCISCaptureTests.capture(client, chain.document)
            let uri = "/epcis/events?MATCH_anyEPC=" + SiteURL.encode(chain.pallet)
            let response = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/xml"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
            let payload = try EPCISDocument.decodeXML(Array(buffer: response.body))
            #expect(payload.events.count == 4)
            // The XML binding captures too: the same document as XML is all duplicates.
            let xml = try EPCISDocument(json: Array(chain.document.utf8)).xmlBytes()
            let again = try await EPCISCaptureTests.capture(client, String(decoding: xml, as: UTF8.self), contentType: "application/xml")
            let job = try EPCISCaptureTests.json(again)
            #expect(job["duplicateCount"] as? Int == chain.events.count)
        }
    }

    @Test("An event the XML binding cannot hold is refused at capture, so XML queries never fail on what was stored",
          arguments: ["a control character", "an undeclared prefix", "nesting deeper than XML takes"])
    func xmlUnencodableRefused(what: String) async throws {
        let (member, declared) = switch what {
        case "a control character": (#""ext:note":"a\u0000b""#, true)  // XML 1.0 cannot carry U+0000
        case "an undeclared prefix": (#""zz:note":"no @context names zz""#, false)
        default: (#""ext:deep":"# + String(repeating: #"{"ext:x":"#, count: 300) + "1" + String(repeating: "}", count: 300), true)
        }
        let chain = DemoSupplyChain(variant: 330)
        var events = chain.events
        events[5] = events[5].replacingOccurrences(of: #""action":"OBSERVE""#, with: member + #","action":"OBSERVE""#)
        let withEvent = chain.document.replacingOccurrences(of: chain.events.joined(separator: ","), with: events.joined(separator: ","))
        let document = declared
            ? withEvent.replacingOccurrences(of: #""@context":["#, with: #""@context":[{"ext":"https://example.org/ext/"},"#)
            : withEvent
        try await TestApp.run { client in
            let response = try await EPCISCaptureTests.capture(client, document)
            #expect(response.status == .badRequest)
            let errors = try #require(try EPCISCaptureTests.json(response)["errors"] as? [[String: Any]])
            #expect(errors.contains { ($0["field"] as? String)?.hasPrefix("eventList[5]") == true })
            let uri = "/epcis/events?MATCH_anyEPC=" + SiteURL.encode(chain.pallet)
            let xml = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/xml"])
            #expect(xml.status == .ok)
            #expect(try EPCISDocument.decodeXML(Array(buffer: xml.body)).events.isEmpty)
        }
    }

    @Test("An event with its own @context still uses the document's prefixes, and is stored so that XML queries can write it")
    func eventContextInheritsDocumentPrefixes() async throws {
        let chain = DemoSupplyChain(variant: 331)
        var events = chain.events
        events[5] = events[5].replacingOccurrences(of: #"{"type":"ObjectEvent","#, with:
            #"{"@context":"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld","type":"ObjectEvent","ex:thing":"x","#)
        let document = chain.document
            .replacingOccurrences(of: chain.events.joined(separator: ","), with: events.joined(separator: ","))
            .replacingOccurrences(of: #""@context":["#, with: #""@context":[{"ex":"https://example.org/ex/"},"#)
        try await TestApp.run { client in
            let response = try await EPCISCaptureTests.capture(client, document)
            #expect(response.status == .accepted)
            let uri = "/epcis/events?MATCH_anyEPC=" + SiteURL.encode(chain.pallet)
            let xml = try await client.execute(uri: uri, method: .get, headers: [.accept: "application/xml"])
            #expect(xml.status == .ok)
            let read = try EPCISDocument.decodeXML(Array(buffer: xml.body)).events
            #expect(read.contains { $0.extensions["ex:thing"] == .string("x") })
        }
    }

    @Test("GS1-EPC-Format: Always_GS1_Digital_Link answers with Digital Links instead of EPC URNs")
    func epcFormat() async throws {
        let chain = DemoSupplyChain(variant: 304)
        try await TestApp.run { client in
            _ = try await EPCISCaptureTests.capture(client, chain.document)
            let uri = "/epcis/events?EQ_bizStep=shipping&MATCH_anyEPC=" + SiteURL.encode(chain.pallet)
            let asCaptured = try await client.execute(uri: uri, method: .get)
            #expect(asCaptured.text.contains(chain.pallet))
            #expect(asCaptured.headers[.gs1EPCFormat] == "Never_Translates")
            let links = try await client.execute(uri: uri, method: .get, headers: [.gs1EPCFormat: "Always_GS1_Digital_Link"])
            #expect(links.headers[.gs1EPCFormat] == "Always_GS1_Digital_Link")
            #expect(!links.text.contains("urn:epc:id:sscc"))
            #expect(links.text.contains(EPCISIdentifier.canonicalKey(chain.pallet)))
            let bad = try await client.execute(uri: uri, method: .get, headers: [.gs1EPCFormat: "Sometimes"])
            #expect(bad.status == .badRequest)
        }
    }

    @Test("A document over the event limit is refused with 413 before anything is stored")
    func captureLimit() async throws {
        let chain = DemoSupplyChain(variant: 303)
        let many = Array(repeating: chain.events[0], count: EPCISCapture.maxEvents + 1).joined(separator: ",")
        let document = chain.document.replacingOccurrences(of: chain.events.joined(separator: ","), with: many)
        try await TestApp.run { client in
            let response = try await EPCISCaptureTests.capture(client, document)
            #expect(response.status == .contentTooLarge)
            #expect(try EPCISCaptureTests.json(response)["type"] as? String == "epcisException:CaptureLimitExceededException")
        }
    }
}

@Suite("EPCIS capture edge cases", .serialized)
struct EPCISCaptureEdgeTests {
    @Test("An event repeated inside one document is stored and indexed once")
    func repeatedInDocument() async throws {
        let chain = DemoSupplyChain(variant: 401)
        let events = chain.events + [chain.events[5]]
        let document = chain.document.replacingOccurrences(of: chain.events.joined(separator: ","), with: events.joined(separator: ","))
        try await TestApp.run { client in
            let job = try EPCISCaptureTests.json(try await EPCISCaptureTests.capture(client, document))
            #expect(job["capturedCount"] as? Int == chain.events.count)
            #expect(job["duplicateCount"] as? Int == 1)
            let shipped = try await client.execute(uri: "/epcis/events?EQ_bizStep=shipping&MATCH_anyEPC=" + SiteURL.encode(chain.pallet), method: .get) { try EPCISCaptureTests.json($0) }
            let list = (((shipped["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any])?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]]
            #expect(list?.count == 1)
        }
    }

    @Test("An event is found by the eventID its sender gave, and by its hash ID when it had none")
    func byEventID() async throws {
        let chain = DemoSupplyChain(variant: 403)
        var events = chain.events
        events[0] = events[0].replacingOccurrences(of: #"{"type":"ObjectEvent","#, with: #"{"type":"ObjectEvent","eventID":"urn:uuid:6f2d7f2a-9a54-4c39-9d3e-1c2b3a4d5e6f","#)
        let document = chain.document.replacingOccurrences(of: chain.events.joined(separator: ","), with: events.joined(separator: ","))
        try await TestApp.run { client in
            _ = try await EPCISCaptureTests.capture(client, document)
            let given = try await client.execute(uri: "/epcis/events/" + SiteURL.encode("urn:uuid:6f2d7f2a-9a54-4c39-9d3e-1c2b3a4d5e6f"), method: .get)
            #expect(given.status == .ok)
            #expect(try EPCISCaptureTests.json(given)["bizStep"] as? String == "commissioning")
            guard case .document(let parsed) = try EPCISJSON.decode(Array(document.utf8)) else {
                Issue.record("the document must decode as an EPCISDocument")
                return
            }
            let hashID = EventHash.compute(parsed.events[1], options: EventHash.options(for: parsed))
            let hashed = try await client.execute(uri: "/epcis/events/" + SiteURL.encode(hashID), method: .get)
            #expect(hashed.status == .ok)
            #expect(try EPCISCaptureTests.json(hashed)["eventID"] as? String == hashID)
            let missing = try await client.execute(uri: "/epcis/events/urn:uuid:khong-co", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test("Two different events whose keys collide are refused, not silently merged")
    func keyCollision() async throws {
        let config = try await TestApp.config()
        let database = try AppDatabase(location: config.database, logger: TestApp.quietLogger)
        try await prepareDatabase(database, config: config, logger: TestApp.quietLogger)
        let repository = EPCISRepository(database: database)
        let chain = DemoSupplyChain(variant: 402)
        guard case .document(let document) = try EPCISJSON.decode(Array(chain.document.utf8)) else {
            Issue.record("the demo chain must decode as an EPCISDocument")
            return
        }
        let checked = try await EPCISCapture.check(Array(document.events.prefix(2)), context: document.context)
        _ = try await repository.write([checked.prepared[0]], captureJobID: nil, recordTime: 0)
        // A forged event with the first one's key but another hash ID.
        let original = checked.prepared[0], other = checked.prepared[1]
        let forged = EPCISRepository.PreparedEvent(key: original.key, hashID: other.hashID, eventID: other.eventID, event: other.event,
                                                   document: other.document, ilmd: other.ilmd, members: other.members, links: other.links)
        await #expect(throws: EPCISStoreError.keyCollision) { _ = try await repository.write([forged], captureJobID: nil, recordTime: 0) }
        await database.shutdown()
    }
}
