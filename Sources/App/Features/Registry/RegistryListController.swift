import Foundation
import HTTPTypes
import Hummingbird
import NguonCore
import Sheets

/// `/quan-tri/san-pham`, `/quan-tri/co-so` and the `/xuat` exports of those and of
/// `/quan-tri/to-chuc` (`RegistryList`; the organisations' page itself is `OrganisationList`).
enum RegistryListController {
    static func list(_ kind: RegistryList.Kind, _ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let filter = try RegistryList.Filter(try Query(request.uri.query, form: true))
        let principal = try context.acting
        let model = try await services.listing {
            try await RegistryList.Model.query(kind, filter: filter, principal: principal, database: services.database, units: services.adminUnits)
        }
        return try RegistryList.View(model: model, language: context.language).response(request, context: context)
    }

    /// Every matching row as XLSX (default) or CSV, with Vietnamese headers an import reads back.
    static func export(_ kind: RegistryList.Kind, _ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let filter = try RegistryList.Filter(query)
        let format = try query.choice("dinh-dang", from: ["xlsx", "csv"]) ?? "xlsx"
        let principal = try context.acting
        let name = kind.url.path.split(separator: "/").last.map(String.init) ?? "danh-sach"
        return try await services.exporting {
            let (rows, _) = try await services.listing {
                try await RegistryList.rows(kind, filter: filter, principal: principal, database: services.database,
                                            units: services.adminUnits, limit: RegistryList.Filter.exportLimit, offset: 0)
            }
            let cells: [[Cell]] = [kind.exportHeader.map(Cell.text)] + rows.map { row in
                ([row.name, row.code ?? "", row.detail, row.area] + row.extra).map { $0.isEmpty ? Cell.empty : Cell.text($0) }
            }
            return try await SheetDownload.response(Sheet(name: kind.title.vi, rows: cells), format: format, name: name, services: services)
        }
    }
}

extension RegistryListController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        for kind in [RegistryList.Kind.products, .facilities] {
            group.read(kind.url.routePath) { request, context in try await list(kind, request, context: context, services: services) }
            group.read(kind.exportURL.routePath) { request, context in try await export(kind, request, context: context, services: services) }
        }
    }
}
