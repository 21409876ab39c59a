import EPCIS
import NguonCore
import SQLKit

/// The trace walk reads index rows only, two statements per step of the walk whatever the size
/// of the store: the events naming the frontier with all their members, and those events'
/// sources, destinations and transactions. Both start from the members index.
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
        try await database.sql.select().column(SQLLiteral.numeric("1")).from("epcis_event_members")
            .where("key", .equal, SQLBind(key)).limit(1).first() != nil
    }

    /// Rows any one statement of a trace step may return: an event listing half a million EPCs
    /// costs a bounded read, not the whole list (the walk stops at its node limit long before).
    static let traceRowLimit = 20_000

    /// `(SELECT event FROM epcis_event_members WHERE key IN (…) [AND role = …])`: the events naming `keys`.
    private func eventsNaming(_ keys: [String], as role: IdentifierRole? = nil) -> any SQLExpression {
        SQLSubquery.select { query in
            let naming = query.column("event").from("epcis_event_members").where("key", .in, SQLBind.group(keys))
            return if let role { naming.where("role", .equal, SQLBind(role.rawValue)) } else { naming }
        }
    }

    /// The member rows the walk follows from `keys`, each with its event's own columns: the keys
    /// themselves, the parents, inputs and outputs of the events naming them, and the children
    /// of the events in which one of them is the parent. The other subjects of an event (the
    /// rest of a 500,000-EPC list, the siblings in a case) lead nowhere and are not read. Each
    /// part is served by an index on (key, role) or (event, role).
    private func eventsWithMembers(naming keys: [String]) async throws -> [any SQLRow] {
        let followed = [IdentifierRole.parent, .input, .output].map(\.rawValue)
        func rows<Builder: SQLSubqueryClauseBuilder>(_ select: Builder, _ condition: any SQLExpression) -> Builder {
            select
                .columns(["id", "event_id", "event_type", "event_time", "action", "biz_step", "disposition",
                          "read_point", "biz_location"].map { SQLColumn($0, table: "e") })
                .columns(["key", "role", "quantity", "uom"].map { SQLColumn($0, table: "m") })
                .from(SQLAlias(SQLIdentifier("epcis_event_members"), as: SQLIdentifier("m")))
                .join(SQLAlias(SQLIdentifier("epcis_events"), as: SQLIdentifier("e")), method: SQLJoinMethod.inner,
                      on: SQLColumn("id", table: "e"), .equal, SQLColumn("event", table: "m"))
                .where(condition)
        }
        func both(_ a: any SQLExpression, _ b: any SQLExpression) -> any SQLExpression { SQLList([a, b], separator: SQLRaw(" AND ")) }
        let member = { (column: String) in SQLColumn(column, table: "m") }
        // Three statements, each with its own row limit: one part filling a shared limit would
        // leave the others unread and cut the trace short without a word.
        var result: [any SQLRow] = []
        for condition in [
            SQLBinaryExpression(member("key"), .in, SQLBind.group(keys)),
            both(SQLBinaryExpression(member("event"), .in, eventsNaming(keys)),
                 SQLBinaryExpression(member("role"), .in, SQLBind.group(followed))),
            both(SQLBinaryExpression(member("event"), .in, eventsNaming(keys, as: .parent)),
                 SQLBinaryExpression(member("role"), .equal, SQLBind(IdentifierRole.child.rawValue))),
        ] as [any SQLExpression] {
            result += try await rows(database.sql.select(), condition).limit(Self.traceRowLimit).all()
        }
        return result
    }

    private func links(ofEventsNaming keys: [String]) async throws -> [any SQLRow] {
        try await database.sql.select()
            .columns("event", "kind", "type", "value")
            .from("epcis_event_links")
            .where("event", .in, eventsNaming(keys))
            .limit(Self.traceRowLimit)
            .all()
    }
}
