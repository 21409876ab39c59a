import Foundation
import GS1
import Images
import NguonCore
import SQLKit

/// A trade item an organisation makes or packs, under a GTIN it holds: what a label and an origin
/// page say of it (Circular 02/2024/TT-BKHCN art. 6(5): name, image, brand, shelf life).
struct Product: Sendable, Equatable, Codable {
    var id: String
    var organisationID: String
    var gtin: String
    var name: String
    var nameEn: String?
    var category: String?
    var packaging: String?
    var netContent: Double?
    var netUnit: String?
    var shelfLifeDays: Int?
    var brand: String?
    var selfDeclaration: String?
    var standards: String?
    var imageID: String?

    /// What search finds it by: names, brand, GTIN.
    var searchText: String { [name, nameEn ?? "", brand ?? "", gtin].joined(separator: " ") }
    /// A product is found where its organisation lies.
    func searchDocument(area: AdminArea) -> SearchIndex.Document {
        SearchIndex.Document(.product, id: id, name: name, text: searchText, organisationID: organisationID, area: area)
    }

    /// The index key events and Digital Links name this product by.
    var classKey: String { "https://id.gs1.org/01/" + gtin }

    /// "500 g", "1,5 kg": the net content as a label prints it.
    var netContentText: String? {
        guard let netContent, let netUnit else { return nil }
        return Formatting.decimal(netContent) + " " + netUnit
    }
}

/// A product category of the province's lists: its priority and mandatory-traceability flags are
/// data an administrator keeps, not code.
struct ProductCategory: Sendable, Equatable, Codable {
    var code: String
    var name: String
    var priority: Bool
    var mandatory: Bool
}

/// Products, reached through `Principal.scope(.registry)` by their organisation's area. Saving one
/// writes its EPCIS master data (EPCClass), so origin pages show the registry's name and image.
struct ProductRepository: Sendable {
    let database: AppDatabase
    let organisations: OrganisationRepository
    let changes: IdentifierChanges?

    /// Units a net content is given in (UN/ECE Rec. 20 symbols as Vietnamese labels print them).
    static let netUnits = ["g", "kg", "ml", "l", "quả", "bó", "con", "hộp", "túi", "chai"]

    struct Input: Sendable, Equatable, Codable {
        /// Empty only in an import row, where the pool gives one when it is stored.
        var gtin: String
        var name: String
        var nameEn: String?
        var category: String?
        var packaging: String?
        var netContent: Double?
        var netUnit: String?
        var shelfLifeDays: Int?
        var brand: String?
        var selfDeclaration: String?
        var standards: String?
    }

    func categories() async throws -> [ProductCategory] {
        try await database.reader.raw("SELECT code, name, priority, mandatory FROM product_categories ORDER BY position, code").all()
            .map { try $0.record(ProductCategory.self) }
    }

    func list(of organisationID: String, for principal: Principal) async throws -> [Product] {
        let organisation = try await organisations.find(organisationID, for: principal)
        guard principal.reaches(.registry, .read, area: organisation.area, organisationID: organisation.id) else { return [] }
        return try await database.sql.raw("SELECT * FROM products WHERE organisation_id = \(bind: organisation.id) ORDER BY name").all()
            .map { try $0.record(Product.self) }
    }

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> (Product, Organisation) {
        guard let row = try await database.sql.raw("SELECT * FROM products WHERE id = \(bind: id)").first() else {
            throw AccessDenied.notFound
        }
        let product = try row.record(Product.self)
        let organisation = try await organisations.record(product.organisationID)
        guard principal.reaches(.registry, .read, area: organisation.area, organisationID: organisation.id) else { throw AccessDenied.notFound }
        guard mode == .read || principal.reaches(.registry, .write, area: organisation.area, organisationID: organisation.id) else {
            throw AccessDenied.forbidden
        }
        return (product, organisation)
    }

    func create(_ input: Input, for organisationID: String, actor: Actor) async throws -> Product {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let organisation = try await organisations.find(organisationID, for: principal)
        guard principal.reaches(.registry, .write, area: organisation.area, organisationID: organisation.id) else { throw AccessDenied.forbidden }
        let product = Self.product(input, id: UUID().uuidString.lowercased(), organisationID: organisation.id, imageID: nil)
        try await save(product, before: nil, organisation: organisation, actor: actor)
        return product
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Product {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let (before, organisation) = try await find(id, for: principal, .write)
        let after = Self.product(input, id: id, organisationID: organisation.id, imageID: before.imageID)
        guard after != before else { return before }
        try await save(after, before: before, organisation: organisation, actor: actor)
        return after
    }

    static func product(_ input: Input, id: String, organisationID: String, imageID: String?) -> Product {
        Product(id: id, organisationID: organisationID, gtin: input.gtin, name: input.name, nameEn: input.nameEn,
                category: input.category, packaging: input.packaging, netContent: input.netContent, netUnit: input.netUnit,
                shelfLifeDays: input.shelfLifeDays, brand: input.brand, selfDeclaration: input.selfDeclaration,
                standards: input.standards, imageID: imageID)
    }

    func save(_ product: Product, before: Product?, organisation: Organisation, actor: Actor, audit: String? = nil,
              also: EPCISRepository.AlsoWrite? = nil) async throws {
        try await database.audited(actor) { sql in
            try await also?(sql)
            try await RegistryKeys.checkHeld(product.gtin, kind: .gtin, field: "gtin", by: organisation, on: sql)
            if try await sql.raw("SELECT id FROM products WHERE gtin = \(bind: product.gtin) AND id <> \(bind: product.id)").first() != nil {
                throw AppError.invalid(field: "gtin", rule: "unique", LocalizedText(
                    vi: "GTIN \(product.gtin) đã dùng cho một sản phẩm khác.", en: "GTIN \(product.gtin) already names another product."))
            }
            if let category = product.category,
               try await sql.raw("SELECT code FROM product_categories WHERE code = \(bind: category)").first() == nil {
                throw AppError.invalid(field: "category", rule: "one-of", LocalizedText(
                    vi: "Không có nhóm sản phẩm mã “\(category)”.", en: "There is no product category “\(category)”."))
            }
            let values: [(String, any SQLExpression)] = [
                ("organisation_id", SQLBind(product.organisationID)), ("gtin", SQLBind(product.gtin)), ("name", SQLBind(product.name)),
                ("name_en", SQLBind(product.nameEn)), ("category", SQLBind(product.category)), ("packaging", SQLBind(product.packaging)),
                ("net_content", SQLBind(product.netContent)), ("net_unit", SQLBind(product.netUnit)),
                ("shelf_life_days", SQLBind(product.shelfLifeDays)), ("brand", SQLBind(product.brand)),
                ("self_declaration", SQLBind(product.selfDeclaration)), ("standards", SQLBind(product.standards)),
                ("image_id", SQLBind(product.imageID)),
                ("search_text", SQLBind(SearchText.fold(product.searchText))),
                ("updated_at", SQLBind(Millis.now())),
            ]
            try await RegistryKeys.upsert("products", id: product.id, values, isNew: before == nil, on: sql)
            try await SearchIndex.replace(product.searchDocument(area: organisation.area), on: sql)
            if let old = before?.classKey, old != product.classKey { try await RegistryKeys.forget(old, on: sql) }
            try await RegistryKeys.describe(product.classKey, vocabulary: "urn:epcglobal:epcis:vtype:EPCClass",
                                            attributes: Self.masterData(product, organisation: organisation), owner: organisation.id, on: sql)
            return ((), AuditRecord(action: audit ?? (before == nil ? "product.create" : "product.update"), entityType: "product",
                                    entityID: product.id, before: before, after: product))
        }
        changes?.announce(Set([product.classKey, before?.classKey].compactMap { $0 }))
    }

    /// Replaces the product's photo with `photo` (already checked and re-encoded), in one
    /// audited transaction; the new photo gets a new id, so caches never show the old one.
    func setImage(_ productID: String, photo: ProductPhoto.Normalised, actor: Actor) async throws -> Product {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let (before, organisation) = try await find(productID, for: principal, .write)
        var after = before
        after.imageID = UUID().uuidString.lowercased()
        let imageID = after.imageID
        try await save(after, before: before, organisation: organisation, actor: actor, audit: "product.image") { sql in
            try await sql.raw("DELETE FROM product_images WHERE product_id = \(bind: productID)").run()
            try await sql.raw("""
                INSERT INTO product_images (id, product_id, content_type, width, height, bytes, thumbnail, created_at)
                VALUES (\(bind: imageID), \(bind: productID), 'image/jpeg', \(bind: photo.width), \(bind: photo.height),
                        \(bind: photo.full), \(bind: photo.thumbnail), \(bind: Millis.now()))
                """).run()
        }
        return after
    }

    /// A product photo's JPEG bytes, full size or the thumbnail; nil when there is none.
    func image(_ id: String, thumbnail: Bool) async throws -> Data? {
        let query: SQLQueryString = thumbnail
            ? "SELECT thumbnail AS image FROM product_images WHERE id = \(bind: id)"
            : "SELECT bytes AS image FROM product_images WHERE id = \(bind: id)"
        guard let row = try await database.reader.raw(query).first() else { return nil }
        return try row.decode(column: "image", as: Data.self)
    }

    /// What an origin page and a master-data query read of the product.
    static func masterData(_ product: Product, organisation: Organisation) -> [String: String] {
        var attributes = ["urn:epcglobal:cbv:mda#name": product.name, RegistryKeys.producerAttribute: organisation.name]
        attributes["https://gs1.org/voc/brandName"] = product.brand
        attributes["https://gs1.org/voc/netContent"] = product.netContentText
        attributes[RegistryKeys.shelfLifeAttribute] = product.shelfLifeDays.map(String.init)
        attributes[RegistryKeys.imageAttribute] = product.imageID.map { SiteURL.productImage($0).path }
        attributes["https://nguon.vn/voc/selfDeclaration"] = product.selfDeclaration
        attributes["https://nguon.vn/voc/standards"] = product.standards
        return attributes
    }
}
