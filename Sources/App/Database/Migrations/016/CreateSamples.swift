import FluentKit
import SQLKit

/// 016: monitoring samples (issue 10 §2). Programmes (a year's plan of samples for an area) and
/// the samples taken under them: where, of what product and lot (its EPCIS key, so a failure
/// leads to the lot's trace and recall), which laboratory, the analytes as JSON and the verdict.
struct CreateSamples: AsyncMigration {
    var name: String { "016_CreateSamples" }

    func prepare(on database: any Database) async throws {
        try await database.schema("monitoring_programmes")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("year", .int, .required)
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("planned", .int, .required)
            .field("note", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()

        try await database.schema("samples")
            .field("id", .string, .identifier(auto: false))
            .field("programme_id", .string, .required, .references("monitoring_programmes", "id"))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("code", .string, .required)
            .field("product_id", .string)
            .field("product_name", .string, .required)
            .field("gtin", .string)
            .field("lot_number", .string)
            // https://id.gs1.org/01/{gtin}/10/{lot}: the lot's key in the EPCIS repository.
            .field("lot_key", .string)
            .field("sampled_on", .string, .required)
            .field("place", .string)
            .field("laboratory", .string, .required)
            // JSON array of {name, result, limit, unit} (`Analyte`).
            .field("analytes", .string, .required)
            // pass, fail, or pending while results are awaited.
            .field("verdict", .string, .required)
            .field("note", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "programme_id", "code")
            .create()

        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX monitoring_programmes_area ON monitoring_programmes (province_code, commune_code, year)",
            "CREATE INDEX samples_programme ON samples (programme_id, sampled_on)",
            "CREATE INDEX samples_area ON samples (province_code, commune_code, sampled_on)",
            "CREATE INDEX samples_facility ON samples (facility_id, sampled_on)",
            "CREATE INDEX samples_lot ON samples (lot_key)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("samples").delete()
        try await database.schema("monitoring_programmes").delete()
    }
}
