import EPCIS
import Foundation
import GS1
import NguonCore
import SQLKit

/// A recall: the lots it starts from, why and how, and when it reached each step. Its scope
/// (`RecallRepository.Holder`, `recall_items`) comes from the lots' forward trace.
package struct Recall: Sendable, Equatable, Codable {
    package var id: String
    package var code: String
    var title: String
    var reason: String
    var lots: [String]
    var mode: RecallMode
    var basis: RecallBasis
    var type: RecallType
    var sampleID: String?
    var provinceCode: String
    var communeCode: String?
    var openedAt: Int64
    var decidedAt: Int64?
    var closedAt: Int64?
    var reportedOn: CivilDate?
    var disposal: DisposalMethod?
    var disposalApprovedOn: CivilDate?
    var disposalDoneOn: CivilDate?
    var scopeAt: Int64?
    var truncated: Bool

    var area: AdminArea { AdminArea(province: provinceCode, commune: communeCode) }
    var isOpen: Bool { closedAt == nil }

    init(row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let mode = RecallMode(rawValue: try text("mode")), let basis = RecallBasis(rawValue: try text("basis")),
              let type = RecallType(rawValue: try text("type")) else { throw RecordError.damaged("recalls", try text("id")) }
        id = try text("id")
        code = try text("code")
        title = try text("title")
        reason = try text("reason")
        lots = try text("lots").split(separator: " ").map(String.init)
        (self.mode, self.basis, self.type) = (mode, basis, type)
        sampleID = try optional("sample_id")
        provinceCode = try text("province_code")
        communeCode = try optional("commune_code")
        openedAt = try row.decode(column: "opened_at", as: Int64.self)
        decidedAt = try row.decode(column: "decided_at", as: Int64?.self)
        closedAt = try row.decode(column: "closed_at", as: Int64?.self)
        reportedOn = try optional("reported_on").flatMap(CivilDate.init)
        disposal = try optional("disposal").flatMap(DisposalMethod.init(rawValue:))
        disposalApprovedOn = try optional("disposal_approved_on").flatMap(CivilDate.init)
        disposalDoneOn = try optional("disposal_done_on").flatMap(CivilDate.init)
        scopeAt = try row.decode(column: "scope_at", as: Int64?.self)
        truncated = try row.decode(column: "truncated", as: Bool.self)
    }

    init(id: String, code: String, input: RecallRepository.Input, area: AdminArea, openedAt: Int64) {
        (self.id, self.code, title, reason, lots) = (id, code, input.title, input.reason, input.lots)
        (mode, basis, type, sampleID) = (input.mode, input.basis, input.type, input.sampleID)
        (provinceCode, communeCode, self.openedAt) = (area.province, area.commune, openedAt)
        decidedAt = input.mode == .mandatory ? openedAt : nil
        truncated = false
    }

    /// The deadlines it has reached so far, each with whether it was met.
    struct Deadline: Sendable, Equatable {
        enum Due: Sendable, Equatable {
            /// A moment (the 24-hour deadlines), in milliseconds.
            case moment(Int64)
            case day(CivilDate)
        }

        let label: LocalizedText
        let due: Due
        /// Nil while it is still to come and not done.
        let met: Bool?
    }

    func deadlines(holders: [RecallRepository.Holder], now: Int64, today: CivilDate) -> [Deadline] {
        var deadlines: [Deadline] = []
        let noticeDue = RecallRules.noticeDue(openedAt: openedAt)
        let lastNotice = holders.compactMap(\.notifiedAt).max()
        let everyone = !holders.isEmpty && holders.allSatisfy { $0.notifiedAt != nil }
        deadlines.append(Deadline(label: LocalizedText(vi: "Thông báo đến mọi nơi nhận trong 24 giờ", en: "Notice to every holder within 24 hours"),
                                  due: .moment(noticeDue),
                                  met: everyone ? (lastNotice ?? 0) <= noticeDue : (now > noticeDue ? false : nil)))
        if mode == .mandatory {
            let due = RecallRules.decisionDue(openedAt: openedAt)
            deadlines.append(Deadline(label: LocalizedText(vi: "Quyết định thu hồi bắt buộc trong 24 giờ", en: "Mandatory recall decision within 24 hours"),
                                      due: .moment(due), met: decidedAt.map { $0 <= due }))
        }
        if let closedAt {
            let closedOn = CivilDate.vietnam(millis: closedAt)
            let reportDue = RecallRules.reportDue(closedOn: closedOn)
            deadlines.append(Deadline(label: LocalizedText(vi: "Báo cáo kết quả trong 3 ngày làm việc", en: "Report within 3 working days"),
                                      due: .day(reportDue), met: reportedOn.map { $0 <= reportDue } ?? (today > reportDue ? false : nil)))
            if let reportedOn {
                let approvalDue = RecallRules.disposalApprovalDue(reportOn: reportedOn)
                deadlines.append(Deadline(label: LocalizedText(vi: "Phê duyệt biện pháp xử lý trong 3 ngày làm việc", en: "Disposal approved within 3 working days"),
                                          due: .day(approvalDue),
                                          met: disposalApprovedOn.map { $0 <= approvalDue } ?? (today > approvalDue ? false : nil)))
            }
            if let approved = disposalApprovedOn {
                let doneDue = RecallRules.disposalDue(approvedOn: approved)
                deadlines.append(Deadline(label: LocalizedText(vi: "Hoàn thành xử lý trong 3 tháng", en: "Disposal done within 3 months"),
                                          due: .day(doneDue), met: disposalDoneOn.map { $0 <= doneDue } ?? (today > doneDue ? false : nil)))
            }
        }
        return deadlines
    }
}

/// Recalls, scoped by `Principal.scope(.inspections)` through the area of the officer who
/// opened them; their scope written whole from the trace, and announced so origin pages warn.
package struct RecallRepository: Sendable {
    let database: AppDatabase
    let epcis: EPCISRepository
    let changes: IdentifierChanges?

    package struct Input: Sendable, Equatable {
        var title: String
        var reason: String
        var lots: [String]
        var mode: RecallMode
        var basis: RecallBasis
        var type: RecallType
        var sampleID: String?
        /// The province or commune, for an account without a jurisdiction (the administrator).
        var unitCode: String?

        package init(title: String, reason: String, lots: [String], mode: RecallMode, basis: RecallBasis, type: RecallType, sampleID: String?,
                     unitCode: String? = nil) {
            (self.title, self.reason, self.lots, self.mode, self.basis, self.type, self.sampleID) = (title, reason, lots, mode, basis, type, sampleID)
            self.unitCode = unitCode
        }
    }

    /// A place holding recalled goods, and its progress.
    struct Holder: Sendable, Equatable {
        var location: String
        var name: String?
        var organisationID: String?
        var quantity: Double?
        var uom: String?
        var notifiedAt: Int64?
        var confirmedAt: Int64?
        var returned: Double?
    }

    /// A recall's scope as the trace gives it.
    struct Scope: Sendable {
        var items: [RecallScope.Holding]
        var holders: [Holder]
        var truncated: Bool
    }

    static let columns = ScopeColumns(province: "province_code", commune: "commune_code", organisation: nil)

    func list(for principal: Principal) async throws -> [(recall: Recall, holders: Int, confirmed: Int)] {
        try await database.sql.select().column(SQLRaw("r.*"))
            .column(SQLRaw("(SELECT COUNT(*) FROM recall_holders h WHERE h.recall_id = r.id) AS holders"))
            .column(SQLRaw("(SELECT COUNT(*) FROM recall_holders h WHERE h.recall_id = r.id AND h.confirmed_at IS NOT NULL) AS confirmed"))
            .from(SQLAlias(SQLIdentifier("recalls"), as: SQLIdentifier("r")))
            .scoped(to: principal, .inspections, .read,
                    columns: ScopeColumns(province: "r.province_code", commune: "r.commune_code", organisation: nil))
            .orderBy(SQLRaw("r.closed_at IS NULL"), SQLDirection.descending).orderBy(SQLRaw("r.opened_at"), SQLDirection.descending)
            .limit(500).all().map { row in
                (try Recall(row: row), try row.decode(column: "holders", as: Int.self), try row.decode(column: "confirmed", as: Int.self))
            }
    }

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> Recall {
        guard id.utf8.count <= 64, let row = try await database.sql.raw("SELECT * FROM recalls WHERE id = \(bind: id)").first() else {
            throw AccessDenied.notFound
        }
        let recall = try Recall(row: row)
        guard principal.reaches(.inspections, .read, area: recall.area, organisationID: nil) else { throw AccessDenied.notFound }
        guard mode == .read || principal.reaches(.inspections, .write, area: recall.area, organisationID: nil) else { throw AccessDenied.forbidden }
        return recall
    }

    /// The public notice of a recall, by its code: anyone may read it.
    func notice(code: String) async throws -> Recall? {
        guard code.utf8.count <= 40 else { return nil }
        return try await database.sql.raw("SELECT * FROM recalls WHERE code = \(bind: code)").first().map(Recall.init(row:))
    }

    func holders(of recallID: String) async throws -> [Holder] {
        try await Self.holders(of: recallID, on: database.sql)
    }

    static func holders(of recallID: String, on sql: any SQLDatabase) async throws -> [Holder] {
        try await sql.raw("SELECT * FROM recall_holders WHERE recall_id = \(bind: recallID) ORDER BY name, location").all().map { row in
            Holder(location: try row.decode(column: "location", as: String.self), name: try row.decode(column: "name", as: String?.self),
                   organisationID: try row.decode(column: "organisation_id", as: String?.self),
                   quantity: try row.decode(column: "quantity", as: Double?.self), uom: try row.decode(column: "uom", as: String?.self),
                   notifiedAt: try row.decode(column: "notified_at", as: Int64?.self),
                   confirmedAt: try row.decode(column: "confirmed_at", as: Int64?.self),
                   returned: try row.decode(column: "returned", as: Double?.self))
        }
    }

    /// Opens a recall in the acting officer's jurisdiction and stores its scope.
    package func open(_ input: Input, actor: Actor) async throws -> Recall {
        guard let principal = actor.principal, principal.can(.write, .inspections) else { throw AccessDenied.forbidden }
        // Placed where the failed sample was taken, else in the officer's own area; the
        // administrator, who has none, places it nationally ("00").
        var area = principal.jurisdiction
        if let sampleID = input.sampleID {
            guard let row = try await database.sql.raw("SELECT province_code, commune_code FROM samples WHERE id = \(bind: sampleID)").first() else {
                throw AccessDenied.notFound
            }
            let place = AdminArea(province: try row.decode(column: "province_code", as: String.self),
                                  commune: try row.decode(column: "commune_code", as: String?.self))
            guard principal.reaches(.inspections, .write, area: place, organisationID: nil) else { throw AccessDenied.notFound }
            area = place
        }
        // The administrator, who has no area of its own, says whose recall it is.
        if area == nil, let code = input.unitCode,
           let row = try await database.sql.raw("SELECT code, parent_code FROM admin_units WHERE code = \(bind: code)").first() {
            let parent = try row.decode(column: "parent_code", as: String?.self)
            area = parent.map { AdminArea(province: $0, commune: code) } ?? AdminArea(province: code)
        }
        guard let area else {
            throw AppError.invalid(field: "unit", rule: "required", LocalizedText(
                vi: "Ghi mã tỉnh hoặc xã của đợt thu hồi.", en: "Give the province or commune the recall belongs to."))
        }
        let now = Millis.now()
        let place = area
        let scope = try await scope(of: input.lots)
        let id = UUID().uuidString.lowercased()
        let year = CivilDate.vietnam(millis: now).year
        let recall = try await database.audited(actor) { sql -> (Recall, AuditRecord?) in
            // Codes follow each other within a year: TH-2026-0001.
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM recalls WHERE code LIKE \(bind: "TH-\(year)-%")").first()?
                .decode(column: "n", as: Int.self) ?? 0
            var recall = Recall(id: id, code: String(format: "TH-%d-%04d", year, count + 1), input: input, area: place, openedAt: now)
            recall.scopeAt = now
            recall.truncated = scope.truncated
            try await RegistryKeys.upsert("recalls", id: id, [
                ("code", SQLBind(recall.code)), ("title", SQLBind(recall.title)), ("reason", SQLBind(recall.reason)),
                ("lots", SQLBind(recall.lots.joined(separator: " "))), ("mode", SQLBind(recall.mode.rawValue)),
                ("basis", SQLBind(recall.basis.rawValue)), ("type", SQLBind(recall.type.rawValue)), ("sample_id", SQLBind(recall.sampleID)),
                ("province_code", SQLBind(recall.provinceCode)), ("commune_code", SQLBind(recall.communeCode)),
                ("opened_at", SQLBind(recall.openedAt)), ("decided_at", SQLBind(recall.decidedAt)), ("scope_at", SQLBind(now)),
                ("truncated", SQLBind(recall.truncated)), ("created_by", SQLBind(principal.id)), ("updated_at", SQLBind(now)),
            ], isNew: true, on: sql)
            try await Self.store(scope, of: id, keeping: [], on: sql)
            return (recall, AuditRecord(action: "recall.open", entityType: "recall", entityID: id, after: recall))
        }
        changes?.announce(Set(scope.items.map(\.id)).union(input.lots))
        return recall
    }

    /// Works the scope out again from the trace (new shipments since), keeping each holder's progress.
    package func recompute(_ id: String, actor: Actor) async throws {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let recall = try await find(id, for: principal, .write)
        guard recall.isOpen else {
            throw AppError.invalid(field: "scope", rule: "closed", LocalizedText(vi: "Đợt thu hồi đã kết thúc.", en: "The recall is closed."))
        }
        let scope = try await scope(of: recall.lots)
        try await database.audited(actor) { sql in
            // Progress is read inside the write: a holder confirmed meanwhile keeps its confirmation.
            let before = try await Self.holders(of: id, on: sql)
            try await Self.store(scope, of: id, keeping: before, on: sql)
            try await sql.raw("UPDATE recalls SET scope_at = \(bind: Millis.now()), truncated = \(bind: scope.truncated) WHERE id = \(bind: id)").run()
            return ((), AuditRecord(action: "recall.scope", entityType: "recall", entityID: id,
                                    after: ["identifiers": scope.items.count, "holders": scope.holders.count]))
        }
        changes?.announce(Set(scope.items.map(\.id)).union(recall.lots))
    }

    enum HolderStep: String { case notified, confirmed }

    /// Marks a holder notified or confirmed (with what it returned).
    func record(_ step: HolderStep, holder location: String, returned: Double?, recallID: String, actor: Actor) async throws {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let recall = try await find(recallID, for: principal, .write)
        guard recall.isOpen else {
            throw AppError.invalid(field: "holder", rule: "closed", LocalizedText(vi: "Đợt thu hồi đã kết thúc.", en: "The recall is closed."))
        }
        let now = Millis.now()
        try await database.audited(actor) { sql in
            guard let holder = try await Self.holders(of: recallID, on: sql).first(where: { $0.location == location }) else {
                throw AppError.invalid(field: "holder", rule: "in-scope", LocalizedText(vi: "Nơi này không có trong phạm vi thu hồi.", en: "Not a holder of this recall."))
            }
            if let returned, let quantity = holder.quantity, returned > quantity {
                throw AppError.invalid(field: "returned", rule: "at-most-held", LocalizedText(
                    vi: "Số lượng trả lại lớn hơn số nơi này nhận (\(Formatting.decimal(quantity)) \(holder.uom ?? "")).",
                    en: "More returned than this holder received (\(quantity))."))
            }
            // The first notice and confirmation stand; a confirmation is also a notice.
            var update = sql.update("recall_holders").set("notified_at", to: SQLBind(holder.notifiedAt ?? now))
            if step == .confirmed {
                update = update.set("confirmed_at", to: SQLBind(holder.confirmedAt ?? now)).set("returned", to: SQLBind(returned ?? holder.returned))
            }
            try await update.where("recall_id", .equal, SQLBind(recallID)).where("location", .equal, SQLBind(location)).run()
            return ((), AuditRecord(action: "recall." + step.rawValue, entityType: "recall", entityID: recallID,
                                    after: ["holder": location, "returned": returned.map { String($0) } ?? ""]))
        }
    }

    struct Closing: Sendable, Equatable {
        var reportedOn: CivilDate?
        var disposal: DisposalMethod?
        var disposalApprovedOn: CivilDate?
        var disposalDoneOn: CivilDate?
    }

    /// Ends the recall (once), and records its report and disposal as they come.
    func close(_ id: String, _ closing: Closing, actor: Actor) async throws {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let recall = try await find(id, for: principal, .write)
        // What is recorded stays: an empty field keeps it; a finished disposal is not changed.
        if recall.disposalDoneOn != nil, let disposal = closing.disposal, disposal != recall.disposal {
            throw AppError.invalid(field: "disposal", rule: "done", LocalizedText(
                vi: "Việc xử lý đã hoàn thành: không đổi biện pháp.", en: "The disposal is done: its method stays."))
        }
        let closing = Closing(reportedOn: closing.reportedOn ?? recall.reportedOn, disposal: closing.disposal ?? recall.disposal,
                              disposalApprovedOn: closing.disposalApprovedOn ?? recall.disposalApprovedOn,
                              disposalDoneOn: closing.disposalDoneOn ?? recall.disposalDoneOn)
        let now = Millis.now()
        let closedAt = recall.closedAt ?? now
        let closedOn = CivilDate.vietnam(millis: closedAt)
        if let reported = closing.reportedOn, reported < closedOn {
            throw AppError.invalid(field: "reportedOn", rule: "after-close", LocalizedText(
                vi: "Báo cáo kết quả không thể trước ngày kết thúc thu hồi (\(closedOn.vietnamese)).", en: "The report cannot predate the close."))
        }
        if let approved = closing.disposalApprovedOn, closing.disposal == nil || approved < (closing.reportedOn ?? closedOn) {
            throw AppError.invalid(field: "disposalApprovedOn", rule: "after-report", LocalizedText(
                vi: "Chọn biện pháp xử lý; ngày phê duyệt sau ngày báo cáo.", en: "Choose the disposal; approval follows the report."))
        }
        if let done = closing.disposalDoneOn, closing.disposalApprovedOn.map({ done < $0 }) ?? true {
            throw AppError.invalid(field: "disposalDoneOn", rule: "after-approval", LocalizedText(
                vi: "Ngày hoàn thành xử lý phải sau ngày phê duyệt.", en: "Disposal is done after its approval."))
        }
        try await database.audited(actor) { sql in
            try await sql.update("recalls").set("closed_at", to: SQLBind(closedAt))
                .set("reported_on", to: SQLBind(closing.reportedOn?.description)).set("disposal", to: SQLBind(closing.disposal?.rawValue))
                .set("disposal_approved_on", to: SQLBind(closing.disposalApprovedOn?.description))
                .set("disposal_done_on", to: SQLBind(closing.disposalDoneOn?.description)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(id)).run()
            return ((), AuditRecord(action: recall.isOpen ? "recall.close" : "recall.report", entityType: "recall", entityID: id,
                                    before: recall, after: ["closedAt": String(closedAt)]))
        }
        // The warning leaves the pages of everything it covered.
        let keys = try await database.sql.raw("SELECT key FROM recall_items WHERE recall_id = \(bind: id)").all()
            .map { try $0.decode(column: "key", as: String.self) }
        changes?.announce(Set(keys).union(recall.lots))
    }

    // MARK: scope

    /// The forward trace of each lot: everything made from it or carrying it, and the places
    /// holding them with the quantities the events state.
    func scope(of lots: [String]) async throws -> Scope {
        let walker = TraceWalker(maxDepth: 64, maxNodes: 50_000, maxEdges: 250_000)
        let source = RememberingEventSource(epcis)
        var items: [String: RecallScope.Holding] = [:]
        var order: [String] = []
        var sentTo: [String] = []
        var truncated = false
        for lot in lots {
            let graph = try await walker.trace(lot, direction: .forward, in: source)
            let scope = RecallScope(forward: graph)
            truncated = truncated || scope.truncated
            for holding in scope.identifiers where items[holding.id] == nil {
                items[holding.id] = holding
                order.append(holding.id)
            }
            sentTo += scope.locations
        }
        // Each place holding something: what was last seen there, summed per unit.
        var holders: [String: Holder] = [:]
        var places: [String] = []
        for id in order {
            guard let holding = items[id], let place = holding.lastLocation else { continue }
            if holders[place] == nil { places.append(place) }
            var holder = holders[place] ?? Holder(location: place)
            // Quantities add up per unit; a second unit at one place is left to the events' table.
            if let quantity = holding.quantity, holder.uom == nil || holder.uom == holding.uom {
                holder.quantity = (holder.quantity ?? 0) + quantity
                holder.uom = holding.uom
            }
            holders[place] = holder
        }
        for place in sentTo where holders[place] == nil {
            holders[place] = Holder(location: place)
            places.append(place)
        }
        let master = try await epcis.masterData(for: Set(places))
        let owners = try await GS1Holders.holders(of: places, on: database.sql)
        return Scope(items: order.compactMap { items[$0] },
                     holders: places.compactMap { place in
                         var holder = holders[place]
                         holder?.name = master[place]?.name
                         holder?.organisationID = owners[place]
                         return holder
                     },
                     truncated: truncated)
    }

    /// Writes the scope whole, a few hundred rows a statement, keeping the progress of holders
    /// that are still in it.
    private static func store(_ scope: Scope, of recallID: String, keeping before: [Holder], on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM recall_items WHERE recall_id = \(bind: recallID)").run()
        try await sql.raw("DELETE FROM recall_holders WHERE recall_id = \(bind: recallID)").run()
        for chunk in scope.items.chunked(into: 500) {
            var insert = sql.insert(into: "recall_items").columns("recall_id", "key", "kind", "quantity", "uom", "last_location")
            for item in chunk {
                insert = insert.values(SQLBind(recallID), SQLBind(item.id), SQLBind(item.kind.rawValue), SQLBind(item.quantity),
                                       SQLBind(item.uom), SQLBind(item.lastLocation))
            }
            try await insert.run()
        }
        let progress = Dictionary(before.map { ($0.location, $0) }, uniquingKeysWith: { a, _ in a })
        for chunk in scope.holders.chunked(into: 400) {
            var insert = sql.insert(into: "recall_holders")
                .columns("recall_id", "location", "name", "organisation_id", "quantity", "uom", "notified_at", "confirmed_at", "returned")
            for holder in chunk {
                let kept = progress[holder.location]
                insert = insert.values(SQLBind(recallID), SQLBind(holder.location), SQLBind(holder.name), SQLBind(holder.organisationID),
                                       SQLBind(holder.quantity), SQLBind(holder.uom), SQLBind(kept?.notifiedAt), SQLBind(kept?.confirmedAt),
                                       SQLBind(kept?.returned))
            }
            try await insert.run()
        }
    }
}

/// What an origin page says of an open recall of the scanned identifier.
struct RecallNotice: Sendable, Equatable {
    let code: String
    let title: String
    let reason: String
    let openedAt: Int64

    static func open(for key: String, database: AppDatabase) async throws -> RecallNotice? {
        try await database.reader.raw("""
            SELECT r.code, r.title, r.reason, r.opened_at FROM recall_items i JOIN recalls r ON r.id = i.recall_id
            WHERE i.key = \(bind: key) AND r.closed_at IS NULL ORDER BY r.opened_at DESC LIMIT 1
            """).first().map { row in
            RecallNotice(code: try row.decode(column: "code", as: String.self), title: try row.decode(column: "title", as: String.self),
                         reason: try row.decode(column: "reason", as: String.self), openedAt: try row.decode(column: "opened_at", as: Int64.self))
        }
    }
}
