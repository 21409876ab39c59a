import EPCIS
import NguonCore
import SQLKit

/// The trace walk reads index rows only, two statements per step of the walk whatever the size
/// of the store: the member rows the walk follows from the frontier, with their events' own
/// columns, and those events' sources, destinations and transactions. The statements are written
/// as text, not built: a first view of an origin page runs a dozen of them, and assembling each
/// from SQLKit's expression tree cost more than SQLite took to answer it.
extension EPCISRepository: TraceEventSource {
    private struct MemberRow: Hashable {
        let event: Int64
        let key: String
        let role: TraceEvent.Role
    }

    package func events(mentioning ids: Set<String>) async throws -> [TraceEvent] {
        guard !ids.isEmpty else { return [] }
        var events: [Int64: (eventID: String, type: TraceEvent.EventType, time: Int64, action: TraceEvent.Action?, bizStep: String?,
                             disposition: String?, readPoint: String?, bizLocation: String?)] = [:]
        var members: [Int64: [TraceEvent.Member]] = [:]
        var sources: [Int64: [TraceEvent.Party]] = [:]
        var destinations: [Int64: [TraceEvent.Party]] = [:]
        var transactions: [Int64: [TraceEvent.Party]] = [:]
        var seenMembers = Set<MemberRow>()
        for chunk in Array(ids).chunked(into: 500) {
            let memberRows = try await database.reader.raw(Self.followedMembers(naming: Array(chunk))).all()
            let linkRows = try await database.reader.raw(Self.links(ofEventsNaming: Array(chunk))).all()
            // An event naming keys in two chunks comes back twice; read it the first time only.
            let earlier = Set(events.keys)
            for row in memberRows {
                let id = try row.decode(column: "id", as: Int64.self)
                if earlier.contains(id) { continue }
                if events[id] == nil {
                    guard let type = TraceEvent.EventType(rawValue: try row.decode(column: "event_type", as: String.self)) else { continue }
                    events[id] = (try row.decode(column: "event_id", as: String.self), type,
                                  try row.decode(column: "event_time", as: Int64.self),
                                  try row.decode(column: "action", as: String?.self).flatMap(TraceEvent.Action.init(rawValue:)),
                                  try row.decode(column: "biz_step", as: String?.self),
                                  try row.decode(column: "disposition", as: String?.self),
                                  try row.decode(column: "read_point", as: String?.self),
                                  try row.decode(column: "biz_location", as: String?.self))
                }
                let role: TraceEvent.Role = switch try row.decode(column: "role", as: String.self) {
                case IdentifierRole.parent.rawValue: .parent
                case IdentifierRole.child.rawValue: .child
                case IdentifierRole.input.rawValue: .input
                case IdentifierRole.output.rawValue: .output
                default: .subject
                }
                let key = try row.decode(column: "key", as: String.self)
                // A key the walk starts from may also be a parent, input or output: one row each.
                guard seenMembers.insert(MemberRow(event: id, key: key, role: role)).inserted else { continue }
                members[id, default: []].append(TraceEvent.Member(
                    id: key, role: role,
                    quantity: try row.decode(column: "quantity", as: Double?.self),
                    uom: try row.decode(column: "uom", as: String?.self)))
            }
            for row in linkRows {
                let event = try row.decode(column: "event", as: Int64.self)
                if earlier.contains(event) { continue }
                let party = TraceEvent.Party(type: try row.decode(column: "type", as: String?.self) ?? "",
                                             id: try row.decode(column: "value", as: String.self))
                switch try row.decode(column: "kind", as: String.self) {
                case "source": sources[event, default: []].append(party)
                case "destination": destinations[event, default: []].append(party)
                default: transactions[event, default: []].append(party)
                }
            }
        }
        return events.map { id, e in
            TraceEvent(key: e.eventID, type: e.type, time: e.time, action: e.action, bizStep: e.bizStep,
                       disposition: e.disposition, readPoint: e.readPoint, bizLocation: e.bizLocation,
                       members: members[id] ?? [], sources: sources[id] ?? [], destinations: destinations[id] ?? [],
                       bizTransactions: transactions[id] ?? [])
        }
    }

    /// Whether any stored event names `key`: one index probe, so a page for a code nobody
    /// recorded costs no trace.
    func isRecorded(_ key: String) async throws -> Bool {
        try await database.reader.raw("SELECT 1 FROM epcis_event_members WHERE key = \(bind: key) LIMIT 1").first() != nil
    }

    /// Rows any one part of a trace step may return: an event listing half a million EPCs
    /// costs a bounded read, not the whole list (the walk stops at its node limit long before).
    static let traceRowLimit = 20_000

    /// `event IN (SELECT event FROM epcis_event_members WHERE key IN (…) [AND role = …])`.
    private static func eventNaming(_ keys: [String], as role: IdentifierRole? = nil) -> SQLQueryString {
        let naming: SQLQueryString = "m.event IN (SELECT event FROM epcis_event_members WHERE key IN (\(binds: keys))"
        return naming + (role.map { " AND role = \(bind: $0.rawValue))" } ?? ")")
    }

    /// The member rows the walk follows from `keys`, each with its event's own columns: the keys
    /// themselves, the parents, inputs and outputs of the events naming them, and the children
    /// of the events in which one of them is the parent. The other subjects of an event (the
    /// rest of a 500,000-EPC list, the siblings in a case) lead nowhere and are not read. Each
    /// part is served by an index on (key, role) or (event, role) and has its own row limit: one
    /// part filling a shared limit would leave the others unread and cut the trace short
    /// without a word.
    private static func followedMembers(naming keys: [String]) -> SQLQueryString {
        let followed = [IdentifierRole.parent, .input, .output].map(\.rawValue)
        let parts: [SQLQueryString] = [
            "m.key IN (\(binds: keys))",
            eventNaming(keys) + " AND m.role IN (\(binds: followed))",
            eventNaming(keys, as: .parent) + " AND m.role = \(bind: IdentifierRole.child.rawValue)",
        ]
        let select: SQLQueryString = """
            SELECT * FROM (SELECT e.id, e.event_id, e.event_type, e.event_time, e.action, e.biz_step, e.disposition, \
            e.read_point, e.biz_location, m.key, m.role, m.quantity, m.uom \
            FROM epcis_event_members m JOIN epcis_events e ON e.id = m.event WHERE\u{20}
            """
        return parts.enumerated().map { index, condition in
            select + condition + " LIMIT \(literal: traceRowLimit)) AS part\(literal: index)"
        }.joined(separator: " UNION ALL ")
    }

    private static func links(ofEventsNaming keys: [String]) -> SQLQueryString {
        "SELECT m.event, m.kind, m.type, m.value FROM epcis_event_links m WHERE "
            + eventNaming(keys) + " LIMIT \(literal: traceRowLimit)"
    }
}
