import EPCIS
import GS1
import SQLKit

/// What every registry write shares: the GS1 key it names must be the organisation's own, the
/// row is written whole, and the key's EPCIS master data says what the registry says, so the
/// origin page and a master-data query read the registry's names, addresses and images.
enum RegistryKeys {
    /// Where a facility lists its growing-area codes and aquaculture registrations (no CBV attribute holds them).
    static let registrationsAttribute = "https://nguon.vn/voc/registrations"
    /// Where a product's image is (its path on this server).
    static let imageAttribute = "https://nguon.vn/voc/image"
    /// Who makes the product: the organisation's name, as the registry holds it.
    static let producerAttribute = "https://nguon.vn/voc/producer"
    /// Days from production to expiry.
    static let shelfLifeAttribute = "https://nguon.vn/voc/shelfLifeDays"

    /// Refuses (400, naming `field`) a GTIN or GLN the organisation does not hold.
    static func checkHeld(_ key: String, kind: CompanyPrefix.KeyKind, field: String, by organisation: Organisation,
                         on sql: any SQLDatabase) async throws {
        let canonical = "https://id.gs1.org/\(kind == .gtin ? "01" : "414")/" + key
        let holders = try await GS1Holders.holders(of: [canonical], on: sql)
        guard holders[canonical] != organisation.id else { return }
        let name = kind == .gtin ? "GTIN" : "GLN"
        throw AppError.invalid(field: field, rule: "not-held", LocalizedText(
            vi: "\(name) \(key) không thuộc \(organisation.name): hãy dùng mã theo tiền tố GS1 của tổ chức, hoặc xin cấp mã ở trang tổ chức.",
            en: "\(name) \(key) is not \(organisation.name)'s: use a code under its own GS1 prefix, or ask for one on the organisation's page."))
    }

    /// Inserts a new row or updates the existing one, with `created_at` on insert.
    static func upsert(_ table: String, id: String, _ values: [(String, any SQLExpression)], isNew: Bool, on sql: any SQLDatabase) async throws {
        if isNew {
            try await sql.insert(into: table)
                .columns(["id", "created_at"] + values.map(\.0))
                .values([SQLBind(id), SQLBind(Millis.now())] + values.map(\.1))
                .run()
        } else {
            var update = sql.update(table)
            for (column, value) in values { update = update.set(SQLColumn(column), to: value) }
            try await update.where("id", .equal, SQLBind(id)).run()
        }
    }

    /// Writes `key`'s master data under `vocabulary`, replacing what any vocabulary said of it
    /// before: one description per identifier.
    static func describe(_ key: String, vocabulary: String, attributes: [String: String], owner: String,
                         on sql: any SQLDatabase) async throws {
        try await forget(key, on: sql)
        var object = JSONObject()
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) { object[name] = .string(value) }
        try await sql.raw("""
            INSERT INTO epcis_master_data (vocabulary, element_id, attributes, children, updated_at, organisation_id)
            VALUES (\(bind: vocabulary), \(bind: key), \(bind: JSONValue.object(object).jsonString()), '[]', \(bind: Millis.now()), \(bind: owner))
            """).run()
    }

    static func forget(_ key: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM epcis_master_data WHERE element_id = \(bind: key)").run()
    }
}
