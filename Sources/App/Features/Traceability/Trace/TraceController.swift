import EPCIS
import Foundation
import GS1
import Hummingbird
import NguonCore

/// `GET /api/v1/trace?id=…&direction=backward|forward|both`: the trace graph of any identifier,
/// with the recall scope when going forward.
enum TraceController {
    /// Any way people write an identifier, to the one key the index uses: Digital Link URIs and
    /// EPC URNs as they are; GS1 element strings (GTIN + lot, SSCC, GLN) via their Digital Link;
    /// a bare 18-digit number as an SSCC, 8–14 digits as a GTIN.
    static func key(for input: String) throws(AppError) -> String {
        let id = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if id.hasPrefix("urn:") || id.hasPrefix("http://") || id.hasPrefix("https://") {
            if id.hasPrefix("http"), case .failure(let error) = Result(catching: { () throws(GS1Error) in try EPCISIdentifier.gs1Data(id) }),
               error != .noPrimaryKey {
                throw GS1Controller.invalidGS1(error, field: "id")
            }
            return EPCISIdentifier.canonicalKey(id)
        }
        var text = id
        if text.allSatisfy(\.isNumber) {
            switch text.count {
            case 18: text = "(00)" + text
            case 8, 12, 13, 14: text = "(01)" + String(repeating: "0", count: 14 - text.count) + text
            default: break
            }
        }
        do throws(GS1Error) {
            return try GS1.parse(text).digitalLink()
        } catch {
            throw GS1Controller.invalidGS1(error, field: "id")
        }
    }

    struct Answer: Encodable {
        struct Edge: Encodable {
            let from: String
            let to: String
            let relation: String
            let event: String
            let eventType: String
            let time: String
            let bizStep: String?
            let quantity: Double?
            let uom: String?
        }

        struct Holding: Encodable {
            let id: String
            let kind: String
            let quantity: Double?
            let uom: String?
            let lastLocation: String?
            let lastSeen: String?
        }

        struct Scope: Encodable {
            let identifiers: [Holding]
            let locations: [String]
            let parties: [String]
        }

        let id: String
        let direction: String
        let nodes: [TraceGraph.Node]
        let edges: [Edge]
        let truncated: Bool
        let recallScope: Scope?
    }

    static func query(id: String, direction: TraceGraph.Direction, repository: EPCISRepository) async throws -> (TraceGraph, RecallScope?) {
        let walker = TraceWalker()
        let repository = RememberingEventSource(repository)
        switch direction {
        case .backward:
            return (try await walker.trace(id, direction: .backward, in: repository), nil)
        case .forward:
            let forward = try await walker.trace(id, direction: .forward, in: repository)
            return (forward, RecallScope(forward: forward))
        case .both:
            // Each direction once: the recall scope comes from the same forward walk.
            let backward = try await walker.trace(id, direction: .backward, in: repository)
            let forward = try await walker.trace(id, direction: .forward, in: repository)
            return (TraceGraph.merging(backward, forward), RecallScope(forward: forward))
        }
    }

    static func show(_ request: Request, repository: EPCISRepository, work: WorkLimiter) async throws -> Response {
        let query = try Query(request.uri.query)
        let input = try query.required("id", maxBytes: 1024)
        let direction = try query.choice("direction", from: TraceGraph.Direction.allCases.map(\.rawValue))
            .flatMap(TraceGraph.Direction.init(rawValue:)) ?? .both
        let id = try key(for: input)
        // A trace can be large (up to the walker's bounds): a few at once, like public pages.
        do {
            return try await work.run {
                let (graph, scope) = try await self.query(id: id, direction: direction, repository: repository)
                return try JSONResponse(value: Self.answer(id: id, direction: direction, graph: graph, scope: scope)).response()
            }
        } catch is WorkLimiter.Full {
            throw WorkLimiter.busy()
        }
    }

    static func answer(id: String, direction: TraceGraph.Direction, graph: TraceGraph, scope: RecallScope?) -> Answer {
        Answer(
            id: id, direction: direction.rawValue, nodes: graph.nodes,
            edges: graph.edges.map { e in
                Answer.Edge(from: e.from, to: e.to, relation: e.relation.rawValue, event: e.event, eventType: e.eventType.rawValue,
                            time: isoTime(e.time), bizStep: e.bizStep, quantity: e.quantity, uom: e.uom)
            },
            truncated: graph.truncated,
            recallScope: scope.map { s in
                Answer.Scope(identifiers: s.identifiers.map { h in
                    Answer.Holding(id: h.id, kind: h.kind.rawValue, quantity: h.quantity, uom: h.uom,
                                   lastLocation: h.lastLocation, lastSeen: h.lastSeen.map(isoTime))
                }, locations: s.locations, parties: s.parties)
            })
    }

    static func isoTime(_ ms: Int64) -> String {
        EPCISTimestamp(epochMilliseconds: ms).utcMillisecondString
    }
}

extension TraceController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, repository: EPCISRepository, work: WorkLimiter) {
        group.read(SiteURL.apiTrace.routePath) { request, _ in try await show(request, repository: repository, work: work) }
    }
}
