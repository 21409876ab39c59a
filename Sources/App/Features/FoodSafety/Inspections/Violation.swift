import Foundation
import NguonCore
import SQLKit

/// A violation found at a facility and how it was sanctioned. A fine on the facility's
/// food-safety conditions counts towards revoking its certificate (`FoodSafetyRules.revocationGrounds`).
struct Violation: Sendable, Equatable, Codable {
    enum Status: String, Sendable, CaseIterable, Codable {
        case open, remedied, closed

        var label: LocalizedText {
            switch self {
            case .open: LocalizedText(vi: "Đang xử lý", en: "Open")
            case .remedied: LocalizedText(vi: "Đã khắc phục", en: "Remedied")
            case .closed: LocalizedText(vi: "Đã kết thúc", en: "Closed")
            }
        }
    }

    var id: String
    var organisationID: String
    var facilityID: String
    var provinceCode: String
    var communeCode: String?
    var foundOn: CivilDate
    var legalBasis: String
    var description: String
    var onConditions: Bool
    var fineVND: Int64?
    var remedies: String?
    var status: Status
    var inspectionID: String?

    init(row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let day = CivilDate(try text("found_on")), let status = Status(rawValue: try text("status")) else {
            throw RecordError.damaged("violations", try text("id"))
        }
        id = try text("id")
        organisationID = try text("organisation_id")
        facilityID = try text("facility_id")
        provinceCode = try text("province_code")
        communeCode = try optional("commune_code")
        foundOn = day
        legalBasis = try text("legal_basis")
        description = try text("description")
        onConditions = try row.decode(column: "on_conditions", as: Bool.self)
        fineVND = try row.decode(column: "fine_vnd", as: Int64?.self)
        remedies = try optional("remedies")
        self.status = status
        inspectionID = try optional("inspection_id")
    }

    init(id: String, facility: Facility, _ input: ViolationRepository.Input) {
        (self.id, organisationID, facilityID, provinceCode, communeCode) = (id, facility.organisationID, facility.id, facility.provinceCode, facility.communeCode)
        (foundOn, legalBasis, description, onConditions) = (input.foundOn, input.legalBasis, input.description, input.onConditions)
        (fineVND, remedies, status, inspectionID) = (input.fineVND, input.remedies, input.status, input.inspectionID)
    }
}

/// A food-poisoning outbreak traced to a facility.
struct PoisoningIncident: Sendable, Equatable, Codable {
    var id: String
    var organisationID: String
    var facilityID: String
    var provinceCode: String
    var communeCode: String?
    var occurredOn: CivilDate
    var cases: Int
    var hospitalised: Int
    var deaths: Int
    var description: String

    init(row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        guard let day = CivilDate(try text("occurred_on")) else { throw RecordError.damaged("poisoning_incidents", try text("id")) }
        id = try text("id")
        organisationID = try text("organisation_id")
        facilityID = try text("facility_id")
        provinceCode = try text("province_code")
        communeCode = try row.decode(column: "commune_code", as: String?.self)
        occurredOn = day
        cases = try row.decode(column: "cases", as: Int.self)
        hospitalised = try row.decode(column: "hospitalised", as: Int.self)
        deaths = try row.decode(column: "deaths", as: Int.self)
        description = try text("description")
    }

    init(id: String, facility: Facility, _ input: ViolationRepository.IncidentInput) {
        (self.id, organisationID, facilityID, provinceCode, communeCode) = (id, facility.organisationID, facility.id, facility.provinceCode, facility.communeCode)
        (occurredOn, cases, hospitalised, deaths, description) = (input.occurredOn, input.cases, input.hospitalised, input.deaths, input.description)
    }
}

/// Violations and poisoning incidents, scoped by `Principal.scope(.inspections)`, audited; and
/// the revocation grounds they add up to.
struct ViolationRepository: Sendable {
    let database: AppDatabase
    let facilities: FacilityRepository
    var violations: FacilityRecords { FacilityRecords(database: database, facilities: facilities, resource: .inspections, table: "violations") }
    var incidents: FacilityRecords {
        FacilityRecords(database: database, facilities: facilities, resource: .inspections, table: "poisoning_incidents")
    }

    struct Input: Sendable, Equatable {
        var foundOn: CivilDate
        var legalBasis: String
        var description: String
        var onConditions: Bool
        var fineVND: Int64?
        var remedies: String?
        var status: Violation.Status
        var inspectionID: String?
    }

    struct IncidentInput: Sendable, Equatable {
        var occurredOn: CivilDate
        var cases: Int
        var hospitalised: Int
        var deaths: Int
        var description: String
    }

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> Violation {
        try Violation(row: try await violations.row(id, for: principal, mode))
    }

    func findIncident(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> PoisoningIncident {
        try PoisoningIncident(row: try await incidents.row(id, for: principal, mode))
    }

    func of(facility facilityID: String, for principal: Principal) async throws -> ([Violation], [PoisoningIncident]) {
        (try await violations.of(facility: facilityID, for: principal, order: "found_on").map(Violation.init(row:)),
         try await incidents.of(facility: facilityID, for: principal, order: "occurred_on").map(PoisoningIncident.init(row:)))
    }

    func create(_ input: Input, facilityID: String, actor: Actor) async throws -> Violation {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let facility = try await violations.facilityForWriting(facilityID, by: principal)
        let violation = Violation(id: UUID().uuidString.lowercased(), facility: facility, input)
        try await save(violation, before: nil, actor: actor)
        return violation
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Violation {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        var input = input
        input.inspectionID = before.inspectionID
        let after = Violation(id: id, facility: try await facilities.record(before.facilityID), input)
        guard after != before else { return before }
        try await save(after, before: before, actor: actor)
        return after
    }

    func createIncident(_ input: IncidentInput, facilityID: String, actor: Actor) async throws -> PoisoningIncident {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let facility = try await incidents.facilityForWriting(facilityID, by: principal)
        let incident = PoisoningIncident(id: UUID().uuidString.lowercased(), facility: facility, input)
        try await database.audited(actor) { sql in
            let values: [(String, any SQLExpression)] = incident.placement + [
                ("occurred_on", SQLBind(incident.occurredOn.description)), ("cases", SQLBind(incident.cases)),
                ("hospitalised", SQLBind(incident.hospitalised)), ("deaths", SQLBind(incident.deaths)),
                ("description", SQLBind(incident.description)), ("updated_at", SQLBind(Millis.now())),
            ]
            try await RegistryKeys.upsert("poisoning_incidents", id: incident.id, values, isNew: true, on: sql)
            return ((), AuditRecord(action: "poisoning.create", entityType: "poisoning_incident", entityID: incident.id, after: incident))
        }
        return incident
    }

    private func save(_ violation: Violation, before: Violation?, actor: Actor) async throws {
        try await database.audited(actor) { sql in
            let values: [(String, any SQLExpression)] = violation.placement + [
                ("found_on", SQLBind(violation.foundOn.description)), ("legal_basis", SQLBind(violation.legalBasis)),
                ("description", SQLBind(violation.description)), ("on_conditions", SQLBind(violation.onConditions)),
                ("fine_vnd", SQLBind(violation.fineVND)), ("remedies", SQLBind(violation.remedies)),
                ("status", SQLBind(violation.status.rawValue)), ("inspection_id", SQLBind(violation.inspectionID)),
                ("updated_at", SQLBind(Millis.now())),
            ]
            try await RegistryKeys.upsert("violations", id: violation.id, values, isNew: before == nil, on: sql)
            return ((), AuditRecord(action: before == nil ? "violation.create" : "violation.update", entityType: "violation",
                                    entityID: violation.id, before: before, after: violation))
        }
    }

    /// A facility whose record gives grounds to revoke its food-safety certificate.
    struct RevocationWarning: Sendable, Equatable {
        let facilityID: String
        let facilityName: String
        let organisationName: String
        let grounds: [FoodSafetyRules.RevocationGround]
        /// Its food-safety certificates still in force, which the grounds are against.
        let certificates: [String]
    }

    /// Facilities in `principal`'s scope whose fines on conditions and poisoning outbreaks of the
    /// last `revocationWindowMonths` reach the grounds, with their food-safety certificates in force.
    func revocationWarnings(for principal: Principal, today: CivilDate) async throws -> [RevocationWarning] {
        let rules = FoodSafetyRules.inForce(on: today)
        let since = today.adding(months: -rules.revocationWindowMonths).description
        var fines: [String: [CivilDate]] = [:], outbreaks: [String: [(date: CivilDate, deaths: Int)]] = [:]
        var names: [String: (String, String)] = [:]
        for row in try await violations.select(for: principal).where(SQLRaw("r.on_conditions"), .equal, SQLBind(true))
            .where(SQLRaw("r.found_on"), .greaterThan, SQLBind(since)).limit(10_000).all() {
            let violation = try Violation(row: row)
            fines[violation.facilityID, default: []].append(violation.foundOn)
            names[violation.facilityID] = (try row.decode(column: "facility_name", as: String.self), try row.decode(column: "organisation_name", as: String.self))
        }
        for row in try await incidents.select(for: principal).where(SQLRaw("r.occurred_on"), .greaterThan, SQLBind(since))
            .limit(10_000).all() {
            let incident = try PoisoningIncident(row: row)
            outbreaks[incident.facilityID, default: []].append((incident.occurredOn, incident.deaths))
            names[incident.facilityID] = (try row.decode(column: "facility_name", as: String.self), try row.decode(column: "organisation_name", as: String.self))
        }
        var warnings: [RevocationWarning] = []
        for (facilityID, (facilityName, organisationName)) in names.sorted(by: { $0.value.0 < $1.value.0 }) {
            let grounds = rules.revocationGrounds(fines: fines[facilityID] ?? [], outbreaks: outbreaks[facilityID] ?? [], on: today)
            guard !grounds.isEmpty else { continue }
            let certificates = try await database.sql.raw("""
                SELECT number FROM certificates WHERE facility_id = \(bind: facilityID) AND kind = 'food_safety' AND state = 'issued'
                AND (expires_on IS NULL OR expires_on >= \(bind: today.description)) ORDER BY number
                """).all().map { try $0.decode(column: "number", as: String.self) }
            warnings.append(RevocationWarning(facilityID: facilityID, facilityName: facilityName, organisationName: organisationName,
                                              grounds: grounds, certificates: certificates))
        }
        return warnings
    }
}

extension FoodSafetyRules.RevocationGround {
    /// The ground in words, with the regulation.
    func text(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .fines(let days):
            return vi ? "\(days.count) lần xử phạt vi phạm điều kiện ATTP trong 12 tháng (\(days.map(\.vietnamese).joined(separator: ", ")))"
                      : "\(days.count) fines on food-safety conditions within 12 months (\(days.map(\.description).joined(separator: ", ")))"
        case .outbreaks(let days):
            return vi ? "\(days.count) vụ ngộ độc thực phẩm trong 12 tháng (\(days.map(\.vietnamese).joined(separator: ", ")))"
                      : "\(days.count) food-poisoning outbreaks within 12 months"
        case .fatalOutbreak(let day):
            return vi ? "Vụ ngộ độc có người chết ngày \(day.vietnamese)" : "A fatal outbreak on \(day)"
        }
    }
}
