import Foundation
import NguonCore
import SQLKit

/// A commitment (bản cam kết) signed by a facility that needs no food-safety certificate, with
/// the authority that received it, its end date if it has one, and the last check after signing.
struct Commitment: Sendable, Equatable, Codable {
    enum CheckResult: String, Sendable, CaseIterable, Codable {
        case pass, fail

        var label: LocalizedText {
            self == .pass ? LocalizedText(vi: "Đạt", en: "Pass") : LocalizedText(vi: "Không đạt", en: "Fail")
        }
    }

    var id: String
    var organisationID: String
    var facilityID: String
    var provinceCode: String
    var communeCode: String?
    var category: CommitmentCategory
    var receivedBy: String
    var signedOn: CivilDate
    var validUntil: CivilDate?
    var checkedOn: CivilDate?
    var checkResult: CheckResult?
    var checkNote: String?
    var documentID: String?

    func status(on day: CivilDate) -> CertificateStatus {
        FoodSafetyRules.commitmentStatus(signed: signedOn, validUntil: validUntil, on: day)
    }
}

extension Commitment {
    /// A row of `commitments` (`Certificate.init(row:)` says why it checks its codes).
    init(row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let category = CommitmentCategory(rawValue: try text("category")), let signed = CivilDate(try text("signed_on")) else {
            throw RecordError.damaged("commitments", try text("id"))
        }
        self.init(id: try text("id"), organisationID: try text("organisation_id"), facilityID: try text("facility_id"),
                  provinceCode: try text("province_code"), communeCode: try optional("commune_code"), category: category,
                  receivedBy: try text("received_by"), signedOn: signed, validUntil: try optional("valid_until").flatMap(CivilDate.init),
                  checkedOn: try optional("checked_on").flatMap(CivilDate.init),
                  checkResult: try optional("check_result").flatMap(CheckResult.init(rawValue:)), checkNote: try optional("check_note"),
                  documentID: try optional("document_id"))
    }
}

/// Commitments, scoped and audited as certificates are (`CertificateRepository`).
struct CommitmentRepository: Sendable {
    let database: AppDatabase
    let facilities: FacilityRepository
    var records: FacilityRecords { FacilityRecords(database: database, facilities: facilities, resource: .foodSafety, table: "commitments") }

    struct Input: Sendable, Equatable {
        var category: CommitmentCategory
        var receivedBy: String
        var signedOn: CivilDate
        var validUntil: CivilDate?
        var checkedOn: CivilDate?
        var checkResult: Commitment.CheckResult?
        var checkNote: String?
    }

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> Commitment {
        try Commitment(row: try await records.row(id, for: principal, mode))
    }

    func of(facility facilityID: String, for principal: Principal) async throws -> [Commitment] {
        try await records.of(facility: facilityID, for: principal, order: "signed_on").map(Commitment.init(row:))
    }

    /// Commitments in scope whose end date falls inside `range`, soonest first, with whose they are.
    func expiring(_ range: ClosedRange<CivilDate>, for principal: Principal, limit: Int) async throws -> [(Commitment, facility: String, organisation: String)] {
        try await records.select(for: principal)
            .where(SQLRaw("r.valid_until"), .greaterThanOrEqual, SQLBind(range.lowerBound.description))
            .where(SQLRaw("r.valid_until"), .lessThanOrEqual, SQLBind(range.upperBound.description))
            .orderBy(SQLRaw("r.valid_until"), SQLDirection.ascending).limit(limit).all()
            .map { row in (try Commitment(row: row), try row.decode(column: "facility_name", as: String.self),
                           try row.decode(column: "organisation_name", as: String.self)) }
    }

    func create(_ input: Input, facilityID: String, actor: Actor) async throws -> Commitment {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let facility = try await records.facilityForWriting(facilityID, by: principal)
        let commitment = try Self.commitment(input, id: UUID().uuidString.lowercased(), facility: facility, documentID: nil)
        try await save(commitment, before: nil, action: "commitment.create", actor: actor)
        return commitment
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Commitment {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        let facility = try await facilities.record(before.facilityID)
        let after = try Self.commitment(input, id: id, facility: facility, documentID: before.documentID)
        guard after != before else { return before }
        try await save(after, before: before, action: "commitment.update", actor: actor)
        return after
    }

    func attach(_ document: ScannedDocument, to id: String, actor: Actor) async throws -> Commitment {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        var after = before
        after.documentID = UUID().uuidString.lowercased()
        let documentID = after.documentID ?? ""
        try await save(after, before: before, action: "commitment.document", actor: actor) { sql in
            try await document.replace(owner: id, id: documentID, on: sql)
        }
        return after
    }

    private static func commitment(_ input: Input, id: String, facility: Facility, documentID: String?) throws(AppError) -> Commitment {
        if let until = input.validUntil, until <= input.signedOn {
            throw AppError.invalid(field: "validUntil", rule: "after-signing", LocalizedText(
                vi: "Ngày hết hiệu lực phải sau ngày ký.", en: "The end date must follow the signing."))
        }
        if let checked = input.checkedOn, checked < input.signedOn {
            throw AppError.invalid(field: "checkedOn", rule: "after-signing", LocalizedText(
                vi: "Kiểm tra sau cam kết không thể trước ngày ký.", en: "The check cannot predate the signing."))
        }
        if (input.checkedOn == nil) != (input.checkResult == nil) {
            throw AppError.invalid(field: input.checkedOn == nil ? "checkedOn" : "checkResult", rule: "pair", LocalizedText(
                vi: "Nhập cả ngày kiểm tra và kết quả, hoặc bỏ trống cả hai.", en: "Give both the check's date and its result, or neither."))
        }
        return Commitment(id: id, organisationID: facility.organisationID, facilityID: facility.id, provinceCode: facility.provinceCode,
                          communeCode: facility.communeCode, category: input.category, receivedBy: input.receivedBy,
                          signedOn: input.signedOn, validUntil: input.validUntil, checkedOn: input.checkedOn,
                          checkResult: input.checkResult, checkNote: input.checkNote, documentID: documentID)
    }

    private func save(_ commitment: Commitment, before: Commitment?, action: String, actor: Actor,
                      also: (@Sendable (any SQLDatabase) async throws -> Void)? = nil) async throws {
        try await database.audited(actor) { sql in
            let values: [(String, any SQLExpression)] = commitment.placement + [
                ("category", SQLBind(commitment.category.rawValue)), ("received_by", SQLBind(commitment.receivedBy)),
                ("signed_on", SQLBind(commitment.signedOn.description)), ("valid_until", SQLBind(commitment.validUntil?.description)),
                ("checked_on", SQLBind(commitment.checkedOn?.description)), ("check_result", SQLBind(commitment.checkResult?.rawValue)),
                ("check_note", SQLBind(commitment.checkNote)), ("document_id", SQLBind(commitment.documentID)),
                ("updated_at", SQLBind(Millis.now())),
            ]
            try await RegistryKeys.upsert("commitments", id: commitment.id, values, isNew: before == nil, on: sql)
            try await also?(sql)
            return ((), AuditRecord(action: action, entityType: "commitment", entityID: commitment.id, before: before, after: commitment))
        }
    }
}
