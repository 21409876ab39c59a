/// Everything a recall of one identifier must reach, read off its forward trace: the lots,
/// items and logistic units made from it or carrying it, the places they were seen at, and
/// the parties and places they were sent to, with quantities where the events state them.
public struct RecallScope: Sendable, Codable, Equatable {
    public struct Holding: Sendable, Codable, Equatable {
        public let id: String
        public let kind: NodeKind
        /// Sum of the quantities stated on the links that reached it, when any were stated.
        public let quantity: Double?
        public let uom: String?
        /// The last place it was seen, and when.
        public let lastLocation: String?
        public let lastSeen: Int64?
    }

    public let start: String
    public let identifiers: [Holding]
    public let locations: [String]
    public let parties: [String]
    public let truncated: Bool

    public init(forward graph: TraceGraph) {
        start = graph.start
        truncated = graph.truncated
        var quantities: [String: (Double, String?)] = [:]
        var last: [String: (String, Int64)] = [:]
        var locations: [String] = []
        var parties: [String] = []
        var seenPlace = Set<String>()
        for edge in graph.edges {
            switch edge.relation {
            case .transformed, .packed, .unpacked:
                if let q = edge.quantity {
                    let current = quantities[edge.to]
                    quantities[edge.to] = ((current?.0 ?? 0) + q, edge.uom ?? current?.1)
                }
            case .locatedAt:
                if last[edge.from].map({ $0.1 <= edge.time }) ?? true { last[edge.from] = (edge.to, edge.time) }
                if seenPlace.insert(edge.to).inserted { locations.append(edge.to) }
            case .sentTo:
                if seenPlace.insert(edge.to).inserted {
                    if NodeKind.of(edge.to) == .location { locations.append(edge.to) } else { parties.append(edge.to) }
                }
            case .sentFrom, .transaction:
                break
            }
        }
        let placeKinds: Set<NodeKind> = [.location, .party, .other]
        identifiers = graph.nodes.filter { !placeKinds.contains($0.kind) || $0.id == graph.start }.map { node in
            Holding(id: node.id, kind: node.kind, quantity: quantities[node.id]?.0, uom: quantities[node.id]?.1,
                    lastLocation: last[node.id]?.0, lastSeen: last[node.id]?.1)
        }
        self.locations = locations
        self.parties = parties
    }
}
