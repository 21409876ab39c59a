import Foundation
import NguonCore
import SQLKit

extension RegistryImport {
    /// A checked import waits this long for the officer's answer.
    static let pendingLifetime: Int64 = 3_600_000

    /// The context rows are checked in: every unit, and the organisations the principal reaches.
    package static func context(for principal: Principal, database: AppDatabase) async throws -> Context {
        var units: [String: AdminArea] = [:]
        var byName: [String: [String: String]] = [:]
        for row in try await database.reader.raw("SELECT code, name, parent_code FROM admin_units").all() {
            let code = try row.decode(column: "code", as: String.self)
            guard let parent = try row.decode(column: "parent_code", as: String?.self) else {
                units[code] = AdminArea(province: code)
                continue
            }
            units[code] = AdminArea(province: parent, commune: code)
            byName[parent, default: [:]][SearchText.fold(try row.decode(column: "name", as: String.self))] = code
        }
        var owners: [String: (id: String, area: AdminArea)] = [:]
        var taken = Set<String>()
        for row in try await database.reader.raw("SELECT id, tax_code, province_code, commune_code FROM organisations WHERE tax_code IS NOT NULL").all() {
            let taxCode = try row.decode(column: "tax_code", as: String.self)
            taken.insert(taxCode)
            let area = AdminArea(province: try row.decode(column: "province_code", as: String.self),
                                 commune: try row.decode(column: "commune_code", as: String?.self))
            let id = try row.decode(column: "id", as: String.self)
            if principal.reaches(.organisations, .read, area: area, organisationID: id) { owners[taxCode] = (id, area) }
        }
        var categories: [String: String] = [:]
        for row in try await database.reader.raw("SELECT code, name FROM product_categories").all() {
            let code = try row.decode(column: "code", as: String.self)
            categories[SearchText.fold(code)] = code
            categories[SearchText.fold(try row.decode(column: "name", as: String.self))] = code
        }
        return Context(units: units, communesByName: byName, principal: principal, organisationsByTaxCode: owners, takenTaxCodes: taken,
                       categories: categories)
    }

    /// The product rows' GTINs against the registry as it stands: each must be its organisation's
    /// and name no registered product; rows without one need room in their province's pool.
    /// Rows that fail move to the problems, in row order.
    package static func checkKeys(_ checked: Checked, database: AppDatabase) async throws -> Checked {
        guard checked.kind == .products else { return checked }
        var result = checked
        let sql = try database.reader
        let taken = try await gtinProblems(checked.rows, on: sql)
        var wanted: [String: Int] = [:]
        for row in checked.rows where row.product?.gtin.isEmpty == true { wanted[row.provinceCode, default: 0] += 1 }
        var short: [String: Int] = [:]
        for (province, count) in wanted {
            let left = try await GS1CodeRepository.left(.gtin, province: province, on: sql)
            if left < count { short[province] = left }
        }
        result.rows = []
        for row in checked.rows {
            guard let gtin = row.product?.gtin else { result.rows.append(row); continue }
            let message: String? = if gtin.isEmpty {
                short[row.provinceCode].map { "Dòng không ghi GTIN nên cần cấp mã, nhưng kho mã của tỉnh chỉ còn \($0) GTIN cho \(wanted[row.provinceCode] ?? 0) dòng như vậy; hãy ghi GTIN của tổ chức hoặc báo quản trị hệ thống thêm tiền tố." }
            } else { taken[row.number] }
            if let message { result.problems.append(Problem(row: row.number, field: "gtin", message: message)) } else { result.rows.append(row) }
        }
        result.problems.sort { $0.row < $1.row }
        return result
    }

    /// Why product rows' own GTINs cannot be stored as the registry stands, by row number: the
    /// GTIN names a registered product, or is not the row's organisation's. Asked when the file
    /// is checked and again when it is stored, since the registry may change in between.
    static func gtinProblems(_ rows: [Row], on sql: any SQLDatabase) async throws -> [Int: String] {
        let gtins = Set(rows.compactMap { $0.product.map(\.gtin) }.filter { !$0.isEmpty })
        guard !gtins.isEmpty else { return [:] }
        func key(_ gtin: String) -> String { "https://id.gs1.org/01/" + gtin }
        let holders = try await GS1Holders.holders(of: gtins.map(key), on: sql)
        var registered = Set<String>()
        for chunk in Array(gtins).chunked(into: 500) {
            for row in try await sql.raw("SELECT gtin FROM products WHERE gtin IN (\(binds: Array(chunk)))").all() {
                registered.insert(try row.decode(column: "gtin", as: String.self))
            }
        }
        var problems: [Int: String] = [:]
        for row in rows {
            guard let gtin = row.product?.gtin, !gtin.isEmpty else { continue }
            if registered.contains(gtin) {
                problems[row.number] = "GTIN \(gtin) đã dùng cho một sản phẩm khác trong sổ đăng ký."
            } else if holders[key(gtin)] != row.organisationID {
                problems[row.number] = "GTIN \(gtin) không thuộc tổ chức này: dùng mã theo tiền tố GS1 của tổ chức, hoặc để trống để được cấp mã."
            }
        }
        return problems
    }

    /// What `pending_imports.checked` holds of a kept import; its rows are kept in parts of
    /// `partRows` (JSON lines, one row a line), so neither keeping nor storing 100,000 rows holds
    /// them all at once.
    private struct KeptHeader: Codable {
        var format = 3
        var kind: Kind
        var total: Int
        var good: Int
        var parts: Int
        var problems: [Problem]
        var sample: [Row]
    }

    static let partRows = 5_000

    /// One part of a kept import: CPU work for the heavy-work limit, apart from the writing.
    package static func encode(_ rows: ArraySlice<Row>) throws -> String {
        let encoder = JSONEncoder()
        var text = ""
        for row in rows {
            if !text.isEmpty { text += "\n" }
            text += String(decoding: try encoder.encode(row), as: UTF8.self)
        }
        return text
    }

    /// Keeps a checked import for the officer to accept, part by part (`encode` makes each
    /// part's text, under the heavy-work limit in the server); returns its id. Each person has
    /// one import waiting at most: a new upload replaces the one before.
    package static func keep(_ checked: Checked, actor: Actor, database: AppDatabase,
                             encode: @escaping @Sendable (ArraySlice<Row>) async throws -> String = { try RegistryImport.encode($0) }) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let now = Millis.now()
        let parts = (checked.rows.count + partRows - 1) / partRows
        let header = KeptHeader(kind: checked.kind, total: checked.total, good: checked.rows.count, parts: parts, problems: checked.problems,
                                sample: Array(checked.rows.prefix(Preview.sampleRows)))
        let headerText = String(decoding: try JSONEncoder().encode(header), as: UTF8.self)
        try await database.transaction { sql in
            let replaced: SQLQueryString = "SELECT id FROM pending_imports WHERE created_at < \(bind: now - pendingLifetime) OR created_by = \(bind: actor.id ?? "")"
            try await sql.raw("DELETE FROM pending_import_parts WHERE import_id IN (" + replaced + ")").run()
            try await sql.raw("DELETE FROM pending_imports WHERE id IN (" + replaced + ")").run()
            try await sql.raw("""
                INSERT INTO pending_imports (id, kind, created_by, created_at, checked)
                VALUES (\(bind: id), \(bind: checked.kind.rawValue), \(bind: actor.id ?? ""), \(bind: now), \(bind: headerText))
                """).run()
            for (part, start) in stride(from: 0, to: checked.rows.count, by: partRows).enumerated() {
                let text = try await encode(checked.rows[start..<min(start + partRows, checked.rows.count)])
                try await sql.raw("INSERT INTO pending_import_parts (import_id, part, rows) VALUES (\(bind: id), \(bind: part), \(bind: text))").run()
            }
        }
        return id
    }

    /// A kept import's header, when it is the actor's and still waiting.
    private static func header(_ id: String, actor: Actor, on sql: any SQLDatabase) async throws -> KeptHeader {
        let gone = AppError(status: .notFound, code: "import-expired", detail: LocalizedText(
            vi: "Lần nhập này không còn (đã nhập, đã hủy hoặc quá một giờ). Hãy tải tệp lên lại.",
            en: "This import is gone (done, cancelled or over an hour old). Upload the file again."))
        guard let row = try await sql.raw("""
            SELECT checked FROM pending_imports WHERE id = \(bind: id) AND created_by = \(bind: actor.id ?? "")
              AND created_at >= \(bind: Millis.now() - pendingLifetime)
            """).first() else { throw gone }
        // Kept by an older version in another shape: as good as gone.
        guard let header = try? JSONDecoder().decode(KeptHeader.self, from: Data(try row.decode(column: "checked", as: String.self).utf8)),
              header.format == 3 else { throw gone }
        return header
    }

    /// What the officer is shown of a kept import before accepting it.
    static func pending(_ id: String, actor: Actor, database: AppDatabase) async throws -> Preview {
        let header = try await header(id, actor: actor, on: database.sql)
        return Preview(kind: header.kind, total: header.total, good: header.good, problems: header.problems, sample: header.sample)
    }

    /// Stores every good row in one audited transaction, all or nothing, a part at a time, and
    /// forgets the pending import. Products get their GTINs from the pool here and their EPCIS
    /// master data, so their labels and origin pages work at once; `changes` hears of the keys described.
    package static func store(_ id: String, actor: Actor, database: AppDatabase, changes: IdentifierChanges? = nil) async throws -> Int {
        let (count, described) = try await database.audited(actor) { sql in
            // Taken once: a second click (even at the same moment) finds nothing to import.
            let header = try await header(id, actor: actor, on: sql)
            guard try await sql.raw("DELETE FROM pending_imports WHERE id = \(bind: id) RETURNING id").first() != nil else {
                throw AppError(status: .notFound, code: "import-expired", detail: LocalizedText(
                    vi: "Lần nhập này đã được thực hiện.", en: "This import was already done."))
            }
            var described = Set<String>()
            var ids: [String] = []
            for part in 0..<header.parts {
                guard let text = try await sql.raw("""
                    SELECT rows FROM pending_import_parts WHERE import_id = \(bind: id) AND part = \(bind: part)
                    """).first()?.decode(column: "rows", as: String.self) else { throw stale }
                let decoder = JSONDecoder()
                let rows = try text.split(separator: "\n").map { try decoder.decode(Row.self, from: Data($0.utf8)) }
                let (stored, keys) = try await storePart(rows, kind: header.kind, actor: actor, on: sql)
                if ids.count < 1_000 { ids += stored.prefix(1_000 - ids.count) }
                described.formUnion(keys)
            }
            try await sql.raw("DELETE FROM pending_import_parts WHERE import_id = \(bind: id)").run()
            if header.good >= SearchIndex.compactAfter { try await SearchIndex.compact(on: sql) }
            struct Summary: Encodable, Sendable { let rows: Int; let skipped: Int; let ids: [String] }
            let action = switch header.kind { case .organisations: "organisation.import"; case .facilities: "facility.import"; case .products: "product.import" }
            return ((header.good, described), AuditRecord(action: action, entityType: "import", entityID: id,
                                                          after: Summary(rows: header.good, skipped: header.problems.count, ids: ids)))
        }
        changes?.announce(described)
        // A large import leaves its rows in the write-ahead log, where every later read must look
        // them up; the checkpointer copies them into the database file as it does after captures.
        database.checkpointer?.wrote(events: count)
        return count
    }

    /// Writes one part's rows and their search documents; returns the new records' ids and the
    /// keys described.
    private static func storePart(_ part: [Row], kind: Kind, actor: Actor, on sql: any SQLDatabase) async throws -> ([String], Set<String>) {
        var rows = part
        var described = Set<String>()
        let now = Millis.now()
        if kind == .organisations {
            // Registered since the check, perhaps by another import: the officer must look again.
            let taxCodes = rows.compactMap(\.taxCode)
            for chunk in taxCodes.chunked(into: 500) where try await sql.raw("""
                SELECT tax_code FROM organisations WHERE tax_code IN (\(binds: Array(chunk)))
                """).first() != nil {
                throw stale
            }
        }
        if kind == .products {
            rows = try await giveGTINs(rows, actor: actor, on: sql)
            described = try await describeProducts(rows, on: sql)
        }
        let searchKind: SearchIndex.Kind = switch kind { case .organisations: .organisation; case .facilities: .facility; case .products: .product }
        var ids: [String] = []
        var indexed: [SearchIndex.Document] = []
        let encoder = JSONEncoder()
        for chunk in rows.chunked(into: 200) {
            var values: [[any SQLExpression]] = []
            for row in chunk {
                let recordID = UUID().uuidString.lowercased()
                ids.append(recordID)
                let text = row.product.map { ProductRepository.product($0, id: recordID, organisationID: row.organisationID ?? "", imageID: nil).searchText }
                    ?? [row.name, row.taxCode ?? "", row.representative ?? "", row.address ?? "", row.growingArea ?? ""].joined(separator: " ")
                // Products and facilities belong to the row's organisation; a product lies where it does.
                indexed.append(SearchIndex.Document(searchKind, id: recordID, name: row.product?.name ?? row.name, text: text,
                                                    organisationID: row.organisationID ?? recordID,
                                                    area: AdminArea(province: row.provinceCode, commune: row.communeCode)))
                switch kind {
                case .organisations:
                    values.append([SQLBind(recordID), SQLBind(row.name), SQLBind(row.taxCode), SQLBind(row.provinceCode), SQLBind(row.communeCode),
                                   SQLBind(row.address), SQLBind(row.kind), SQLBind(row.representative), SQLBind(row.phone), SQLBind(row.email),
                                   SQLBind(SearchText.fold(text)), SQLBind(now), SQLBind(now)])
                case .facilities:
                    let registrations = row.growingArea.map { [Facility.Registration(kind: .growingArea, code: String($0.prefix(60)), areaHa: nil)] } ?? []
                    values.append([SQLBind(recordID), SQLBind(row.organisationID), SQLBind(row.name), SQLBind(row.provinceCode),
                                   SQLBind(row.communeCode), SQLBind(row.address), SQLBind(row.latitude), SQLBind(row.longitude),
                                   SQLBind(row.activities.joined(separator: " ")), SQLBind(row.scale), SQLBind("active"),
                                   SQLBind(String(decoding: try encoder.encode(registrations), as: UTF8.self)),
                                   SQLBind(SearchText.fold(text)), SQLBind(now), SQLBind(now)])
                case .products:
                    guard let p = row.product else { continue }
                    values.append([SQLBind(recordID), SQLBind(row.organisationID), SQLBind(p.gtin), SQLBind(p.name), SQLBind(p.nameEn),
                                   SQLBind(p.category), SQLBind(p.packaging), SQLBind(p.netContent), SQLBind(p.netUnit), SQLBind(p.shelfLifeDays),
                                   SQLBind(p.brand), SQLBind(p.selfDeclaration), SQLBind(p.standards), SQLBind(SearchText.fold(text)),
                                   SQLBind(now), SQLBind(now)])
                }
            }
            switch kind {
            case .organisations:
                try await sql.insert(into: "organisations")
                    .columns("id", "name", "tax_code", "province_code", "commune_code", "address", "kind", "representative", "phone",
                             "email", "search_text", "created_at", "updated_at")
                    .rows(values).run()
            case .facilities:
                try await sql.insert(into: "facilities")
                    .columns("id", "organisation_id", "name", "province_code", "commune_code", "address", "latitude", "longitude",
                             "activities", "scale", "state", "registrations", "search_text", "created_at", "updated_at")
                    .rows(values).run()
            case .products:
                try await sql.insert(into: "products")
                    .columns("id", "organisation_id", "gtin", "name", "name_en", "category", "packaging", "net_content", "net_unit",
                             "shelf_life_days", "brand", "self_declaration", "standards", "search_text", "created_at", "updated_at")
                    .rows(values).run()
            }
        }
        try await SearchIndex.add(indexed, on: sql)
        return (ids, described)
    }

    /// The registry changed between the check and the officer's answer (a GTIN or tax code taken since).
    static let stale = AppError(status: .conflict, code: "import-stale", detail: LocalizedText(
        vi: "Sổ đăng ký đã thay đổi từ lúc kiểm tra tệp (có mã số thuế hoặc GTIN vừa được đăng ký). Chưa có gì được nhập; hãy tải tệp lên lại để kiểm tra.",
        en: "The registry changed since the file was checked (a tax code or GTIN was registered since). Nothing was imported; upload the file again."))

    /// The rows with their GTINs: given from the pool where the sheet left them empty, and the
    /// sheet's own checked again, since the registry may have changed while the officer looked.
    private static func giveGTINs(_ rows: [Row], actor: Actor, on sql: any SQLDatabase) async throws -> [Row] {
        if sql.dialect.name == "postgresql" { try await AuditLog.takeTurn(on: sql) }
        guard try await gtinProblems(rows, on: sql).isEmpty else { throw stale }
        var needing: [String: [Int]] = [:]
        for (index, row) in rows.enumerated() where row.product?.gtin.isEmpty == true { needing[row.organisationID ?? "", default: []].append(index) }
        var result = rows
        for (organisationID, indexes) in needing.sorted(by: { $0.key < $1.key }) {
            let given = try await GS1CodeRepository.give(.gtin, count: indexes.count, to: organisationID,
                                                         province: rows[indexes[0]].provinceCode, by: actor, on: sql)
            for (index, allocation) in zip(indexes, given) { result[index].product?.gtin = allocation.key }
        }
        return result
    }

    /// Writes each product's EPCIS master data, as saving it in the form does; returns the keys described.
    private static func describeProducts(_ rows: [Row], on sql: any SQLDatabase) async throws -> Set<String> {
        var organisations: [String: Organisation] = [:]
        let ids = Array(Set(rows.compactMap(\.organisationID)))
        for chunk in ids.chunked(into: 500) {
            for row in try await sql.raw("SELECT * FROM organisations WHERE id IN (\(binds: Array(chunk)))").all() {
                let organisation = try OrganisationRepository.organisation(row)
                organisations[organisation.id] = organisation
            }
        }
        var keys = Set<String>()
        for row in rows {
            guard let input = row.product, let organisation = organisations[row.organisationID ?? ""] else { continue }
            let product = ProductRepository.product(input, id: "", organisationID: organisation.id, imageID: nil)
            try await RegistryKeys.describe(product.classKey, vocabulary: "urn:epcglobal:epcis:vtype:EPCClass",
                                            attributes: ProductRepository.masterData(product, organisation: organisation),
                                            owner: organisation.id, on: sql)
            keys.insert(product.classKey)
        }
        return keys
    }
}
