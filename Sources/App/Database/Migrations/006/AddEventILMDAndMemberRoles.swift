import FluentKit
import SQLKit

/// 006: what public pages need without reading whole events. An event's ILMD (lot master data:
/// expiry, best-before) gets a column of its own, so the origin page does not parse a stored
/// document that may list half a million EPCs to find two dates; and members are indexed by
/// event and role, so the trace reads an event's parents, inputs and outputs without scanning
/// every one of its subjects.
struct AddEventILMDAndMemberRoles: AsyncMigration {
    var name: String { "006_AddEventILMDAndMemberRoles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("epcis_events").field("ilmd", .string).update()
        let sql = try database.sql()
        try await sql.raw("CREATE INDEX epcis_event_members_event_role ON epcis_event_members (event, role)").run()
        // Events stored before this migration: the ILMD is copied out of the stored JSON by the
        // database itself (no live code runs in a landed migration).
        switch sql.dialect.name {
        case "postgresql":
            try await sql.raw("UPDATE epcis_events SET ilmd = (document::jsonb -> 'ilmd')::text WHERE document LIKE '%\"ilmd\"%'").run()
        default:
            try await sql.raw("UPDATE epcis_events SET ilmd = json_extract(document, '$.ilmd') WHERE document LIKE '%\"ilmd\"%'").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX epcis_event_members_event_role").run()
        try await database.schema("epcis_events").deleteField("ilmd").update()
    }
}
