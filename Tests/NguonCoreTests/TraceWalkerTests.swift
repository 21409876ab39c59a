import NguonCore
import Testing

/// An event store in memory, counting how often the walk asks it.
final class MemoryEvents: TraceEventSource, @unchecked Sendable {
    let events: [TraceEvent]
    private var index: [String: [Int]] = [:]
    private(set) var queries = 0

    init(_ events: [TraceEvent]) {
        self.events = events
        for (i, event) in events.enumerated() {
            for member in event.members { index[member.id, default: []].append(i) }
        }
    }

    func events(mentioning ids: Set<String>) async throws -> [TraceEvent] {
        queries += 1
        return Set(ids.flatMap { index[$0] ?? [] }).sorted().map { events[$0] }
    }
}

/// A VietGAP vegetable chain: harvest at a cooperative, packing into cases, a pallet shipped to
/// a distributor, unpacked and cases sent to two supermarkets.
enum Chain {
    static let harvest = "urn:epc:class:lgtin:8930000.000019.THU-HOACH-01"
    static let packedLot = "urn:epc:class:lgtin:8930000.100016.LO-01"
    static let caseA = "urn:epc:id:sgtin:8930000.100016.1"
    static let caseB = "urn:epc:id:sgtin:8930000.100016.2"
    static let pallet = "urn:epc:id:sscc:8930000.0000000001"
    static let farm = "urn:epc:id:sgln:8930000.00001.0"
    static let packer = "urn:epc:id:sgln:8930000.00002.0"
    static let distributor = "urn:epc:id:sgln:8930000.00003.0"
    static let shopA = "urn:epc:id:sgln:8930000.00004.0"
    static let shopB = "urn:epc:id:sgln:8930000.00005.0"

    static let events: [TraceEvent] = [
        TraceEvent(key: "e1", type: .object, time: 100, action: .add, bizStep: "commissioning", bizLocation: farm,
                   members: [.init(id: harvest, role: .subject, quantity: 500, uom: "KGM")]),
        TraceEvent(key: "e2", type: .transformation, time: 200, bizStep: "commissioning", bizLocation: packer,
                   members: [.init(id: harvest, role: .input, quantity: 480, uom: "KGM"),
                             .init(id: packedLot, role: .output, quantity: 400, uom: "KGM")]),
        TraceEvent(key: "e3", type: .aggregation, time: 300, action: .add, bizStep: "packing", bizLocation: packer,
                   members: [.init(id: caseA, role: .parent), .init(id: packedLot, role: .child, quantity: 200, uom: "KGM")]),
        TraceEvent(key: "e4", type: .aggregation, time: 310, action: .add, bizStep: "packing", bizLocation: packer,
                   members: [.init(id: caseB, role: .parent), .init(id: packedLot, role: .child, quantity: 200, uom: "KGM")]),
        TraceEvent(key: "e5", type: .aggregation, time: 400, action: .add, bizStep: "packing", bizLocation: packer,
                   members: [.init(id: pallet, role: .parent), .init(id: caseA, role: .child), .init(id: caseB, role: .child)]),
        TraceEvent(key: "e6", type: .object, time: 500, action: .observe, bizStep: "shipping", readPoint: packer,
                   members: [.init(id: pallet, role: .subject)],
                   destinations: [.init(type: "location", id: distributor)]),
        TraceEvent(key: "e7", type: .aggregation, time: 600, action: .delete, bizStep: "unpacking", bizLocation: distributor,
                   members: [.init(id: pallet, role: .parent), .init(id: caseA, role: .child), .init(id: caseB, role: .child)]),
        TraceEvent(key: "e8", type: .object, time: 700, action: .observe, bizStep: "receiving", bizLocation: shopA,
                   members: [.init(id: caseA, role: .subject)]),
        TraceEvent(key: "e9", type: .object, time: 710, action: .observe, bizStep: "receiving", bizLocation: shopB,
                   members: [.init(id: caseB, role: .subject)]),
    ]
}

@Suite("Trace walk")
struct TraceWalkerTests {
    @Test("Backward from a case on a shelf reaches the pallet, the packed lot, the harvest and the farm")
    func backwardToOrigin() async throws {
        let graph = try await TraceWalker().trace(Chain.caseA, direction: .backward, in: MemoryEvents(Chain.events))
        let ids: Set<String> = Set(graph.nodes.map { $0.id })
        let expected: Set<String> = [Chain.caseA, Chain.pallet, Chain.packedLot, Chain.harvest, Chain.farm, Chain.shopA]
        #expect(ids.isSuperset(of: expected))
        // The other case on the same pallet is not part of this case's origin.
        #expect(!ids.contains(Chain.caseB))
        #expect(!ids.contains(Chain.shopB))
        let transformed = graph.edges.contains { (e: TraceGraph.Edge) in e.from == Chain.harvest && e.to == Chain.packedLot && e.relation == .transformed }
        #expect(transformed)
        // The pallet's shipment happened while the case was on it, so it is part of the journey.
        let shipped = graph.edges.contains { (e: TraceGraph.Edge) in e.from == Chain.pallet && e.to == Chain.distributor && e.relation == .sentTo }
        #expect(shipped)
        #expect(!graph.truncated)
    }

    @Test("Forward from the harvest lot: the recall scope is both cases, the pallet and both shops")
    func forwardRecall() async throws {
        let graph = try await TraceWalker().trace(Chain.harvest, direction: .forward, in: MemoryEvents(Chain.events))
        let scope = RecallScope(forward: graph)
        let held: Set<String> = Set(scope.identifiers.map { $0.id })
        let expected: Set<String> = [Chain.harvest, Chain.packedLot, Chain.caseA, Chain.caseB, Chain.pallet]
        #expect(held == expected)
        #expect(Set(scope.locations).isSuperset(of: [Chain.shopA, Chain.shopB, Chain.distributor]))
        #expect(scope.identifiers.first { $0.id == Chain.packedLot }?.quantity == 400)
        #expect(scope.identifiers.first { $0.id == Chain.caseA }?.lastLocation == Chain.shopA)
    }

    @Test("Forward ignores what happened before the traced lot existed")
    func forwardRespectsTime() async throws {
        let graph = try await TraceWalker().trace(Chain.packedLot, direction: .forward, in: MemoryEvents(Chain.events))
        let ids: Set<String> = Set(graph.nodes.map { $0.id })
        #expect(!ids.contains(Chain.harvest))
        #expect(!ids.contains(Chain.farm))
        #expect(ids.contains(Chain.shopB))
    }

    @Test("Forward from one sealed case does not pull in the other case it shared a pallet with")
    func forwardVehicle() async throws {
        let graph = try await TraceWalker().trace(Chain.caseA, direction: .forward, in: MemoryEvents(Chain.events))
        let ids: Set<String> = Set(graph.nodes.map { $0.id })
        #expect(ids.contains(Chain.pallet))
        #expect(ids.contains(Chain.shopA))
        #expect(!ids.contains(Chain.caseB))
        #expect(!ids.contains(Chain.shopB))
    }

    @Test("A cycle (rework: output fed back as input) ends")
    func cycle() async throws {
        let a = "urn:epc:class:lgtin:8930000.000019.A", b = "urn:epc:class:lgtin:8930000.000019.B"
        let events: [TraceEvent] = (0..<50).map { (i: Int) -> TraceEvent in
            let (from, to) = i % 2 == 0 ? (a, b) : (b, a)
            let members: [TraceEvent.Member] = [.init(id: from, role: .input), .init(id: to, role: .output)]
            return TraceEvent(key: "t\(i)", type: .transformation, time: Int64(i), members: members)
        }
        let graph = try await TraceWalker().trace(a, direction: .both, in: MemoryEvents(events))
        let ids: Set<String> = Set(graph.nodes.map { $0.id })
        #expect(ids == [a, b])
        #expect(graph.edges.count == 50)
    }

    @Test("One lot shipped in 5,000 shipments: one query per step, every shipment in scope")
    func wideFanOut() async throws {
        let lot = "urn:epc:class:lgtin:8930000.000019.RONG"
        var events = [TraceEvent(key: "make", type: .object, time: 0, action: .add, members: [.init(id: lot, role: .subject)])]
        for i in 0..<5_000 {
            let sscc = "urn:epc:id:sscc:8930000.\(String(1_000_000_000 + i))"
            events.append(TraceEvent(key: "pack\(i)", type: .aggregation, time: 10, action: .add,
                                     members: [.init(id: sscc, role: .parent), .init(id: lot, role: .child, quantity: 1, uom: "KGM")]))
            events.append(TraceEvent(key: "ship\(i)", type: .object, time: 20, action: .observe, bizStep: "shipping",
                                     members: [.init(id: sscc, role: .subject)],
                                     destinations: [.init(type: "location", id: "urn:epc:id:sgln:8930000.\(10_000 + i).0")]))
        }
        let source = MemoryEvents(events)
        let graph = try await TraceWalker().trace(lot, direction: .forward, in: source)
        let scope = RecallScope(forward: graph)
        #expect(scope.identifiers.count == 5_001)
        #expect(scope.locations.count == 5_000)
        #expect(source.queries <= 3)
    }

    @Test("Lots transformed many into many are bounded by edges, not only nodes: the answer stops at the bound and says so")
    func manyToMany() async throws {
        let a = (0..<300).map { "urn:epc:class:lgtin:8930000.000019.A\($0)" }
        let b = (0..<300).map { "urn:epc:class:lgtin:8930000.000019.B\($0)" }
        let c = (0..<300).map { "urn:epc:class:lgtin:8930000.000019.C\($0)" }
        func transformation(_ key: String, _ time: Int64, _ inputs: [String], _ outputs: [String]) -> TraceEvent {
            TraceEvent(key: key, type: .transformation, time: time,
                       members: inputs.map { .init(id: $0, role: .input) } + outputs.map { .init(id: $0, role: .output) })
        }
        let source = MemoryEvents([transformation("t1", 1, a, b), transformation("t2", 2, b, c)])
        // 300 × 300 pairs in the second step alone: 90,000 edges among 900 identifiers.
        let bounded = try await TraceWalker(maxEdges: 5_000).trace(a[0], direction: .forward, in: source)
        #expect(bounded.truncated)
        #expect(bounded.edges.count <= 5_000 + 300)
        let whole = try await TraceWalker(maxEdges: 1_000_000).trace(a[0], direction: .forward, in: source)
        #expect(!whole.truncated && whole.nodes.count == 601)
    }

    @Test("A 500-step chain is followed to its end; a depth limit marks the answer truncated")
    func deepChain() async throws {
        let ids = (0...500).map { "urn:epc:class:lgtin:8930000.000019.S\($0)" }
        let events: [TraceEvent] = (0..<500).map { (i: Int) -> TraceEvent in
            let members: [TraceEvent.Member] = [.init(id: ids[i], role: .input), .init(id: ids[i + 1], role: .output)]
            return TraceEvent(key: "s\(i)", type: .transformation, time: Int64(i), members: members)
        }
        let full = try await TraceWalker(maxDepth: 1_000).trace(ids[500], direction: .backward, in: MemoryEvents(events))
        #expect(full.nodes.count == 501)
        #expect(full.nodes.last?.depth == 500)
        #expect(!full.truncated)
        let cut = try await TraceWalker(maxDepth: 10).trace(ids[500], direction: .backward, in: MemoryEvents(events))
        #expect(cut.truncated)
        #expect(cut.nodes.count < 501)
    }
}

/// Like the database: each event comes with only the members the walk can follow from `ids`.
final class FollowedMembers: TraceEventSource, @unchecked Sendable {
    let all: MemoryEvents
    init(_ events: [TraceEvent]) { all = MemoryEvents(events) }
    var queries: Int { all.queries }

    func events(mentioning ids: Set<String>) async throws -> [TraceEvent] {
        try await all.events(mentioning: ids).map { event in
            let parentAsked = event.members.contains { $0.role == .parent && ids.contains($0.id) }
            return event.with(members: event.members.filter { member in
                ids.contains(member.id) || [.parent, .input, .output].contains(member.role) || (parentAsked && member.role == .child)
            })
        }
    }
}

@Suite("Remembered trace reads")
struct RememberingEventSourceTests {
    @Test("Back then forward from every identifier of the chain: the same journey, each identifier read once",
          arguments: [Chain.harvest, Chain.packedLot, Chain.caseA, Chain.caseB, Chain.pallet])
    func sameJourney(start: String) async throws {
        let walker = TraceWalker()
        let plain = FollowedMembers(Chain.events)
        let expected = [try await walker.trace(start, direction: .backward, in: plain),
                        try await walker.trace(start, direction: .forward, in: plain)]
        let counted = FollowedMembers(Chain.events)
        let remembering = RememberingEventSource(counted)
        let got = [try await walker.trace(start, direction: .backward, in: remembering),
                   try await walker.trace(start, direction: .forward, in: remembering)]
        #expect(got == expected)
        // Both walks start by asking for `start`: the second never reaches the store for it.
        #expect(counted.queries < plain.queries)
    }
}

@Suite("Identifier kinds")
struct NodeKindTests {
    @Test("URNs and Digital Links are classified by what they name", arguments: [
        ("urn:epc:id:sgtin:8930000.100016.1", NodeKind.item),
        ("urn:epc:class:lgtin:8930000.100016.LO1", .lot),
        ("urn:epc:id:sscc:8930000.0000000001", .logisticUnit),
        ("urn:epc:id:sgln:8930000.00001.0", .location),
        ("https://id.gs1.org/01/08930000100016/21/1", .item),
        ("https://id.gs1.org/01/08930000100016/10/LO1", .lot),
        ("https://id.gs1.org/01/08930000100016", .product),
        ("https://id.gs1.org/00/089300000000000019", .logisticUnit),
        ("https://id.gs1.org/01/08930000100016/10/414", .lot),
        ("https://id.gs1.org/414/8930000000019", .location),
        ("https://id.gs1.org/417/8930000000019", .party),
        ("urn:vn:donhang:123", .other),
    ])
    func kinds(id: String, kind: NodeKind) {
        #expect(NodeKind.of(id) == kind)
    }
}
