import Hummingbird
import NguonCore
import Plot

/// `/quan-tri/don-vi-hanh-chinh`: search provinces, communes, wards and special zones by name,
/// former name or code.
enum AdminUnitsController {
    static func show(_ request: Request, context: AppRequestContext, units: AdminUnitRepository) async throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let term = try query.text("q", required: false, maxBytes: 100) ?? ""
        let province = try query.text("province", required: false, maxBytes: 2)
        if let province, !AdminArea.isProvinceCode(province) {
            throw AppError.invalid(field: "province", rule: "province-code", LocalizedText(
                vi: "Mã tỉnh gồm 2 chữ số.", en: "A province code has 2 digits."))
        }
        let found = try await units.search(term, province: province, limit: 100)
        let counts = try await units.count()
        let lang = context.language
        func t(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }
        let title = LocalizedText(vi: "Đơn vị hành chính", en: "Administrative units")
        return try AdminView.page(title, path: SiteURL.adminUnits.path, query: [("q", term.isEmpty ? nil : term)], context: context, .group(
            .h1(.text(title(lang))),
            .p(.class("lead"), .text(t("Danh mục có \(counts.provinces) tỉnh, thành phố và \(counts.communes) xã, phường, đặc khu.",
                                       "The list holds \(counts.provinces) provinces and \(counts.communes) communes, wards and special zones."))),
            .form(.class("tool"), .method(.get), .action(SiteURL.adminUnits.path),
                  .div(.class("field"), .label(.for("q"), .text(t("Tên, tên cũ hoặc mã", "Name, former name or code"))),
                       .input(.type(.search), .id("q"), .name("q"), .value(term))),
                  .button(.type(.submit), .text(t("Tìm", "Search")))),
            .div(.class("table-scroll"), .table(
                .thead(.tr(.th(.text(t("Mã", "Code"))), .th(.text(t("Tên", "Name"))), .th(.text(t("Thuộc", "Part of"))),
                           .th(.text(t("Tên cũ", "Former names"))))),
                .tbody(.forEach(found) { unit in
                    .tr(.td(.code(.text(unit.code))), .td(.text(unit.fullName)), .td(.text(unit.parentCode ?? "—")),
                        .td(.text(unit.former.map { former in former.code.map { "\(former.name) (\($0))" } ?? former.name }.joined(separator: "; "))))
                }))))
        ).response(from: request, context: context)
    }
}

extension AdminUnitsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, units: AdminUnitRepository) {
        group.read(SiteURL.adminUnits.routePath) { request, context in try await show(request, context: context, units: units) }
    }
}
