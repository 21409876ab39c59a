import FluentKit
import SQLKit

/// 014: food-safety papers (issue 10 §1). Certificates (food-safety eligibility, GAP, HACCP …)
/// and the commitments exempt facilities sign, each of one facility and placed by its area for
/// scope; the scanned documents in their own table. Dates are YYYY-MM-DD text, which sorts and
/// compares as dates on both databases.
struct CreateCertificates: AsyncMigration {
    var name: String { "014_CreateCertificates" }

    func prepare(on database: any Database) async throws {
        try await database.schema("certificates")
            .field("id", .string, .identifier(auto: false))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("kind", .string, .required)
            .field("number", .string, .required)
            .field("issuer", .string, .required)
            // Space-separated product ids the certificate names (empty: the whole facility).
            .field("products", .string, .required)
            .field("scope_note", .string)
            .field("issued_on", .string, .required)
            .field("expires_on", .string)
            // The first day it counts as expiring (`FoodSafetyRules.status`), so lists filter by status in SQL.
            .field("warn_from", .string)
            // issued, suspended, revoked (`CertificateState`), with the day and reason of the act.
            .field("state", .string, .required)
            .field("state_on", .string)
            .field("state_reason", .string)
            .field("document_id", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "kind", "issuer", "number")
            .create()

        try await database.schema("commitments")
            .field("id", .string, .identifier(auto: false))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            // Why the facility needs no certificate (`CommitmentCategory`).
            .field("category", .string, .required)
            .field("received_by", .string, .required)
            .field("signed_on", .string, .required)
            .field("valid_until", .string)
            .field("checked_on", .string)
            .field("check_result", .string)
            .field("check_note", .string)
            .field("document_id", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()

        try await database.schema("food_safety_documents")
            .field("id", .string, .identifier(auto: false))
            .field("owner_id", .string, .required)
            .field("content_type", .string, .required)
            .field("file_name", .string, .required)
            .field("bytes", .data, .required)
            .field("created_at", .int64, .required)
            .create()

        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX certificates_facility ON certificates (facility_id)").run()
        try await sql.raw("CREATE INDEX certificates_area ON certificates (province_code, commune_code, expires_on)").run()
        try await sql.raw("CREATE INDEX certificates_organisation ON certificates (organisation_id)").run()
        try await sql.raw("CREATE INDEX commitments_facility ON commitments (facility_id)").run()
        try await sql.raw("CREATE INDEX commitments_area ON commitments (province_code, commune_code)").run()
        try await sql.raw("CREATE INDEX food_safety_documents_owner ON food_safety_documents (owner_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("food_safety_documents").delete()
        try await database.schema("commitments").delete()
        try await database.schema("certificates").delete()
    }
}
