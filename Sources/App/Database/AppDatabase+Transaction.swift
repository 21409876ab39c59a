import FluentKit
import SQLKit

/// What one change writes to the audit log, decided by the code that made the change.
struct AuditRecord: Sendable {
    let action: String
    let entityType: String
    let entityID: String?
    var before: (any Encodable & Sendable)? = nil
    var after: (any Encodable & Sendable)? = nil
}

extension AppDatabase {
    /// One transaction, spoken in SQL. Both drivers are SQL databases; should one ever not be,
    /// the request fails with an error instead of stopping the process.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await db.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw DatabaseUnavailable() }
            return try await body(sql)
        }
    }

    /// A change and its audit entry in the same transaction: either both are stored or neither.
    /// `body` makes the change and says what the entry records.
    func audited<T: Sendable>(_ actor: Actor, _ body: @escaping @Sendable (any SQLDatabase) async throws -> (T, AuditRecord?)) async throws -> T {
        try await transaction { sql in
            let (value, record) = try await body(sql)
            if let record {
                try await AuditLog.append(on: sql, actor: actor, action: record.action, entityType: record.entityType,
                                          entityID: record.entityID, before: record.before, after: record.after)
            }
            return value
        }
    }
}

extension Database {
    /// This handle as SQLKit; an error (not a trap) should a driver ever not speak SQL.
    func sql() throws(DatabaseUnavailable) -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw DatabaseUnavailable() }
        return sql
    }
}

/// No SQL connection could be had: the server is shutting down, or a driver does not speak SQL.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public var description: String { "no database connection (the server may be shutting down)" }
}
