import Foundation
import NguonCore
import SQLKit

/// An inspection of one facility: who went, when and why, the checklist as walked, the result
/// (and, before Circular 17/2024, the A/B/C grade), the remediation deadline of a fixable
/// failure, and the inspection it re-checks. Photos and the signed record are its documents.
struct Inspection: Sendable, Equatable, Codable {
    /// One line of the checklist: the point checked, whether it met the rule, what was found.
    struct Item: Sendable, Equatable, Codable {
        var item: String
        var ok: Bool?
        var finding: String?
    }

    var id: String
    var planID: String?
    var organisationID: String
    var facilityID: String
    var provinceCode: String
    var communeCode: String?
    var kind: InspectionKind
    var inspectedOn: CivilDate
    var team: String
    var checklist: [Item]
    var result: InspectionResult
    var grade: FacilityGrade?
    var remediationDue: CivilDate?
    /// The failed inspection this one re-checks.
    var rechecks: String?
    var conclusion: String?

    /// The points an agricultural food facility is checked on (the headings of Circular
    /// 38/2018/TT-BNNPTNT's appraisal records, in our words); the officer edits them per visit.
    static let defaultChecklist = [
        "Địa điểm, môi trường xung quanh",
        "Nhà xưởng, kết cấu, bố trí khu vực sản xuất",
        "Trang thiết bị, dụng cụ tiếp xúc thực phẩm",
        "Nguồn nước, nước đá dùng trong sản xuất",
        "Nguyên liệu, phụ gia, hóa chất và việc bảo quản",
        "Người trực tiếp sản xuất: khám sức khỏe, kiến thức ATTP",
        "Vệ sinh, kiểm soát động vật gây hại, xử lý chất thải",
        "Bao gói, ghi nhãn, tự công bố sản phẩm",
        "Hồ sơ ghi chép, truy xuất nguồn gốc",
    ]

    init(id: String, planID: String?, facility: Facility, kind: InspectionKind, inspectedOn: CivilDate, team: String,
         checklist: [Item], result: InspectionResult, grade: FacilityGrade?, remediationDue: CivilDate?, rechecks: String?,
         conclusion: String?) {
        (self.id, self.planID, self.organisationID, self.facilityID) = (id, planID, facility.organisationID, facility.id)
        (self.provinceCode, self.communeCode) = (facility.provinceCode, facility.communeCode)
        (self.kind, self.inspectedOn, self.team, self.checklist) = (kind, inspectedOn, team, checklist)
        (self.result, self.grade, self.remediationDue, self.rechecks, self.conclusion) = (result, grade, remediationDue, rechecks, conclusion)
    }

    init(row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let kind = InspectionKind(rawValue: try text("kind")), let result = InspectionResult(rawValue: try text("result")),
              let day = CivilDate(try text("inspected_on")),
              let checklist = try? JSONDecoder().decode([Item].self, from: Data(try text("checklist").utf8)) else {
            throw RecordError.damaged("inspections", try text("id"))
        }
        id = try text("id")
        planID = try optional("plan_id")
        organisationID = try text("organisation_id")
        facilityID = try text("facility_id")
        provinceCode = try text("province_code")
        communeCode = try optional("commune_code")
        self.kind = kind
        inspectedOn = day
        team = try text("team")
        self.checklist = checklist
        self.result = result
        grade = try optional("grade").flatMap(FacilityGrade.init(rawValue:))
        remediationDue = try optional("remediation_due").flatMap(CivilDate.init)
        rechecks = try optional("rechecks")
        conclusion = try optional("conclusion")
    }
}

/// Inspections, scoped by `Principal.scope(.inspections)` through their facility's place, audited.
struct InspectionRepository: Sendable {
    let database: AppDatabase
    let facilities: FacilityRepository
    var records: FacilityRecords { FacilityRecords(database: database, facilities: facilities, resource: .inspections, table: "inspections") }

    struct Input: Sendable, Equatable {
        var kind: InspectionKind
        var inspectedOn: CivilDate
        var team: String
        var checklist: [Inspection.Item]
        var result: InspectionResult
        var grade: FacilityGrade?
        var remediationDue: CivilDate?
        var conclusion: String?
        var planID: String?
        var rechecks: String?
    }

    struct Listed: Sendable {
        let inspection: Inspection
        let facilityName: String
        let organisationName: String
        /// A failure whose remediation deadline passed with no re-check recorded.
        let overdue: Bool
    }

    struct Filter: Sendable, Equatable {
        var result: InspectionResult?
        var year: Int?
        var overdueOnly = false
        var planID: String?
        var limit = 100
        var offset = 0
    }

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> Inspection {
        try Inspection(row: try await records.row(id, for: principal, mode))
    }

    func of(facility facilityID: String, for principal: Principal) async throws -> [Inspection] {
        try await records.of(facility: facilityID, for: principal, order: "inspected_on").map(Inspection.init(row:))
    }

    func list(_ filter: Filter, for principal: Principal, today: CivilDate) async throws -> (rows: [Listed], total: Int) {
        // A re-check closes a failure whatever its own result; a failed re-check has its own deadline.
        let overdue: SQLQueryString = """
            (r.result = 'fail' AND r.remediation_due IS NOT NULL AND r.remediation_due < \(bind: today.description)
             AND NOT EXISTS (SELECT 1 FROM inspections x WHERE x.rechecks = r.id))
            """
        func select(count: Bool = false) throws -> SQLSelectBuilder {
            var query = count ? try records.select(for: principal, columns: ["COUNT(*) AS n"])
                : try records.select(for: principal).column(SQLAlias(overdue, as: SQLIdentifier("overdue")))
            if let result = filter.result { query = query.where(SQLRaw("r.result"), .equal, SQLBind(result.rawValue)) }
            if let year = filter.year {
                query = query.where(SQLRaw("r.inspected_on"), .greaterThanOrEqual, SQLBind("\(year)-01-01"))
                    .where(SQLRaw("r.inspected_on"), .lessThanOrEqual, SQLBind("\(year)-12-31"))
            }
            if let plan = filter.planID { query = query.where(SQLRaw("r.plan_id"), .equal, SQLBind(plan)) }
            if filter.overdueOnly { query = query.where(overdue) }
            return query
        }
        let total = try await select(count: true).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await select().orderBy(SQLRaw("r.inspected_on"), SQLDirection.descending).orderBy(SQLRaw("r.id"), SQLDirection.ascending)
            .limit(filter.limit).offset(filter.offset).all()
        return (try rows.map { row in
            Listed(inspection: try Inspection(row: row), facilityName: try row.decode(column: "facility_name", as: String.self),
                   organisationName: try row.decode(column: "organisation_name", as: String.self),
                   overdue: (try? row.decode(column: "overdue", as: Bool.self)) ?? ((try? row.decode(column: "overdue", as: Int.self)) == 1))
        }, total)
    }

    func create(_ input: Input, facilityID: String, actor: Actor) async throws -> Inspection {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let facility = try await records.facilityForWriting(facilityID, by: principal)
        if let rechecked = input.rechecks {
            let earlier = try await find(rechecked, for: principal)
            guard earlier.facilityID == facility.id, earlier.result == .fail, earlier.inspectedOn <= input.inspectedOn else {
                throw AppError.invalid(field: "rechecks", rule: "failed-earlier-here", LocalizedText(
                    vi: "Chỉ tái kiểm tra một lần kiểm tra không đạt trước đó của chính cơ sở này.",
                    en: "A re-check follows an earlier failed inspection of the same facility."))
            }
        }
        let inspection = try Self.inspection(input, id: UUID().uuidString.lowercased(), facility: facility)
        try await save(inspection, before: nil, action: "inspection.create", actor: actor)
        return inspection
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Inspection {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        var input = input
        (input.planID, input.rechecks) = (before.planID, before.rechecks)
        // An edit keeps what links inspections true: a re-check after what it re-checks, and a
        // failure that was re-checked stays a failure.
        if let earlier = before.rechecks, try await find(earlier, for: principal).inspectedOn > input.inspectedOn {
            throw AppError.invalid(field: "inspectedOn", rule: "after-rechecked", LocalizedText(
                vi: "Tái kiểm tra không thể trước lần kiểm tra nó tái kiểm tra.", en: "A re-check cannot predate what it re-checks."))
        }
        if input.result == .pass, before.result == .fail,
           try await database.sql.raw("SELECT id FROM inspections WHERE rechecks = \(bind: id)").first() != nil {
            throw AppError.invalid(field: "result", rule: "rechecked", LocalizedText(
                vi: "Lần kiểm tra này đã có tái kiểm tra: kết quả không đạt được giữ.", en: "This failure has a re-check: its result stays."))
        }
        let after = try Self.inspection(input, id: id, facility: try await facilities.record(before.facilityID))
        guard after != before else { return before }
        try await save(after, before: before, action: "inspection.update", actor: actor)
        return after
    }

    /// Adds a photo or a scanned record to the inspection.
    func attach(_ document: ScannedDocument, to id: String, actor: Actor) async throws {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let inspection = try await find(id, for: principal, .write)
        let documentID = UUID().uuidString.lowercased()
        try await database.audited(actor) { sql in
            // Counted inside the write, so uploads at once cannot pass the limit together.
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM food_safety_documents WHERE owner_id = \(bind: id)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            guard count < Self.maxDocuments else {
                throw AppError.invalid(field: "document", rule: "max-count", LocalizedText(
                    vi: "Mỗi biên bản kèm tối đa \(Self.maxDocuments) tệp.", en: "At most \(Self.maxDocuments) files per inspection."))
            }
            try await document.add(owner: id, id: documentID, on: sql)
            return ((), AuditRecord(action: "inspection.document", entityType: "inspection", entityID: inspection.id,
                                    after: ["document": documentID, "file": document.fileName]))
        }
    }

    static let maxDocuments = 20

    private static func inspection(_ input: Input, id: String, facility: Facility) throws(AppError) -> Inspection {
        let rules = FoodSafetyRules.inForce(on: input.inspectedOn)
        if let problem = rules.inspectionProblem(on: input.inspectedOn, result: input.result, grade: input.grade,
                                                 remediationDue: input.remediationDue) {
            let message: LocalizedText = switch problem.rule {
            case "grades-abolished": LocalizedText(
                vi: "Xếp loại A/B/C chỉ ghi cho biên bản trước \(FoodSafetyRules.book.first { !$0.gradesFacilities }?.effective.vietnamese ?? "") (\(rules.citation)); nay chỉ ghi Đạt hoặc Không đạt.",
                en: "A/B/C grades apply only to records dated before the rules that ended them; record pass or fail.")
            case "grade-mismatch": LocalizedText(vi: "Loại A, B là đạt; loại C là không đạt.", en: "Grades A and B pass; C fails.")
            case "pass-needs-none": LocalizedText(vi: "Kết quả đạt thì không có thời hạn khắc phục.", en: "A pass has no remediation deadline.")
            case "after-inspection": LocalizedText(vi: "Thời hạn khắc phục phải sau ngày kiểm tra.", en: "The deadline must follow the inspection.")
            default: LocalizedText(
                vi: "Thời hạn khắc phục tối đa \(rules.remediationMaxDays) ngày, tức chậm nhất \(rules.latestRemediation(found: input.inspectedOn).vietnamese).",
                en: "At most \(rules.remediationMaxDays) days to remedy: by \(rules.latestRemediation(found: input.inspectedOn)) at the latest.")
            }
            throw AppError.invalid(field: problem.field, rule: problem.rule, message)
        }
        return Inspection(id: id, planID: input.planID, facility: facility, kind: input.kind, inspectedOn: input.inspectedOn,
                          team: input.team, checklist: input.checklist, result: input.result, grade: input.grade,
                          remediationDue: input.remediationDue, rechecks: input.rechecks, conclusion: input.conclusion)
    }

    private func save(_ inspection: Inspection, before: Inspection?, action: String, actor: Actor) async throws {
        try await database.audited(actor) { sql in
            let checklist = String(decoding: try JSONEncoder().encode(inspection.checklist), as: UTF8.self)
            let values: [(String, any SQLExpression)] = inspection.placement + [
                ("plan_id", SQLBind(inspection.planID)), ("kind", SQLBind(inspection.kind.rawValue)),
                ("inspected_on", SQLBind(inspection.inspectedOn.description)), ("team", SQLBind(inspection.team)),
                ("checklist", SQLBind(checklist)), ("result", SQLBind(inspection.result.rawValue)),
                ("grade", SQLBind(inspection.grade?.rawValue)), ("remediation_due", SQLBind(inspection.remediationDue?.description)),
                ("rechecks", SQLBind(inspection.rechecks)), ("conclusion", SQLBind(inspection.conclusion)),
                ("updated_at", SQLBind(Millis.now())),
            ]
            try await RegistryKeys.upsert("inspections", id: inspection.id, values, isNew: before == nil, on: sql)
            return ((), AuditRecord(action: action, entityType: "inspection", entityID: inspection.id, before: before, after: inspection))
        }
    }
}
