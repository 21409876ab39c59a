import Foundation
import GS1
import Hummingbird
import NguonCore

/// Monitoring programmes and samples. Officers and inspectors write in their jurisdiction;
/// a business reads the samples taken at its own facilities (`Principal.scope(.inspections)`).
enum SamplesController {
    static func programmes(_ request: Request, context: AppRequestContext, services: AppServices,
                           form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let year = try query.integer("nam", in: 2000...2100) ?? CivilDate.today.year
        let principal = try context.acting
        let model = try await services.listing {
            try await ProgrammeList.Model.query(year: year, principal: principal, samples: services.samples)
        }
        let values = form ?? ["year": String(year), "unit": principal.jurisdiction?.code ?? ""]
        return try ProgrammeList.View(model: model, form: context.form(values, error: error)).response(request, context: context)
    }

    static func createProgramme(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            guard let year = try form.integer("year", in: 2000...2100) else {
                throw AppError.invalid(field: "year", rule: "required", LocalizedText(vi: "Hãy nhập năm.", en: "Enter the year."))
            }
            guard let planned = try form.integer("planned", in: 1...100_000) else {
                throw AppError.invalid(field: "planned", rule: "required", LocalizedText(vi: "Hãy nhập số mẫu kế hoạch.", en: "Enter the samples planned."))
            }
            let programme = try await services.samples.createProgramme(
                name: try form.requiredText("name", maxBytes: 300), year: year,
                unitCode: try form.requiredText("unit", maxBytes: 5), planned: planned,
                note: try form.optional("note", maxBytes: 2_000), actor: context.actor)
            return AccountController.redirect(SiteURL.programme(programme.id).path)
        } catch let error as AppError where error.status == .badRequest {
            return try await programmes(request, context: context, services: services, form: form.values, error: error)
        }
    }

    static func programme(_ request: Request, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let model = try await ProgrammePage.Model.query(id: id, principal: context.acting, samples: services.samples)
        return try ProgrammePage.View(model: model, language: context.language).response(request, context: context)
    }

    static func page(_ request: Request, context: AppRequestContext, services: AppServices, sampleID: String?, facilityID: String?,
                     form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let model = try await SamplePage.Model.query(sampleID: sampleID, facilityID: facilityID, principal: context.acting, today: .today,
                                                     samples: services.samples)
        let saved = try Query(request.uri.query, form: true)["done"] == "1"
        return try SamplePage.View(model: model, form: context.form(form ?? SamplePage.values(model.sample, today: .today), error: error),
                                   saved: saved).response(request, context: context)
    }

    static func save(_ request: Request, context: AppRequestContext, services: AppServices, sampleID: String?, facilityID: String?) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try input(form)
            let sample = if let sampleID {
                try await services.samples.update(sampleID, input, actor: context.actor)
            } else {
                try await services.samples.create(input, programmeID: try form.required("programme", maxBytes: 64), facilityID: facilityID ?? "",
                                                  actor: context.actor)
            }
            return AccountController.redirect(SiteURL.sample(sample.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, sampleID: sampleID, facilityID: facilityID,
                                  form: form.values, error: error)
        }
    }

    static func input(_ form: Query) throws(AppError) -> SampleRepository.Input {
        guard let day = try form.pastDate("sampledOn") else {
            throw AppError.invalid(field: "sampledOn", rule: "required", LocalizedText(vi: "Hãy nhập ngày lấy mẫu.", en: "Enter the date."))
        }
        let productID = try form.optional("product", maxBytes: 64)
        let productName = try form.optional("productName", maxBytes: 300)
        guard productID != nil || productName != nil else {
            throw AppError.invalid(field: "productName", rule: "required", LocalizedText(
                vi: "Chọn sản phẩm đã đăng ký hoặc ghi tên sản phẩm.", en: "Choose a registered product or name it."))
        }
        var analytes: [Analyte] = []
        for index in 0..<SamplePage.rows {
            guard let name = try form.optional("analyte-\(index)", maxBytes: 200) else { continue }
            let limit = try form.decimal("limit-\(index)", in: 0...1_000_000_000)
            analytes.append(Analyte(name: name, result: try form.optional("result-\(index)", maxBytes: 50) ?? "", limit: limit,
                                    unit: try form.optional("unit-\(index)", maxBytes: 30) ?? ""))
        }
        guard !analytes.isEmpty else {
            throw AppError.invalid(field: "analytes", rule: "required", LocalizedText(
                vi: "Ghi ít nhất một chỉ tiêu phân tích (kết quả có thể để trống khi chưa có).", en: "Name at least one analyte."))
        }
        let lot = try form.optional("lotNumber", maxBytes: 20)
        // A lot number is what AI (10) may carry (GS1 characters, up to 20), so its key matches the trace.
        if let lot, (try? ElementString.parse(bracketed: "(01)09506000134352(10)" + lot)) == nil || lot.contains("(") || lot.contains(")") {
            throw AppError.invalid(field: "lotNumber", rule: "gs1-lot", LocalizedText(
                vi: "Số lô chỉ gồm chữ, số và các dấu GS1 cho phép (tối đa 20 ký tự), như in trên nhãn.",
                en: "A lot number uses GS1's characters only (up to 20), as printed on the label."))
        }
        return .init(code: try form.requiredText("code", maxBytes: 60), productID: productID,
                     productName: productName ?? "", lotNumber: lot, sampledOn: day,
                     place: try form.optional("place", maxBytes: 300),
                     laboratory: try form.requiredText("laboratory", maxBytes: 300),
                     analytes: analytes, note: try form.optional("note", maxBytes: 2_000))
    }
}

extension SamplesController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.programmes.routePath) { request, context in try await programmes(request, context: context, services: services) }
        group.post(SiteURL.programmes.routePath) { request, context in try await createProgramme(request, context: context, services: services) }
        group.read(SiteURL.programme("").routePath) { request, context in
            try await programme(request, context: context, services: services, id: context.parameters.require("id"))
        }
        group.read(SiteURL.facilitySamples("").routePath) { request, context in
            try await page(request, context: context, services: services, sampleID: nil, facilityID: context.parameters.require("id"))
        }
        group.post(SiteURL.facilitySamples("").routePath) { request, context in
            try await save(request, context: context, services: services, sampleID: nil, facilityID: context.parameters.require("id"))
        }
        group.read(SiteURL.sample("").routePath) { request, context in
            try await page(request, context: context, services: services, sampleID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.sample("").routePath) { request, context in
            try await save(request, context: context, services: services, sampleID: context.parameters.require("id"), facilityID: nil)
        }
    }
}
