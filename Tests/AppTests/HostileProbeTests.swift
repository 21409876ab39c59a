@testable import App
import EPCIS
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// What a hostile probe of the running server found, each as a test that failed before the fix.
@Suite("Hostile probe findings", .serialized)
struct HostileProbeTests {
    static let context = #""@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]"#

    static func document(_ events: [String]) -> String {
        #"{\#(context),"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-20T08:00:00+07:00","epcisBody":{"eventList":[\#(events.joined(separator: ","))]}}"#
    }

    static func event(id: String, serial: String, bizStep: String = "inspecting") -> String {
        #"{"type":"ObjectEvent","eventID":"\#(id)","eventTime":"2026-11-20T09:00:00+07:00","eventTimeZoneOffset":"+07:00","epcList":["urn:epc:id:sgtin:8935001.100002.\#(serial)"],"action":"OBSERVE","bizStep":"\#(bizStep)"}"#
    }

    @Test("An eventID already stored with other content is refused with 409, and nothing of that capture is stored")
    func eventIDConflict() async throws {
        let id = "urn:uuid:6f1a4a0e-2b7c-4c55-9d0e-0c1d2e3f4a5b"
        try await TestApp.run { client in
            let first = try await EPCISCaptureTests.capture(client, Self.document([Self.event(id: id, serial: "7001")]))
            #expect(first.status == .accepted)
            // Same eventID, other content (another serial, a destroying step), beside a good event.
            let forged = try await EPCISCaptureTests.capture(client, Self.document([
                Self.event(id: "urn:uuid:0a0b0c0d-0000-4000-8000-000000000001", serial: "7002"),
                Self.event(id: id, serial: "7001", bizStep: "destroying"),
            ]))
            #expect(forged.status == .conflict)
            #expect(forged.text.contains(id))
            // Nothing of the forged capture was stored: the good event beside it neither.
            let events = try await client.execute(uri: "/epcis/events?MATCH_anyEPC=" + SiteURL.encode("urn:epc:id:sgtin:8935001.100002.7002"),
                                                  method: .get)
            #expect(!events.text.contains("7002"))
            let original = try await client.execute(uri: "/epcis/events/" + SiteURL.encode(id), method: .get)
            #expect(original.status == .ok)
            #expect(original.text.contains("inspecting") && !original.text.contains("destroying"))
            // Sending the original again is a duplicate, not a conflict.
            let again = try await EPCISCaptureTests.capture(client, Self.document([Self.event(id: id, serial: "7001")]))
            #expect(again.status == .accepted)
            // A UUID reads the same in capitals: the same eventID, so the same refusal, and the
            // capitalised spelling finds the original.
            let shouted = try await EPCISCaptureTests.capture(client, Self.document([
                Self.event(id: id.uppercased().replacingOccurrences(of: "URN:UUID:", with: "urn:uuid:"), serial: "7001", bizStep: "destroying"),
            ]))
            #expect(shouted.status == .conflict)
            let byCapitals = try await client.execute(uri: "/epcis/events/" + SiteURL.encode("URN:UUID:" + id.dropFirst(9).uppercased()), method: .get)
            #expect(byCapitals.status == .ok)
            #expect(byCapitals.text.contains("inspecting") && !byCapitals.text.contains("destroying"))
            // Two events with one eventID in a single document are refused too.
            let twice = try await EPCISCaptureTests.capture(client, Self.document([
                Self.event(id: "urn:uuid:0a0b0c0d-0000-4000-8000-000000000002", serial: "7003"),
                Self.event(id: "urn:uuid:0a0b0c0d-0000-4000-8000-000000000002", serial: "7004"),
            ]))
            #expect(twice.status == .conflict)
        }
    }

    @Test("Capture refuses a hash eventID that is not the event's own hash, times no real event has, and ILMD dates that are not dates",
          arguments: [
            #"{"type":"ObjectEvent","eventID":"ni:///sha-256;0000000000000000000000000000000000000000000000000000000000000000?ver=CBV2.0","eventTime":"2026-11-20T09:00:00+07:00","eventTimeZoneOffset":"+07:00","epcList":["urn:epc:id:sgtin:8935001.100002.8001"],"action":"OBSERVE","bizStep":"inspecting"}"#,
            #"{"type":"ObjectEvent","eventTime":"0001-01-01T00:00:00Z","eventTimeZoneOffset":"+00:00","epcList":["urn:epc:id:sgtin:8935001.100002.8002"],"action":"OBSERVE"}"#,
            #"{"type":"ObjectEvent","eventTime":"9999-12-31T00:00:00Z","eventTimeZoneOffset":"+00:00","epcList":["urn:epc:id:sgtin:8935001.100002.8003"],"action":"OBSERVE"}"#,
            #"{"type":"ObjectEvent","eventTime":"2026-11-20T09:00:00+07:00","eventTimeZoneOffset":"+07:00","epcList":["urn:epc:id:sgtin:8935001.100002.8004"],"action":"ADD","bizStep":"commissioning","ilmd":{"cbvmda:itemExpirationDate":"HANG GIA"}}"#,
          ])
    func implausibleEvents(event: String) async throws {
        try await TestApp.run { client in
            let response = try await EPCISCaptureTests.capture(client, Self.document([event]))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("eventList[0]"))
            let stored = try await client.execute(uri: "/epcis/events?MATCH_anyEPC=" + SiteURL.encode("urn:epc:id:sgtin:8935001.100002.8001")
                                                  + "," + SiteURL.encode("urn:epc:id:sgtin:8935001.100002.8004"), method: .get)
            #expect(!stored.text.contains("8001") && !stored.text.contains("8004"))
        }
    }

    @Test("A ni: eventID in any spelling but the event's own canonical hash ID is refused", arguments: [
        "ni:///sha-256;d8a6a1dd0c0a42a9e3ab5aaab9e5dd9c4a3f0f6e5b4e4d8f7f9a0b1c2d3e4f50",
        "ni:///sha-256;d8a6a1dd0c0a42a9e3ab5aaab9e5dd9c4a3f0f6e5b4e4d8f7f9a0b1c2d3e4f50?ver=cbv2.0",
        "ni:///sha-512;d8a6a1dd0c0a42a9e3ab5aaab9e5dd9c4a3f0f6e5b4e4d8f7f9a0b1c2d3e4f50?ver=CBV2.0",
        "NI:///SHA-256;D8A6A1DD0C0A42A9E3AB5AAAB9E5DD9C4A3F0F6E5B4E4D8F7F9A0B1C2D3E4F50?VER=CBV2.0",
        "ni:sha-256;d8a6a1dd0c0a42a9e3ab5aaab9e5dd9c4a3f0f6e5b4e4d8f7f9a0b1c2d3e4f50",
    ])
    func forgedHashSpellings(eventID: String) async throws {
        try await TestApp.run { client in
            let response = try await EPCISCaptureTests.capture(client, Self.document([Self.event(id: eventID, serial: "8101")]))
            #expect(response.status == .badRequest, "\(eventID)")
        }
    }

    @Test("A trace is not cut short by many events naming the lot: its parents, inputs and outputs are still read")
    func traceNotStarvedByObservations() async throws {
        let chain = DemoSupplyChain(variant: 411)
        let config = try await TestApp.config()
        try await TestApp.run(config: config) { client in
            let status = try await EPCISCaptureTests.capture(client, chain.document).status
            #expect(status == .accepted)
        }
        let lot = EPCISIdentifier.canonicalKey(chain.harvestLot)
        let before = try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            try await TraceWalker().trace(lot, direction: .forward, in: Repositories(database: database).epcis)
        }
        // Enough observations of the lot to fill one statement's row limit by themselves.
        let observations = (0..<(EPCISRepository.traceRowLimit / 1_000 + 1)).map { page in
            Self.document((0..<1_000).map { n in
                #"{"type":"ObjectEvent","eventTime":"2026-11-19T0\#(n % 10):00:00+07:00","eventTimeZoneOffset":"+07:00","quantityList":[{"epcClass":"\#(chain.harvestLot)","quantity":\#(page * 1_000 + n + 1)}],"action":"OBSERVE"}"#
            })
        }
        try await TestApp.run(config: config) { client in
            for document in observations {
                let status = try await EPCISCaptureTests.capture(client, document).status
                #expect(status == .accepted)
            }
        }
        let after = try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            try await TraceWalker().trace(lot, direction: .forward, in: Repositories(database: database).epcis)
        }
        #expect(Set(before.nodes.map(\.id)).isSubset(of: Set(after.nodes.map(\.id))))
    }

    @Test("Public pages cost bounded work after a capture of an event listing 50,000 EPCs")
    func hugeEventStaysCheap() async throws {
        let serials = (0..<50_000).map { #""urn:epc:id:sgtin:8935001.100002.\#(100_000 + $0)""# }.joined(separator: ",")
        let huge = #"{"type":"ObjectEvent","eventTime":"2026-11-20T09:00:00+07:00","eventTimeZoneOffset":"+07:00","epcList":[\#(serials)],"action":"ADD","bizStep":"commissioning","bizLocation":{"id":"urn:epc:id:sgln:8935001.00001.0"},"ilmd":{"cbvmda:itemExpirationDate":"2027-01-31"}}"#
        let config = try await TestApp.config()
        try await TestApp.run(config: config) { client in
            let captured = try await EPCISCaptureTests.capture(client, Self.document([huge]))
            #expect(captured.status == .accepted)
            // The serial's page reads its own member row, not the other 49,999.
            let gtin = try #require(GS1.appendingCheckDigit(to: "1893500100002"))
            let page = try await client.execute(uri: "/01/\(gtin)/21/100007", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("31/01/2027"))
            // The trace of one serial has one event and no sibling serials.
            let trace = try await client.execute(uri: "/api/v1/trace?id=" + SiteURL.encode("urn:epc:id:sgtin:8935001.100002.100007"), method: .get)
            #expect(trace.status == .ok)
            #expect(!trace.text.contains("100008"))
        }
        // What the walk reads for one serial: its event with that serial alone, not the other 49,999 EPCs.
        let key = EPCISIdentifier.canonicalKey("urn:epc:id:sgtin:8935001.100002.100007")
        let events = try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            try await Repositories(database: database).epcis.events(mentioning: [key])
        }
        #expect(events.count == 1)
        #expect(events.first?.members.map(\.id) == [key])
    }

    @Test("A code nobody recorded answers 404 from a template, with the code shown escaped")
    func unknownCodeTemplate() async throws {
        try await TestApp.run { client in
            let response = try await client.execute(uri: "/01/08935001000020/10/%3Cscript%3E", method: .get)
            #expect(response.status == .notFound)
            #expect(response.text.contains("Chưa có dữ liệu truy xuất"))
            #expect(!response.text.contains("<script>"))
            #expect(response.text.contains("&lt;script&gt;") || response.text.contains("%3Cscript%3E"))
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
        }
    }
}

@Suite("Bounded in-memory structures")
struct BoundedStructureTests {
    @Test("The rate limiter holds fixed memory and still limits one client among a million addresses")
    func rateLimiterUnderAFlood() throws {
        let limiter = RateLimiter(limit: 100, per: .seconds(60))
        let now = ContinuousClock.now
        for i in 0..<1_000_000 {
            _ = limiter.count("10.\(i >> 16 & 255).\(i >> 8 & 255).\(i & 255)", now: now)
        }
        // An address that sent nothing yet is not limited by the others' counts.
        #expect(limiter.count("192.0.2.1", now: now) == nil)
        // One that floods is limited past its own limit.
        var limited = false
        for _ in 0..<101 { limited = limiter.count("192.0.2.99", now: now) != nil }
        #expect(limited)
        // A new window starts afresh.
        #expect(limiter.count("192.0.2.99", now: now + .seconds(61)) == nil)
    }

    @Test("IPv6 clients count per /64; IPv4 per address", arguments: [
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::ff", "2001:db8:1:2::/64"),
        ("2001:0db8:0001:0002:ffff::1%eth0", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("192.0.2.7", "192.0.2.7"),
        ("::1", "0:0:0:0::/64"),
    ])
    func clientKeys(address: String, key: String) {
        #expect(RateLimiter.clientKey(address) == key)
    }

    @Test("The origin-page cache evicts the least recently used pages to stay under its byte budget")
    func cacheEvictsByBytes() {
        let cache = OriginPageCache(capacityBytes: 200_000)
        let html = String(repeating: "x", count: 10_000)
        for i in 0..<100 {
            let model = OriginPageCacheTests.model(key: "k\(i)")
            cache.store(model, page: .init(html: html, etag: "\"\(i)\""), query: "", as: "vi k\(i)", ticket: cache.begin())
            if i >= 1 { _ = cache.lookup("vi k0", query: "") }  // keep the first one in use
        }
        #expect(cache.byteCount <= 200_000)
        #expect(cache.count < 100)
        if case .page = cache.lookup("vi k0", query: "") {} else { Issue.record("the page in use was evicted") }
        if case .miss = cache.lookup("vi k1", query: "") {} else { Issue.record("an old page was kept") }
    }

    @Test("Varying a label's attributes churns one entry's variants, never other pages")
    func variantsStayInTheirEntry() {
        let cache = OriginPageCache(capacityBytes: 1 << 20, variantsPerEntry: 4)
        let other = OriginPageCacheTests.model(key: "other")
        cache.store(other, page: .init(html: "other", etag: "\"o\""), query: "", as: "vi other", ticket: cache.begin())
        let model = OriginPageCacheTests.model(key: "lot")
        for day in 0..<10_000 {
            cache.store(model, page: .init(html: "page \(day)", etag: "\"\(day)\""), query: "?17=26\(day)", as: "vi lot", ticket: cache.begin())
        }
        #expect(cache.count == 2)
        if case .page = cache.lookup("vi other", query: "") {} else { Issue.record("another page was pushed out") }
        // An unseen variant of a cached entry reuses its model: no trace needed.
        if case .model = cache.lookup("vi lot", query: "?17=999999") {} else { Issue.record("the model was not kept") }
    }

    @Test("Invalidation drops exactly the pages built from a changed identifier, and a page read before the change is not stored")
    func perKeyInvalidation() {
        let cache = OriginPageCache()
        let a = OriginPageCacheTests.model(key: "a"), b = OriginPageCacheTests.model(key: "b")
        cache.store(a, page: .init(html: "a", etag: "\"a\""), query: "", as: "vi a", ticket: cache.begin())
        cache.store(b, page: .init(html: "b", etag: "\"b\""), query: "", as: "vi b", ticket: cache.begin())
        let early = cache.begin()
        cache.invalidate(["a"])
        if case .miss = cache.lookup("vi a", query: "") {} else { Issue.record("a was kept") }
        if case .page = cache.lookup("vi b", query: "") {} else { Issue.record("b was dropped by a's change") }
        // Built from data read before the change: not stored.
        cache.store(a, page: .init(html: "stale", etag: "\"s\""), query: "", as: "vi a", ticket: early)
        if case .miss = cache.lookup("vi a", query: "") {} else { Issue.record("a stale page was stored") }
    }

    @Test("The work limiter runs at most its width at once and refuses past its queue")
    func workLimiter() async throws {
        let limiter = WorkLimiter(width: 2, queue: 2)
        let gate = Gate()
        let running = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { try await limiter.run { await gate.wait() } } }
                try await group.waitForAll()
            }
        }
        // Wait (without a clock) until two run and two wait.
        while limiter.load != (2, 2) { await Task.yield() }
        await #expect(throws: WorkLimiter.Full.self) { try await limiter.run {} }
        await gate.open()
        try await running.value
        #expect(limiter.load == (0, 0))
        try await limiter.run {}
    }
}

/// Holds every caller of `wait` until `open`.
actor Gate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }
}

enum OriginPageCacheTests {
    static func model(key: String) -> OriginPage {
        OriginPage(link: "https://example.test/01/" + key, key: key, gtin: nil, productName: key, lot: nil, serial: nil, sscc: nil,
                   origin: nil, producedAt: nil, expiry: nil, bestBefore: nil, steps: [], distributedTo: [], distributedCount: 0,
                   keys: [key])
    }
}

@Suite("Shared database helpers")
struct DatabaseHelperTests {
    @Test("Record properties map to their columns, acronyms included", arguments: [
        ("taxCode", "tax_code"), ("actorID", "actor_id"), ("previousHash", "previous_hash"), ("id", "id"),
        ("organisationID", "organisation_id"), ("at", "at"), ("entityType", "entity_type"),
    ])
    func columnNames(property: String, column: String) {
        #expect(SQLRowColumns.column(forProperty: property) == column)
    }
}
