import NguonCore
import SQLKit

/// `/quan-tri/san-pham` and `/quan-tri/co-so`: the products or facilities in the account's scope,
/// found by words (accents ignored, one typo forgiven), filtered by commune or province, a page
/// at a time, and exported whole as XLSX or CSV.
package enum RegistryList {
    package enum Kind: String, Sendable {
        case products, facilities

        var url: SiteURL { self == .products ? .products : .facilities }
        var exportURL: SiteURL { self == .products ? .productsExport : .facilitiesExport }
        var title: LocalizedText {
            self == .products ? LocalizedText(vi: "Sản phẩm", en: "Products") : LocalizedText(vi: "Cơ sở sản xuất, kinh doanh", en: "Facilities")
        }
    }

    package struct Filter: Sendable, Equatable {
        var search: String?
        /// A commune (5 digits) or province (2 digits) code.
        var unit: String?
        var page = 1
        /// By name (default) or newest first.
        var newestFirst = false

        package static let pageSize = 50
        /// An export holds at most this many rows.
        static let exportLimit = 100_000

        package init(search: String? = nil, unit: String? = nil, page: Int = 1) {
            self.search = search
            self.unit = unit
            self.page = page
        }

        init(_ query: Query) throws(AppError) {
            search = try query.optional("q", maxBytes: 200)
            unit = try query.optional("don-vi", maxBytes: 5)
            if let unit, !(AdminArea.isCommuneCode(unit) || AdminArea.isProvinceCode(unit)) {
                throw AppError.invalid(field: "don-vi", rule: "unit-code", LocalizedText(
                    vi: "Mã đơn vị hành chính gồm 5 chữ số (xã) hoặc 2 chữ số (tỉnh).", en: "A unit code has 5 or 2 digits."))
            }
            page = try query.integer("trang", in: 1...10_000) ?? 1
            newestFirst = try query.choice("sap-xep", from: ["ten", "moi"]) == "moi"
        }

        var queryItems: [(String, String?)] { [("q", search), ("don-vi", unit), ("sap-xep", newestFirst ? "moi" : nil)] }
    }

    package struct Row: Sendable, Equatable {
        let id: String
        let name: String
        /// GTIN or GLN.
        let code: String?
        let organisation: String
        let area: String
        /// The rest of what an export carries, by column.
        var extra: [String] = []
    }

    struct Model {
        let kind: Kind
        let filter: Filter
        let rows: [Row]
        let total: Int
        /// Communes to filter by (an officer's province), or nil for a typed code.
        let units: [AdminUnit]?

        var pages: Int { max(1, (total + Filter.pageSize - 1) / Filter.pageSize) }

        static func query(_ kind: Kind, filter: Filter, principal: Principal, database: AppDatabase, units: AdminUnitRepository) async throws -> Model {
            let (rows, total) = try await RegistryList.rows(kind, filter: filter, principal: principal, database: database, units: units,
                                                            limit: Filter.pageSize, offset: (filter.page - 1) * Filter.pageSize)
            var choices: [AdminUnit]?
            if let province = principal.jurisdiction?.province {
                choices = try await units.search("", province: province, limit: 1_000).filter { !$0.kind.isProvinceLevel }
                    .sorted { SearchText.fold($0.name) < SearchText.fold($1.name) }
            }
            return Model(kind: kind, filter: filter, rows: rows, total: total, units: choices)
        }
    }

    /// One page of rows (or an export's rows) and how many match in all. Products are placed by
    /// their organisation's area, facilities by their own.
    package static func rows(_ kind: Kind, filter: Filter, principal: Principal, database: AppDatabase, units: AdminUnitRepository,
                     limit: Int, offset: Int) async throws -> ([Row], Int) {
        let (table, area) = kind == .products ? ("products r JOIN organisations o ON o.id = r.organisation_id", "o")
                                              : ("facilities r JOIN organisations o ON o.id = r.organisation_id", "r")
        var conditions: [SQLQueryString] = []
        switch principal.scope(for: .registry, .read) {
        case .everything: break
        case .nothing: throw AccessDenied.forbidden
        case .organisation(let id): conditions.append("r.organisation_id = \(bind: id)")
        case .area(let mine):
            conditions.append("\(unsafeRaw: area).province_code = \(bind: mine.province)")
            if let commune = mine.commune { conditions.append("\(unsafeRaw: area).commune_code = \(bind: commune)") }
        }
        if let unit = filter.unit {
            conditions.append(AdminArea.isProvinceCode(unit) ? "\(unsafeRaw: area).province_code = \(bind: unit)"
                                                             : "\(unsafeRaw: area).commune_code = \(bind: unit)")
        }
        if let search = filter.search, let matching = SearchIndex.matching(kind == .products ? .product : .facility, search) {
            conditions.append("r.id IN (\(matching))")
        }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try await database.reader.raw("SELECT count(*) AS n FROM \(unsafeRaw: table)" + whereClause).first()?
            .decode(column: "n", as: Int.self) ?? 0
        let columns = kind == .products
            ? "r.id, r.name, r.gtin AS code, o.name AS organisation, o.province_code, o.commune_code, r.category AS a, r.brand AS b, r.shelf_life_days AS c"
            : "r.id, r.name, r.gln AS code, o.name AS organisation, r.province_code, r.commune_code, r.address AS a, r.activities AS b, r.state AS c"
        let found = try await database.reader.raw("SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table)" + whereClause
            + (filter.newestFirst ? " ORDER BY r.created_at DESC, r.id" : " ORDER BY r.name, r.id")
            + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
        var codes = Set<String>()
        for row in found { codes.insert(try row.decode(column: "commune_code", as: String?.self) ?? row.decode(column: "province_code", as: String.self)) }
        let names = try await units.fullNames(codes)
        let rows = try found.map { row -> Row in
            let unit = try row.decode(column: "commune_code", as: String?.self) ?? row.decode(column: "province_code", as: String.self)
            let extra = try ["a", "b", "c"].map { column -> String in
                if let text = try? row.decode(column: column, as: String?.self) { return text ?? "" }
                return (try row.decode(column: column, as: Int?.self)).map(String.init) ?? ""
            }
            return Row(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                       code: try row.decode(column: "code", as: String?.self), organisation: try row.decode(column: "organisation", as: String.self),
                       area: names[unit] ?? unit, extra: extra)
        }
        return (rows, total)
    }
}
