import Foundation
import Hummingbird
import NguonCore
import SQLKit

/// `/quan-tri/nhat-ky`: the audit log for administrators and auditors, filtered, paged from
/// the newest entry (`AuditLogList`), and exported as CSV.
enum AuditController {
    static func filter(_ query: Query) throws(AppError) -> AuditLog.Filter {
        var filter = AuditLog.Filter()
        filter.actorID = try query.text("actor", required: false, maxBytes: 100)
        filter.entityType = try query.text("entityType", required: false, maxBytes: 50)
        filter.entityID = try query.text("entityID", required: false, maxBytes: 100)
        filter.action = try query.choice("action", from: AuditLog.actions.map(\.code))
        filter.from = try day(query, "from", offset: 0)
        filter.until = try day(query, "until", offset: 86_400_000)
        filter.before = try query.integer("before", in: 1...Int.max).map(Int64.init)
        return filter
    }

    /// A date (YYYY-MM-DD, Vietnam time) as the start of that day, plus `offset` ms.
    private static func day(_ query: Query, _ name: String, offset: Int64) throws(AppError) -> Int64? {
        guard let text = try query.text(name, required: false, maxBytes: 10) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (2000...2100).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else {
            throw AppError.invalid(field: name, rule: "date", LocalizedText(vi: "Ngày phải có dạng NNNN-TT-NN.", en: "A date is YYYY-MM-DD."))
        }
        var components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        components.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = components.timeZone!
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == parts[2] else {
            throw AppError.invalid(field: name, rule: "date", LocalizedText(vi: "Ngày không có thật.", en: "No such date."))
        }
        return Int64(date.timeIntervalSince1970 * 1000) + offset
    }

    static func list(_ request: Request, context: AppRequestContext, database: AppDatabase) async throws -> Response {
        let principal = try context.acting
        let query = try Query(request.uri.query, form: true)
        let model = try await AuditLogList.Model.query(filter(query), parameters: query.values, principal: principal, database: database)
        return try AuditLogList.View(model: model, form: context.form(model.parameters)).response(request, context: context)
    }

    /// The filtered log as CSV (UTF-8 with BOM so spreadsheet programs read the accents), at
    /// most 100,000 rows, streamed a page at a time so memory stays flat however long the log.
    static func export(_ request: Request, context: AppRequestContext, database: AppDatabase) async throws -> Response {
        let principal = try context.acting
        var filter = try filter(await Form.read(request, context: context))
        filter.before = nil
        filter.limit = 2_000
        let recorded = filter
        try await database.audited(context.actor) { _ in
            ((), AuditRecord(action: "audit.export", entityType: "audit_log", entityID: nil, after: recorded))
        }
        let body = ResponseBody { [filter] writer in
            var filter = filter
            try await writer.write(ByteBuffer(string:
                "\u{FEFF}sequence,at_utc_ms,actor_id,actor_name,address,action,entity_type,entity_id,before,after,previous_hash,hash\r\n"))
            var rows = 0
            while rows < 100_000 {
                let page = try await AuditLog.list(filter, for: principal, on: database.reader)
                var chunk = ""
                for e in page {
                    chunk += [String(e.sequence), String(e.at), e.actorID ?? "", e.actorName, e.address ?? "", e.action, e.entityType,
                              e.entityID ?? "", e.before ?? "", e.after ?? "", e.previousHash, e.hash].map(CSV.field).joined(separator: ",") + "\r\n"
                }
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                rows += page.count
                guard page.count == filter.limit, let last = page.last else { break }
                filter.before = last.sequence
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"nguon-nhat-ky.csv\"",
        ], body: body)
    }
}

extension AuditController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, database: AppDatabase) {
        group.read(SiteURL.auditLog.routePath) { request, context in try await list(request, context: context, database: database) }
        group.post(SiteURL.auditLogExport.routePath) { request, context in try await export(request, context: context, database: database) }
    }
}
