import FluentKit
import SQLKit

/// 003: who may do what, where. Administrative units (with the 34 provinces), organisations,
/// accounts and their sessions, API tokens, and the hash-chained audit log. Capture jobs learn
/// which organisation and which account or token sent them.
struct CreateAccounts: AsyncMigration {
    var name: String { "003_CreateAccounts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("admin_units")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("full_name", .string, .required)
            .field("name_en", .string)
            .field("kind", .string, .required)
            .field("parent_code", .string)
            // Former names and codes (JSON array of {code, name}), kept so old labels still find the unit.
            .field("former", .string)
            // Lower-case, accent-free name, full name and former names, for search.
            .field("search_text", .string, .required)
            .field("updated_at", .int64, .required)
            .create()

        try await database.schema("organisations")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("tax_code", .string)
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("address", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "tax_code")
            .create()

        try await database.schema("users")
            .field("id", .string, .identifier(auto: false))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("department", .string)
            .field("province_code", .string)
            .field("commune_code", .string)
            .field("organisation_id", .string, .references("organisations", "id"))
            .field("active", .bool, .required)
            .field("failed_attempts", .int, .required)
            .field("locked_until", .int64)
            .field("must_change_password", .bool, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "username")
            .create()

        // The cookie holds a random token; only its SHA-256 is stored, so a copy of the
        // database does not let anyone sign in.
        try await database.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .int64, .required)
            .field("last_seen_at", .int64, .required)
            .field("address", .string)
            .create()

        try await database.schema("api_tokens")
            .field("id", .string, .identifier(auto: false))
            .field("secret_hash", .string, .required)
            .field("name", .string, .required)
            .field("organisation_id", .string, .references("organisations", "id"))
            .field("scopes", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .field("expires_at", .int64, .required)
            .field("last_used_at", .int64)
            .field("revoked_at", .int64)
            .create()

        // Append-only: the application inserts rows and never updates or deletes them.
        try await database.schema("audit_log")
            .field("sequence", .int64, .identifier(auto: false))
            .field("at", .int64, .required)
            .field("actor_id", .string)
            .field("actor_name", .string, .required)
            .field("address", .string)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string)
            .field("before", .string)
            .field("after", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()

        // One column per statement: SQLite adds columns one at a time.
        try await database.schema("epcis_capture_jobs").field("organisation_id", .string).update()
        try await database.schema("epcis_capture_jobs").field("captured_by", .string).update()

        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX admin_units_parent ON admin_units (parent_code, code)",
            "CREATE INDEX organisations_area ON organisations (province_code, commune_code)",
            "CREATE INDEX users_organisation ON users (organisation_id)",
            "CREATE INDEX sessions_user ON sessions (user_id)",
            "CREATE INDEX api_tokens_organisation ON api_tokens (organisation_id)",
            "CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, sequence)",
            "CREATE INDEX audit_log_actor ON audit_log (actor_id, sequence)",
            "CREATE INDEX audit_log_at ON audit_log (at, sequence)",
            "CREATE INDEX epcis_capture_jobs_organisation ON epcis_capture_jobs (organisation_id, created_at)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["audit_log", "api_tokens", "sessions", "users", "organisations", "admin_units"] {
            try await database.schema(table).delete()
        }
        try await database.schema("epcis_capture_jobs").deleteField("captured_by").update()
        try await database.schema("epcis_capture_jobs").deleteField("organisation_id").update()
    }
}
