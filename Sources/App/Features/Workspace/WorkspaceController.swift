import EPCIS
import Foundation
import GS1
import HTTPTypes
import Hummingbird
import NguonCore

/// `/san-xuat`: the producer's workspace (`WorkspaceHome`, `ProducerForm`, `LotPage`). Every form
/// writes EPCIS events through `ProducerWork`, for the account's own organisation only.
enum WorkspaceController {
    static func home(_ request: Request, context: AppRequestContext, work: ProducerWork, error: AppError? = nil) async throws -> Response {
        let model = try await WorkspaceHome.Model.query(principal: context.acting, work: work)
        let done = try Query(request.uri.query, form: true)["done"]
        return try WorkspaceHome.View(model: model, form: context.form([:], error: error), notice: done.map(notice))
            .response(request, context: context)
    }

    static func page(_ kind: ProducerForm.Kind, _ request: Request, context: AppRequestContext, work: ProducerWork,
                     form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let model = try await ProducerForm.Model.query(kind, principal: context.acting, work: work)
        let done = try Query(request.uri.query, form: true)["done"]
        return try ProducerForm.View(model: model, form: context.form(form ?? ProducerForm.values(model), error: error), notice: done.map(notice))
            .response(request, context: context)
    }

    static func submit(_ kind: ProducerForm.Kind, _ request: Request, context: AppRequestContext, work: ProducerWork) async throws -> Response {
        _ = try ProducerWork.organisationID(of: context.acting)
        let form = try await Form.read(request, context: context)
        do {
            switch kind {
            case .diary:
                try await work.recordDiary(try diaryInput(form), actor: context.actor)
                return AccountController.redirect(SiteURL.workspaceDiary.url([("done", "diary")]))
            case .harvest:
                let lot = try await work.harvest(try lotInput(form), actor: context.actor)
                return AccountController.redirect(SiteURL.workspaceLot(lot.id).url([("done", "lot")]))
            case .pack:
                var inputs: [(String, Double)] = []
                for index in 0..<3 {
                    guard let choice = try form.optional("input\(index)", maxBytes: 200) else { continue }
                    guard let quantity = try form.decimal("inputQuantity\(index)", in: 0.001...1_000_000_000) else {
                        throw AppError.invalid(field: "inputQuantity\(index)", rule: "required", LocalizedText(
                            vi: "Hãy nhập số lượng đã dùng của lô nguyên liệu này.", en: "Enter the quantity used of this input lot."))
                    }
                    inputs.append((choice, quantity))
                }
                let lot = try await work.pack(try lotInput(form), inputs: inputs, actor: context.actor)
                return AccountController.redirect(SiteURL.workspaceLot(lot.id).url([("done", "lot")]))
            case .ship:
                try await work.ship(try shipInput(form), actor: context.actor)
                return AccountController.redirect(SiteURL.workspace.url([("done", "ship")]))
            }
        } catch let error as AppError where error.status == .badRequest || error.status == .forbidden && error.code == "not-holder" {
            return try await page(kind, request, context: context, work: work, form: form.values, error: error)
        } catch EPCISStoreError.eventIDConflict {
            return try await page(kind, request, context: context, work: work, form: form.values, error: AppError(
                status: .conflict, code: "already-recorded", detail: LocalizedText(
                    vi: "Biểu mẫu này đã được ghi với nội dung khác. Hãy mở lại biểu mẫu để ghi một lần mới.",
                    en: "This form was already recorded with other content. Open the form again to record anew.")))
        }
    }

    static func receive(_ request: Request, context: AppRequestContext, work: ProducerWork) async throws -> Response {
        _ = try ProducerWork.organisationID(of: context.acting)
        let form = try await Form.read(request, context: context)
        let shipment = try form.required("shipment", maxBytes: 200)
        do {
            try await work.receive(shipment: shipment, time: EPCISTimestamp(date: Date(), offsetSeconds: 7 * 3600), actor: context.actor)
        } catch let error as AppError where error.status == .notFound || error.status == .badRequest {
            return try await home(request, context: context, work: work, error: error)
        }
        return AccountController.redirect(SiteURL.workspace.url([("done", "receive")]))
    }

    static func notice(_ done: String) -> String {
        switch done {
        case "diary": "Đã ghi nhật ký."
        case "lot": "Đã tạo lô. Mã QR của lô dẫn tới trang truy xuất bên dưới."
        case "ship": "Đã ghi giao hàng. Bên nhận sẽ thấy lô hàng đang đến."
        case "receive": "Đã nhận hàng; lô hàng có trong danh sách để giao tiếp."
        default: "Đã lưu."
        }
    }

    // MARK: - Input

    static func entry(_ form: Query) throws(AppError) -> UUID {
        guard let text = form["entry"], let id = UUID(uuidString: text) else {
            throw AppError.invalid(field: "entry", rule: "uuid", LocalizedText(
                vi: "Biểu mẫu thiếu mã lần ghi; hãy tải lại trang.", en: "The form has no entry id; reload the page."))
        }
        return id
    }

    /// When it happened: a datetime-local in Vietnam's time, not in the future (five minutes'
    /// grace for a phone's clock) and not before 2000.
    static func time(_ form: Query, now: Date = Date()) throws(AppError) -> EPCISTimestamp {
        let raw = try form.required("time", maxBytes: 30)
        guard let time = ProducerEvents.time(raw), time.epochMilliseconds >= 946_684_800_000,
              time.date <= now.addingTimeInterval(300) else {
            throw AppError.invalid(field: "time", rule: "time", LocalizedText(
                vi: "Thời gian phải là ngày giờ đã qua, dạng 2026-11-20T07:30 (đã nhận “\(raw)”).",
                en: "The time must be a past date and time such as 2026-11-20T07:30."))
        }
        return time
    }

    static func diaryInput(_ form: Query) throws(AppError) -> ProducerWork.DiaryInput {
        guard let activity = try form.choice("activity", from: FarmActivity.allCases.map(\.rawValue)).flatMap(FarmActivity.init(rawValue:)) else {
            throw AppError.invalid(field: "activity", rule: "required", LocalizedText(vi: "Hãy chọn công việc.", en: "Choose the work done."))
        }
        return .init(id: try entry(form), activity: activity, facilityID: try form.required("facility", maxBytes: 60),
                     productID: try form.required("product", maxBytes: 60), time: try time(form),
                     input: try form.optional("input", maxBytes: 200), dose: try form.optional("dose", maxBytes: 100),
                     waitingDays: try form.integer("waitingDays", in: 0...365), area: try form.optional("area", maxBytes: 100),
                     note: try form.optional("note", maxBytes: 2_000))
    }

    static func lotInput(_ form: Query) throws(AppError) -> ProducerWork.LotInput {
        let lot = try form.required("lotNumber", maxBytes: 40).trimmingCharacters(in: .whitespaces)
        // AI (10): up to 20 characters of GS1's character set 82 (GS1 General Specifications §7.11),
        // checked with a GTIN beside it as the AI requires; brackets would confuse a printed label's text.
        // Dots alone would read as a path step ("/10/..") and the label's link would never reach the lot.
        guard (try? ElementString.parse(bracketed: "(01)09506000134352(10)" + lot)) != nil, !lot.contains("("), !lot.contains(")"),
              !lot.allSatisfy({ $0 == "." }) else {
            throw AppError.invalid(field: "lotNumber", rule: "gs1-lot", LocalizedText(
                vi: "Số lô tối đa 20 ký tự, chỉ gồm chữ không dấu, số và - . / _ (đã nhận “\(lot)”).",
                en: "A lot number is up to 20 unaccented letters, digits and - . / _."))
        }
        let time = try time(form)
        let expires = try date(form, "expires")
        let bestBefore = try date(form, "bestBefore")
        let produced = String(time.lexical.prefix(10))
        for (field, value) in [("expires", expires), ("bestBefore", bestBefore)] {
            if let value, value < produced {
                throw AppError.invalid(field: field, rule: "after-production", LocalizedText(
                    vi: "Hạn dùng phải sau ngày sản xuất (\(Formatting.date(produced, .vi))).", en: "The date must follow production."))
            }
        }
        guard let quantity = try form.decimal("quantity", in: 0.001...1_000_000_000) else {
            throw AppError.invalid(field: "quantity", rule: "required", LocalizedText(vi: "Hãy nhập số lượng.", en: "Enter the quantity."))
        }
        guard let unit = try form.choice("unit", from: Units.all.map(\.code)) else {
            throw AppError.invalid(field: "unit", rule: "required", LocalizedText(vi: "Hãy chọn đơn vị.", en: "Choose the unit."))
        }
        return .init(id: try entry(form), facilityID: try form.required("facility", maxBytes: 60), productID: try form.required("product", maxBytes: 60),
                     lotNumber: lot, time: time, quantity: quantity, unit: unit, expires: expires, bestBefore: bestBefore)
    }

    static func shipInput(_ form: Query) throws(AppError) -> ProducerWork.ShipInput {
        let destination = try form.required("destination", maxBytes: 40).trimmingCharacters(in: .whitespaces)
        guard destination.utf8.count == 13, destination.utf8.allSatisfy({ (48...57).contains($0) }), GS1.hasValidCheckDigit(destination) else {
            throw AppError.invalid(field: "destination", rule: "gln", LocalizedText(
                vi: "GLN bên nhận gồm 13 chữ số, chữ số cuối là số kiểm tra (đã nhận “\(destination)”).", en: "A GLN is 13 digits with a check digit."))
        }
        let sscc = try form.optional("sscc", maxBytes: 30)
        if let sscc, sscc.utf8.count != 18 || !sscc.utf8.allSatisfy({ (48...57).contains($0) }) || !GS1.hasValidCheckDigit(sscc) {
            throw AppError.invalid(field: "sscc", rule: "sscc", LocalizedText(
                vi: "SSCC gồm 18 chữ số, chữ số cuối là số kiểm tra.", en: "An SSCC is 18 digits with a check digit."))
        }
        guard let quantity = try form.decimal("quantity", in: 0.001...1_000_000_000) else {
            throw AppError.invalid(field: "quantity", rule: "required", LocalizedText(vi: "Hãy nhập số lượng giao.", en: "Enter the quantity."))
        }
        return .init(id: try entry(form), choice: try form.required("lot", maxBytes: 200), quantity: quantity,
                     destinationGLN: destination, sscc: sscc, time: try time(form))
    }

    /// An optional calendar date, "YYYY-MM-DD", that exists.
    static func date(_ form: Query, _ field: String) throws(AppError) -> String? {
        guard let raw = try form.optional(field, maxBytes: 10) else { return nil }
        guard raw.utf8.count == 10, let stamp = EPCISTimestamp(raw + "T00:00:00Z"), stamp.lexical.hasPrefix(raw) else {
            throw AppError.invalid(field: field, rule: "date", LocalizedText(vi: "Ngày không hợp lệ: “\(raw)”.", en: "Not a date: “\(raw)”."))
        }
        return raw
    }
}

extension WorkspaceController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        let work = services.work
        group.read(SiteURL.workspace.routePath) { request, context in try await home(request, context: context, work: work) }
        for kind in [ProducerForm.Kind.diary, .harvest, .pack, .ship] {
            group.read(kind.url.routePath) { request, context in try await page(kind, request, context: context, work: work) }
            group.post(kind.url.routePath) { request, context in try await submit(kind, request, context: context, work: work) }
        }
        group.read(SiteURL.workspaceServiceWorker.routePath) { _, _ in
            // Served under /san-xuat so it may control the workspace (and only it); always checked for a new version.
            Response(status: .ok, headers: [.contentType: Assets.producerWorker.contentType, .cacheControl: "no-cache",
                                            HTTPField.Name("Service-Worker-Allowed")!: SiteURL.workspace.path],
                     body: .init(byteBuffer: ByteBuffer(string: Assets.producerWorker.body)))
        }
        group.post(SiteURL.workspaceReceive.routePath) { request, context in try await receive(request, context: context, work: work) }
        group.read(SiteURL.workspaceLot("").routePath) { request, context in
            try await LotPage.response(request, context: context, work: work, id: context.parameters.require("id"))
        }
        group.read(SiteURL.workspaceLotLabels("").routePath) { request, context in
            try await LotLabels.response(request, context: context, services: services, id: context.parameters.require("id"))
        }
    }
}
