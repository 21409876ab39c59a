import FluentKit
import SQLKit

/// 008: GS1 codes for producers without a prefix of their own. The company prefixes Nguồn knows
/// (provinces' pools, the operator's, and prefixes organisations hold themselves), and every GTIN and GLN
/// given to an organisation from a pool, each number at most once: the key is the primary key,
/// and (prefix, kind, reference) is unique too.
struct CreateGS1Codes: AsyncMigration {
    var name: String { "008_CreateGS1Codes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("gs1_prefixes")
            .field("prefix", .string, .identifier(auto: false))
            // Nil: a pool to give numbers from, of one province or (no province) of Nguồn's operator.
            .field("organisation_id", .string, .references("organisations", "id"))
            .field("province_code", .string)
            .field("note", .string)
            .field("created_at", .int64, .required)
            .create()
        try await database.schema("gs1_allocations")
            .field("key", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("prefix", .string, .required, .references("gs1_prefixes", "prefix"))
            .field("reference", .int64, .required)
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("allocated_at", .int64, .required)
            .field("allocated_by", .string)
            .unique(on: "prefix", "kind", "reference")
            .create()
        try await database.sql().raw("CREATE INDEX gs1_allocations_organisation ON gs1_allocations (organisation_id, kind)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("gs1_allocations").delete()
        try await database.schema("gs1_prefixes").delete()
    }
}
