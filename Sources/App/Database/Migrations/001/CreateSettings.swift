import FluentKit

/// 001: instance-wide settings (key/value), the first table every deployment has. It also proves
/// on both SQLite and PostgreSQL that the migration path works before any domain table exists.
struct CreateSettings: AsyncMigration {
    var name: String { "001_CreateSettings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("settings")
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("settings").delete()
    }
}
