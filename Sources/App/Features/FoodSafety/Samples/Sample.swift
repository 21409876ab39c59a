import Foundation
import GS1
import NguonCore
import SQLKit

/// A year's monitoring programme for an area: how many samples it plans.
struct MonitoringProgramme: Sendable, Equatable, Codable {
    var id: String
    var name: String
    var year: Int
    var provinceCode: String
    var communeCode: String?
    var planned: Int
    var note: String?

    var area: AdminArea { AdminArea(province: provinceCode, commune: communeCode) }

    init(id: String, name: String, year: Int, area: AdminArea, planned: Int, note: String?) {
        (self.id, self.name, self.year, self.provinceCode, self.communeCode, self.planned, self.note) =
            (id, name, year, area.province, area.commune, planned, note)
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        name = try row.decode(column: "name", as: String.self)
        year = try row.decode(column: "year", as: Int.self)
        provinceCode = try row.decode(column: "province_code", as: String.self)
        communeCode = try row.decode(column: "commune_code", as: String?.self)
        planned = try row.decode(column: "planned", as: Int.self)
        note = try row.decode(column: "note", as: String?.self)
    }
}

/// A sample taken at a facility under a programme, its laboratory results and verdict. Its lot,
/// when known, is an EPCIS key, so a failure leads straight to the lot's forward trace.
struct Sample: Sendable, Equatable, Codable {
    enum Verdict: String, Sendable, CaseIterable, Codable {
        case pending, pass, fail

        var label: LocalizedText {
            switch self {
            case .pending: LocalizedText(vi: "Chờ kết quả", en: "Awaiting results")
            case .pass: LocalizedText(vi: "Đạt", en: "Pass")
            case .fail: LocalizedText(vi: "Không đạt", en: "Fail")
            }
        }
    }

    var id: String
    var programmeID: String
    var organisationID: String
    var facilityID: String
    var provinceCode: String
    var communeCode: String?
    var code: String
    var productID: String?
    var productName: String
    var gtin: String?
    var lotNumber: String?
    var lotKey: String?
    var sampledOn: CivilDate
    var place: String?
    var laboratory: String
    var analytes: [Analyte]
    var verdict: Verdict
    var note: String?

    /// Pending until every analyte has a readable result; then failed if any breaks its limit.
    static func verdict(_ analytes: [Analyte]) -> Verdict {
        let readings = analytes.map(\.exceeds)
        if readings.isEmpty || readings.contains(where: { $0 == nil }) { return .pending }
        return readings.contains(true) ? .fail : .pass
    }

    init(row: any SQLRow) throws {
        func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
        func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        guard let day = CivilDate(try text("sampled_on")), let verdict = Verdict(rawValue: try text("verdict")),
              let analytes = try? JSONDecoder().decode([Analyte].self, from: Data(try text("analytes").utf8)) else {
            throw RecordError.damaged("samples", try text("id"))
        }
        id = try text("id")
        programmeID = try text("programme_id")
        organisationID = try text("organisation_id")
        facilityID = try text("facility_id")
        provinceCode = try text("province_code")
        communeCode = try optional("commune_code")
        code = try text("code")
        productID = try optional("product_id")
        productName = try text("product_name")
        gtin = try optional("gtin")
        lotNumber = try optional("lot_number")
        lotKey = try optional("lot_key")
        sampledOn = day
        place = try optional("place")
        laboratory = try text("laboratory")
        self.analytes = analytes
        self.verdict = verdict
        note = try optional("note")
    }

    init(id: String, programme: MonitoringProgramme, facility: Facility, product: Product?, _ input: SampleRepository.Input) {
        (self.id, programmeID, organisationID, facilityID) = (id, programme.id, facility.organisationID, facility.id)
        (provinceCode, communeCode, code) = (facility.provinceCode, facility.communeCode, input.code)
        productID = product?.id
        productName = product?.name ?? input.productName
        gtin = product?.gtin
        lotNumber = input.lotNumber
        // The lot's Digital Link key, as capture indexes it, when the product has a GTIN.
        lotKey = gtin.flatMap { gtin in input.lotNumber.map { ProducerEvents.lotKey(gtin: gtin, lot: $0) } }
        (sampledOn, place, laboratory, analytes) = (input.sampledOn, input.place, input.laboratory, input.analytes)
        verdict = Self.verdict(input.analytes)
        note = input.note
    }
}

extension Sample: FacilityRecord {}

/// Programmes and samples, scoped by `Principal.scope(.inspections)`: programmes by their area
/// (government accounts only), samples by their facility (a business sees its own).
struct SampleRepository: Sendable {
    let database: AppDatabase
    let facilities: FacilityRepository
    let products: ProductRepository
    var records: FacilityRecords { FacilityRecords(database: database, facilities: facilities, resource: .inspections, table: "samples") }

    struct Input: Sendable, Equatable {
        var code: String
        var productID: String?
        var productName: String
        var lotNumber: String?
        var sampledOn: CivilDate
        var place: String?
        var laboratory: String
        var analytes: [Analyte]
        var note: String?
    }

    /// A programme with its counts: samples taken and failed.
    struct ProgrammeSummary: Sendable {
        let programme: MonitoringProgramme
        let taken: Int
        let failed: Int
    }

    static let programmeColumns = ScopeColumns(organisation: nil)

    // MARK: programmes

    func programmes(for principal: Principal, year: Int?) async throws -> [ProgrammeSummary] {
        var query = try database.sql.select().columns(SQLRaw("p.*"),
                SQLRaw("(SELECT COUNT(*) FROM samples s WHERE s.programme_id = p.id) AS taken"),
                SQLRaw("(SELECT COUNT(*) FROM samples s WHERE s.programme_id = p.id AND s.verdict = 'fail') AS failed"))
            .from(SQLAlias(SQLIdentifier("monitoring_programmes"), as: SQLIdentifier("p")))
            .scoped(to: principal, .inspections, .read,
                    columns: ScopeColumns(province: "p.province_code", commune: "p.commune_code", organisation: nil))
        if let year { query = query.where(SQLRaw("p.year"), .equal, SQLBind(year)) }
        return try await query.orderBy(SQLRaw("p.year"), SQLDirection.descending).orderBy(SQLRaw("p.name"), SQLDirection.ascending)
            .limit(500).all().map { row in
                ProgrammeSummary(programme: try MonitoringProgramme(row: row), taken: try row.decode(column: "taken", as: Int.self),
                                 failed: try row.decode(column: "failed", as: Int.self))
            }
    }

    func programme(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> MonitoringProgramme {
        guard id.utf8.count <= 64,
              let row = try await database.sql.raw("SELECT * FROM monitoring_programmes WHERE id = \(bind: id)").first() else {
            throw AccessDenied.notFound
        }
        let programme = try MonitoringProgramme(row: row)
        guard principal.reaches(.inspections, .read, area: programme.area, organisationID: nil) else { throw AccessDenied.notFound }
        guard mode == .read || principal.reaches(.inspections, .write, area: programme.area, organisationID: nil) else {
            throw AccessDenied.forbidden
        }
        return programme
    }

    func createProgramme(name: String, year: Int, unitCode: String, planned: Int, note: String?, actor: Actor) async throws -> MonitoringProgramme {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        guard let unit = try await facilities.organisations.units.find(unitCode) else {
            throw AppError.invalid(field: "unit", rule: "unknown-unit", LocalizedText(
                vi: "Không có đơn vị hành chính mã “\(unitCode)”.", en: "There is no administrative unit “\(unitCode)”."))
        }
        guard principal.reaches(.inspections, .write, area: unit.area, organisationID: nil) else { throw FacilityRepository.outside(unitCode) }
        let programme = MonitoringProgramme(id: UUID().uuidString.lowercased(), name: name, year: year, area: unit.area, planned: planned, note: note)
        try await database.audited(actor) { sql in
            try await RegistryKeys.upsert("monitoring_programmes", id: programme.id, [
                ("name", SQLBind(programme.name)), ("year", SQLBind(programme.year)), ("province_code", SQLBind(programme.provinceCode)),
                ("commune_code", SQLBind(programme.communeCode)), ("planned", SQLBind(programme.planned)), ("note", SQLBind(programme.note)),
                ("updated_at", SQLBind(Millis.now())),
            ], isNew: true, on: sql)
            return ((), AuditRecord(action: "programme.create", entityType: "monitoring_programme", entityID: programme.id, after: programme))
        }
        return programme
    }

    // MARK: samples

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> Sample {
        try Sample(row: try await records.row(id, for: principal, mode))
    }

    /// Samples of a programme, or of a facility, in `principal`'s scope, newest first.
    func list(programmeID: String? = nil, facilityID: String? = nil, for principal: Principal, limit: Int = 500) async throws
        -> [(sample: Sample, facilityName: String)] {
        var query = try records.select(for: principal)
        if let programmeID { query = query.where(SQLRaw("r.programme_id"), .equal, SQLBind(programmeID)) }
        if let facilityID { query = query.where(SQLRaw("r.facility_id"), .equal, SQLBind(facilityID)) }
        return try await query.orderBy(SQLRaw("r.sampled_on"), SQLDirection.descending).orderBy(SQLRaw("r.code"), SQLDirection.ascending)
            .limit(limit).all().map { row in (try Sample(row: row), try row.decode(column: "facility_name", as: String.self)) }
    }

    /// Samples taken and failed in `year` within `principal`'s scope: the violation rate's parts.
    func counts(year: Int, for principal: Principal) async throws -> (taken: Int, failed: Int) {
        let row = try await records.select(for: principal, columns: [
            "COUNT(*) AS taken", "COALESCE(SUM(CASE WHEN r.verdict = 'fail' THEN 1 ELSE 0 END), 0) AS failed",
        ]).where(SQLRaw("r.sampled_on"), .greaterThanOrEqual, SQLBind("\(year)-01-01"))
            .where(SQLRaw("r.sampled_on"), .lessThanOrEqual, SQLBind("\(year)-12-31"))
            .where(SQLRaw("r.verdict"), .notEqual, SQLBind("pending")).first()
        return (try row?.decode(column: "taken", as: Int.self) ?? 0, try row?.decode(column: "failed", as: Int.self) ?? 0)
    }

    func create(_ input: Input, programmeID: String, facilityID: String, actor: Actor) async throws -> Sample {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let programme = try await programme(programmeID, for: principal)
        let facility = try await records.facilityForWriting(facilityID, by: principal)
        guard programme.area.contains(facility.area) || programme.area == facility.area else {
            throw AppError.invalid(field: "programme", rule: "outside-programme", LocalizedText(
                vi: "Cơ sở không thuộc địa bàn của chương trình giám sát này.", en: "The facility is outside the programme's area."))
        }
        guard input.sampledOn.year == programme.year else {
            throw AppError.invalid(field: "sampledOn", rule: "programme-year", LocalizedText(
                vi: "Chương trình giám sát năm \(programme.year): ngày lấy mẫu phải trong năm đó.",
                en: "The programme is for \(programme.year): the sample must be taken that year."))
        }
        let product = try await product(input.productID, of: facility)
        let sample = Sample(id: UUID().uuidString.lowercased(), programme: programme, facility: facility, product: product, input)
        try await save(sample, before: nil, actor: actor)
        return sample
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Sample {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal, .write)
        let programme = try await programme(before.programmeID, for: principal)
        guard input.sampledOn.year == programme.year else {
            throw AppError.invalid(field: "sampledOn", rule: "programme-year", LocalizedText(
                vi: "Chương trình giám sát năm \(programme.year): ngày lấy mẫu phải trong năm đó.",
                en: "The programme is for \(programme.year): the sample must be taken that year."))
        }
        let facility = try await facilities.record(before.facilityID)
        let after = Sample(id: id, programme: programme, facility: facility, product: try await product(input.productID, of: facility), input)
        guard after != before else { return before }
        try await save(after, before: before, actor: actor)
        return after
    }

    /// The product named on the form: one of the facility's organisation's own.
    private func product(_ id: String?, of facility: Facility) async throws -> Product? {
        guard let id else { return nil }
        guard let row = try await database.sql.raw("SELECT * FROM products WHERE id = \(bind: id) AND organisation_id = \(bind: facility.organisationID)").first() else {
            throw AppError.invalid(field: "product", rule: "own-products", LocalizedText(
                vi: "Chọn sản phẩm của tổ chức sở hữu cơ sở này, hoặc ghi tên sản phẩm.", en: "Choose a product of the facility's organisation, or name it."))
        }
        return try row.record(Product.self)
    }

    private func save(_ sample: Sample, before: Sample?, actor: Actor) async throws {
        try await database.audited(actor) { sql in
            let clash = try await sql.raw("""
                SELECT id FROM samples WHERE programme_id = \(bind: sample.programmeID) AND code = \(bind: sample.code) AND id <> \(bind: sample.id)
                """).first()
            guard clash == nil else {
                throw AppError.invalid(field: "code", rule: "unique", LocalizedText(
                    vi: "Mã mẫu \(sample.code) đã có trong chương trình này.", en: "Sample code \(sample.code) is already in this programme."))
            }
            let analytes = String(decoding: try JSONEncoder().encode(sample.analytes), as: UTF8.self)
            try await RegistryKeys.upsert("samples", id: sample.id, sample.placement + [
                ("programme_id", SQLBind(sample.programmeID)), ("code", SQLBind(sample.code)), ("product_id", SQLBind(sample.productID)),
                ("product_name", SQLBind(sample.productName)), ("gtin", SQLBind(sample.gtin)), ("lot_number", SQLBind(sample.lotNumber)),
                ("lot_key", SQLBind(sample.lotKey)), ("sampled_on", SQLBind(sample.sampledOn.description)), ("place", SQLBind(sample.place)),
                ("laboratory", SQLBind(sample.laboratory)), ("analytes", SQLBind(analytes)), ("verdict", SQLBind(sample.verdict.rawValue)),
                ("note", SQLBind(sample.note)), ("updated_at", SQLBind(Millis.now())),
            ], isNew: before == nil, on: sql)
            return ((), AuditRecord(action: before == nil ? "sample.create" : "sample.update", entityType: "sample", entityID: sample.id,
                                    before: before, after: sample))
        }
    }
}
