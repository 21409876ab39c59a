/// What the trace walk needs to know of one stored EPCIS event: who took part in which role,
/// where and when. The store builds these from its index rows; the walk never sees documents.
public struct TraceEvent: Sendable, Hashable {
    /// Stable key of the event in the store (its event ID or hash ID).
    public let key: String
    public let type: EventType
    /// Milliseconds since 1970 (UTC): the order of the supply chain.
    public let time: Int64
    public let action: Action?
    public let bizStep: String?
    public let disposition: String?
    public let readPoint: String?
    public let bizLocation: String?
    public let members: [Member]
    /// Source and destination list entries: (CBV type such as owning_party, id).
    public let sources: [Party]
    public let destinations: [Party]
    public let bizTransactions: [Party]

    public init(key: String, type: EventType, time: Int64, action: Action? = nil, bizStep: String? = nil,
                disposition: String? = nil, readPoint: String? = nil, bizLocation: String? = nil,
                members: [Member], sources: [Party] = [], destinations: [Party] = [], bizTransactions: [Party] = []) {
        self.key = key
        self.type = type
        self.time = time
        self.action = action
        self.bizStep = bizStep
        self.disposition = disposition
        self.readPoint = readPoint
        self.bizLocation = bizLocation
        self.members = members
        self.sources = sources
        self.destinations = destinations
        self.bizTransactions = bizTransactions
    }

    public enum EventType: String, Sendable, Hashable, Codable {
        case object = "ObjectEvent"
        case aggregation = "AggregationEvent"
        case transaction = "TransactionEvent"
        case transformation = "TransformationEvent"
        case association = "AssociationEvent"
    }

    public enum Action: String, Sendable, Hashable, Codable {
        case add = "ADD"
        case observe = "OBSERVE"
        case delete = "DELETE"
    }

    /// The part an identifier plays in an event.
    public enum Role: String, Sendable, Hashable, Codable {
        /// epcList / quantityList of Object and Transaction events.
        case subject
        /// parentID of Aggregation, Transaction and Association events.
        case parent
        /// childEPCs / childQuantityList.
        case child
        /// inputEPCList / inputQuantityList of a transformation.
        case input
        /// outputEPCList / outputQuantityList of a transformation.
        case output
    }

    public struct Member: Sendable, Hashable {
        public let id: String
        public let role: Role
        public let quantity: Double?
        public let uom: String?

        public init(id: String, role: Role, quantity: Double? = nil, uom: String? = nil) {
            self.id = id
            self.role = role
            self.quantity = quantity
            self.uom = uom
        }
    }

    public struct Party: Sendable, Hashable, Codable {
        public let type: String
        public let id: String

        public init(type: String, id: String) {
            self.type = type
            self.id = id
        }
    }
}

/// Where the walk reads events from: the database in the server, an array in tests.
public protocol TraceEventSource: Sendable {
    /// Every event that names any of `ids` in any role, with the members the walk can follow
    /// from them: the ids themselves, the event's parents, inputs and outputs, and its children
    /// where one of the ids is the parent. Other subjects of the event may be left out (they lead
    /// nowhere), so a huge event costs a bounded read. Called once per step of the walk with the
    /// whole frontier, so a store answers a wide step with one query, not one per id.
    func events(mentioning ids: Set<String>) async throws -> [TraceEvent]
}
