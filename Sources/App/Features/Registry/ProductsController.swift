import GS1
import HTTPTypes
import Hummingbird
import Images
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

    /// A photo from the phone: checked, turned upright, shrunk and re-encoded without its
    /// metadata (a farmer's GPS position must not be published) before anything is stored.
    static func uploadImage(_ request: Request, context: AppRequestContext, services: AppServices, productID: String) async throws -> Response {
        _ = try await services.products.find(productID, for: context.acting, .write)
        let form = try await services.receiveUpload(for: context.acting) {
            try await Multipart.read(request, context: context, maxBytes: ProductPhoto.maxFileBytes + 64 * 1024)
        }
        guard let file = form["image"], !file.data.isEmpty else {
            return try await page(request, context: context, services: services, productID: productID, organisationID: nil,
                                  error: AppError.invalid(field: "image", rule: "required", LocalizedText(vi: "Hãy chọn một ảnh.", en: "Choose a photo.")))
        }
        let photo: ProductPhoto.Normalised
        do {
            photo = try await services.heavy { try ProductPhoto.normalise(file.data) }
        } catch let error as ImageError {
            return try await page(request, context: context, services: services, productID: productID, organisationID: nil,
                                  error: AppError.invalid(field: "image", rule: error.code, LocalizedText(vi: error.vi, en: error.en)))
        }
        _ = try await services.products.setImage(productID, photo: photo, actor: context.actor)
        return AccountController.redirect(SiteURL.product(productID).url([("done", "1")]))
    }

    /// `GET /anh/{id}`: a product photo, public like the origin pages that show it. A photo never
    /// changes under its id (a new one gets a new id), so browsers keep it for a year.
    static func image(_ request: Request, services: AppServices, id: String) async throws -> Response {
        let thumbnail = try Query(request.uri.query)["c"] == "nho"
        guard id.utf8.count <= 40, let bytes = try await services.products.image(id, thumbnail: thumbnail) else {
            throw AppError.notFound()
        }
        let etag = "\"\(id)\(thumbnail ? "-nho" : "")\""
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: "public, max-age=31536000, immutable"])
        }
        return Response(status: .ok, headers: [.contentType: "image/jpeg", .eTag: etag, .cacheControl: "public, max-age=31536000, immutable"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The product a form (or an import row) describes. `gtinOptional`: an import leaves the GTIN
    /// empty for one to be given from the province's pool.
    static func input(_ form: Query, gtinOptional: Bool = false) throws(AppError) -> ProductRepository.Input {
        let raw: String
        if gtinOptional { raw = try form.optional("gtin", maxBytes: 20) ?? "" } else { raw = try form.required("gtin", maxBytes: 20).trimmingCharacters(in: .whitespaces) }
        // GTIN-8, -12 and -13 are written in their 14-digit form, as AI (01) and Digital Links hold them.
        let gtin14 = raw.isEmpty ? "" : (try? GTIN(raw))?.gtin14
        guard let gtin = gtin14, !gtin.isEmpty || gtinOptional else {
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
        group.post(SiteURL.productImageUpload("").routePath) { request, context in
            try await uploadImage(request, context: context, services: services, productID: context.parameters.require("id"))
        }
    }

    static func addImageRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.productImage("").routePath) { request, context in
            try await image(request, services: services, id: context.parameters.require("id"))
        }
    }
}
