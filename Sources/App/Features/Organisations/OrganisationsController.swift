import Hummingbird
import NguonCore
import Plot

/// `/quan-tri/to-chuc`: organisations in the account's scope; officers register new ones in
/// their jurisdiction.
enum OrganisationsController {
    static func list(_ request: Request, context: AppRequestContext, repository: OrganisationRepository,
                     form: [String: String] = [:], error: AppError? = nil) async throws -> Response {
        let principal = try context.acting
        let query = try Query(request.uri.query, form: true)
        let search = try query.text("q", required: false, maxBytes: 100)
        let organisations = try await repository.list(for: principal, search: search)
        // The commune list is read only for those who get the form.
        let units = principal.can(.write, .organisations) ? try await unitChoices(principal, repository) : nil
        let areas = try await repository.units.fullNames(Set(organisations.map { $0.communeCode ?? $0.provinceCode }))
        let lang = context.language
        let fields = FormFields(values: form, error: error, language: lang)
        let title = LocalizedText(vi: "Tổ chức, doanh nghiệp", en: "Organisations")
        var response = try AdminView.page(title, path: SiteURL.organisations.path, context: context, .group(
            .h1(.text(title(lang))),
            .form(.class("tool"), .method(.get), .action(SiteURL.organisations.path),
                  .div(.class("field"), .label(.for("q"), .text(fields.t("Tìm theo tên", "Search by name"))),
                       .input(.type(.search), .id("q"), .name("q"), .value((search ?? "")))),
                  .button(.type(.submit), .text(fields.t("Tìm", "Search")))),
            .div(.class("table-scroll"), .table(
                .thead(.tr(.th(.text(fields.t("Tên", "Name"))), .th(.text(fields.t("Mã số thuế", "Tax code"))),
                           .th(.text(fields.t("Địa bàn", "Area"))))),
                .tbody(.forEach(organisations) { o in
                    .tr(.td(.a(.href(SiteURL.organisation(o.id).path), .text(o.name))), .td(.text(o.taxCode ?? "—")),
                        .td(.text(areas[o.communeCode ?? o.provinceCode] ?? o.communeCode ?? o.provinceCode)))
                }))),
            .if(principal.can(.write, .organisations), .group(
                .h2(.text(fields.t("Đăng ký tổ chức mới", "Register an organisation"))),
                fields.summary,
                .form(.class("stack"), .method(.post), .action(SiteURL.organisations.path),
                      fields.csrf(context.session?.csrfToken ?? ""),
                      organisationFields(fields, units: units),
                      .button(.type(.submit), .text(fields.t("Đăng ký", "Register"))))
            )))
        ).response(from: request, context: context)
        if error != nil { response.status = .badRequest }
        return response
    }

    static func create(_ request: Request, context: AppRequestContext, repository: OrganisationRepository) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let organisation = try await repository.create(try input(form), actor: context.actor)
            return AccountController.redirect(SiteURL.organisation(organisation.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await list(request, context: context, repository: repository, form: form.values, error: error)
        }
    }

    static func show(_ request: Request, context: AppRequestContext, repository: OrganisationRepository, id: String,
                     form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let principal = try context.acting
        let organisation = try await repository.find(id, for: principal)
        let lang = context.language
        let values = form ?? ["name": organisation.name, "taxCode": organisation.taxCode ?? "",
                              "unit": organisation.communeCode ?? organisation.provinceCode, "address": organisation.address ?? ""]
        let fields = FormFields(values: values, error: error, language: lang)
        let canWrite = principal.reaches(.organisations, .write, area: organisation.area, organisationID: organisation.id)
        let units = canWrite ? try await unitChoices(principal, repository) : nil
        let query = try Query(request.uri.query, form: true)
        var response = try AdminView.page(LocalizedText(vi: organisation.name, en: organisation.name),
                                          path: SiteURL.organisation(id).path, context: context, .group(
            .p(.class("eyebrow"), .a(.href(SiteURL.organisations.path), .text(fields.t("Tổ chức, doanh nghiệp", "Organisations")))),
            .h1(.text(organisation.name)),
            AdminView.notice(query["done"] == "1" ? fields.t("Đã lưu.", "Saved.") : nil),
            .element(named: "dl", nodes: [.class("facts"),
                .element(named: "dt", text: fields.t("Mã số thuế", "Tax code")), .element(named: "dd", text: organisation.taxCode ?? "—"),
                .element(named: "dt", text: fields.t("Tỉnh", "Province")), .element(named: "dd", text: organisation.provinceCode),
                .element(named: "dt", text: fields.t("Xã, phường", "Commune")), .element(named: "dd", text: organisation.communeCode ?? "—"),
                .element(named: "dt", text: fields.t("Địa chỉ", "Address")), .element(named: "dd", text: organisation.address ?? "—"),
            ]),
            .if(canWrite, .group(
                .h2(.text(fields.t("Sửa thông tin", "Edit"))),
                fields.summary,
                .form(.class("stack"), .method(.post), .action(SiteURL.organisation(id).path),
                      fields.csrf(context.session?.csrfToken ?? ""),
                      organisationFields(fields, units: units),
                      .button(.type(.submit), .text(fields.t("Lưu", "Save"))))
            )))
        ).response(from: request, context: context)
        if error != nil { response.status = .badRequest }
        return response
    }

    static func update(_ request: Request, context: AppRequestContext, repository: OrganisationRepository, id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            _ = try await repository.update(id, try input(form), actor: context.actor)
            return AccountController.redirect(SiteURL.organisation(id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await show(request, context: context, repository: repository, id: id, form: form.values, error: error)
        }
    }

    /// The communes an officer may place organisations in, for a list to choose from; nil for
    /// administrators, who type the code (there are 3,321).
    private static func unitChoices(_ principal: Principal, _ repository: OrganisationRepository) async throws -> [AdminUnit]? {
        guard let area = principal.jurisdiction else { return nil }
        let units = repository.units
        let list = area.commune != nil
            ? try await units.find(area.code).map { [$0] } ?? []
            : try await units.search("", province: area.province, limit: 1_000).filter { !$0.kind.isProvinceLevel }
        // Communes not imported yet: the code is typed instead.
        return list.isEmpty ? nil : list.sorted { SearchText.fold($0.name) < SearchText.fold($1.name) }
    }

    private static func organisationFields(_ fields: FormFields, units: [AdminUnit]?) -> Node<HTML.FormContext> {
        .group(
            fields.text("name", fields.t("Tên tổ chức", "Name"), required: true),
            fields.text("taxCode", fields.t("Mã số thuế (nếu có)", "Tax code (if any)"),
                        hint: fields.t("10 chữ số, hoặc 13 ký tự dạng 0123456789-001 cho chi nhánh.", "10 digits, or 0123456789-001 for a branch.")),
            units.map { units in
                fields.select("unit", fields.t("Xã, phường, đặc khu", "Commune, ward or special zone"),
                              options: units.map { ($0.code, "\($0.fullName) (\($0.code))") })
            } ?? fields.text("unit", fields.t("Mã xã, phường, đặc khu (5 số)", "Commune code (5 digits)"), required: true,
                             hint: fields.t("Tra mã ở trang Đơn vị hành chính.", "Look the code up on the administrative units page.")),
            fields.text("address", fields.t("Địa chỉ", "Address")))
    }

    static func input(_ form: Query) throws(AppError) -> OrganisationRepository.Input {
        let name = try form.required("name", maxBytes: 300).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw AppError.invalid(field: "name", rule: "required", LocalizedText(vi: "Hãy nhập tên tổ chức.", en: "Enter the name."))
        }
        var taxCode = try form.text("taxCode", required: false, maxBytes: 20)?.trimmingCharacters(in: .whitespaces)
        if taxCode?.isEmpty == true { taxCode = nil }
        if let code = taxCode, !TaxCode.isWellFormed(code) {
            throw AppError.invalid(field: "taxCode", rule: "tax-code", LocalizedText(
                vi: "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số cho chi nhánh.",
                en: "A tax code is 10 digits, or 10 digits, a dash and 3 digits for a branch."))
        }
        let unit = try form.required("unit", maxBytes: 5).trimmingCharacters(in: .whitespaces)
        guard AdminArea.isCommuneCode(unit) || AdminArea.isProvinceCode(unit) else {
            throw AppError.invalid(field: "unit", rule: "unit-code", LocalizedText(
                vi: "Mã đơn vị hành chính gồm 5 chữ số (xã, phường, đặc khu) hoặc 2 chữ số (tỉnh).",
                en: "An administrative unit code has 5 digits (commune) or 2 (province)."))
        }
        let address = try form.text("address", required: false, maxBytes: 500)
        return .init(name: name, taxCode: taxCode, unitCode: unit, address: address?.isEmpty == true ? nil : address)
    }

    /// Vietnamese tax codes: 10 digits, or 13 with a branch suffix (written 0123456789-001).
}

extension OrganisationsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, repository: OrganisationRepository) {
        group.read(SiteURL.organisations.routePath) { request, context in try await list(request, context: context, repository: repository) }
        group.post(SiteURL.organisations.routePath) { request, context in try await create(request, context: context, repository: repository) }
        group.read(SiteURL.organisation("").routePath) { request, context in
            try await show(request, context: context, repository: repository, id: context.parameters.require("id"))
        }
        group.post(SiteURL.organisation("").routePath) { request, context in
            try await update(request, context: context, repository: repository, id: context.parameters.require("id"))
        }
    }
}
