import FluentKit
import Foundation
import NguonCore
import SQLKit

/// A cooperative, business or household business that records and ships products.
struct Organisation: Sendable, Equatable, Codable {
    /// The kinds of producer the plans name (003 §III, 002 §II: who may apply for OCOP).
    enum Kind: String, Sendable, CaseIterable, Codable {
        case enterprise, cooperative, cooperativeGroup = "cooperative_group", householdBusiness = "household_business", farm

        var label: LocalizedText {
            switch self {
            case .enterprise: LocalizedText(vi: "Doanh nghiệp", en: "Enterprise")
            case .cooperative: LocalizedText(vi: "Hợp tác xã", en: "Cooperative")
            case .cooperativeGroup: LocalizedText(vi: "Tổ hợp tác", en: "Cooperative group")
            case .householdBusiness: LocalizedText(vi: "Hộ kinh doanh", en: "Household business")
            case .farm: LocalizedText(vi: "Trang trại", en: "Farm")
            }
        }
    }

    var id: String
    var name: String
    var taxCode: String?
    var provinceCode: String
    var communeCode: String?
    var address: String?
    var kind: Kind?
    var representative: String?
    var phone: String?
    var email: String?

    var area: AdminArea { AdminArea(province: provinceCode, commune: communeCode) }
    /// What search finds it by: name, tax code, representative.
    var searchText: String { [name, taxCode ?? "", representative ?? ""].joined(separator: " ") }
    var searchDocument: SearchIndex.Document {
        SearchIndex.Document(.organisation, id: id, name: name, text: searchText, organisationID: id, area: area)
    }
}

/// Organisations, each read and written only within the principal's scope (`Principal.scope`).
struct OrganisationRepository: Sendable {
    let database: AppDatabase
    /// Where an organisation is: its commune or province must be a known unit.
    let units: AdminUnitRepository

    struct Input: Sendable, Equatable {
        var name: String
        var taxCode: String?
        /// A commune, ward or special zone code (5 digits), or a province code (2 digits).
        var unitCode: String
        var address: String?
        var kind: Organisation.Kind? = nil
        var representative: String? = nil
        var phone: String? = nil
        var email: String? = nil
    }

    func list(for principal: Principal, search: String? = nil, limit: Int = 200) async throws -> [Organisation] {
        var query = try database.sql.select().column("*").from("organisations")
            .scoped(to: principal, .organisations, .read, columns: .organisations)
        if let search, let found = try await SearchIndex.search(.organisation, search, in: principal.scope(for: .organisations, .read),
                                                                 limit: limit, countCap: limit, on: database.sql) {
            guard !found.ids.isEmpty else { return [] }
            query = query.where(SQLColumn("id"), .in, SQLBind.group(found.ids))
        }
        return try await query.orderBy("name").limit(limit).all().map(Self.organisation)
    }

    /// One organisation, or `notFound` when it does not exist or lies outside the scope.
    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> Organisation {
        guard let row = try await database.sql.select().column("*").from("organisations").where("id", .equal, SQLBind(id)).first() else {
            throw AccessDenied.notFound
        }
        let organisation = try Self.organisation(row)
        guard principal.reaches(.organisations, .read, area: organisation.area, organisationID: organisation.id) else {
            throw AccessDenied.notFound
        }
        guard mode == .read || principal.reaches(.organisations, .write, area: organisation.area, organisationID: organisation.id) else {
            throw AccessDenied.forbidden
        }
        return organisation
    }

    /// The organisation a record belongs to, for checking that record's own scope: not itself
    /// an access, so it takes no principal.
    func record(_ id: String) async throws -> Organisation {
        guard let row = try await database.sql.select().column("*").from("organisations").where("id", .equal, SQLBind(id)).first() else {
            throw AccessDenied.notFound
        }
        return try Self.organisation(row)
    }

    func create(_ input: Input, actor: Actor) async throws -> Organisation {
        guard let principal = actor.principal, principal.can(.write, .organisations) else { throw AccessDenied.forbidden }
        let area = try await resolveArea(input.unitCode)
        guard principal.reaches(.organisations, .write, area: area, organisationID: nil) else {
            throw AppError.invalid(field: "unit", rule: "outside-jurisdiction", LocalizedText(
                vi: "Đơn vị hành chính \(input.unitCode) nằm ngoài địa bàn bạn phụ trách.",
                en: "Administrative unit \(input.unitCode) is outside your jurisdiction."))
        }
        let organisation = Organisation(id: UUID().uuidString.lowercased(), name: input.name, taxCode: input.taxCode,
                                        provinceCode: area.province, communeCode: area.commune, address: input.address, kind: input.kind,
                                        representative: input.representative, phone: input.phone, email: input.email)
        let now = Millis.now()
        try await retryingTaxCodeRace(input.taxCode, excluding: nil) {
            try await database.audited(actor) { sql in
                try await checkTaxCode(input.taxCode, excluding: nil, on: sql)
                try await sql.insert(into: "organisations")
                    .columns("id", "name", "tax_code", "province_code", "commune_code", "address", "kind", "representative", "phone",
                             "email", "search_text", "created_at", "updated_at")
                    .values(SQLBind(organisation.id), SQLBind(organisation.name), SQLBind(organisation.taxCode),
                            SQLBind(organisation.provinceCode), SQLBind(organisation.communeCode), SQLBind(organisation.address),
                            SQLBind(organisation.kind?.rawValue), SQLBind(organisation.representative), SQLBind(organisation.phone),
                            SQLBind(organisation.email), SQLBind(SearchText.fold(organisation.searchText)), SQLBind(now), SQLBind(now))
                    .run()
                try await SearchIndex.replace(organisation.searchDocument, on: sql)
                return ((), AuditRecord(action: "organisation.create", entityType: "organisation", entityID: organisation.id, after: organisation))
            }
        }
        return organisation
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Organisation {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        let area = try await resolveArea(input.unitCode)
        // Moving an organisation out of one's own jurisdiction would hand it to someone else.
        guard principal.reaches(.organisations, .write, area: area, organisationID: id) else {
            throw AppError.invalid(field: "unit", rule: "outside-jurisdiction", LocalizedText(
                vi: "Đơn vị hành chính \(input.unitCode) nằm ngoài địa bàn bạn phụ trách.",
                en: "Administrative unit \(input.unitCode) is outside your jurisdiction."))
        }
        let after = Organisation(id: id, name: input.name, taxCode: input.taxCode, provinceCode: area.province,
                                 communeCode: area.commune, address: input.address, kind: input.kind,
                                 representative: input.representative, phone: input.phone, email: input.email)
        guard after != before else { return before }
        try await retryingTaxCodeRace(input.taxCode, excluding: id) {
            try await database.audited(actor) { sql in
                try await checkTaxCode(input.taxCode, excluding: id, on: sql)
                try await sql.update("organisations")
                    .set("name", to: SQLBind(after.name)).set("tax_code", to: SQLBind(after.taxCode))
                    .set("province_code", to: SQLBind(after.provinceCode)).set("commune_code", to: SQLBind(after.communeCode))
                    .set("address", to: SQLBind(after.address)).set("kind", to: SQLBind(after.kind?.rawValue))
                    .set("representative", to: SQLBind(after.representative)).set("phone", to: SQLBind(after.phone))
                    .set("email", to: SQLBind(after.email)).set("search_text", to: SQLBind(SearchText.fold(after.searchText)))
                    .set("updated_at", to: SQLBind(Millis.now()))
                    .where("id", .equal, SQLBind(id))
                    .run()
                try await SearchIndex.replace(after.searchDocument, on: sql)
                if after.area != before.area { try await SearchIndex.move(productsOf: id, to: after.area, on: sql) }
                return ((), AuditRecord(action: "organisation.update", entityType: "organisation", entityID: id, before: before, after: after))
            }
        }
        return after
    }

    private func resolveArea(_ code: String) async throws -> AdminArea {
        guard let unit = try await units.find(code) else {
            throw AppError.invalid(field: "unit", rule: "unknown-unit", LocalizedText(
                vi: "Không có đơn vị hành chính mã “\(code)”. Hãy chọn xã, phường, đặc khu hoặc tỉnh trong danh mục.",
                en: "There is no administrative unit with code “\(code)”."))
        }
        return unit.area
    }

    /// Two organisations registered with one tax code at the same moment: the unique index
    /// stops the second, which then gets the answer it would have had a moment later.
    private func retryingTaxCodeRace(_ taxCode: String?, excluding id: String?, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error where !(error is AppError) {
            try await checkTaxCode(taxCode, excluding: id, on: database.sql)
            throw error
        }
    }

    private func checkTaxCode(_ taxCode: String?, excluding id: String?, on sql: any SQLDatabase) async throws {
        guard let taxCode else { return }
        var query = sql.select().column("id").from("organisations").where("tax_code", .equal, SQLBind(taxCode))
        if let id { query = query.where("id", .notEqual, SQLBind(id)) }
        if try await query.first() != nil {
            throw AppError.invalid(field: "taxCode", rule: "unique", LocalizedText(
                vi: "Mã số thuế \(taxCode) đã được đăng ký cho một tổ chức khác.", en: "Tax code \(taxCode) is already registered."))
        }
    }

    static func organisation(_ row: any SQLRow) throws -> Organisation {
        try row.record()
    }
}
