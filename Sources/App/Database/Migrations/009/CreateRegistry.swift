import FluentKit
import NguonCore
import SQLKit

/// 009: the registry (issue 9 §1). Organisations learn their kind, representative and contacts;
/// their facilities (with GLN, place and activities), products (with GTIN and what a label and an
/// origin page show), product images, lots, and the shipments they received. Every table keeps a folded `search_text` for
/// accent-insensitive search. GLNs and GTINs are unique: one place, one product per key.
struct CreateRegistry: AsyncMigration {
    var name: String { "009_CreateRegistry" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        for field in ["kind", "representative", "phone", "email", "search_text"] {
            try await database.schema("organisations").field(FieldKey(stringLiteral: field), .string).update()
        }

        try await database.schema("facilities")
            .field("id", .string, .identifier(auto: false))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("gln", .string)
            .field("name", .string, .required)
            .field("province_code", .string, .required)
            .field("commune_code", .string)
            .field("address", .string)
            .field("latitude", .double)
            .field("longitude", .double)
            // Space-separated activity codes (`Facility.Activity`).
            .field("activities", .string, .required)
            .field("scale", .string)
            .field("state", .string, .required)
            // JSON array of {kind, code, areaHa}: growing-area codes and aquaculture registrations.
            .field("registrations", .string, .required)
            .field("search_text", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "gln")
            .create()

        try await database.schema("products")
            .field("id", .string, .identifier(auto: false))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("gtin", .string, .required)
            .field("name", .string, .required)
            .field("name_en", .string)
            .field("category", .string)
            .field("packaging", .string)
            .field("net_content", .double)
            .field("net_unit", .string)
            .field("shelf_life_days", .int)
            .field("brand", .string)
            .field("self_declaration", .string)
            .field("standards", .string)
            .field("image_id", .string)
            .field("search_text", .string, .required)
            .field("created_at", .int64, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "gtin")
            .create()

        // Checked and resized on upload; served with a long cache life under their own id.
        try await database.schema("product_images")
            .field("id", .string, .identifier(auto: false))
            .field("product_id", .string, .required, .references("products", "id", onDelete: .cascade))
            .field("content_type", .string, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("bytes", .data, .required)
            .field("thumbnail", .data, .required)
            .field("created_at", .int64, .required)
            .create()

        try await database.schema("lots")
            .field("id", .string, .identifier(auto: false))
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("product_id", .string, .required, .references("products", "id"))
            .field("gtin", .string, .required)
            .field("lot_number", .string, .required)
            // Dates as YYYY-MM-DD, as ILMD and labels write them.
            .field("produced_on", .string)
            .field("expires_on", .string)
            .field("best_before", .string)
            .field("quantity", .double)
            .field("unit", .string)
            .field("facility_id", .string, .references("facilities", "id"))
            // JSON array of the input lots' ids.
            .field("inputs", .string, .required)
            .field("event_id", .string)
            .field("created_at", .int64, .required)
            .unique(on: "gtin", "lot_number")
            .create()

        // Shipments an organisation received: each shipping event is received once, and what
        // was received is what the receiver may ship on.
        try await database.schema("receipts")
            .field("id", .string, .identifier(auto: false))
            .field("shipment_event_id", .string, .required)
            .field("organisation_id", .string, .required, .references("organisations", "id"))
            .field("facility_id", .string, .required, .references("facilities", "id"))
            .field("gtin", .string, .required)
            .field("lot_number", .string, .required)
            .field("quantity", .double, .required)
            .field("unit", .string, .required)
            .field("event_id", .string, .required)
            .field("received_at", .int64, .required)
            .unique(on: "shipment_event_id", "gtin", "lot_number")
            .create()

        // Search: each record's words and their one-letter-less variants (`SearchText.indexKeys`),
        // so a search forgives accents and one typo, with an index on SQLite and PostgreSQL alike.
        try await database.schema("search_keys")
            .field("kind", .string, .required)
            .field("record_id", .string, .required)
            .field("key", .string, .required)
            .create()

        // An import checked and waiting for the officer to accept it (the checked rows as JSON).
        try await database.schema("pending_imports")
            .field("id", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .int64, .required)
            .field("checked", .string, .required)
            .create()

        // The province's product categories (priority and mandatory-traceability groups): data, edited by administrators.
        try await database.schema("product_categories")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("priority", .bool, .required)
            .field("mandatory", .bool, .required)
            .field("position", .int, .required)
            .create()

        let sql = database as! any SQLDatabase
        for statement in [
            "CREATE INDEX facilities_organisation ON facilities (organisation_id, name)",
            "CREATE INDEX facilities_area ON facilities (province_code, commune_code)",
            "CREATE INDEX products_organisation ON products (organisation_id, name)",
            "CREATE INDEX product_images_product ON product_images (product_id)",
            "CREATE INDEX lots_product ON lots (product_id, created_at)",
            "CREATE INDEX lots_organisation ON lots (organisation_id, created_at)",
            "CREATE INDEX receipts_organisation ON receipts (organisation_id, received_at)",
            "CREATE INDEX search_keys_key ON search_keys (kind, key, record_id)",
            "CREATE INDEX search_keys_record ON search_keys (kind, record_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
        // Organisations registered before the index: indexed now, so search finds them too.
        for row in try await sql.raw("SELECT id, name, tax_code FROM organisations").all() {
            let id = try row.decode(column: "id", as: String.self)
            let text = [try row.decode(column: "name", as: String.self), try row.decode(column: "tax_code", as: String?.self) ?? ""]
                .joined(separator: " ")
            try await sql.raw("UPDATE organisations SET search_text = \(bind: SearchText.fold(text)) WHERE id = \(bind: id)").run()
            for key in SearchText.indexKeys(text) {
                try await sql.raw("INSERT INTO search_keys (kind, record_id, key) VALUES ('organisation', \(bind: id), \(bind: key))").run()
            }
        }
        for (position, category) in Self.categories.enumerated() {
            try await sql.insert(into: "product_categories")
                .columns("code", "name", "priority", "mandatory", "position")
                .values(SQLBind(category.code), SQLBind(category.name), SQLBind(category.priority), SQLBind(category.mandatory),
                        SQLBind(position))
                .run()
        }
    }

    /// The starting lists: the groups of agricultural, forestry and fishery food the plans name
    /// (001 §II.3, 003 §III.1); each province then marks its own priority and mandatory groups.
    static let categories: [(code: String, name: String, priority: Bool, mandatory: Bool)] = [
        ("rau-cu", "Rau, củ tươi", true, true),
        ("trai-cay", "Trái cây tươi", true, false),
        ("thit", "Thịt và sản phẩm từ thịt", true, true),
        ("trung", "Trứng gia cầm", false, false),
        ("thuy-san", "Thủy sản và sản phẩm thủy sản", true, true),
        ("lua-gao", "Lúa gạo, ngũ cốc", true, false),
        ("che", "Chè", true, false),
        ("ca-phe", "Cà phê, ca cao", false, false),
        ("mat-ong", "Mật ong", false, false),
        ("nuoc-mam", "Nước mắm, gia vị", false, false),
        ("duoc-lieu", "Dược liệu", true, false),
        ("lam-san", "Lâm sản ngoài gỗ", false, false),
        ("che-bien", "Thực phẩm chế biến, bao gói sẵn", true, true),
        ("ocop", "Sản phẩm OCOP", true, false),
        ("khac", "Khác", false, false),
    ]

    func revert(on database: any Database) async throws {
        for table in ["product_categories", "pending_imports", "search_keys", "receipts", "lots", "product_images", "products", "facilities"] {
            try await database.schema(table).delete()
        }
        for field in ["search_text", "email", "phone", "representative", "kind"] {
            try await database.schema("organisations").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
