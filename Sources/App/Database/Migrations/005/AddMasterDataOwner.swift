import FluentKit

/// 005: which organisation first described a master-data element (a product, a place), so
/// another business cannot rename it on the public origin pages.
struct AddMasterDataOwner: AsyncMigration {
    var name: String { "005_AddMasterDataOwner" }

    func prepare(on database: any Database) async throws {
        try await database.schema("epcis_master_data").field("organisation_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("epcis_master_data").deleteField("organisation_id").update()
    }
}
