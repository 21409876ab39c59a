import Foundation
import NguonCore
import SQLKit

/// A certificate of one facility: food-safety eligibility, GAP, HACCP and the like, with its
/// number, issuer, dates and the scanned paper. Where it stands on a day (`status(on:)`) comes
/// from `FoodSafetyRules`, never from a stored column, so it is right on the day it is read.
struct Certificate: Sendable, Equatable, Codable {
    var id: String
    var organisationID: String
    var facilityID: String
    var provinceCode: String
    var communeCode: String?
    var kind: CertificateKind
    var number: String
    var issuer: String
    /// Space-separated ids of the products it names; empty when it covers the whole facility.
    var products: String
    var scopeNote: String?
    var issuedOn: CivilDate
    var expiresOn: CivilDate?
    var state: CertificateState
    var stateOn: CivilDate?
    var stateReason: String?
    var documentID: String?

    var productIDs: [String] { products.split(separator: " ").map(String.init) }

    func status(on day: CivilDate) -> CertificateStatus {
        FoodSafetyRules.status(kind: kind, state: state, issued: issuedOn, expiry: expiresOn, on: day)
    }

    init(id: String, organisationID: String, facilityID: String, provinceCode: String, communeCode: String?, kind: CertificateKind,
         number: String, issuer: String, products: String, scopeNote: String?, issuedOn: CivilDate, expiresOn: CivilDate?,
         state: CertificateState, stateOn: CivilDate?, stateReason: String?, documentID: String?) {
        (self.id, self.organisationID, self.facilityID, self.provinceCode, self.communeCode) = (id, organisationID, facilityID, provinceCode, communeCode)
        (self.kind, self.number, self.issuer, self.products, self.scopeNote) = (kind, number, issuer, products, scopeNote)
        (self.issuedOn, self.expiresOn, self.state, self.stateOn, self.stateReason, self.documentID) = (issuedOn, expiresOn, state, stateOn, stateReason, documentID)
    }

    /// A row of `certificates`. Dates and codes are text there; one the code does not know is a
    /// damaged row, refused rather than read as something else.
    init(row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let kind = CertificateKind(rawValue: try text("kind")), let state = CertificateState(rawValue: try text("state")),
              let issued = CivilDate(try text("issued_on")) else { throw RecordError.damaged("certificates", try text("id")) }
        self.init(id: try text("id"), organisationID: try text("organisation_id"), facilityID: try text("facility_id"),
                  provinceCode: try text("province_code"), communeCode: try optional("commune_code"), kind: kind, number: try text("number"),
                  issuer: try text("issuer"), products: try text("products"), scopeNote: try optional("scope_note"), issuedOn: issued,
                  expiresOn: try optional("expires_on").flatMap(CivilDate.init), state: state,
                  stateOn: try optional("state_on").flatMap(CivilDate.init), stateReason: try optional("state_reason"),
                  documentID: try optional("document_id"))
    }

    /// For a food-safety certificate: the day its renewal file is due from.
    var renewalOpens: CivilDate? {
        kind == .foodSafety ? warnFrom : nil
    }

    /// The first day it counts as expiring, by the rules of its issue date.
    var warnFrom: CivilDate? {
        expiresOn.map { FoodSafetyRules.warnFrom(kind: kind, issued: issuedOn, expiry: $0) }
    }
}

/// Certificates, reached through `Principal.scope(.foodSafety)` by their facility's place or
/// their organisation. Every change is audited and rewrites the facility's master data, so its
/// lots' origin pages show the certificates in force.
struct CertificateRepository: Sendable {
    let database: AppDatabase
    let facilities: FacilityRepository
    var records: FacilityRecords { FacilityRecords(database: database, facilities: facilities, resource: .foodSafety, table: "certificates") }

    struct Input: Sendable, Equatable {
        var kind: CertificateKind
        var number: String
        var issuer: String
        var productIDs: [String]
        var scopeNote: String?
        var issuedOn: CivilDate
        /// Nil for a food-safety certificate: its expiry follows from the law.
        var expiresOn: CivilDate?
    }

    /// What a list shows of a certificate: the record and whose it is.
    struct Listed: Sendable {
        let certificate: Certificate
        let facilityName: String
        let organisationName: String
    }

    struct Filter: Sendable, Equatable {
        var kind: CertificateKind?
        var status: CertificateStatus?
        var facilityID: String?
        /// Certificates in force (not suspended or revoked) expiring inside the range: the reminders.
        var expiring: ClosedRange<CivilDate>?
        var limit = 100
        var offset = 0
    }

    func list(_ filter: Filter, for principal: Principal, today: CivilDate) async throws -> (rows: [Listed], total: Int) {
        func select(_ columns: [String]? = nil) throws -> SQLSelectBuilder {
            var query = try columns.map { try records.select(for: principal, columns: $0) } ?? records.select(for: principal)
            if let kind = filter.kind { query = query.where(SQLRaw("r.kind"), .equal, SQLBind(kind.rawValue)) }
            if let facility = filter.facilityID { query = query.where(SQLRaw("r.facility_id"), .equal, SQLBind(facility)) }
            if let status = filter.status { query = Self.where(status, today: today, query) }
            if let range = filter.expiring {
                query = query.where(SQLRaw("r.state = 'issued'"))
                    .where(SQLRaw("r.expires_on"), .greaterThanOrEqual, SQLBind(range.lowerBound.description))
                    .where(SQLRaw("r.expires_on"), .lessThanOrEqual, SQLBind(range.upperBound.description))
            }
            return query
        }
        let total = try await select(["COUNT(*) AS n"]).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await select()
            .orderBy(SQLRaw("r.expires_on IS NULL"), SQLDirection.ascending).orderBy(SQLRaw("r.expires_on"), SQLDirection.ascending)
            .orderBy(SQLRaw("r.id"), SQLDirection.ascending)
            .limit(filter.limit).offset(filter.offset).all()
        return (try rows.map { row in
            Listed(certificate: try Certificate(row: row), facilityName: try row.decode(column: "facility_name", as: String.self),
                   organisationName: try row.decode(column: "organisation_name", as: String.self))
        }, total)
    }

    /// The rows in `status` on `today`, as SQL over the stored dates (`warnFrom` is computed by
    /// the rules when the certificate is saved, so the list and `status(on:)` agree to the day).
    private static func `where`(_ status: CertificateStatus, today: CivilDate, _ query: SQLSelectBuilder) -> SQLSelectBuilder {
        let day = today.description
        let issued = SQLRaw("r.state = 'issued'")
        switch status {
        case .revoked, .suspended:
            return query.where(SQLRaw("r.state"), .equal, SQLBind(status.rawValue))
        case .expired:
            return query.where(issued).where(SQLRaw("r.expires_on"), .lessThan, SQLBind(day))
        case .expiring:
            return query.where(issued).where(SQLRaw("r.expires_on"), .greaterThanOrEqual, SQLBind(day))
                .where(SQLRaw("r.warn_from"), .lessThanOrEqual, SQLBind(day))
        case .valid:
            let later: SQLQueryString = "(r.expires_on IS NULL OR r.warn_from > \(bind: day))"
            return query.where(issued).where(later)
        }
    }

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> Certificate {
        try Certificate(row: try await records.row(id, for: principal, mode))
    }

    func create(_ input: Input, facilityID: String, actor: Actor) async throws -> Certificate {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let facility = try await records.facilityForWriting(facilityID, by: principal)
        let certificate = try await certificate(from: input, id: UUID().uuidString.lowercased(), facility: facility, keeping: nil)
        try await save(certificate, before: nil, action: "certificate.create", actor: actor)
        return certificate
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Certificate {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        let (facility, _) = try await facilities.find(before.facilityID, for: principal)
        let after = try await certificate(from: input, id: id, facility: facility, keeping: before)
        if let decided = before.stateOn, after.issuedOn > decided {
            throw AppError.invalid(field: "issuedOn", rule: "before-decision", LocalizedText(
                vi: "Ngày cấp không thể sau ngày quyết định đình chỉ, thu hồi (\(decided.vietnamese)).", en: "The issue cannot follow the suspension or revocation."))
        }
        guard after != before else { return before }
        try await save(after, before: before, action: "certificate.update", actor: actor)
        return after
    }

    /// Suspends, revokes or reinstates a certificate, on a day and for a reason.
    func setState(_ id: String, _ state: CertificateState, on day: CivilDate, reason: String?, actor: Actor) async throws -> Certificate {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        // Revocation ends a certificate: the facility applies again for a new one.
        guard before.state != .revoked || state == .revoked else {
            throw AppError.invalid(field: "state", rule: "revoked-final", LocalizedText(
                vi: "Giấy chứng nhận đã bị thu hồi: cơ sở phải làm hồ sơ cấp mới.", en: "A revoked certificate stays revoked: the facility applies anew."))
        }
        guard day >= before.issuedOn else {
            throw AppError.invalid(field: "stateOn", rule: "before-issue", LocalizedText(
                vi: "Ngày quyết định không thể trước ngày cấp (\(before.issuedOn.vietnamese)).",
                en: "The decision cannot predate the issue (\(before.issuedOn))."))
        }
        var after = before
        after.state = state
        after.stateOn = state == .issued ? nil : day
        after.stateReason = state == .issued ? nil : reason
        guard after != before else { return before }
        try await save(after, before: before, action: "certificate." + (state == .issued ? "reinstate" : state.rawValue), actor: actor)
        return after
    }

    /// Stores the scanned paper (already checked by `ScannedDocument`) and links it.
    func attach(_ document: ScannedDocument, to id: String, actor: Actor) async throws -> Certificate {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        var after = before
        after.documentID = UUID().uuidString.lowercased()
        let documentID = after.documentID ?? ""
        try await save(after, before: before, action: "certificate.document", actor: actor) { sql in
            try await document.replace(owner: id, id: documentID, on: sql)
        }
        return after
    }

    /// The certificates of a facility (all states), newest first, for its page.
    func of(facility facilityID: String, for principal: Principal) async throws -> [Certificate] {
        try await records.of(facility: facilityID, for: principal, order: "issued_on").map(Certificate.init(row:))
    }

    private func certificate(from input: Input, id: String, facility: Facility, keeping before: Certificate?) async throws -> Certificate {
        let rules = FoodSafetyRules.inForce(on: input.issuedOn)
        let expiry = input.kind == .foodSafety ? (input.expiresOn ?? rules.certificateExpiry(issued: input.issuedOn)) : input.expiresOn
        if let expiry, let problem = rules.expiryProblem(kind: input.kind, issued: input.issuedOn, expiry: expiry) {
            let legal = rules.certificateExpiry(issued: input.issuedOn)
            throw AppError.invalid(field: "expiresOn", rule: problem, problem == "before-issue"
                ? LocalizedText(vi: "Ngày hết hạn phải sau ngày cấp.", en: "The expiry must follow the issue date.")
                : LocalizedText(vi: "Giấy chứng nhận ATTP có hiệu lực \(rules.certificateValidityMonths / 12) năm (\(rules.citation)): cấp ngày \(input.issuedOn.vietnamese) thì hết hạn chậm nhất ngày \(legal.vietnamese).",
                                en: "A food-safety certificate is valid \(rules.certificateValidityMonths / 12) years (\(rules.citation)): issued \(input.issuedOn), it expires by \(legal) at the latest."))
        }
        // Products named must be the facility's organisation's own.
        if !input.productIDs.isEmpty {
            let known = try await database.sql.select().column("id").from("products")
                .where("organisation_id", .equal, SQLBind(facility.organisationID))
                .where("id", .in, SQLBind.group(input.productIDs)).all()
                .map { try $0.decode(column: "id", as: String.self) }
            guard Set(known) == Set(input.productIDs) else {
                throw AppError.invalid(field: "products", rule: "own-products", LocalizedText(
                    vi: "Chỉ chọn sản phẩm của tổ chức sở hữu cơ sở này.", en: "Choose only products of the facility's organisation."))
            }
        }
        return Certificate(id: id, organisationID: facility.organisationID, facilityID: facility.id, provinceCode: facility.provinceCode,
                           communeCode: facility.communeCode, kind: input.kind, number: input.number, issuer: input.issuer,
                           products: input.productIDs.joined(separator: " "), scopeNote: input.scopeNote, issuedOn: input.issuedOn,
                           expiresOn: expiry, state: before?.state ?? .issued, stateOn: before?.stateOn, stateReason: before?.stateReason,
                           documentID: before?.documentID)
    }

    private func save(_ certificate: Certificate, before: Certificate?, action: String, actor: Actor,
                      also: (@Sendable (any SQLDatabase) async throws -> Void)? = nil) async throws {
        let facility = try await facilities.record(certificate.facilityID)
        let units = try await facilities.units(of: facility)
        try await database.audited(actor) { sql in
            let clash = try await sql.raw("""
                SELECT id FROM certificates WHERE kind = \(bind: certificate.kind.rawValue) AND issuer = \(bind: certificate.issuer)
                AND number = \(bind: certificate.number) AND id <> \(bind: certificate.id)
                """).first()
            guard clash == nil else {
                throw AppError.invalid(field: "number", rule: "unique", LocalizedText(
                    vi: "\(certificate.issuer) đã có giấy chứng nhận \(certificate.kind.shortName) số \(certificate.number) trong hệ thống.",
                    en: "\(certificate.issuer) already has a \(certificate.kind.englishName) numbered \(certificate.number) here."))
            }
            let values: [(String, any SQLExpression)] = certificate.placement + [
                ("kind", SQLBind(certificate.kind.rawValue)), ("number", SQLBind(certificate.number)), ("issuer", SQLBind(certificate.issuer)),
                ("products", SQLBind(certificate.products)), ("scope_note", SQLBind(certificate.scopeNote)),
                ("issued_on", SQLBind(certificate.issuedOn.description)), ("expires_on", SQLBind(certificate.expiresOn?.description)),
                ("warn_from", SQLBind(certificate.warnFrom?.description)),
                ("state", SQLBind(certificate.state.rawValue)), ("state_on", SQLBind(certificate.stateOn?.description)),
                ("state_reason", SQLBind(certificate.stateReason)), ("document_id", SQLBind(certificate.documentID)),
                ("updated_at", SQLBind(Millis.now())),
            ]
            try await RegistryKeys.upsert("certificates", id: certificate.id, values, isNew: before == nil, on: sql)
            try await also?(sql)
            // The facility's lots show its certificates in force.
            try await facilities.describe(facility, units: units, on: sql)
            return ((), AuditRecord(action: action, entityType: "certificate", entityID: certificate.id, before: before, after: certificate))
        }
        facilities.announce(facility)
    }
}
