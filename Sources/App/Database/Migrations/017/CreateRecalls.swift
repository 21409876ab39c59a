import FluentKit
import SQLKit

/// 017: recalls (issue 10 §3). A recall names the lots it starts from; its scope, worked out from
/// their forward trace, is every identifier reached (`recall_items`, which origin pages check)
/// and every place holding them (`recall_holders`, with quantities and each holder's progress).
struct CreateRecalls: AsyncMigration {
    var name: String { "017_CreateRecalls" }

    func prepare(on database: any Database) async throws {
        try await database.schema("recalls")
            .field("id", .string, .identifier(auto: false))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("reason", .string, .required)
            // Space-separated EPCIS keys of the lots the recall starts from.
            .field("lots", .string, .required)
            .field("mode", .string, .required)
            .field("basis", .string, .required)
            .field("type", .string, .required)
            .field("sample_id", .string)
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("opened_at", .int64, .required)
            .field("decided_at", .int64)
            .field("closed_at", .int64)
            .field("reported_on", .string)
            .field("disposal", .string)
            .field("disposal_approved_on", .string)
            .field("disposal_done_on", .string)
            .field("scope_at", .int64)
            .field("truncated", .bool, .required)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "code")
            .create()

        try await database.schema("recall_items")
            .field("recall_id", .string, .required, .references("recalls", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("kind", .string, .required)
            .field("quantity", .double)
            .field("uom", .string)
            .field("last_location", .string)
            .compositeIdentifier(over: "recall_id", "key")
            .create()

        try await database.schema("recall_holders")
            .field("recall_id", .string, .required, .references("recalls", "id", onDelete: .cascade))
            .field("location", .string, .required)
            .field("name", .string)
            .field("organisation_id", .string)
            .field("quantity", .double)
            .field("uom", .string)
            .field("notified_at", .int64)
            .field("confirmed_at", .int64)
            .field("returned", .double)
            .compositeIdentifier(over: "recall_id", "location")
            .create()

        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX recall_items_key ON recall_items (key)").run()
        try await sql.raw("CREATE INDEX recalls_area ON recalls (province_code, commune_code, opened_at)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["recall_holders", "recall_items", "recalls"] { try await database.schema(table).delete() }
    }
}
