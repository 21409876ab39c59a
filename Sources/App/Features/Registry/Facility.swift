import Foundation
import GS1
import NguonCore
import SQLKit

/// A place where an organisation grows, raises, processes, stores or sells: a farm, a pond, a
/// packhouse, a warehouse, a shop. Its GLN is the location events are recorded at.
struct Facility: Sendable, Equatable, Codable {
    enum Activity: String, Sendable, CaseIterable, Codable {
        case crop, livestock, aquaculture, slaughter, preprocessing, processing, storage, trading, foodService = "food_service"

        var label: LocalizedText {
            switch self {
            case .crop: LocalizedText(vi: "Trồng trọt", en: "Crop growing")
            case .livestock: LocalizedText(vi: "Chăn nuôi", en: "Livestock")
            case .aquaculture: LocalizedText(vi: "Nuôi trồng thủy sản", en: "Aquaculture")
            case .slaughter: LocalizedText(vi: "Giết mổ", en: "Slaughter")
            case .preprocessing: LocalizedText(vi: "Sơ chế", en: "Pre-processing")
            case .processing: LocalizedText(vi: "Chế biến", en: "Processing")
            case .storage: LocalizedText(vi: "Bảo quản, kho", en: "Storage")
            case .trading: LocalizedText(vi: "Kinh doanh", en: "Trading")
            case .foodService: LocalizedText(vi: "Dịch vụ ăn uống", en: "Food service")
            }
        }
    }

    enum State: String, Sendable, CaseIterable, Codable {
        case active, suspended, closed

        var label: LocalizedText {
            switch self {
            case .active: LocalizedText(vi: "Đang hoạt động", en: "Active")
            case .suspended: LocalizedText(vi: "Tạm ngừng", en: "Suspended")
            case .closed: LocalizedText(vi: "Đã đóng cửa", en: "Closed")
            }
        }
    }

    /// A growing-area code (mã số vùng trồng) or an aquaculture registration, with its area.
    struct Registration: Sendable, Equatable, Codable {
        enum Kind: String, Sendable, Codable { case growingArea = "growing_area", aquaculture }
        var kind: Kind
        var code: String
        var areaHa: Double?
    }

    var id: String
    var organisationID: String
    var gln: String?
    var name: String
    var provinceCode: String
    var communeCode: String?
    var address: String?
    var latitude: Double?
    var longitude: Double?
    var activities: [Activity]
    var scale: String?
    var state: State
    var registrations: [Registration]

    var area: AdminArea { AdminArea(province: provinceCode, commune: communeCode) }
    /// What search finds it by: name, GLN, address, growing-area codes.
    var searchText: String { ([name, gln ?? "", address ?? ""] + registrations.map(\.code)).joined(separator: " ") }
    var searchDocument: SearchIndex.Document {
        SearchIndex.Document(.facility, id: id, name: name, text: searchText, organisationID: organisationID, area: area)
    }
    /// The index key events name this place by.
    var locationKey: String? { gln.map { "https://id.gs1.org/414/" + $0 } }
}

/// Facilities, each reached through `Principal.scope(.registry)` by its own place or its
/// organisation's. Saving one also writes its EPCIS master data, so origin pages name it.
struct FacilityRepository: Sendable {
    let database: AppDatabase
    let organisations: OrganisationRepository
    let changes: IdentifierChanges?

    struct Input: Sendable, Equatable {
        var name: String
        var gln: String?
        var unitCode: String
        var address: String?
        var latitude: Double?
        var longitude: Double?
        var activities: [Facility.Activity]
        var scale: String?
        var state: Facility.State
        var registrations: [Facility.Registration]
    }

    func list(of organisationID: String, for principal: Principal) async throws -> [Facility] {
        let organisation = try await organisations.find(organisationID, for: principal)
        return try await database.sql.raw("SELECT * FROM facilities WHERE organisation_id = \(bind: organisation.id) ORDER BY name").all()
            .map(Self.facility)
            .filter { reaches(principal, .read, $0, organisation: organisation) }
    }

    func find(_ id: String, for principal: Principal, _ mode: AccessMode = .read) async throws -> (Facility, Organisation) {
        let facility = try await record(id)
        let organisation = try await organisations.record(facility.organisationID)
        guard reaches(principal, .read, facility, organisation: organisation) else { throw AccessDenied.notFound }
        guard mode == .read || reaches(principal, .write, facility, organisation: organisation) else { throw AccessDenied.forbidden }
        return (facility, organisation)
    }

    /// A facility by id, for code that has already checked access to what names it.
    func record(_ id: String) async throws -> Facility {
        guard let row = try await database.sql.raw("SELECT * FROM facilities WHERE id = \(bind: id)").first() else {
            throw AccessDenied.notFound
        }
        return try Self.facility(row)
    }

    func create(_ input: Input, for organisationID: String, actor: Actor) async throws -> Facility {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let organisation = try await organisations.find(organisationID, for: principal)
        let facility = try await facility(from: input, id: UUID().uuidString.lowercased(), organisation: organisation)
        guard reaches(principal, .write, facility, organisation: organisation) else { throw AccessDenied.forbidden }
        try await save(facility, before: nil, organisation: organisation, actor: actor)
        return facility
    }

    func update(_ id: String, _ input: Input, actor: Actor) async throws -> Facility {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let (before, organisation) = try await find(id, for: principal, .write)
        let after = try await facility(from: input, id: id, organisation: organisation)
        // Moving a facility out of one's own jurisdiction would hand it to someone else.
        guard reaches(principal, .write, after, organisation: organisation) else { throw Self.outside(input.unitCode) }
        guard after != before else { return before }
        try await save(after, before: before, organisation: organisation, actor: actor)
        return after
    }

    private func reaches(_ principal: Principal, _ mode: AccessMode, _ facility: Facility, organisation: Organisation) -> Bool {
        principal.reaches(.registry, mode, area: facility.area, organisationID: organisation.id)
            || principal.reaches(.registry, mode, area: organisation.area, organisationID: organisation.id)
    }

    private func facility(from input: Input, id: String, organisation: Organisation) async throws -> Facility {
        guard let unit = try await organisations.units.find(input.unitCode) else {
            throw AppError.invalid(field: "unit", rule: "unknown-unit", LocalizedText(
                vi: "Không có đơn vị hành chính mã “\(input.unitCode)”.", en: "There is no administrative unit “\(input.unitCode)”."))
        }
        return Facility(id: id, organisationID: organisation.id, gln: input.gln, name: input.name, provinceCode: unit.area.province,
                        communeCode: unit.area.commune, address: input.address, latitude: input.latitude, longitude: input.longitude,
                        activities: input.activities, scale: input.scale, state: input.state, registrations: input.registrations)
    }

    private func save(_ facility: Facility, before: Facility?, organisation: Organisation, actor: Actor) async throws {
        let units = try await units(of: facility)
        try await database.audited(actor) { sql in
            if let gln = facility.gln {
                try await RegistryKeys.checkHeld(gln, kind: .gln, field: "gln", by: organisation, on: sql)
                if try await sql.raw("SELECT id FROM facilities WHERE gln = \(bind: gln) AND id <> \(bind: facility.id)").first() != nil {
                    throw AppError.invalid(field: "gln", rule: "unique", LocalizedText(
                        vi: "GLN \(gln) đã dùng cho một cơ sở khác.", en: "GLN \(gln) already names another facility."))
                }
            }
            let registrations = String(decoding: try JSONEncoder().encode(facility.registrations), as: UTF8.self)
            let values: [(String, any SQLExpression)] = [
                ("organisation_id", SQLBind(facility.organisationID)), ("gln", SQLBind(facility.gln)), ("name", SQLBind(facility.name)),
                ("province_code", SQLBind(facility.provinceCode)), ("commune_code", SQLBind(facility.communeCode)),
                ("address", SQLBind(facility.address)), ("latitude", SQLBind(facility.latitude)), ("longitude", SQLBind(facility.longitude)),
                ("activities", SQLBind(facility.activities.map(\.rawValue).joined(separator: " "))), ("scale", SQLBind(facility.scale)),
                ("state", SQLBind(facility.state.rawValue)), ("registrations", SQLBind(registrations)),
                ("search_text", SQLBind(SearchText.fold(facility.searchText))),
                ("updated_at", SQLBind(Millis.now())),
            ]
            try await RegistryKeys.upsert("facilities", id: facility.id, values, isNew: before == nil, on: sql)
            if let before, before.area != facility.area { try await FacilityRecords.follow(facility, on: sql) }
            try await SearchIndex.replace(facility.searchDocument, on: sql)
            // A GLN taken off the facility stops describing it.
            if let old = before?.locationKey, old != facility.locationKey { try await RegistryKeys.forget(old, on: sql) }
            try await describe(facility, units: units, on: sql)
            return ((), AuditRecord(action: before == nil ? "facility.create" : "facility.update", entityType: "facility",
                                    entityID: facility.id, before: before, after: facility))
        }
        changes?.announce(Set([facility.locationKey, before?.locationKey].compactMap { $0 }))
    }

    /// The names of the facility's commune and province, for its address in master data.
    func units(of facility: Facility) async throws -> [String: String] {
        try await organisations.units.fullNames(Set([facility.communeCode, facility.provinceCode].compactMap { $0 }))
    }

    /// Writes the facility's master data, with its certificates in force today, inside the
    /// caller's transaction (`units`: from `units(of:)`, read before it).
    func describe(_ facility: Facility, units: [String: String], on sql: any SQLDatabase) async throws {
        guard let key = facility.locationKey else { return }
        let certificates = try await CertificateBadge.inForce(facilityID: facility.id, today: .vietnam(millis: Millis.now()), on: sql)
        try await RegistryKeys.describe(key, vocabulary: "urn:epcglobal:epcis:vtype:BusinessLocation",
                                        attributes: Self.masterData(facility, units: units, certificates: certificates),
                                        owner: facility.organisationID, on: sql)
    }

    /// Tells the origin-page cache that the facility's master data changed.
    func announce(_ facility: Facility) {
        if let key = facility.locationKey { changes?.announce([key]) }
    }

    /// The CBV location attributes (CBV 2.0 §8.4) an origin page and an EPCIS master-data query read.
    static func masterData(_ facility: Facility, units: [String: String], certificates: [CertificateBadge] = []) -> [String: String] {
        var attributes = ["urn:epcglobal:cbv:mda#name": facility.name, "urn:epcglobal:cbv:mda#countryCode": "VN"]
        attributes["urn:epcglobal:cbv:mda#streetAddressOne"] = facility.address
        attributes["urn:epcglobal:cbv:mda#city"] = facility.communeCode.flatMap { units[$0] }
        attributes["urn:epcglobal:cbv:mda#state"] = units[facility.provinceCode]
        attributes["urn:epcglobal:cbv:mda#latitude"] = facility.latitude.map { String($0) }
        attributes["urn:epcglobal:cbv:mda#longitude"] = facility.longitude.map { String($0) }
        let codes = facility.registrations.map { "\($0.kind == .growingArea ? "Mã số vùng trồng" : "Đăng ký nuôi trồng thủy sản") \($0.code)" }
        if !codes.isEmpty { attributes[RegistryKeys.registrationsAttribute] = codes.joined(separator: "; ") }
        attributes[CertificateBadge.attribute] = CertificateBadge.encode(certificates)
        return attributes
    }

    static func outside(_ unit: String) -> AppError {
        AppError.invalid(field: "unit", rule: "outside-jurisdiction", LocalizedText(
            vi: "Đơn vị hành chính \(unit) nằm ngoài địa bàn bạn phụ trách.", en: "Administrative unit \(unit) is outside your jurisdiction."))
    }

    static func facility(_ row: any SQLRow) throws -> Facility {
        let registrations = try row.decode(column: "registrations", as: String.self)
        return Facility(
            id: try row.decode(column: "id", as: String.self), organisationID: try row.decode(column: "organisation_id", as: String.self),
            gln: try row.decode(column: "gln", as: String?.self), name: try row.decode(column: "name", as: String.self),
            provinceCode: try row.decode(column: "province_code", as: String.self), communeCode: try row.decode(column: "commune_code", as: String?.self),
            address: try row.decode(column: "address", as: String?.self), latitude: try row.decode(column: "latitude", as: Double?.self),
            longitude: try row.decode(column: "longitude", as: Double?.self),
            activities: try row.decode(column: "activities", as: String.self).split(separator: " ").compactMap { Facility.Activity(rawValue: String($0)) },
            scale: try row.decode(column: "scale", as: String?.self),
            state: Facility.State(rawValue: try row.decode(column: "state", as: String.self)) ?? .active,
            registrations: (try? JSONDecoder().decode([Facility.Registration].self, from: Data(registrations.utf8))) ?? [])
    }
}
