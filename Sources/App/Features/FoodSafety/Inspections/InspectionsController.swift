import Foundation
import HTTPTypes
import Hummingbird
import NguonCore

/// Inspections, violations and poisoning outbreaks: lists, one record's page with its forms,
/// and an inspection's photos and papers. Officers and inspectors write in their jurisdiction; a
/// business reads its own (`Principal.scope(.inspections)`).
enum InspectionsController {
    static func list(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let filter = try InspectionList.Filter(try Query(request.uri.query, form: true))
        let principal = try context.acting
        let model = try await services.listing {
            try await InspectionList.Model.query(filter: filter, principal: principal, today: .today, inspections: services.inspections)
        }
        return try InspectionList.View(model: model, language: context.language).response(request, context: context)
    }

    static func violations(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let principal = try context.acting
        let model = try await services.listing {
            try await ViolationList.Model.query(principal: principal, today: .today, violations: services.violations)
        }
        return try ViolationList.View(model: model, language: context.language).response(request, context: context)
    }

    // MARK: inspections

    static func page(_ request: Request, context: AppRequestContext, services: AppServices, inspectionID: String?, facilityID: String?,
                     form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let recheck = inspectionID == nil ? (try query.optional("tai-kiem-tra", maxBytes: 64) ?? form?["rechecks"]) : nil
        let model = try await InspectionPage.Model.query(inspectionID: inspectionID, facilityID: facilityID, recheckID: recheck,
                                                         principal: context.acting, today: .today, inspections: services.inspections,
                                                         violations: services.violations)
        let values = form ?? InspectionPage.values(model.inspection, rechecking: model.rechecking, today: model.today)
        return try InspectionPage.View(model: model, form: context.form(values, error: error), saved: query["done"] == "1")
            .response(request, context: context)
    }

    static func save(_ request: Request, context: AppRequestContext, services: AppServices, inspectionID: String?,
                     facilityID: String?) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try input(form)
            let inspection = if let inspectionID {
                try await services.inspections.update(inspectionID, input, actor: context.actor)
            } else {
                try await services.inspections.create(input, facilityID: facilityID ?? "", actor: context.actor)
            }
            return AccountController.redirect(SiteURL.inspection(inspection.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, inspectionID: inspectionID, facilityID: facilityID,
                                  form: form.values, error: error)
        }
    }

    static func input(_ form: Query) throws(AppError) -> InspectionRepository.Input {
        guard let kind = InspectionKind(rawValue: form["kind"] ?? "") else {
            throw AppError.invalid(field: "kind", rule: "one-of", LocalizedText(vi: "Hãy chọn loại kiểm tra.", en: "Choose the kind."))
        }
        guard let day = try form.pastDate("inspectedOn") else {
            throw AppError.invalid(field: "inspectedOn", rule: "required", LocalizedText(vi: "Hãy nhập ngày kiểm tra.", en: "Enter the date."))
        }
        guard let result = InspectionResult(rawValue: form["result"] ?? "") else {
            throw AppError.invalid(field: "result", rule: "one-of", LocalizedText(vi: "Hãy chọn kết quả.", en: "Choose the result."))
        }
        var checklist: [Inspection.Item] = []
        for index in 0..<InspectionPage.rows {
            guard let item = try form.optional("item-\(index)", maxBytes: 500) else { continue }
            let ok: Bool? = switch form["ok-\(index)"] { case "yes": true; case "no": false; default: nil }
            checklist.append(.init(item: item, ok: ok, finding: try form.optional("finding-\(index)", maxBytes: 2_000)))
        }
        let grade = try form.choice("grade", from: FacilityGrade.allCases.map(\.rawValue)).flatMap(FacilityGrade.init(rawValue:))
        return .init(kind: kind, inspectedOn: day, team: try form.requiredText("team", maxBytes: 500),
                     checklist: checklist, result: result, grade: grade, remediationDue: try form.date("remediationDue"),
                     conclusion: try form.optional("conclusion", maxBytes: 5_000),
                     rechecks: try form.optional("rechecks", maxBytes: 64))
    }

    /// A photo or scan added to an inspection; a wrong file re-renders the page with the reason.
    static func upload(_ request: Request, context: AppRequestContext, services: AppServices, inspectionID: String) async throws -> Response {
        let principal = try context.acting
        _ = try await services.inspections.find(inspectionID, for: principal, .write)
        let form = try await services.receiveUpload(for: principal) {
            try await Multipart.read(request, context: context, maxBytes: ScannedDocument.maxBytes + 64 * 1024)
        }
        do {
            let file = form["document"]
            try await services.inspections.attach(try ScannedDocument(file?.data ?? Data(), fileName: file?.filename, field: "document"),
                                                  to: inspectionID, actor: context.actor)
            return AccountController.redirect(SiteURL.inspection(inspectionID).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, inspectionID: inspectionID, facilityID: nil, error: error)
        }
    }

    static func document(context: AppRequestContext, services: AppServices, inspectionID: String, documentID: String) async throws -> Response {
        _ = try await services.inspections.find(inspectionID, for: context.acting)
        guard let stored = try await ScannedDocument.stored(documentID, owner: inspectionID, database: services.database) else {
            throw AppError.notFound()
        }
        return ScannedDocument.response(stored, database: services.database)
    }

    // MARK: violations and outbreaks

    static func violationPage(_ request: Request, context: AppRequestContext, services: AppServices, violationID: String?, facilityID: String?,
                              form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let inspection = violationID == nil ? (try query.optional("kiem-tra", maxBytes: 64) ?? form?["inspection"]) : nil
        let model = try await ViolationPage.Model.query(violationID: violationID, facilityID: facilityID, inspectionID: inspection,
                                                        principal: context.acting, violations: services.violations,
                                                        inspections: services.inspections)
        return try ViolationPage.View(model: model, form: context.form(form ?? ViolationPage.values(model.violation, today: .today), error: error),
                                      saved: query["done"] == "1").response(request, context: context)
    }

    static func saveViolation(_ request: Request, context: AppRequestContext, services: AppServices, violationID: String?,
                              facilityID: String?) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try violationInput(form)
            if let inspection = input.inspectionID, let facilityID,
               try await services.inspections.find(inspection, for: context.acting).facilityID != facilityID {
                throw AccessDenied.notFound
            }
            let violation = if let violationID {
                try await services.violations.update(violationID, input, actor: context.actor)
            } else {
                try await services.violations.create(input, facilityID: facilityID ?? "", actor: context.actor)
            }
            return AccountController.redirect(SiteURL.violation(violation.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await violationPage(request, context: context, services: services, violationID: violationID, facilityID: facilityID,
                                           form: form.values, error: error)
        }
    }

    static func violationInput(_ form: Query) throws(AppError) -> ViolationRepository.Input {
        guard let day = try form.pastDate("foundOn") else {
            throw AppError.invalid(field: "foundOn", rule: "required", LocalizedText(vi: "Hãy nhập ngày phát hiện.", en: "Enter the date."))
        }
        let description = try form.requiredText("description", maxBytes: 5_000)
        var fine: Int64?
        if let raw = try form.optional("fineVND", maxBytes: 30) {
            // Whole đồng, with dots or spaces between groups of three ("7.000.000"); no decimals.
            let groups = raw.split(whereSeparator: { $0 == "." || $0 == " " }).map(String.init)
            let grouped = groups.count == 1 || (groups.first.map { (1...3).contains($0.count) } == true && groups.dropFirst().allSatisfy { $0.count == 3 })
            let digits = groups.joined()
            // Fines for food-safety violations stop well below 10 billion đồng.
            guard grouped, digits.allSatisfy(\.isASCII), let value = Int64(digits), value > 0, value < 10_000_000_000 else {
                throw AppError.invalid(field: "fineVND", rule: "range", LocalizedText(
                    vi: "Tiền phạt là số đồng lớn hơn 0 (đã nhận “\(raw.prefix(30))”).", en: "The fine is a positive number of đồng."))
            }
            fine = value
        }
        guard let status = Violation.Status(rawValue: form["status"] ?? Violation.Status.open.rawValue) else {
            throw AppError.invalid(field: "status", rule: "one-of", LocalizedText(vi: "Tình trạng không hợp lệ.", en: "Unknown status."))
        }
        return .init(foundOn: day, legalBasis: try form.requiredText("legalBasis", maxBytes: 500),
                     description: description, onConditions: form["onConditions"] == "on", fineVND: fine,
                     remedies: try form.optional("remedies", maxBytes: 2_000), status: status,
                     inspectionID: try form.optional("inspection", maxBytes: 64))
    }

    static func incidentPage(_ request: Request, context: AppRequestContext, services: AppServices, incidentID: String?, facilityID: String?,
                             form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let model = try await IncidentPage.Model.query(incidentID: incidentID, facilityID: facilityID, principal: context.acting,
                                                       violations: services.violations)
        let saved = try Query(request.uri.query, form: true)["done"] == "1"
        return try IncidentPage.View(model: model, form: context.form(form ?? ["occurredOn": CivilDate.today.description], error: error),
                                     saved: saved).response(request, context: context)
    }

    static func saveIncident(_ request: Request, context: AppRequestContext, services: AppServices, facilityID: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            guard let day = try form.pastDate("occurredOn") else {
                throw AppError.invalid(field: "occurredOn", rule: "required", LocalizedText(vi: "Hãy nhập ngày xảy ra.", en: "Enter the date."))
            }
            guard let cases = try form.integer("cases", in: 1...1_000_000) else {
                throw AppError.invalid(field: "cases", rule: "required", LocalizedText(vi: "Hãy nhập số người mắc.", en: "Enter the cases."))
            }
            let hospitalised = try form.integer("hospitalised", in: 0...cases) ?? 0
            let deaths = try form.integer("deaths", in: 0...cases) ?? 0
            let description = try form.requiredText("description", maxBytes: 5_000)
            let incident = try await services.violations.createIncident(
                .init(occurredOn: day, cases: cases, hospitalised: hospitalised, deaths: deaths, description: description),
                facilityID: facilityID, actor: context.actor)
            return AccountController.redirect(SiteURL.incident(incident.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await incidentPage(request, context: context, services: services, incidentID: nil, facilityID: facilityID,
                                          form: form.values, error: error)
        }
    }
}

extension InspectionsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.inspections.routePath) { request, context in try await list(request, context: context, services: services) }
        group.read(SiteURL.violations.routePath) { request, context in try await violations(request, context: context, services: services) }
        group.read(SiteURL.inspectionProposals.routePath) { request, context in
            let principal = try context.acting
            let model = try await services.listing {
                try await InspectionProposal.Model.query(principal: principal, today: .today, database: services.database)
            }
            return try InspectionProposal.View(model: model, language: context.language).response(request, context: context)
        }
        group.read(SiteURL.facilityInspections("").routePath) { request, context in
            try await page(request, context: context, services: services, inspectionID: nil, facilityID: context.parameters.require("id"))
        }
        group.post(SiteURL.facilityInspections("").routePath) { request, context in
            try await save(request, context: context, services: services, inspectionID: nil, facilityID: context.parameters.require("id"))
        }
        group.read(SiteURL.inspection("").routePath) { request, context in
            try await page(request, context: context, services: services, inspectionID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.inspection("").routePath) { request, context in
            try await save(request, context: context, services: services, inspectionID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.inspectionDocuments("").routePath) { request, context in
            try await upload(request, context: context, services: services, inspectionID: context.parameters.require("id"))
        }
        group.read(SiteURL.inspectionDocument("", "").routePath) { _, context in
            try await document(context: context, services: services, inspectionID: context.parameters.require("id"),
                               documentID: context.parameters.require("document"))
        }
        group.read(SiteURL.facilityViolations("").routePath) { request, context in
            try await violationPage(request, context: context, services: services, violationID: nil, facilityID: context.parameters.require("id"))
        }
        group.post(SiteURL.facilityViolations("").routePath) { request, context in
            try await saveViolation(request, context: context, services: services, violationID: nil, facilityID: context.parameters.require("id"))
        }
        group.read(SiteURL.violation("").routePath) { request, context in
            try await violationPage(request, context: context, services: services, violationID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.violation("").routePath) { request, context in
            try await saveViolation(request, context: context, services: services, violationID: context.parameters.require("id"), facilityID: nil)
        }
        group.read(SiteURL.facilityIncidents("").routePath) { request, context in
            try await incidentPage(request, context: context, services: services, incidentID: nil, facilityID: context.parameters.require("id"))
        }
        group.post(SiteURL.facilityIncidents("").routePath) { request, context in
            try await saveIncident(request, context: context, services: services, facilityID: context.parameters.require("id"))
        }
        group.read(SiteURL.incident("").routePath) { request, context in
            try await incidentPage(request, context: context, services: services, incidentID: context.parameters.require("id"), facilityID: nil)
        }
    }
}
