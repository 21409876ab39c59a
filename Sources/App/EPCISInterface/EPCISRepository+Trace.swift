import EPCIS
import NguonCore
import SQLKit

/// The trace walk reads the index rows only: three indexed queries per step of the walk,
/// whatever the size of the store.
extension EPCISRepository: TraceEventSource {
    func events(mentioning ids: Set<String>) async throws -> [TraceEvent] {
        guard !ids.isEmpty else { return [] }
        let sql = database.sql
        var rows: [SQLRow] = []
        for chunk in Array(ids).chunked(into: 500) {
            rows += try await sql.select()
                .distinct()
                .columns(["id", "event_id", "event_type", "event_time", "action", "biz_step", "disposition",
                          "read_point", "biz_location"].map { SQLColumn($0, table: "e") })
                .from(SQLAlias(SQLIdentifier("epcis_event_members"), as: SQLIdentifier("m")))
                .join(SQLAlias(SQLIdentifier("epcis_events"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
                      on: SQLColumn("id", table: "e"), .equal, SQLColumn("event", table: "m"))
                .where(SQLColumn("key", table: "m"), .in, SQLBind.group(Array(chunk)))
                .all()
        }
        var events: [Int64: (eventID: String, type: TraceEvent.EventType, time: Int64, action: TraceEvent.Action?, bizStep: String?,
                             disposition: String?, readPoint: String?, bizLocation: String?)] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            guard events[id] == nil else { continue }
            guard let type = TraceEvent.EventType(rawValue: try row.decode(column: "event_type", as: String.self)) else { continue }
            events[id] = (try row.decode(column: "event_id", as: String.self), type,
                          try row.decode(column: "event_time", as: Int64.self),
                          try row.decode(column: "action", as: String?.self).flatMap(TraceEvent.Action.init(rawValue:)),
                          try row.decode(column: "biz_step", as: String?.self),
                          try row.decode(column: "disposition", as: String?.self),
                          try row.decode(column: "read_point", as: String?.self),
                          try row.decode(column: "biz_location", as: String?.self))
        }
        guard !events.isEmpty else { return [] }
        var members: [Int64: [TraceEvent.Member]] = [:]
        var sources: [Int64: [TraceEvent.Party]] = [:]
        var destinations: [Int64: [TraceEvent.Party]] = [:]
        var transactions: [Int64: [TraceEvent.Party]] = [:]
        for chunk in Array(events.keys).chunked(into: 500) {
            let memberRows = try await sql.select()
                .columns("event", "key", "role", "quantity", "uom")
                .from("epcis_event_members")
                .where("event", .in, SQLBind.group(Array(chunk)))
                .all()
            for row in memberRows {
                let role: TraceEvent.Role = switch try row.decode(column: "role", as: String.self) {
                case IdentifierRole.parent.rawValue: .parent
                case IdentifierRole.child.rawValue: .child
                case IdentifierRole.input.rawValue: .input
                case IdentifierRole.output.rawValue: .output
                default: .subject
                }
                members[try row.decode(column: "event", as: Int64.self), default: []].append(TraceEvent.Member(
                    id: try row.decode(column: "key", as: String.self), role: role,
                    quantity: try row.decode(column: "quantity", as: Double?.self),
                    uom: try row.decode(column: "uom", as: String?.self)))
            }
            let linkRows = try await sql.select()
                .columns("event", "kind", "type", "value")
                .from("epcis_event_links")
                .where("event", .in, SQLBind.group(Array(chunk)))
                .all()
            for row in linkRows {
                let event = try row.decode(column: "event", as: Int64.self)
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
}
