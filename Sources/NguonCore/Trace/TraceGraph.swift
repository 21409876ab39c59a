import GS1

/// The answer to a trace: identifiers, places and parties as nodes, and what linked them as
/// edges. Edges always point downstream (from earlier to later in the supply chain), whichever
/// way the walk went, so a page can draw the journey from farm to shelf the same way each time.
public struct TraceGraph: Sendable, Codable, Equatable {
    public struct Node: Sendable, Codable, Hashable {
        public let id: String
        public let kind: NodeKind
        /// Steps from the identifier the trace started at.
        public let depth: Int
    }

    public struct Edge: Sendable, Codable, Hashable {
        public let from: String
        public let to: String
        public let relation: Relation
        public let event: String
        public let eventType: TraceEvent.EventType
        public let time: Int64
        public let bizStep: String?
        public let quantity: Double?
        public let uom: String?
    }

    public enum Relation: String, Sendable, Codable, Hashable {
        /// Inputs of a transformation to its outputs (harvest to packed product).
        case transformed
        /// A child packed into its parent (lot into case, case onto pallet).
        case packed
        /// A parent unpacked into its children.
        case unpacked
        /// An identifier observed at a place (bizLocation, else readPoint).
        case locatedAt
        /// An identifier sent to a destination (party or place).
        case sentTo
        /// An identifier that came from a source (party or place).
        case sentFrom
        /// An identifier covered by a business transaction (order, invoice, despatch advice).
        case transaction
    }

    public enum Direction: String, Sendable, Codable, CaseIterable {
        case backward, forward, both
    }

    public let start: String
    public let direction: Direction
    public internal(set) var nodes: [Node]
    public internal(set) var edges: [Edge]
    /// True when a limit stopped the walk before it ran out of links.
    public internal(set) var truncated: Bool

    /// A backward and a forward trace of the same start as one graph (direction `both`).
    public static func merging(_ backward: TraceGraph, _ forward: TraceGraph) -> TraceGraph {
        var seen = Set<String>()
        var nodes: [Node] = []
        for node in backward.nodes + forward.nodes where seen.insert(node.id).inserted {
            nodes.append(node)
        }
        let edges = Set(backward.edges).union(forward.edges).sorted { ($0.time, $0.event, $0.from, $0.to) < ($1.time, $1.event, $1.from, $1.to) }
        return TraceGraph(start: backward.start, direction: .both, nodes: nodes, edges: edges,
                          truncated: backward.truncated || forward.truncated)
    }
}

/// What an identifier names, read from its form (EPC URN or GS1 Digital Link).
public enum NodeKind: String, Sendable, Codable, Hashable {
    /// One serialised trade item (SGTIN; DL with /01/ and /21/).
    case item
    /// A lot or batch of a product (LGTIN; DL with /01/ and /10/).
    case lot
    /// A product class without lot (GTIN alone; EPC class patterns).
    case product
    /// A pallet or other logistic unit (SSCC; DL /00/).
    case logisticUnit
    /// A place (SGLN; DL /414/).
    case location
    /// A company or person (PGLN; DL /417/).
    case party
    /// A business transaction, document or anything else.
    case other

    public static func of(_ id: String) -> NodeKind {
        if id.hasPrefix("urn:epc:id:sgtin:") { return .item }
        if id.hasPrefix("urn:epc:class:lgtin:") { return .lot }
        if id.hasPrefix("urn:epc:idpat:sgtin:") { return .product }
        if id.hasPrefix("urn:epc:id:sscc:") { return .logisticUnit }
        if id.hasPrefix("urn:epc:id:sgln:") { return .location }
        if id.hasPrefix("urn:epc:id:pgln:") { return .party }
        if id.hasPrefix("urn:epc:id:") { return .item }  // GRAI, GIAI, … are instances too
        // GS1 Digital Link: the primary key decides, its qualifiers refine. Parsed, not searched
        // for: a lot code may itself read "414".
        guard id.hasPrefix("http://") || id.hasPrefix("https://"),
              let data = try? DigitalLink.parse(id, options: .lenient), let key = data.elements.first?.ai else { return .other }
        switch key {
        case "00": return .logisticUnit
        case "414": return .location
        case "417": return .party
        case "01": return data["21"] != nil ? .item : data["10"] != nil ? .lot : .product
        case "8003", "8004", "8018", "253": return .item
        default: return .other
        }
    }
}
