import FluentKit
import Foundation
import NguonCore
import SQLKit

/// Administrative units: reference data everyone signed in may read; only the import changes it.
package struct AdminUnitRepository: Sendable {
    let database: AppDatabase

    func find(_ code: String) async throws -> AdminUnit? {
        guard AdminArea.isProvinceCode(code) || AdminArea.isCommuneCode(code) else { return nil }
        return try await database.sql.select().column("*").from("admin_units").where("code", .equal, SQLBind(code))
            .first().map(Self.unit)
    }

    /// Full names of the given codes ("Phường Đông Triều"), for lists that show areas.
    func fullNames(_ codes: Set<String>) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for chunk in Array(codes).chunked(into: 500) {
            for row in try await database.sql.select().columns("code", "full_name").from("admin_units")
                .where("code", .in, SQLBind.group(Array(chunk))).all() {
                names[try row.decode(column: "code", as: String.self)] = try row.decode(column: "full_name", as: String.self)
            }
        }
        return names
    }

    /// Units whose name, full name, former name or code matches `term` (accents and case ignored),
    /// provinces first. Former names match so labels printed before a merger still find the unit.
    func search(_ term: String, province: String? = nil, limit: Int = 50) async throws -> [AdminUnit] {
        var query = try database.sql.select().column("*").from("admin_units")
        let key = SearchText.fold(term.trimmingCharacters(in: .whitespaces))
        if !key.isEmpty {
            let pattern = "%" + key.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            query = query.where {
                $0.where("search_text", .like, SQLBind(pattern)).orWhere("code", .equal, SQLBind(term.trimmingCharacters(in: .whitespaces)))
            }
        }
        if let province {
            query = query.where { $0.where("parent_code", .equal, SQLBind(province)).orWhere("code", .equal, SQLBind(province)) }
        }
        return try await query.orderBy(SQLRaw("CASE WHEN parent_code IS NULL THEN 0 ELSE 1 END")).orderBy("code")
            .limit(limit).all().map(Self.unit)
    }

    func count() async throws -> (provinces: Int, communes: Int) {
        let rows = try await database.sql.select()
            .column(SQLRaw("CASE WHEN parent_code IS NULL THEN 'p' ELSE 'c' END"), as: "level")
            .column(SQLFunction("count", args: SQLLiteral.all), as: "n")
            .from("admin_units").groupBy(SQLRaw("CASE WHEN parent_code IS NULL THEN 'p' ELSE 'c' END")).all()
        var result = (provinces: 0, communes: 0)
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            if try row.decode(column: "level", as: String.self) == "p" { result.provinces = n } else { result.communes = n }
        }
        return result
    }

    struct ImportSummary: Sendable, Equatable, Codable {
        var added = 0
        var updated = 0
        var unchanged = 0
    }

    /// Loads units, adding new ones and updating changed ones in place, in one transaction with
    /// an audit entry for each change. Running it again with the same file changes nothing.
    /// A renamed unit keeps its old name among its former names, so search finds it either way.
    func importUnits(_ units: [AdminUnit], actor: Actor) async throws -> ImportSummary {
        guard actor.principal?.role == .admin else { throw AccessDenied.forbidden }
        // Provinces first, so communes always find their parent.
        let ordered = units.filter { $0.kind.isProvinceLevel } + units.filter { !$0.kind.isProvinceLevel }
        // One audit entry per changed unit, all in the import's one transaction.
        return try await database.transaction { sql in
            var existing: [String: AdminUnit] = [:]
            for row in try await sql.select().column("*").from("admin_units").all() {
                let unit = try Self.unit(row)
                existing[unit.code] = unit
            }
            var summary = ImportSummary()
            let now = Millis.now()
            for var unit in ordered {
                if let old = existing[unit.code] {
                    // Names the unit had stay findable; a file need not repeat them.
                    var former = old.former
                    for entry in unit.former where !former.contains(entry) { former.append(entry) }
                    if old.name != unit.name, !former.contains(where: { $0.name == old.name }) {
                        former.append(.init(code: nil, name: old.name))
                    }
                    unit.former = former
                    if old == unit { summary.unchanged += 1; continue }
                    try await sql.update("admin_units")
                        .set("name", to: SQLBind(unit.name)).set("full_name", to: SQLBind(unit.fullName))
                        .set("name_en", to: SQLBind(unit.nameEn)).set("kind", to: SQLBind(unit.kind.rawValue))
                        .set("parent_code", to: SQLBind(unit.parentCode)).set("former", to: SQLBind(try Self.formerJSON(unit.former)))
                        .set("search_text", to: SQLBind(AdminUnit.searchText(name: unit.name, fullName: unit.fullName, former: unit.former)))
                        .set("updated_at", to: SQLBind(now))
                        .where("code", .equal, SQLBind(unit.code))
                        .run()
                    try await AuditLog.append(on: sql, actor: actor, action: "admin_unit.update", entityType: "admin_unit",
                                              entityID: unit.code, before: old, after: unit)
                    summary.updated += 1
                } else {
                    try await sql.insert(into: "admin_units")
                        .columns("code", "name", "full_name", "name_en", "kind", "parent_code", "former", "search_text", "updated_at")
                        .values(SQLBind(unit.code), SQLBind(unit.name), SQLBind(unit.fullName), SQLBind(unit.nameEn),
                                SQLBind(unit.kind.rawValue), SQLBind(unit.parentCode), SQLBind(try Self.formerJSON(unit.former)),
                                SQLBind(AdminUnit.searchText(name: unit.name, fullName: unit.fullName, former: unit.former)),
                                SQLBind(now))
                        .run()
                    summary.added += 1
                }
                existing[unit.code] = unit
            }
            if summary.added > 0 {
                // One entry for the units added, not thousands of identical ones.
                try await AuditLog.append(on: sql, actor: actor, action: "admin_unit.import", entityType: "admin_unit",
                                          entityID: nil, after: summary)
            }
            return summary
        }
    }

    static func formerJSON(_ former: [AdminUnit.Former]) throws -> String? {
        former.isEmpty ? nil : try AuditLog.json(former)
    }

    static func unit(_ row: any SQLRow) throws -> AdminUnit {
        let formerText = try row.decode(column: "former", as: String?.self)
        let former = try formerText.map { try JSONDecoder().decode([AdminUnit.Former].self, from: Data($0.utf8)) } ?? []
        let rawKind = try row.decode(column: "kind", as: String.self)
        return AdminUnit(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                         fullName: try row.decode(column: "full_name", as: String.self),
                         nameEn: try row.decode(column: "name_en", as: String?.self),
                         kind: AdminUnit.Kind(rawValue: rawKind) ?? .commune,
                         parentCode: try row.decode(column: "parent_code", as: String?.self), former: former)
    }
}
