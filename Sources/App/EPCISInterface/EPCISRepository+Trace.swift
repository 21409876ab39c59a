import EPCIS
import NguonCore
import SQLKit

/// The trace walk reads index rows only, two statements per step of the walk whatever the size
/// of the store: the events naming the frontier with all their members, and those events'
/// sources, destinations and transactions. Both start from the members index.
extension EPCISRepository: TraceEventSource {
    func events(mentioning ids: Set<String>) async throws -> [TraceEvent] {
        guard !ids.isEmpty else { return [] }
        var events: [Int64: (eventID: String, type: TraceEvent.EventType, time: Int64, action: TraceEvent.Action?, bizStep: String?,
                             disposition: String?, readPoint: String?, bizLocation: String?)] = [:]
        var members: [Int64: [TraceEvent.Member]] = [:]
        var sources: [Int64: [TraceEvent.Party]] = [:]
        var destinations: [Int64: [TraceEvent.Party]] = [:]
        var transactions: [Int64: [TraceEvent.Party]] = [:]
        for chunk in Array(ids).chunked(into: 500) {
            let memberRows = try await eventsWithMembers(naming: Array(chunk))
            let linkRows = try await links(ofEventsNaming: Array(chunk))
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
                members[id, default: []].append(TraceEvent.Member(
                    id: try row.decode(column: "key", as: String.self), role: role,
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

    /// `(SELECT event FROM epcis_event_members WHERE key IN (…))`: the events naming `keys`.
    private func eventsNaming(_ keys: [String]) -> any SQLExpression {
        SQLSubquery.select { $0.column("event").from("epcis_event_members").where("key", .in, SQLBind.group(keys)) }
    }

    /// One row per member of every event naming `keys`, with the event's own columns.
    private func eventsWithMembers(naming keys: [String]) async throws -> [any SQLRow] {
        try await database.sql.select()
            .columns(["id", "event_id", "event_type", "event_time", "action", "biz_step", "disposition",
                      "read_point", "biz_location"].map { SQLColumn($0, table: "e") })
            .columns(["key", "role", "quantity", "uom"].map { SQLColumn($0, table: "m") })
            .from(SQLAlias(SQLIdentifier("epcis_events"), as: SQLIdentifier("e")))
            .join(SQLAlias(SQLIdentifier("epcis_event_members"), as: SQLIdentifier("m")), method: SQLJoinMethod.inner,
                  on: SQLColumn("event", table: "m"), .equal, SQLColumn("id", table: "e"))
            .where(SQLColumn("id", table: "e"), .in, eventsNaming(keys))
            .all()
    }

    private func links(ofEventsNaming keys: [String]) async throws -> [any SQLRow] {
        try await database.sql.select()
            .columns("event", "kind", "type", "value")
            .from("epcis_event_links")
            .where("event", .in, eventsNaming(keys))
            .all()
    }
}
