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
        return Context(units: units, communesByName: byName, principal: principal, organisationsByTaxCode: owners, takenTaxCodes: taken)
    }

    /// Keeps a checked import for the officer to accept; returns its id.
    package static func keep(_ checked: Checked, actor: Actor, database: AppDatabase) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let json = String(decoding: try JSONEncoder().encode(checked), as: UTF8.self)
        let now = Millis.now()
        try await database.sql.raw("DELETE FROM pending_imports WHERE created_at < \(bind: now - pendingLifetime)").run()
        try await database.sql.raw("""
            INSERT INTO pending_imports (id, kind, created_by, created_at, checked)
            VALUES (\(bind: id), \(bind: checked.kind.rawValue), \(bind: actor.id ?? ""), \(bind: now), \(bind: json))
            """).run()
        return id
    }

    static func pending(_ id: String, actor: Actor, database: AppDatabase) async throws -> Checked {
        guard let row = try await database.sql.raw("""
            SELECT checked FROM pending_imports WHERE id = \(bind: id) AND created_by = \(bind: actor.id ?? "")
              AND created_at >= \(bind: Millis.now() - pendingLifetime)
            """).first() else {
            throw AppError(status: .notFound, code: "import-expired", detail: LocalizedText(
                vi: "Lần nhập này không còn (đã nhập, đã hủy hoặc quá một giờ). Hãy tải tệp lên lại.",
                en: "This import is gone (done, cancelled or over an hour old). Upload the file again."))
        }
        return try JSONDecoder().decode(Checked.self, from: Data(try row.decode(column: "checked", as: String.self).utf8))
    }

    /// Stores every good row in one audited transaction, all or nothing, and forgets the pending import.
    package static func store(_ id: String, actor: Actor, database: AppDatabase) async throws -> Int {
        let checked = try await pending(id, actor: actor, database: database)
        let now = Millis.now()
        return try await database.audited(actor) { sql in
            // Taken once: a second click finds nothing to import.
            guard try await sql.raw("SELECT id FROM pending_imports WHERE id = \(bind: id)").first() != nil else {
                throw AppError(status: .notFound, code: "import-expired", detail: LocalizedText(
                    vi: "Lần nhập này đã được thực hiện.", en: "This import was already done."))
            }
            try await sql.raw("DELETE FROM pending_imports WHERE id = \(bind: id)").run()
            var keys: [(String, String)] = []
            var ids: [String] = []
            for chunk in checked.rows.chunked(into: 200) {
                var rows: [[any SQLExpression]] = []
                for row in chunk {
                    let recordID = UUID().uuidString.lowercased()
                    ids.append(recordID)
                    let text = ([row.name, row.taxCode ?? "", row.representative ?? "", row.address ?? ""] + [row.growingArea ?? ""])
                        .joined(separator: " ")
                    for key in SearchText.indexKeys(text) { keys.append((recordID, key)) }
                    switch checked.kind {
                    case .organisations:
                        rows.append([SQLBind(recordID), SQLBind(row.name), SQLBind(row.taxCode), SQLBind(row.provinceCode), SQLBind(row.communeCode),
                                     SQLBind(row.address), SQLBind(row.kind), SQLBind(row.representative), SQLBind(row.phone), SQLBind(row.email),
                                     SQLBind(SearchText.fold(text)), SQLBind(now), SQLBind(now)])
                    case .facilities:
                        let registrations = row.growingArea.map { [Facility.Registration(kind: .growingArea, code: String($0.prefix(60)), areaHa: nil)] } ?? []
                        rows.append([SQLBind(recordID), SQLBind(row.organisationID), SQLBind(row.name), SQLBind(row.provinceCode),
                                     SQLBind(row.communeCode), SQLBind(row.address), SQLBind(row.latitude), SQLBind(row.longitude),
                                     SQLBind(row.activities.joined(separator: " ")), SQLBind(row.scale), SQLBind("active"),
                                     SQLBind(String(decoding: try JSONEncoder().encode(registrations), as: UTF8.self)),
                                     SQLBind(SearchText.fold(text)), SQLBind(now), SQLBind(now)])
                    }
                }
                switch checked.kind {
                case .organisations:
                    try await sql.insert(into: "organisations")
                        .columns("id", "name", "tax_code", "province_code", "commune_code", "address", "kind", "representative", "phone",
                                 "email", "search_text", "created_at", "updated_at")
                        .rows(rows).run()
                case .facilities:
                    try await sql.insert(into: "facilities")
                        .columns("id", "organisation_id", "name", "province_code", "commune_code", "address", "latitude", "longitude",
                                 "activities", "scale", "state", "registrations", "search_text", "created_at", "updated_at")
                        .rows(rows).run()
                }
            }
            let kind = checked.kind == .organisations ? SearchIndex.Kind.organisation : .facility
            for chunk in keys.chunked(into: 300) {
                try await sql.insert(into: "search_keys").columns("kind", "record_id", "key")
                    .rows(chunk.map { [SQLBind(kind.rawValue), SQLBind($0.0), SQLBind($0.1)] }).run()
            }
            struct Summary: Encodable, Sendable { let rows: Int; let skipped: Int; let ids: [String] }
            return (checked.rows.count, AuditRecord(action: checked.kind == .organisations ? "organisation.import" : "facility.import",
                                                   entityType: "import", entityID: id,
                                                   after: Summary(rows: checked.rows.count, skipped: checked.problems.count, ids: Array(ids.prefix(1_000)))))
        }
    }
}
