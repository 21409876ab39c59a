import EPCIS
import GS1
import NguonCore

/// What the public origin page shows for one scanned identifier (Decree 37/2026/NĐ-CP art. 23:
/// product name, producer and address, origin, lot or serial, dates, and the key events of the
/// journey with their times), built from the trace and master data.
struct OriginPage {
    struct Place: Sendable, Equatable {
        let id: String
        let name: String?
        let address: String?
        /// Growing-area codes and aquaculture registrations, as the registry holds them.
        var registrations: String? = nil
        /// Certificates in force when the registry last wrote the place (the page drops those past their day).
        var certificates: [CertificateBadge] = []
    }

    struct Step: Sendable, Equatable {
        let time: Int64
        let bizStep: String?
        let eventType: TraceEvent.EventType
        let place: Place?
        /// Where the goods went in this step (shipping), when the event says.
        let destination: Place?
        /// The organisation that recorded the step, when one did.
        var recordedBy: String? = nil
    }

    /// The Digital Link of what was scanned on this server, without the label's attributes.
    let link: String
    /// Index key of what was scanned.
    let key: String
    let gtin: String?
    let productName: String?
    /// From the registry (the product's master data): who makes it, its brand, net content,
    /// shelf life in days and image path.
    var producer: String? = nil
    var brand: String? = nil
    var netContent: String? = nil
    var shelfLifeDays: String? = nil
    var image: String? = nil
    let lot: String?
    let serial: String?
    let sscc: String?
    let origin: Place?
    let producedAt: Int64?
    /// YYYY-MM-DD, as recorded in the lot's master data (ILMD); a label's own dates (AI 17, 15
    /// in the link) are shown only where none is recorded (`render`).
    let expiry: String?
    let bestBefore: String?
    let steps: [Step]
    /// The first places the goods were distributed to, and how many there are in all: a
    /// wholesaler's lot may reach thousands of shops, and a phone screen shows a few.
    let distributedTo: [Place]
    let distributedCount: Int
    /// Every identifier and place the page was built from, for cache invalidation.
    let keys: Set<String>
    /// An open recall of what was scanned: the page warns the consumer first.
    var recall: RecallNotice? = nil

    var isKnown: Bool { !steps.isEmpty }

    /// Places listed by name under "distributed to"; the rest are counted.
    static let distributionShown = 20

    /// Builds the page model for GS1 data read from a Digital Link (its path: the identifier).
    static func query(_ data: ElementString, link: String, repository: EPCISRepository) async throws -> OriginPage {
        let key = (try? EPCISIdentifier.canonicalKey(data.digitalLink())) ?? link
        // A page shows a journey, not a graph: bounded reads and work for any lot, whatever was captured.
        let walker = TraceWalker(maxDepth: 32, maxNodes: 2_000, maxEdges: 10_000)
        let events = RememberingEventSource(repository)
        let backward = try await walker.trace(key, direction: .backward, in: events)
        let forward = try await walker.trace(key, direction: .forward, in: events)

        // One step per event, earliest first, whichever direction found it.
        var byEvent: [String: (edge: TraceGraph.Edge, place: String?, destination: String?)] = [:]
        for edge in backward.edges + forward.edges {
            var entry = byEvent[edge.event] ?? (edge, nil, nil)
            switch edge.relation {
            case .locatedAt: entry.place = entry.place ?? edge.to
            case .sentTo where NodeKind.of(edge.to) == .location: entry.destination = entry.destination ?? edge.to
            default: break
            }
            byEvent[edge.event] = entry
        }
        let productKey = data.gtin.map { "https://id.gs1.org/01/\($0.gtin14)" }
        var keys = Set(backward.nodes.map(\.id)).union(forward.nodes.map(\.id))
        keys.insert(key)
        if let productKey { keys.insert(productKey) }
        let master = try await repository.masterData(for: keys)
        func place(_ id: String?) -> Place? {
            id.map { Place(id: $0, name: master[$0]?.name, address: master[$0]?.address,
                           registrations: master[$0]?.attributes[RegistryKeys.registrationsAttribute],
                           certificates: CertificateBadge.decode(master[$0]?.attributes[CertificateBadge.attribute])) }
        }
        let recorders = try await repository.recorders(ofEvents: Array(byEvent.keys))
        let steps = byEvent.values
            .sorted { ($0.edge.time, $0.edge.event) < ($1.edge.time, $1.edge.event) }
            .map { Step(time: $0.edge.time, bizStep: $0.edge.bizStep, eventType: $0.edge.eventType,
                        place: place($0.place), destination: place($0.destination), recordedBy: recorders[$0.edge.event]) }

        // Where the goods ended up: the last place each downstream identifier was seen.
        let scope = RecallScope(forward: forward)
        var finalPlaces: [String] = []
        for holding in scope.identifiers {
            if let last = holding.lastLocation, !finalPlaces.contains(last) { finalPlaces.append(last) }
        }
        let origin = steps.first { $0.place != nil }?.place

        // Dates: the lot's master data from the events that made it.
        var expiry: String?
        var bestBefore: String?
        let makers = backward.edges.filter { $0.to == key && $0.relation == .transformed }.map(\.event)
            + backward.edges.filter { $0.from == key && $0.relation == .locatedAt }.prefix(1).map(\.event)
        for ilmd in try await repository.lotMasterData(ofEvents: Array(Set(makers))).values {
            expiry = expiry ?? ilmd["cbvmda:itemExpirationDate"]?.stringValue
            bestBefore = bestBefore ?? ilmd["cbvmda:bestBeforeDate"]?.stringValue
        }
        let distributed = finalPlaces.filter { $0 != origin?.id }

        let product = productKey.flatMap { master[$0]?.attributes } ?? [:]
        var page = OriginPage(
            link: link, key: key, gtin: data.gtin?.gtin14,
            productName: productKey.flatMap { master[$0]?.name } ?? master[key]?.name,
            producer: product[RegistryKeys.producerAttribute], brand: product["https://gs1.org/voc/brandName"],
            netContent: product["https://gs1.org/voc/netContent"], shelfLifeDays: product[RegistryKeys.shelfLifeAttribute],
            image: product[RegistryKeys.imageAttribute],
            lot: data["10"], serial: data["21"], sscc: data["00"],
            origin: origin, producedAt: steps.first?.time, expiry: expiry, bestBefore: bestBefore,
            steps: steps, distributedTo: distributed.prefix(distributionShown).compactMap(place), distributedCount: distributed.count,
            keys: keys)
        page.recall = try await RecallNotice.open(for: key, database: repository.database)
        return page
    }
}
