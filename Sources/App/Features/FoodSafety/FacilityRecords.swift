import NguonCore
import SQLKit

/// What certificates, commitments, inspections and violations share: each belongs to one
/// facility, is placed by the facility's area and organisation (columns `province_code`,
/// `commune_code`, `organisation_id`), and is reached through one resource's scope.
struct FacilityRecords: Sendable {
    let database: AppDatabase
    let facilities: FacilityRepository
    let resource: Resource
    let table: String

    static let columns = ScopeColumns(province: "r.province_code", commune: "r.commune_code", organisation: "r.organisation_id")

    /// Every table of records placed by their facility.
    static let tables = ["certificates", "commitments", "inspections", "violations", "poisoning_incidents", "samples"]

    /// Records follow their facility when it moves to another commune: the new commune's officers
    /// reach them, the old one's no longer do (inside the facility's own write).
    static func follow(_ facility: Facility, on sql: any SQLDatabase) async throws {
        for table in tables {
            try await sql.update(table).set("province_code", to: SQLBind(facility.provinceCode))
                .set("commune_code", to: SQLBind(facility.communeCode)).where("facility_id", .equal, SQLBind(facility.id)).run()
        }
    }

    /// The row `id`, when `principal` may `mode` it: 404 outside the read scope (it is not
    /// there for them), 403 inside it without the right to change it.
    func row(_ id: String, for principal: Principal, _ mode: AccessMode) async throws -> any SQLRow {
        guard id.utf8.count <= 64,
              let row = try await database.sql.select().column(SQLRaw("*")).from(table).where("id", .equal, SQLBind(id)).first() else {
            throw AccessDenied.notFound
        }
        let area = AdminArea(province: try row.decode(column: "province_code", as: String.self),
                             commune: try row.decode(column: "commune_code", as: String?.self))
        let owner = try row.decode(column: "organisation_id", as: String.self)
        guard principal.reaches(resource, .read, area: area, organisationID: owner) else { throw AccessDenied.notFound }
        guard mode == .read || principal.reaches(resource, .write, area: area, organisationID: owner) else { throw AccessDenied.forbidden }
        return row
    }

    /// The facility a new record is for, when `principal` may write such records there.
    func facilityForWriting(_ facilityID: String, by principal: Principal) async throws -> Facility {
        let (facility, _) = try await facilities.find(facilityID, for: principal)
        guard principal.reaches(resource, .write, area: facility.area, organisationID: facility.organisationID) else {
            throw AccessDenied.forbidden
        }
        return facility
    }

    /// The rows of one facility in `principal`'s read scope, ordered by `order`.
    func of(facility facilityID: String, for principal: Principal, order: String) async throws -> [any SQLRow] {
        try await select(for: principal).where(SQLRaw("r.facility_id"), .equal, SQLBind(facilityID))
            .orderBy(SQLRaw("r." + order), SQLDirection.descending).all()
    }

    /// A select over the table as `r`, joined to its facility (`facility_name`) and organisation
    /// (`organisation_name`), inside `principal`'s read scope.
    func select(for principal: Principal, columns: [String] = ["r.*", "f.name AS facility_name", "o.name AS organisation_name"]) throws -> SQLSelectBuilder {
        try database.sql.select().columns(columns.map { SQLRaw($0) as any SQLExpression })
            .from(SQLAlias(SQLIdentifier(table), as: SQLIdentifier("r")))
            .join(SQLAlias(SQLIdentifier("facilities"), as: SQLIdentifier("f")), method: SQLJoinMethod.inner, on: SQLRaw("f.id = r.facility_id"))
            .join(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")), method: SQLJoinMethod.inner, on: SQLRaw("o.id = r.organisation_id"))
            .scoped(to: principal, resource, .read, columns: Self.columns)
    }

}

/// A record of one facility, placed where the facility is.
protocol FacilityRecord {
    var organisationID: String { get }
    var facilityID: String { get }
    var provinceCode: String { get }
    var communeCode: String? { get }
}

extension FacilityRecord {
    var area: AdminArea { AdminArea(province: provinceCode, commune: communeCode) }

    /// Its place and owner columns, for its row.
    var placement: [(String, any SQLExpression)] {
        [("organisation_id", SQLBind(organisationID)), ("facility_id", SQLBind(facilityID)),
         ("province_code", SQLBind(provinceCode)), ("commune_code", SQLBind(communeCode))]
    }
}

extension Certificate: FacilityRecord {}
extension Commitment: FacilityRecord {}
extension Inspection: FacilityRecord {}
extension Violation: FacilityRecord {}
extension PoisoningIncident: FacilityRecord {}
