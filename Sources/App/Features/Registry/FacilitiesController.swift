import GS1
import Hummingbird
import NguonCore

/// `/quan-tri/to-chuc/{id}/co-so` (register a facility) and `/quan-tri/co-so/{id}` (see and edit
/// one): the organisation's officers and the organisation itself (`FacilityPage`).
enum FacilitiesController {
    static func page(_ request: Request, context: AppRequestContext, services: AppServices, facilityID: String?,
                     organisationID: String?, form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let model = try await FacilityPage.Model.query(facilityID: facilityID, organisationID: organisationID, principal: context.acting,
                                                       facilities: services.facilities, codes: services.gs1Codes,
                                                       certificates: services.certificates, commitments: services.commitments,
                                                       inspections: services.inspections, violations: services.violations,
                                                       samples: services.samples)
        let saved = try Query(request.uri.query, form: true)["done"] == "1"
        return try FacilityPage.View(model: model, form: context.form(form ?? FacilityPage.values(model.facility, organisation: model.organisation), error: error),
                                     saved: saved).response(request, context: context)
    }

    static func save(_ request: Request, context: AppRequestContext, services: AppServices, facilityID: String?,
                     organisationID: String?) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try input(form)
            let facility = if let facilityID {
                try await services.facilities.update(facilityID, input, actor: context.actor)
            } else {
                try await services.facilities.create(input, for: organisationID ?? "", actor: context.actor)
            }
            return AccountController.redirect(SiteURL.facility(facility.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, facilityID: facilityID, organisationID: organisationID,
                                  form: form.values, error: error)
        }
    }

    static func input(_ form: Query) throws(AppError) -> FacilityRepository.Input {
        guard let name = try form.optional("name", maxBytes: 300) else {
            throw AppError.invalid(field: "name", rule: "required", LocalizedText(vi: "Hãy nhập tên cơ sở.", en: "Enter the name."))
        }
        let gln = try form.optional("gln", maxBytes: 20)
        if let gln, gln.utf8.count != 13 || !gln.utf8.allSatisfy({ (48...57).contains($0) }) || !GS1.hasValidCheckDigit(gln) {
            throw AppError.invalid(field: "gln", rule: "gln", LocalizedText(
                vi: "GLN gồm 13 chữ số, chữ số cuối là số kiểm tra (đã nhận “\(gln)”).", en: "A GLN is 13 digits ending in a check digit."))
        }
        let unit = try form.required("unit", maxBytes: 5).trimmingCharacters(in: .whitespaces)
        guard AdminArea.isCommuneCode(unit) || AdminArea.isProvinceCode(unit) else {
            throw AppError.invalid(field: "unit", rule: "unit-code", LocalizedText(
                vi: "Mã đơn vị hành chính gồm 5 chữ số (xã, phường, đặc khu) hoặc 2 chữ số (tỉnh).", en: "A unit code has 5 or 2 digits."))
        }
        // Vietnam's land and islands, Trường Sa included: a point outside is a typing slip (swapped or missing digits).
        let latitude = try form.decimal("latitude", in: 6...24)
        let longitude = try form.decimal("longitude", in: 102...118)
        guard (latitude == nil) == (longitude == nil) else {
            throw AppError.invalid(field: latitude == nil ? "latitude" : "longitude", rule: "pair", LocalizedText(
                vi: "Nhập cả vĩ độ và kinh độ, hoặc bỏ trống cả hai.", en: "Give both latitude and longitude, or neither."))
        }
        guard let state = Facility.State(rawValue: form["state"] ?? "active") else {
            throw AppError.invalid(field: "state", rule: "one-of", LocalizedText(vi: "Trạng thái không hợp lệ.", en: "Unknown state."))
        }
        var registrations: [Facility.Registration] = []
        for kind in [Facility.Registration.Kind.growingArea, .aquaculture] {
            for line in (try form.optional(kind.rawValue, maxBytes: 10_000) ?? "").split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: ";", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let code = parts.first, !code.isEmpty else { continue }
                guard code.utf8.count <= 60 else {
                    throw AppError.invalid(field: kind.rawValue, rule: "max-length", LocalizedText(
                        vi: "Mã “\(code.prefix(60))…” dài quá 60 ký tự.", en: "A code is at most 60 characters."))
                }
                var area: Double?
                if parts.count == 2, !parts[1].isEmpty {
                    let text = parts[1].replacingOccurrences(of: "ha", with: "").trimmingCharacters(in: .whitespaces)
                    guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value > 0, value < 1_000_000 else {
                        throw AppError.invalid(field: kind.rawValue, rule: "area", LocalizedText(
                            vi: "Diện tích sau dấu chấm phẩy của mã \(code) phải là số ha lớn hơn 0 (đã nhận “\(parts[1].prefix(20))”).",
                            en: "The area after the semicolon of \(code) must be a positive number of hectares."))
                    }
                    area = value
                }
                registrations.append(.init(kind: kind, code: code, areaHa: area))
            }
        }
        guard registrations.count <= 200 else {
            throw AppError.invalid(field: "growing_area", rule: "max-count", LocalizedText(
                vi: "Một cơ sở ghi tối đa 200 mã vùng trồng và đăng ký nuôi.", en: "At most 200 registrations per facility."))
        }
        return .init(name: name, gln: gln, unitCode: unit, address: try form.optional("address", maxBytes: 500),
                     latitude: latitude, longitude: longitude,
                     activities: Facility.Activity.allCases.filter { form["activity-" + $0.rawValue] == "on" },
                     scale: try form.optional("scale", maxBytes: 200), state: state, registrations: registrations)
    }
}

extension FacilitiesController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.organisationFacilities("").routePath) { request, context in
            try await page(request, context: context, services: services, facilityID: nil, organisationID: context.parameters.require("id"))
        }
        group.post(SiteURL.organisationFacilities("").routePath) { request, context in
            try await save(request, context: context, services: services, facilityID: nil, organisationID: context.parameters.require("id"))
        }
        group.read(SiteURL.facility("").routePath) { request, context in
            try await page(request, context: context, services: services, facilityID: context.parameters.require("id"), organisationID: nil)
        }
        group.post(SiteURL.facility("").routePath) { request, context in
            try await save(request, context: context, services: services, facilityID: context.parameters.require("id"), organisationID: nil)
        }
    }
}
