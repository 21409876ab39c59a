import Hummingbird
import NguonCore

/// `/quan-tri/to-chuc`: organisations in the account's scope; officers register new ones in
/// their jurisdiction (`OrganisationList`, `OrganisationShow`, `OrganisationForm`).
enum OrganisationsController {
    static func list(_ request: Request, context: AppRequestContext, services: AppServices,
                     form: [String: String] = [:], error: AppError? = nil) async throws -> Response {
        let filter = try RegistryList.Filter(try Query(request.uri.query, form: true))
        let principal = try context.acting
        let model = try await services.listing {
            try await OrganisationList.Model.query(principal: principal, filter: filter, database: services.database,
                                                   repository: services.organisations)
        }
        return try OrganisationList.View(model: model, form: context.form(form, error: error)).response(request, context: context)
    }

    static func create(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let organisation = try await services.organisations.create(try input(form), actor: context.actor)
            return AccountController.redirect(SiteURL.organisation(organisation.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await list(request, context: context, services: services, form: form.values, error: error)
        }
    }

    static func show(_ request: Request, context: AppRequestContext, services: AppServices,
                     id: String, form: [String: String]? = nil, error: AppError? = nil,
                     codesForm: [String: String]? = nil, codesError: AppError? = nil) async throws -> Response {
        let model = try await OrganisationShow.Model.query(id: id, principal: context.acting, repository: services.organisations,
                                                           codes: services.gs1Codes, facilities: services.facilities, products: services.products)
        let query = try Query(request.uri.query, form: true)
        return try OrganisationShow.View(model: model, form: context.form(form ?? OrganisationForm.values(model.organisation), error: error),
                                         codesForm: context.form(codesForm ?? ["kind": "gtin", "count": "1"], error: codesError),
                                         saved: query["done"] == "1", codesGiven: try query.integer("codes", in: 1...GS1CodeRepository.maxPerRequest))
            .response(request, context: context)
    }

    static func update(_ request: Request, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            _ = try await services.organisations.update(id, try input(form), actor: context.actor)
            return AccountController.redirect(SiteURL.organisation(id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await show(request, context: context, services: services, id: id, form: form.values, error: error)
        }
    }

    static func input(_ form: Query) throws(AppError) -> OrganisationRepository.Input {
        let name = try form.required("name", maxBytes: 300).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else {
            throw AppError.invalid(field: "name", rule: "required", LocalizedText(vi: "Hãy nhập tên tổ chức.", en: "Enter the name."))
        }
        var taxCode = try form.text("taxCode", required: false, maxBytes: 20)?.trimmingCharacters(in: .whitespaces)
        if taxCode?.isEmpty == true { taxCode = nil }
        switch taxCode.flatMap(TaxCode.problem) {
        case .shape?:
            throw AppError.invalid(field: "taxCode", rule: "tax-code", LocalizedText(
                vi: "Mã số thuế gồm 10 chữ số (thêm gạch ngang và 3 chữ số cho chi nhánh), hoặc 12 chữ số định danh cá nhân của hộ kinh doanh.",
                en: "A tax code is 10 digits (a dash and 3 more for a branch), or a household business's 12-digit personal number."))
        case .checkDigit(let expected)?:
            throw AppError.invalid(field: "taxCode", rule: "tax-code-check-digit", LocalizedText(
                vi: "Mã số thuế \(taxCode ?? "") sai chữ số kiểm tra: với 9 chữ số đầu này, chữ số thứ 10 phải là \(expected). Hãy xem lại giấy đăng ký.",
                en: "Tax code \(taxCode ?? "") fails its check digit: after these nine digits the tenth must be \(expected)."))
        case nil:
            break
        }
        let unit = try form.required("unit", maxBytes: 5).trimmingCharacters(in: .whitespaces)
        guard AdminArea.isCommuneCode(unit) || AdminArea.isProvinceCode(unit) else {
            throw AppError.invalid(field: "unit", rule: "unit-code", LocalizedText(
                vi: "Mã đơn vị hành chính gồm 5 chữ số (xã, phường, đặc khu) hoặc 2 chữ số (tỉnh).",
                en: "An administrative unit code has 5 digits (commune) or 2 (province)."))
        }
        let kind = try form.choice("kind", from: Organisation.Kind.allCases.map(\.rawValue)).flatMap(Organisation.Kind.init)
        let phone = try form.optional("phone", maxBytes: 40)
        if let phone, phone.filter(\.isNumber).count < 8 || phone.filter(\.isNumber).count > 15
            || !phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +.-()".contains($0)) }) {
            throw AppError.invalid(field: "phone", rule: "phone", LocalizedText(
                vi: "Số điện thoại gồm 8 đến 15 chữ số (có thể có dấu +, cách, chấm, gạch ngang).", en: "A phone number has 8 to 15 digits."))
        }
        let email = try form.optional("email", maxBytes: 254)
        if let email, !Self.looksLikeEmail(email) {
            throw AppError.invalid(field: "email", rule: "email", LocalizedText(
                vi: "Địa chỉ thư điện tử có dạng ten@mien.vn.", en: "An e-mail address looks like name@domain.vn."))
        }
        return .init(name: name, taxCode: taxCode, unitCode: unit, address: try form.optional("address", maxBytes: 500), kind: kind,
                     representative: try form.optional("representative", maxBytes: 200), phone: phone, email: email)
    }

    /// One @, something before it, a dotted domain after it, no spaces: enough to catch a slip.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}

extension OrganisationsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.organisations.routePath) { request, context in try await list(request, context: context, services: services) }
        group.post(SiteURL.organisations.routePath) { request, context in try await create(request, context: context, services: services) }
        group.read(SiteURL.organisationsExport.routePath) { request, context in
            try await RegistryListController.export(.organisations, request, context: context, services: services)
        }
        group.read(SiteURL.organisation("").routePath) { request, context in
            try await show(request, context: context, services: services, id: context.parameters.require("id"))
        }
        group.post(SiteURL.organisation("").routePath) { request, context in
            try await update(request, context: context, services: services, id: context.parameters.require("id"))
        }
    }
}
