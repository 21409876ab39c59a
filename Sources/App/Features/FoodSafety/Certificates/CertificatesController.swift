import Foundation
import HTTPTypes
import Hummingbird
import NguonCore
import Sheets

/// Certificates and commitments: the list, the digest of papers to renew, one paper's page with
/// its forms, and its scanned document. Officers write in their jurisdiction; a business reads
/// its own (`Principal.scope(.foodSafety)`).
enum CertificatesController {
    static func list(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let filter = try CertificateList.Filter(try Query(request.uri.query, form: true))
        let principal = try context.acting
        let model = try await services.listing {
            try await CertificateList.Model.query(filter: filter, principal: principal, today: .today, certificates: services.certificates)
        }
        return try CertificateList.View(model: model, language: context.language).response(request, context: context)
    }

    static func reminders(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let principal = try context.acting
        let today = CivilDate.today
        let items = try await services.listing {
            try await CertificateReminders.query(principal: principal, today: today, certificates: services.certificates,
                                                 commitments: services.commitments)
        }
        return try CertificateReminders.View(items: items, today: today, language: context.language).response(request, context: context)
    }

    /// The digest as CSV, for a mail merge or a spreadsheet.
    static func remindersExport(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let principal = try context.acting
        let today = CivilDate.today
        return try await services.exporting {
            let items = try await CertificateReminders.query(principal: principal, today: today, certificates: services.certificates,
                                                             commitments: services.commitments)
            let header = ["Giấy tờ", "Số", "Cơ sở", "Tổ chức", "Ngày hết hạn", "Tình trạng", "Nộp hồ sơ cấp lại từ", "Việc cần làm", "Đường dẫn"]
            let rows = items.map { item in
                [item.paper, item.number, item.facilityName, item.organisationName, item.expires.vietnamese, item.status.vietnameseName,
                 item.renewalOpens?.vietnamese ?? "", CertificateReminders.action(item, today: today, .vi),
                 services.config.publicURL + item.link.path].map { $0.isEmpty ? Cell.empty : Cell.text($0) }
            }
            return try await SheetDownload.response(Sheet(name: "Nhắc hạn", rows: [header.map(Cell.text)] + rows), format: "csv",
                                                    name: "nhac-han-\(today)", services: services)
        }
    }

    // MARK: certificates

    static func page(_ request: Request, context: AppRequestContext, services: AppServices, certificateID: String?,
                     facilityID: String?, form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let model = try await CertificatePage.Model.query(certificateID: certificateID, facilityID: facilityID, principal: context.acting,
                                                          today: .today, certificates: services.certificates, products: services.products)
        let saved = try Query(request.uri.query, form: true)["done"] == "1"
        return try CertificatePage.View(model: model, form: context.form(form ?? CertificatePage.values(model.certificate), error: error),
                                        saved: saved).response(request, context: context)
    }

    static func save(_ request: Request, context: AppRequestContext, services: AppServices, certificateID: String?,
                     facilityID: String?) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try input(form)
            let certificate = if let certificateID {
                try await services.certificates.update(certificateID, input, actor: context.actor)
            } else {
                try await services.certificates.create(input, facilityID: facilityID ?? "", actor: context.actor)
            }
            return AccountController.redirect(SiteURL.certificate(certificate.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, certificateID: certificateID, facilityID: facilityID,
                                  form: form.values, error: error)
        }
    }

    static func setState(_ request: Request, context: AppRequestContext, services: AppServices, certificateID: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            guard let state = CertificateState(rawValue: form["state"] ?? "") else {
                throw AppError.invalid(field: "state", rule: "one-of", LocalizedText(vi: "Hãy chọn một quyết định.", en: "Choose a decision."))
            }
            let reason = try form.optional("stateReason", maxBytes: 2_000)
            guard state == .issued || reason != nil else {
                throw AppError.invalid(field: "stateReason", rule: "required", LocalizedText(
                    vi: "Ghi lý do và số quyết định đình chỉ hoặc thu hồi.", en: "Give the reason and the decision's number."))
            }
            guard let day = try form.pastDate("stateOn") else {
                throw AppError.invalid(field: "stateOn", rule: "required", LocalizedText(vi: "Hãy nhập ngày quyết định.", en: "Enter the date."))
            }
            _ = try await services.certificates.setState(certificateID, state, on: day, reason: reason, actor: context.actor)
            return AccountController.redirect(SiteURL.certificate(certificateID).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, certificateID: certificateID, facilityID: nil,
                                  form: form.values, error: error)
        }
    }

    static func input(_ form: Query) throws(AppError) -> CertificateRepository.Input {
        guard let kind = CertificateKind(rawValue: form["kind"] ?? "") else {
            throw AppError.invalid(field: "kind", rule: "one-of", LocalizedText(vi: "Hãy chọn loại giấy chứng nhận.", en: "Choose the kind."))
        }
        guard let issued = try form.pastDate("issuedOn") else {
            throw AppError.invalid(field: "issuedOn", rule: "required", LocalizedText(vi: "Hãy nhập ngày cấp.", en: "Enter the issue date."))
        }
        let products = form.values.keys.filter { $0.hasPrefix("product-") && form[$0] == "on" }.map { String($0.dropFirst(8)) }.sorted()
        guard products.count <= 500 else {
            throw AppError.invalid(field: "products", rule: "max-count", LocalizedText(vi: "Chọn tối đa 500 sản phẩm.", en: "At most 500 products."))
        }
        return .init(kind: kind, number: try form.requiredText("number", maxBytes: 100),
                     issuer: try form.requiredText("issuer", maxBytes: 300),
                     productIDs: products, scopeNote: try form.optional("scopeNote", maxBytes: 2_000),
                     issuedOn: issued, expiresOn: try form.date("expiresOn"))
    }

    // MARK: commitments

    static func commitmentPage(_ request: Request, context: AppRequestContext, services: AppServices, commitmentID: String?,
                               facilityID: String?, form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let model = try await CommitmentPage.Model.query(commitmentID: commitmentID, facilityID: facilityID, principal: context.acting,
                                                         today: .today, commitments: services.commitments)
        let saved = try Query(request.uri.query, form: true)["done"] == "1"
        return try CommitmentPage.View(model: model, form: context.form(form ?? CommitmentPage.values(model.commitment, facility: model.facility), error: error),
                                       saved: saved).response(request, context: context)
    }

    static func saveCommitment(_ request: Request, context: AppRequestContext, services: AppServices, commitmentID: String?,
                               facilityID: String?) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try commitmentInput(form)
            let commitment = if let commitmentID {
                try await services.commitments.update(commitmentID, input, actor: context.actor)
            } else {
                try await services.commitments.create(input, facilityID: facilityID ?? "", actor: context.actor)
            }
            return AccountController.redirect(SiteURL.commitment(commitment.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await commitmentPage(request, context: context, services: services, commitmentID: commitmentID, facilityID: facilityID,
                                            form: form.values, error: error)
        }
    }

    static func commitmentInput(_ form: Query) throws(AppError) -> CommitmentRepository.Input {
        guard let category = CommitmentCategory(rawValue: form["category"] ?? "") else {
            throw AppError.invalid(field: "category", rule: "one-of", LocalizedText(vi: "Hãy chọn diện cam kết.", en: "Choose the category."))
        }
        guard let signed = try form.pastDate("signedOn") else {
            throw AppError.invalid(field: "signedOn", rule: "required", LocalizedText(vi: "Hãy nhập ngày ký.", en: "Enter the signing date."))
        }
        let result: Commitment.CheckResult?
        switch form["checkResult"] ?? "" {
        case "": result = nil
        case let raw:
            guard let known = Commitment.CheckResult(rawValue: raw) else {
                throw AppError.invalid(field: "checkResult", rule: "one-of", LocalizedText(vi: "Kết quả không hợp lệ.", en: "Unknown result."))
            }
            result = known
        }
        return .init(category: category, receivedBy: try form.requiredText("receivedBy", maxBytes: 300),
                     signedOn: signed, validUntil: try form.date("validUntil"), checkedOn: try form.pastDate("checkedOn"),
                     checkResult: result, checkNote: try form.optional("checkNote", maxBytes: 2_000))
    }

    // MARK: scanned documents

    enum Owner { case certificate, commitment }

    /// A scanned paper sent from the page; a wrong file re-renders the page with the reason.
    static func upload(_ owner: Owner, id: String, _ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let principal = try context.acting
        switch owner {
        case .certificate: _ = try await services.certificates.find(id, for: principal, .write)
        case .commitment: _ = try await services.commitments.find(id, for: principal, .write)
        }
        let form = try await services.receiveUpload(for: principal) {
            try await Multipart.read(request, context: context, maxBytes: ScannedDocument.maxBytes + 64 * 1024)
        }
        do {
            let file = form["document"]
            let document = try ScannedDocument(file?.data ?? Data(), fileName: file?.filename, field: "document")
            switch owner {
            case .certificate:
                _ = try await services.certificates.attach(document, to: id, actor: context.actor)
                return AccountController.redirect(SiteURL.certificate(id).url([("done", "1")]))
            case .commitment:
                _ = try await services.commitments.attach(document, to: id, actor: context.actor)
                return AccountController.redirect(SiteURL.commitment(id).url([("done", "1")]))
            }
        } catch let error as AppError where error.status == .badRequest {
            switch owner {
            case .certificate: return try await page(request, context: context, services: services, certificateID: id, facilityID: nil, error: error)
            case .commitment: return try await commitmentPage(request, context: context, services: services, commitmentID: id, facilityID: nil, error: error)
            }
        }
    }

    /// The stored scan, to those who may read its paper. Images open in the browser; PDFs download.
    static func document(_ owner: Owner, id: String, context: AppRequestContext, services: AppServices) async throws -> Response {
        let principal = try context.acting
        let documentID = switch owner {
        case .certificate: try await services.certificates.find(id, for: principal).documentID
        case .commitment: try await services.commitments.find(id, for: principal).documentID
        }
        guard let documentID, let stored = try await ScannedDocument.stored(documentID, owner: id, database: services.database) else {
            throw AppError.notFound()
        }
        return ScannedDocument.response(stored, database: services.database)
    }
}

extension CertificatesController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.certificates.routePath) { request, context in try await list(request, context: context, services: services) }
        group.read(SiteURL.certificateReminders.routePath) { request, context in try await reminders(request, context: context, services: services) }
        group.read(SiteURL.certificateRemindersExport.routePath) { request, context in
            try await remindersExport(request, context: context, services: services)
        }
        group.read(SiteURL.facilityCertificates("").routePath) { request, context in
            try await page(request, context: context, services: services, certificateID: nil, facilityID: context.parameters.require("id"))
        }
        group.post(SiteURL.facilityCertificates("").routePath) { request, context in
            try await save(request, context: context, services: services, certificateID: nil, facilityID: context.parameters.require("id"))
        }
        group.read(SiteURL.certificate("").routePath) { request, context in
            try await page(request, context: context, services: services, certificateID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.certificate("").routePath) { request, context in
            try await save(request, context: context, services: services, certificateID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.certificateState("").routePath) { request, context in
            try await setState(request, context: context, services: services, certificateID: context.parameters.require("id"))
        }
        group.post(SiteURL.certificateDocument("").routePath) { request, context in
            try await upload(.certificate, id: context.parameters.require("id"), request, context: context, services: services)
        }
        group.read(SiteURL.certificateDocument("").routePath) { _, context in
            try await document(.certificate, id: context.parameters.require("id"), context: context, services: services)
        }
        group.read(SiteURL.facilityCommitments("").routePath) { request, context in
            try await commitmentPage(request, context: context, services: services, commitmentID: nil, facilityID: context.parameters.require("id"))
        }
        group.post(SiteURL.facilityCommitments("").routePath) { request, context in
            try await saveCommitment(request, context: context, services: services, commitmentID: nil, facilityID: context.parameters.require("id"))
        }
        group.read(SiteURL.commitment("").routePath) { request, context in
            try await commitmentPage(request, context: context, services: services, commitmentID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.commitment("").routePath) { request, context in
            try await saveCommitment(request, context: context, services: services, commitmentID: context.parameters.require("id"), facilityID: nil)
        }
        group.post(SiteURL.commitmentDocument("").routePath) { request, context in
            try await upload(.commitment, id: context.parameters.require("id"), request, context: context, services: services)
        }
        group.read(SiteURL.commitmentDocument("").routePath) { _, context in
            try await document(.commitment, id: context.parameters.require("id"), context: context, services: services)
        }
    }
}
