import NguonCore
import SQLKit

/// `/quan-tri/san-pham`, `/quan-tri/co-so` and `/quan-tri/to-chuc`: the products, facilities or
/// organisations in the account's scope, found by words (accents ignored, one typo forgiven),
/// filtered by commune or province, a page at a time, and exported whole as XLSX or CSV.
package enum RegistryList {
    package enum Kind: String, Sendable {
        case products, facilities, organisations

        var url: SiteURL {
            switch self { case .products: .products; case .facilities: .facilities; case .organisations: .organisations }
        }
        var exportURL: SiteURL {
            switch self { case .products: .productsExport; case .facilities: .facilitiesExport; case .organisations: .organisationsExport }
        }
        var title: LocalizedText {
            switch self {
            case .products: LocalizedText(vi: "Sản phẩm", en: "Products")
            case .facilities: LocalizedText(vi: "Cơ sở sản xuất, kinh doanh", en: "Facilities")
            case .organisations: LocalizedText(vi: "Tổ chức, doanh nghiệp", en: "Organisations")
            }
        }
        /// Organisations are a resource of their own; products and facilities are the registry's.
        var resource: Resource { self == .organisations ? .organisations : .registry }
        var searchKind: SearchIndex.Kind {
            switch self { case .products: .product; case .facilities: .facility; case .organisations: .organisation }
        }
        /// The export's header: the columns of `Row` in order, as an import reads them back.
        var exportHeader: [String] {
            switch self {
            case .products: ["Tên sản phẩm", "GTIN", "Tổ chức", "Địa bàn", "Nhóm sản phẩm", "Nhãn hiệu", "Hạn sử dụng (ngày)"]
            case .facilities: ["Tên cơ sở", "GLN", "Tổ chức", "Địa bàn", "Địa chỉ", "Hoạt động", "Trạng thái"]
            case .organisations: ["Tên tổ chức", "Mã số thuế", "Loại hình", "Địa bàn", "Người đại diện", "Điện thoại", "Địa chỉ"]
            }
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
        /// Matches are counted up to this many; past it a list says "more than".
        static let countCap = 10_000

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
        /// GTIN, GLN or tax code.
        let code: String?
        /// The owning organisation's name; an organisation's kind.
        let detail: String
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
            if let jurisdiction = principal.jurisdiction {
                // A commune officer's list holds their commune only: the others are not offered.
                choices = try await units.search("", province: jurisdiction.province, limit: 1_000)
                    .filter { !$0.kind.isProvinceLevel && (jurisdiction.commune == nil || $0.code == jurisdiction.commune) }
                    .sorted { SearchText.fold($0.name) < SearchText.fold($1.name) }
            }
            return Model(kind: kind, filter: filter, rows: rows, total: total, units: choices)
        }
    }

    /// One page of rows (or an export's rows) and how many match in all. Products are placed by
    /// their organisation's area, facilities and organisations by their own.
    package static func rows(_ kind: Kind, filter: Filter, principal: Principal, database: AppDatabase, units: AdminUnitRepository,
                     limit: Int, offset: Int) async throws -> ([Row], Int) {
        let (table, area, columns) = switch kind {
        case .products: ("products r JOIN organisations o ON o.id = r.organisation_id", "o",
                         "r.id, r.name, r.gtin AS code, o.name AS detail, o.province_code, o.commune_code, r.category AS a, r.brand AS b, r.shelf_life_days AS c")
        case .facilities: ("facilities r JOIN organisations o ON o.id = r.organisation_id", "r",
                           "r.id, r.name, r.gln AS code, o.name AS detail, r.province_code, r.commune_code, r.address AS a, r.activities AS b, r.state AS c")
        case .organisations: ("organisations r", "r",
                              "r.id, r.name, r.tax_code AS code, r.kind AS detail, r.province_code, r.commune_code, r.representative AS a, r.phone AS b, r.address AS c")
        }
        let scope = principal.scope(for: kind.resource, .read)
        var conditions: [SQLQueryString] = []
        switch scope {
        case .everything: break
        case .nothing: throw AccessDenied.forbidden
        case .organisation(let id):
            conditions.append(kind == .organisations ? "r.id = \(bind: id)" : "r.organisation_id = \(bind: id)")
        case .area(let mine):
            conditions.append("\(unsafeRaw: area).province_code = \(bind: mine.province)")
            if let commune = mine.commune { conditions.append("\(unsafeRaw: area).commune_code = \(bind: commune)") }
        }
        if let unit = filter.unit {
            conditions.append(AdminArea.isProvinceCode(unit) ? "\(unsafeRaw: area).province_code = \(bind: unit)"
                                                             : "\(unsafeRaw: area).commune_code = \(bind: unit)")
        }
        let select: SQLQueryString = "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table)"
        let found: [any SQLRow]
        var total: Int
        if let search = filter.search,
           let matches = try await SearchIndex.search(kind.searchKind, search, in: scope, unit: filter.unit, order: filter.newestFirst ? .newest : .name,
                                                      limit: limit, offset: offset, countCap: Filter.countCap, on: database.reader) {
            // The index finds and orders the page; the rows are read by id, under the same
            // conditions as a plain list, in the index's order.
            var byID: [String: any SQLRow] = [:]
            for chunk in matches.ids.chunked(into: 500) {
                let idCondition: SQLQueryString = "r.id IN (\(binds: Array(chunk)))"
                for row in try await database.reader.raw(select + " WHERE " + (conditions + [idCondition]).joined(separator: " AND ")).all() {
                    byID[try row.decode(column: "id", as: String.self)] = row
                }
            }
            found = matches.ids.compactMap { byID[$0] }
            total = matches.total
        } else {
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            found = try await database.reader.raw(select + whereClause
                + (filter.newestFirst ? " ORDER BY r.created_at DESC, r.id" : " ORDER BY r.name, r.id")
                + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            // Counted by index up to one past the cap: "more than 10,000" is all a person needs.
            total = try await database.reader.raw("SELECT count(*) AS n FROM (SELECT 1 FROM \(unsafeRaw: table)" + whereClause
                + " LIMIT \(bind: Filter.countCap + 1)) counted").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        total = min(total, Filter.countCap + 1)
        var codes = Set<String>()
        for row in found { codes.insert(try row.decode(column: "commune_code", as: String?.self) ?? row.decode(column: "province_code", as: String.self)) }
        let names = try await units.fullNames(codes)
        let rows = try found.map { row -> Row in
            let unit = try row.decode(column: "commune_code", as: String?.self) ?? row.decode(column: "province_code", as: String.self)
            let extra = try ["a", "b", "c"].map { column -> String in
                if let text = try? row.decode(column: column, as: String?.self) { return text }
                return (try row.decode(column: column, as: Int?.self)).map(String.init) ?? ""
            }
            var detail = try row.decode(column: "detail", as: String?.self) ?? ""
            if kind == .organisations { detail = Organisation.Kind(rawValue: detail)?.label.vi ?? detail }
            return Row(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                       code: try row.decode(column: "code", as: String?.self), detail: detail, area: names[unit] ?? unit, extra: extra)
        }
        return (rows, total)
    }
}
