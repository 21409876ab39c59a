import Hummingbird
import NguonCore

/// `/quan-tri/don-vi-hanh-chinh`: the search page (`AdminUnitSearch`).
enum AdminUnitsController {
    static func show(_ request: Request, context: AppRequestContext, units: AdminUnitRepository) async throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let term = try query.text("q", required: false, maxBytes: 100) ?? ""
        let province = try query.text("province", required: false, maxBytes: 2)
        if let province, !AdminArea.isProvinceCode(province) {
            throw AppError.invalid(field: "province", rule: "province-code", LocalizedText(
                vi: "Mã tỉnh gồm 2 chữ số.", en: "A province code has 2 digits."))
        }
        let model = try await AdminUnitSearch.Model.query(term: term, province: province, units: units)
        return try AdminUnitSearch.View(model: model, language: context.language).response(request, context: context)
    }
}

extension AdminUnitsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, units: AdminUnitRepository) {
        group.read(SiteURL.adminUnits.routePath) { request, context in try await show(request, context: context, units: units) }
    }
}
