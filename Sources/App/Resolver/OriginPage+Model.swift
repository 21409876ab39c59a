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
    }

    struct Step: Sendable, Equatable {
        let time: Int64
        let bizStep: String?
        let eventType: TraceEvent.EventType
        let place: Place?
        /// Where the goods went in this step (shipping), when the event says.
        let destination: Place?
    }

    /// The scanned Digital Link on this server, for the page's own QR code.
    let link: String
    /// Index key of what was scanned.
    let key: String
    let gtin: String?
    let productName: String?
    let lot: String?
    let serial: String?
    let sscc: String?
    let origin: Place?
    let producedAt: Int64?
    /// YYYY-MM-DD, from the label (AI 17 or 15 in the link) or the lot's master data.
    let expiry: String?
    let bestBefore: String?
    let steps: [Step]
    let distributedTo: [Place]
    /// Every identifier and place the page was built from, for cache invalidation.
    let keys: Set<String>

    var isKnown: Bool { !steps.isEmpty }

    /// Builds the page model for GS1 data read from a Digital Link.
    static func query(_ data: ElementString, link: String, repository: EPCISRepository) async throws -> OriginPage {
        let key = (try? EPCISIdentifier.canonicalKey(data.digitalLink())) ?? link
        let walker = TraceWalker(maxDepth: 32, maxNodes: 2_000)
        let backward = try await walker.trace(key, direction: .backward, in: repository)
        let forward = try await walker.trace(key, direction: .forward, in: repository)

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
            id.map { Place(id: $0, name: master[$0]?.name, address: master[$0]?.address) }
        }
        let steps = byEvent.values
            .sorted { ($0.edge.time, $0.edge.event) < ($1.edge.time, $1.edge.event) }
            .map { Step(time: $0.edge.time, bizStep: $0.edge.bizStep, eventType: $0.edge.eventType,
                        place: place($0.place), destination: place($0.destination)) }

        // Where the goods ended up: the last place each downstream identifier was seen.
        let scope = RecallScope(forward: forward)
        var finalPlaces: [String] = []
        for holding in scope.identifiers {
            if let last = holding.lastLocation, !finalPlaces.contains(last) { finalPlaces.append(last) }
        }
        let origin = steps.first { $0.place != nil }?.place

        // Dates: the label's own AIs first, else the lot's master data from the events that made it.
        let labelDates = Dictionary(data.descriptions().compactMap { d in d.date.map { (d.ai, $0) } }, uniquingKeysWith: { a, _ in a })
        var expiry = labelDates["17"]
        var bestBefore = labelDates["15"]
        if expiry == nil || bestBefore == nil {
            let makers = backward.edges.filter { $0.to == key && $0.relation == .transformed }.map(\.event)
                + backward.edges.filter { $0.from == key && $0.relation == .locatedAt }.prefix(1).map(\.event)
            for event in try await repository.eventDocuments(ids: Array(Set(makers))).values {
                let ilmd = event.ilmd
                expiry = expiry ?? ilmd?["cbvmda:itemExpirationDate"]?.stringValue
                bestBefore = bestBefore ?? ilmd?["cbvmda:bestBeforeDate"]?.stringValue
            }
        }

        return OriginPage(
            link: link, key: key, gtin: data.gtin?.gtin14,
            productName: productKey.flatMap { master[$0]?.name } ?? master[key]?.name,
            lot: data["10"], serial: data["21"], sscc: data["00"],
            origin: origin, producedAt: steps.first?.time, expiry: expiry, bestBefore: bestBefore,
            steps: steps, distributedTo: finalPlaces.filter { $0 != origin?.id }.compactMap(place),
            keys: keys)
    }
}
