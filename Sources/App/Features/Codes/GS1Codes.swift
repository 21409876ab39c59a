import Foundation
import GS1
import NguonCore
import SQLKit

/// A GS1 company prefix Nguồn knows: a pool to give numbers from (no organisation), of one
/// province or of Nguồn's operator (no province either), or a prefix an organisation holds itself.
struct GS1Prefix: Sendable, Equatable, Codable {
    var prefix: String
    var organisationID: String?
    var provinceCode: String?
    var note: String?
    var createdAt: Int64

    var isPool: Bool { organisationID == nil }
}

/// One GTIN or GLN given to an organisation from a pool, for good.
struct GS1Allocation: Sendable, Equatable, Codable {
    var key: String
    var kind: String
    var prefix: String
    var reference: Int64
    var organisationID: String
    var allocatedAt: Int64
    var allocatedBy: String?

    var keyKind: CompanyPrefix.KeyKind? { CompanyPrefix.KeyKind(rawValue: kind) }
}

/// Why a prefix or an allocation was refused.
enum GS1CodeError: Error, Equatable {
    case malformedPrefix(String)
    case prefixKnown(String)
    /// One prefix beginning with another would let two holders own the same numbers.
    case prefixOverlaps(new: String, existing: String)
    case countOutOfRange(Int)
    case unknownProvince(String)
    /// An organisation asking for itself holds as many of this kind as it may; an officer can give more.
    case selfServiceLimit(CompanyPrefix.KeyKind, held: Int)
    /// The pools hold fewer free numbers of this kind than were asked for; nothing was given.
    case poolsExhausted(CompanyPrefix.KeyKind, wanted: Int, left: Int)
}

/// GS1 codes: the prefixes Nguồn knows and the keys given to organisations from the pools.
/// Giving is one audited transaction that takes the next free references, so no number is
/// ever given twice (the key and (prefix, kind, reference) are unique besides).
struct GS1CodeRepository: Sendable {
    let database: AppDatabase
    let organisations: OrganisationRepository

    /// Keys one request may ask for: a cooperative's products and places, not a block to resell.
    static let maxPerRequest = 100
    /// Keys of one kind an organisation may hold by asking itself; beyond that an officer gives
    /// them, so one business cannot drain the province's pool.
    static let selfServiceLimit = 200

    struct PrefixUsage: Sendable, Equatable {
        let prefix: GS1Prefix
        let capacity: Int
        let gtinsGiven: Int
        let glnsGiven: Int
    }

    func prefixes(for principal: Principal) async throws -> [PrefixUsage] {
        guard principal.can(.read, .gs1Prefixes) else { throw AccessDenied.forbidden }
        let sql = try database.reader
        let prefixes = try await sql.raw("SELECT * FROM gs1_prefixes ORDER BY prefix").all().map { try $0.record(GS1Prefix.self) }
        var given: [String: Int] = [:]
        for row in try await sql.raw("SELECT prefix, kind, count(*) AS n FROM gs1_allocations GROUP BY prefix, kind").all() {
            given[try row.decode(column: "prefix", as: String.self) + " " + row.decode(column: "kind", as: String.self)]
                = try row.decode(column: "n", as: Int.self)
        }
        return prefixes.map { p in
            PrefixUsage(prefix: p, capacity: (try? CompanyPrefix(p.prefix))?.capacity ?? 0,
                        gtinsGiven: given[p.prefix + " gtin"] ?? 0, glnsGiven: given[p.prefix + " gln"] ?? 0)
        }
    }

    /// Records a prefix: a pool when `organisationID` is nil, of `provinceCode` or (nil) of the
    /// operator for every province. Administrators only.
    func addPrefix(_ text: String, organisationID: String?, provinceCode: String? = nil, note: String?, actor: Actor) async throws -> GS1Prefix {
        guard let principal = actor.principal, principal.scope(for: .gs1Prefixes, .write) == .everything else {
            throw AccessDenied.forbidden
        }
        let digits: String
        do { digits = try CompanyPrefix(text).digits } catch { throw GS1CodeError.malformedPrefix(text) }
        if let provinceCode, !AdminArea.isProvinceCode(provinceCode) { throw GS1CodeError.unknownProvince(provinceCode) }
        var province = provinceCode
        if let organisationID { province = try await organisations.find(organisationID, for: principal).provinceCode }
        let prefix = GS1Prefix(prefix: digits, organisationID: organisationID, provinceCode: province, note: note, createdAt: Millis.now())
        return try await database.audited(actor) { sql in
            if sql.dialect.name == "postgresql" { try await AuditLog.takeTurn(on: sql) }
            for row in try await sql.raw("SELECT prefix FROM gs1_prefixes").all() {
                let existing = try row.decode(column: "prefix", as: String.self)
                if existing == digits { throw GS1CodeError.prefixKnown(digits) }
                if existing.hasPrefix(digits) || digits.hasPrefix(existing) {
                    throw GS1CodeError.prefixOverlaps(new: digits, existing: existing)
                }
            }
            try await sql.raw("""
                INSERT INTO gs1_prefixes (prefix, organisation_id, province_code, note, created_at)
                VALUES (\(bind: prefix.prefix), \(bind: prefix.organisationID), \(bind: prefix.provinceCode), \(bind: prefix.note),
                        \(bind: prefix.createdAt))
                """).run()
            return (prefix, AuditRecord(action: "gs1.prefix_add", entityType: "gs1_prefix", entityID: digits, after: prefix))
        }
    }

    /// The keys given to an organisation the principal may read, newest first.
    func allocations(of organisationID: String, for principal: Principal) async throws -> [GS1Allocation] {
        let organisation = try await organisations.find(organisationID, for: principal)
        guard principal.reaches(.gs1Codes, .read, area: organisation.area, organisationID: organisation.id) else { return [] }
        return try await database.reader.raw("""
            SELECT * FROM gs1_allocations WHERE organisation_id = \(bind: organisationID) ORDER BY allocated_at DESC, key LIMIT 1000
            """).all().map { try $0.record(GS1Allocation.self) }
    }

    /// Gives `count` new keys of `kind` to the organisation from its province's pools, oldest
    /// first, then from the operator's. All or nothing: when the pools hold fewer, nothing is given and the error says how
    /// many are left.
    func allocate(_ kind: CompanyPrefix.KeyKind, count: Int, to organisationID: String, actor: Actor) async throws -> [GS1Allocation] {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let organisation = try await organisations.find(organisationID, for: principal)
        guard principal.reaches(.gs1Codes, .write, area: organisation.area, organisationID: organisation.id) else {
            throw AccessDenied.forbidden
        }
        guard (1...Self.maxPerRequest).contains(count) else { throw GS1CodeError.countOutOfRange(count) }
        return try await database.audited(actor) { sql in
            // One giver at a time on PostgreSQL (SQLite has one writer): the next reference read
            // below is still free when it is written.
            if sql.dialect.name == "postgresql" { try await AuditLog.takeTurn(on: sql) }
            let given = try await Self.give(kind, count: count, to: organisation.id, province: organisation.provinceCode, by: actor, on: sql)
            return (given, AuditRecord(action: "gs1.allocate", entityType: "organisation", entityID: organisation.id,
                                       after: given.map(\.key)))
        }
    }

    /// Takes the next `count` free keys of `kind` for an organisation of `province`, inside the
    /// caller's transaction (which must hold the giver's turn on PostgreSQL): the province's
    /// pools oldest first, then the operator's. All or nothing.
    static func give(_ kind: CompanyPrefix.KeyKind, count: Int, to organisationID: String, province: String, by actor: Actor,
                     on sql: any SQLDatabase) async throws -> [GS1Allocation] {
        if actor.principal?.role == .business {
            let held = try await sql.raw("""
                SELECT count(*) AS n FROM gs1_allocations WHERE organisation_id = \(bind: organisationID) AND kind = \(bind: kind.rawValue)
                """).first()?.decode(column: "n", as: Int.self) ?? 0
            guard held + count <= selfServiceLimit else { throw GS1CodeError.selfServiceLimit(kind, held: held) }
        }
        let now = Millis.now()
        var given: [GS1Allocation] = []
        var left = 0
        for (pool, first) in try await pools(kind, province: province, on: sql) {
            left += max(0, pool.capacity - first)
            var next = first
            while given.count < count, next < pool.capacity, let key = pool.key(kind, reference: next) {
                given.append(GS1Allocation(key: key, kind: kind.rawValue, prefix: pool.digits, reference: Int64(next),
                                           organisationID: organisationID, allocatedAt: now, allocatedBy: actor.id))
                next += 1
            }
        }
        guard given.count == count else { throw GS1CodeError.poolsExhausted(kind, wanted: count, left: left) }
        for chunk in given.chunked(into: 200) {
            try await sql.insert(into: "gs1_allocations")
                .columns("key", "kind", "prefix", "reference", "organisation_id", "allocated_at", "allocated_by")
                .rows(chunk.map { a in [SQLBind(a.key), SQLBind(a.kind), SQLBind(a.prefix), SQLBind(a.reference), SQLBind(a.organisationID),
                                        SQLBind(a.allocatedAt), SQLBind(a.allocatedBy)] })
                .run()
        }
        return given
    }

    /// Free keys of `kind` left in the pools an organisation of `province` draws from.
    static func left(_ kind: CompanyPrefix.KeyKind, province: String, on sql: any SQLDatabase) async throws -> Int {
        try await pools(kind, province: province, on: sql).reduce(0) { $0 + max(0, $1.pool.capacity - $1.next) }
    }

    /// The pools a province draws from, in the order they are used, each with its next free reference.
    private static func pools(_ kind: CompanyPrefix.KeyKind, province: String, on sql: any SQLDatabase) async throws
        -> [(pool: CompanyPrefix, next: Int)] {
        var result: [(pool: CompanyPrefix, next: Int)] = []
        let rows = try await sql.raw("""
            SELECT prefix FROM gs1_prefixes
            WHERE organisation_id IS NULL AND (province_code = \(bind: province) OR province_code IS NULL)
            ORDER BY CASE WHEN province_code IS NULL THEN 1 ELSE 0 END, created_at, prefix
            """).all()
        for row in rows {
            guard let pool = try? CompanyPrefix(row.decode(column: "prefix", as: String.self)) else { continue }
            let last = try await sql.raw("""
                SELECT max(reference) AS last FROM gs1_allocations WHERE prefix = \(bind: pool.digits) AND kind = \(bind: kind.rawValue)
                """).first()?.decode(column: "last", as: Int64?.self)
            result.append((pool, Int((last ?? -1) + 1)))
        }
        return result
    }
}
