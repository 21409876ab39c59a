import GS1
import Hummingbird
import NguonCore

/// `/quan-tri/to-chuc/{id}/san-pham` (register a product) and `/quan-tri/san-pham/{id}` (see and
/// edit one): the organisation's officers and the organisation itself (`ProductPage`).
enum ProductsController {
    static func page(_ request: Request, context: AppRequestContext, services: AppServices, productID: String?,
                     organisationID: String?, form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let model = try await ProductPage.Model.query(productID: productID, organisationID: organisationID, principal: context.acting,
                                                      products: services.products, codes: services.gs1Codes)
        let saved = try Query(request.uri.query, form: true)["done"] == "1"
        return try ProductPage.View(model: model, form: context.form(form ?? ProductPage.values(model.product), error: error), saved: saved)
            .response(request, context: context)
    }

    static func save(_ request: Request, context: AppRequestContext, services: AppServices, productID: String?,
                     organisationID: String?) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try input(form)
            let product = if let productID {
                try await services.products.update(productID, input, actor: context.actor)
            } else {
                try await services.products.create(input, for: organisationID ?? "", actor: context.actor)
            }
            return AccountController.redirect(SiteURL.product(product.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, productID: productID, organisationID: organisationID,
                                  form: form.values, error: error)
        }
    }

    static func input(_ form: Query) throws(AppError) -> ProductRepository.Input {
        let raw = try form.required("gtin", maxBytes: 20).trimmingCharacters(in: .whitespaces)
        // GTIN-8, -12 and -13 are written in their 14-digit form, as AI (01) and Digital Links hold them.
        guard let gtin = try? GTIN(raw).gtin14 else {
            throw AppError.invalid(field: "gtin", rule: "gtin", LocalizedText(
                vi: "GTIN gồm 8, 12, 13 hoặc 14 chữ số, chữ số cuối là số kiểm tra (đã nhận “\(raw)”).",
                en: "A GTIN is 8, 12, 13 or 14 digits ending in a check digit (got “\(raw)”)."))
        }
        guard let name = try form.optional("name", maxBytes: 300) else {
            throw AppError.invalid(field: "name", rule: "required", LocalizedText(vi: "Hãy nhập tên sản phẩm.", en: "Enter the name."))
        }
        let netContent = try form.decimal("netContent", in: 0.001...1_000_000)
        let netUnit = try form.choice("netUnit", from: ProductRepository.netUnits)
        guard (netContent == nil) == (netUnit == nil) else {
            throw AppError.invalid(field: netContent == nil ? "netContent" : "netUnit", rule: "pair", LocalizedText(
                vi: "Nhập cả khối lượng tịnh và đơn vị, hoặc bỏ trống cả hai.", en: "Give the net content with its unit, or neither."))
        }
        return .init(gtin: gtin, name: name, nameEn: try form.optional("nameEn", maxBytes: 300),
                     category: try form.optional("category", maxBytes: 40), packaging: try form.optional("packaging", maxBytes: 200),
                     netContent: netContent, netUnit: netUnit, shelfLifeDays: try form.integer("shelfLifeDays", in: 1...3_650),
                     brand: try form.optional("brand", maxBytes: 200), selfDeclaration: try form.optional("selfDeclaration", maxBytes: 100),
                     standards: try form.optional("standards", maxBytes: 300))
    }
}

extension ProductsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.organisationProducts("").routePath) { request, context in
            try await page(request, context: context, services: services, productID: nil, organisationID: context.parameters.require("id"))
        }
        group.post(SiteURL.organisationProducts("").routePath) { request, context in
            try await save(request, context: context, services: services, productID: nil, organisationID: context.parameters.require("id"))
        }
        group.read(SiteURL.product("").routePath) { request, context in
            try await page(request, context: context, services: services, productID: context.parameters.require("id"), organisationID: nil)
        }
        group.post(SiteURL.product("").routePath) { request, context in
            try await save(request, context: context, services: services, productID: context.parameters.require("id"), organisationID: nil)
        }
    }
}
