import GS1
import Hummingbird
import NguonCore

/// GS1 codes for producers without a prefix: `/quan-tri/ma-gs1` lists the prefixes Nguồn knows
/// and lets administrators add the province's pools; `/quan-tri/to-chuc/{id}/ma-gs1` gives an
/// organisation new GTINs or GLNs (an officer of its area, or the organisation itself asking).
enum GS1CodesController {
    static func prefixes(_ request: Request, context: AppRequestContext, codes: GS1CodeRepository,
                         form: [String: String] = [:], error: AppError? = nil) async throws -> Response {
        let principal = try context.acting
        let model = GS1PrefixList.Model(rows: try await codes.prefixes(for: principal),
                                        canAdd: principal.scope(for: .gs1Prefixes, .write) == .everything)
        return try GS1PrefixList.View(model: model, form: context.form(form, error: error)).response(request, context: context)
    }

    static func addPrefix(_ request: Request, context: AppRequestContext, codes: GS1CodeRepository) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let prefix = try form.required("prefix", maxBytes: 20).trimmingCharacters(in: .whitespaces)
            var organisation = try form.text("organisation", required: false, maxBytes: 64)?.trimmingCharacters(in: .whitespaces)
            if organisation?.isEmpty == true { organisation = nil }
            var note = try form.text("note", required: false, maxBytes: 300)?.trimmingCharacters(in: .whitespaces)
            if note?.isEmpty == true { note = nil }
            var province = try form.text("province", required: false, maxBytes: 2)?.trimmingCharacters(in: .whitespaces)
            if province?.isEmpty == true { province = nil }
            _ = try await codes.addPrefix(prefix, organisationID: organisation, provinceCode: province, note: note, actor: context.actor)
            return AccountController.redirect(SiteURL.gs1Prefixes.url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await prefixes(request, context: context, codes: codes, form: form.values, error: error)
        } catch let error as GS1CodeError {
            return try await prefixes(request, context: context, codes: codes, form: form.values, error: error.appError)
        } catch AccessDenied.notFound {
            return try await prefixes(request, context: context, codes: codes, form: form.values, error: AppError.invalid(
                field: "organisation", rule: "unknown-organisation", LocalizedText(
                    vi: "Không có tổ chức mang mã này trong phạm vi của bạn.", en: "No organisation with this id in your scope.")))
        }
    }

    static func allocate(_ request: Request, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let codes = services.gs1Codes
        let form = try await Form.read(request, context: context)
        do {
            guard let kind = CompanyPrefix.KeyKind(rawValue: try form.required("kind", maxBytes: 10)) else {
                throw AppError.invalid(field: "kind", rule: "one-of", LocalizedText(
                    vi: "Hãy chọn GTIN (mã sản phẩm) hoặc GLN (mã địa điểm).", en: "Choose GTIN (product) or GLN (location)."))
            }
            guard let count = try form.integer("count", in: 1...GS1CodeRepository.maxPerRequest) else {
                throw AppError.invalid(field: "count", rule: "required", LocalizedText(vi: "Hãy nhập số mã cần cấp.", en: "Enter how many codes."))
            }
            let given = try await codes.allocate(kind, count: count, to: id, actor: context.actor)
            return AccountController.redirect(SiteURL.organisation(id).url([("codes", String(given.count))]))
        } catch let error as AppError where error.status == .badRequest {
            return try await OrganisationsController.show(request, context: context, services: services, id: id, codesForm: form.values, codesError: error)
        } catch let error as GS1CodeError {
            return try await OrganisationsController.show(request, context: context, services: services, id: id, codesForm: form.values,
                                                          codesError: error.appError)
        }
    }
}

extension GS1CodesController {
    static func addPrefixRoutes(to group: RouterGroup<AppRequestContext>, codes: GS1CodeRepository) {
        group.read(SiteURL.gs1Prefixes.routePath) { request, context in try await prefixes(request, context: context, codes: codes) }
        group.post(SiteURL.gs1Prefixes.routePath) { request, context in try await addPrefix(request, context: context, codes: codes) }
    }

    static func addAllocationRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.post(SiteURL.organisationCodes("").routePath) { request, context in
            try await allocate(request, context: context, services: services, id: context.parameters.require("id"))
        }
    }
}

extension GS1CodeError: ProblemConvertible {
    var appError: AppError {
        switch self {
        case .malformedPrefix(let text):
            AppError.invalid(field: "prefix", rule: "gs1-prefix", LocalizedText(
                vi: "Tiền tố doanh nghiệp GS1 gồm 6 đến 12 chữ số (đã nhận “\(text)”).",
                en: "A GS1 company prefix is 6 to 12 digits (got “\(text)”)."))
        case .prefixKnown(let prefix):
            AppError.invalid(field: "prefix", rule: "unique", LocalizedText(
                vi: "Tiền tố \(prefix) đã có trong hệ thống.", en: "Prefix \(prefix) is already recorded."))
        case .prefixOverlaps(let new, let existing):
            AppError.invalid(field: "prefix", rule: "overlap", LocalizedText(
                vi: "Tiền tố \(new) trùng phần đầu với tiền tố \(existing) đã có: hai bên sẽ cùng giữ một số mã.",
                en: "Prefix \(new) overlaps prefix \(existing): both would hold the same numbers."))
        case .unknownProvince(let code):
            AppError.invalid(field: "province", rule: "province-code", LocalizedText(
                vi: "Mã tỉnh gồm 2 chữ số theo danh mục đơn vị hành chính (đã nhận “\(code)”).",
                en: "A province code is 2 digits from the administrative units (got “\(code)”)."))
        case .selfServiceLimit(let kind, let held):
            AppError.invalid(field: "count", rule: "self-service-limit", LocalizedText(
                vi: "Tổ chức đã có \(held) mã \(kind == .gtin ? "GTIN" : "GLN"); tự xin được tối đa \(GS1CodeRepository.selfServiceLimit). Hãy đề nghị cán bộ phụ trách cấp thêm.",
                en: "The organisation holds \(held) \(kind == .gtin ? "GTINs" : "GLNs"); it may ask for up to \(GS1CodeRepository.selfServiceLimit) itself. Ask the officer in charge for more."))
        case .countOutOfRange(let count):
            AppError.invalid(field: "count", rule: "range", LocalizedText(
                vi: "Mỗi lần cấp từ 1 đến \(GS1CodeRepository.maxPerRequest) mã (đã nhận \(count)).",
                en: "Ask for 1 to \(GS1CodeRepository.maxPerRequest) codes at a time (got \(count))."))
        case .poolsExhausted(let kind, let wanted, let left):
            AppError.invalid(field: "count", rule: "pool-exhausted", LocalizedText(
                vi: "Kho mã cho tỉnh của tổ chức chỉ còn \(left) mã \(kind == .gtin ? "GTIN" : "GLN"), không đủ \(wanted). Chưa cấp mã nào; hãy báo quản trị hệ thống thêm tiền tố.",
                en: "The pools for the organisation's province hold only \(left) free \(kind == .gtin ? "GTINs" : "GLNs"), not \(wanted). Nothing was given; ask an administrator to add a prefix."))
        }
    }
}
