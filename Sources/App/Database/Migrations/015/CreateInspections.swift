import FluentKit
import SQLKit

/// 015: inspections (issue 10 §2). Inspection plans and the facilities they choose; inspections
/// of a facility with their checklist (JSON), result, former grade and remediation deadline, and
/// the inspection they re-check; violations with their fines; food-poisoning incidents. Each row
/// is placed by its facility's area for scope. Photos and papers go to `food_safety_documents`.
struct CreateInspections: AsyncMigration {
    var name: String { "015_CreateInspections" }

    func prepare(on database: any Database) async throws {
        try await database.schema("inspection_plans")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("year", .int, .required)
            .field("kind", .string, .required)
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("note", .string)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()

        try await database.schema("inspection_plan_facilities")
            .field("plan_id", .string, .required, .references("inspection_plans", "id", onDelete: .cascade))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            // The risk score when the facility was chosen, for the record of why.
            .field("risk", .int, .required)
            .compositeIdentifier(over: "plan_id", "facility_id")
            .create()

        try await database.schema("inspections")
            .field("id", .string, .identifier(auto: false))
            .field("plan_id", .string)
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("kind", .string, .required)
            .field("inspected_on", .string, .required)
            .field("team", .string, .required)
            // JSON array of {item, finding, ok}: the checklist as walked.
            .field("checklist", .string, .required)
            .field("result", .string, .required)
            .field("grade", .string)
            .field("remediation_due", .string)
            .field("rechecks", .string)
            .field("conclusion", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()

        try await database.schema("violations")
            .field("id", .string, .identifier(auto: false))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("found_on", .string, .required)
            .field("legal_basis", .string, .required)
            .field("description", .string, .required)
            // A fine on the food-safety conditions of the facility: counts towards revoking its certificate.
            .field("on_conditions", .bool, .required)
            .field("fine_vnd", .int64)
            .field("remedies", .string)
            .field("status", .string, .required)
            .field("inspection_id", .string)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()

        try await database.schema("poisoning_incidents")
            .field("id", .string, .identifier(auto: false))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("occurred_on", .string, .required)
            .field("cases", .int, .required)
            .field("hospitalised", .int, .required)
            .field("deaths", .int, .required)
            .field("description", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .create()

        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX inspections_facility ON inspections (facility_id, inspected_on)",
            "CREATE INDEX inspections_area ON inspections (province_code, commune_code, inspected_on)",
            "CREATE INDEX inspections_plan ON inspections (plan_id)",
            // The overdue list asks, for each failure, whether a re-check of it exists.
            "CREATE INDEX inspections_rechecks ON inspections (rechecks)",
            "CREATE INDEX violations_facility ON violations (facility_id, found_on)",
            "CREATE INDEX violations_area ON violations (province_code, commune_code, found_on)",
            "CREATE INDEX poisoning_incidents_facility ON poisoning_incidents (facility_id, occurred_on)",
            "CREATE INDEX inspection_plans_area ON inspection_plans (province_code, commune_code, year)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["poisoning_incidents", "violations", "inspections", "inspection_plan_facilities", "inspection_plans"] {
            try await database.schema(table).delete()
        }
    }
}
