import Foundation
import Hummingbird
import NguonCore
import Sheets

/// Recalls: open one from its lots (or a failed sample), see its scope and deadlines, mark each
/// holder's progress, close it with its report and disposal, export its tracking events; and the
/// public notice anyone may read. Officers and inspectors write in their jurisdiction.
enum RecallsController {
    static func list(_ request: Request, context: AppRequestContext, services: AppServices,
                     form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let sampleID = try Query(request.uri.query, form: true).optional("mau", maxBytes: 64) ?? form?["sample"]
        let principal = try context.acting
        let model = try await services.listing {
            try await RecallList.Model.query(sampleID: sampleID, principal: principal, recalls: services.recalls, samples: services.samples)
        }
        return try RecallList.View(model: model, form: context.form(form ?? RecallList.values(sample: model.sample), error: error))
            .response(request, context: context)
    }

    static func open(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let input = try input(form)
            // A trace of every lot: bounded like the other heavy work.
            let recall = try await services.listing { try await services.recalls.open(input, actor: context.actor) }
            return AccountController.redirect(SiteURL.recall(recall.id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await list(request, context: context, services: services, form: form.values, error: error)
        }
    }

    static func input(_ form: Query) throws(AppError) -> RecallRepository.Input {
        var lots: [String] = []
        for line in (try form.optional("lots", maxBytes: 20_000) ?? "").split(whereSeparator: \.isNewline) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            do throws(AppError) {
                // A lot (GTIN and lot number) or a serialised item: a recall names goods, not a
                // whole product line or a place.
                let key = try TraceController.key(for: text)
                guard key.hasPrefix("https://id.gs1.org/01/"), key.contains("/10/") || key.contains("/21/"),
                      !key.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else { throw AppError.notFound() }
                lots.append(key)
            } catch {
                throw AppError.invalid(field: "lots", rule: "identifier", LocalizedText(
                    vi: "“\(text.prefix(80))” không phải mã lô hàng GS1 (GTIN kèm số lô: Digital Link hoặc (01)…(10)…).",
                    en: "“\(text.prefix(80))” is not a GS1 lot identifier."))
            }
        }
        guard !lots.isEmpty, lots.count <= 50 else {
            throw AppError.invalid(field: "lots", rule: "count", LocalizedText(
                vi: "Ghi từ 1 đến 50 lô hàng, mỗi dòng một mã.", en: "Give 1 to 50 lots, one per line."))
        }
        guard let mode = RecallMode(rawValue: form["mode"] ?? ""), let basis = RecallBasis(rawValue: form["basis"] ?? ""),
              let type = RecallType(rawValue: form["type"] ?? "") else {
            throw AppError.invalid(field: "mode", rule: "one-of", LocalizedText(
                vi: "Chọn hình thức, căn cứ và loại thông báo.", en: "Choose the mode, basis and type."))
        }
        let reason = try form.requiredText("reason", maxBytes: 5_000)
        return .init(title: try form.requiredText("title", maxBytes: 300), reason: reason,
                     lots: Array(Set(lots)).sorted(), mode: mode, basis: basis, type: type, sampleID: try form.optional("sample", maxBytes: 64),
                     unitCode: try form.optional("unit", maxBytes: 5))
    }

    static func page(_ request: Request, context: AppRequestContext, services: AppServices, id: String, error: AppError? = nil,
                     form: [String: String]? = nil) async throws -> Response {
        let model = try await RecallPage.Model.query(id: id, principal: context.acting, recalls: services.recalls)
        let values = form ?? ["reportedOn": model.recall.reportedOn?.description ?? "", "disposal": model.recall.disposal?.rawValue ?? "",
                              "disposalApprovedOn": model.recall.disposalApprovedOn?.description ?? "",
                              "disposalDoneOn": model.recall.disposalDoneOn?.description ?? ""]
        let saved = try Query(request.uri.query, form: true)["done"] == "1"
        return try RecallPage.View(model: model, form: context.form(values, error: error), saved: saved).response(request, context: context)
    }

    static func holder(_ request: Request, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            guard let step = RecallRepository.HolderStep(rawValue: form["step"] ?? "") else {
                throw AppError.invalid(field: "step", rule: "one-of", LocalizedText(vi: "Bước không hợp lệ.", en: "Unknown step."))
            }
            try await services.recalls.record(step, holder: try form.required("holder", maxBytes: 1_000),
                                              returned: try form.decimal("returned", in: 0...1_000_000_000), recallID: id, actor: context.actor)
            return AccountController.redirect(SiteURL.recall(id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, id: id, error: error)
        }
    }

    static func recompute(_ request: Request, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        _ = try await Form.read(request, context: context)
        try await services.listing { try await services.recalls.recompute(id, actor: context.actor) }
        return AccountController.redirect(SiteURL.recall(id).url([("done", "1")]))
    }

    static func close(_ request: Request, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let disposal = try form.choice("disposal", from: DisposalMethod.allCases.map(\.rawValue)).flatMap(DisposalMethod.init(rawValue:))
            try await services.recalls.close(id, .init(reportedOn: try form.pastDate("reportedOn"), disposal: disposal,
                                                       disposalApprovedOn: try form.pastDate("disposalApprovedOn"),
                                                       disposalDoneOn: try form.pastDate("disposalDoneOn")), actor: context.actor)
            return AccountController.redirect(SiteURL.recall(id).url([("done", "1")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await page(request, context: context, services: services, id: id, error: error, form: form.values)
        }
    }

    /// One row per tracking event of the recalled lots' forward trace, with its key data
    /// (what, how much, where, when, from and to, the event): what US FSMA 204 asks for within
    /// 24 hours, sortable in a spreadsheet.
    static func export(context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let recall = try await services.recalls.find(id, for: context.acting)
        return try await services.exporting {
            var rows: [[Cell]] = [["Thời gian", "Bước", "Loại sự kiện", "Mã hàng (lô)", "Số lượng", "Đơn vị", "Từ", "Đến", "Nơi", "Sự kiện"].map(Cell.text)]
            let walker = TraceWalker(maxDepth: 64, maxNodes: 50_000, maxEdges: 250_000)
            let source = RememberingEventSource(services.epcis)
            var seen = Set<String>()
            for lot in recall.lots {
                let graph = try await walker.trace(lot, direction: .forward, in: source)
                for edge in graph.edges.sorted(by: { ($0.time, $0.event) < ($1.time, $1.event) }) {
                    let id = "\(edge.event)|\(edge.from)|\(edge.to)|\(edge.relation.rawValue)"
                    guard seen.insert(id).inserted else { continue }
                    let place = edge.relation == .locatedAt ? edge.to : ""
                    let (from, to) = edge.relation == .locatedAt ? ("", "") : (edge.from, edge.to)
                    rows.append([.text(Formatting.dateTime(millis: edge.time, .vi)), .text(edge.bizStep ?? edge.relation.rawValue),
                                 .text(edge.eventType.rawValue), .text(edge.relation == .locatedAt ? edge.from : edge.to),
                                 edge.quantity.map { Cell.number($0) } ?? .empty, edge.uom.map(Cell.text) ?? .empty,
                                 from.isEmpty ? .empty : .text(from), to.isEmpty ? .empty : .text(to),
                                 place.isEmpty ? .empty : .text(place), .text(edge.event)])
                }
            }
            return try await SheetDownload.response(Sheet(name: recall.code, rows: rows), format: "xlsx", name: "thu-hoi-" + recall.code,
                                                    services: services)
        }
    }

    /// The public notice: anyone may read it, as anyone may scan the recalled pack.
    static func notice(_ request: Request, context: AppRequestContext, services: AppServices, code: String) async throws -> Response {
        guard let recall = try await services.recalls.notice(code: code) else { throw AppError.notFound() }
        let holders = try await services.recalls.holders(of: recall.id).count
        return try HTMLResponse(html: RecallNoticePage.render(recall, holders: holders, language: context.language), cacheControl: "no-cache")
            .response(from: request, context: context)
    }
}

extension RecallsController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.recalls.routePath) { request, context in try await list(request, context: context, services: services) }
        group.post(SiteURL.recalls.routePath) { request, context in try await open(request, context: context, services: services) }
        group.read(SiteURL.recall("").routePath) { request, context in
            try await page(request, context: context, services: services, id: context.parameters.require("id"))
        }
        group.post(SiteURL.recallHolder("").routePath) { request, context in
            try await holder(request, context: context, services: services, id: context.parameters.require("id"))
        }
        group.post(SiteURL.recallScope("").routePath) { request, context in
            try await recompute(request, context: context, services: services, id: context.parameters.require("id"))
        }
        group.post(SiteURL.recallClose("").routePath) { request, context in
            try await close(request, context: context, services: services, id: context.parameters.require("id"))
        }
        group.read(SiteURL.recallExport("").routePath) { _, context in
            try await export(context: context, services: services, id: context.parameters.require("id"))
        }
    }

    static func addPublicRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.recallNotice("").routePath) { request, context in
            try await notice(request, context: context, services: services, code: context.parameters.require("code"))
        }
    }
}
