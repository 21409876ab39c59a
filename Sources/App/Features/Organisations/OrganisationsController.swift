import Hummingbird
import NguonCore

/// `/quan-tri/to-chuc`: organisations in the account's scope; officers register new ones in
/// their jurisdiction (`OrganisationList`, `OrganisationShow`, `OrganisationForm`).
enum OrganisationsController {
    static func list(_ request: Request, context: AppRequestContext, repository: OrganisationRepository,
                     form: [String: String] = [:], error: AppError? = nil) async throws -> Response {
        let principal = try context.acting
        let search = try Query(request.uri.query, form: true).text("q", required: false, maxBytes: 100)
        let model = try await OrganisationList.Model.query(principal: principal, search: search, repository: repository)
        return try OrganisationList.View(model: model, form: context.form(form, error: error)).response(request, context: context)
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

    static func show(_ request: Request, context: AppRequestContext, repository: OrganisationRepository, codes: GS1CodeRepository,
                     id: String, form: [String: String]? = nil, error: AppError? = nil,
                     codesForm: [String: String]? = nil, codesError: AppError? = nil) async throws -> Response {
        let model = try await OrganisationShow.Model.query(id: id, principal: context.acting, repository: repository, codes: codes)
        let query = try Query(request.uri.query, form: true)
        return try OrganisationShow.View(model: model, form: context.form(form ?? OrganisationForm.values(model.organisation), error: error),
                                         codesForm: context.form(codesForm ?? ["kind": "gtin", "count": "1"], error: codesError),
                                         saved: query["done"] == "1", codesGiven: try query.integer("codes", in: 1...GS1CodeRepository.maxPerRequest))
            .response(request, context: context)
    }

    static func update(_ request: Request, context: AppRequestContext, repository: OrganisationRepository, codes: GS1CodeRepository,
                       id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            _ = try await repository.update(id, try input(form), actor: context.actor)
            return AccountController.redirect(SiteURL.organisation(id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await show(request, context: context, repository: repository, codes: codes, id: id, form: form.values, error: error)
        }
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
}

extension OrganisationsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, repository: OrganisationRepository, codes: GS1CodeRepository) {
        group.read(SiteURL.organisations.routePath) { request, context in try await list(request, context: context, repository: repository) }
        group.post(SiteURL.organisations.routePath) { request, context in try await create(request, context: context, repository: repository) }
        group.read(SiteURL.organisation("").routePath) { request, context in
            try await show(request, context: context, repository: repository, codes: codes, id: context.parameters.require("id"))
        }
        group.post(SiteURL.organisation("").routePath) { request, context in
            try await update(request, context: context, repository: repository, codes: codes, id: context.parameters.require("id"))
        }
    }
}
