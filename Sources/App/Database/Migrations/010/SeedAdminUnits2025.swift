import FluentKit
import Foundation
import SQLKit

/// 010: the 3,321 communes, wards and special zones of the 2025 two-tier administration
/// (Decision 19/2025/QĐ-TTg codes), compiled in, so a fresh server places organisations and
/// facilities in any commune without a file. Units already there (imported earlier with
/// `nguon admin-units import`, perhaps with former names) are left as they are; the import
/// command stays for later changes.
struct SeedAdminUnits2025: AsyncMigration {
    var name: String { "010_SeedAdminUnits2025" }

    func prepare(on database: any Database) async throws {
        let units = try AdminUnitFile.parse(Data(Self.csv.utf8), fileName: "vn-units-2025")
        let sql = database as! any SQLDatabase
        let present = Set(try await sql.raw("SELECT code FROM admin_units").all().map { try $0.decode(column: "code", as: String.self) })
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for chunk in units.filter({ !present.contains($0.code) }).chunked(into: 500) {
            try await sql.insert(into: "admin_units")
                .columns("code", "name", "full_name", "name_en", "kind", "parent_code", "former", "search_text", "updated_at")
                .rows(chunk.map { unit -> [any SQLExpression] in
                    [SQLBind(unit.code), SQLBind(unit.name), SQLBind(unit.fullName), SQLBind(unit.nameEn), SQLBind(unit.kind.rawValue),
                     SQLBind(unit.parentCode), SQLLiteral.null,
                     SQLBind(AdminUnit.searchText(name: unit.name, fullName: unit.fullName, former: unit.former)), SQLBind(now)]
                })
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        let codes = try AdminUnitFile.parse(Data(Self.csv.utf8), fileName: "vn-units-2025").map(\.code)
        for chunk in codes.chunked(into: 500) {
            try await (database as! any SQLDatabase).delete(from: "admin_units").where("code", .in, SQLBind.group(Array(chunk))).run()
        }
    }
}
