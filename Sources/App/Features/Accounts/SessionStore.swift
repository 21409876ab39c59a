import FluentKit
import Foundation
import NguonCore
import SQLKit

/// A signed-in browser: who, and the token its forms must carry.
struct SessionInfo: Sendable, Equatable {
    let id: String
    let user: User
    let csrfToken: String
}

/// Server-side sessions. The cookie holds a random token; a session ends after 30 idle minutes
/// or 12 hours whatever the activity, at sign-out, and when the account's password or rights change.
struct SessionStore: Sendable {
    let database: AppDatabase
    /// A session is only as good as its account (active, unchanged role).
    let users: UserRepository
    static let cookieName = "nguon_session"
    static let idleTimeout: Int64 = 30 * 60 * 1000
    static let absoluteTimeout: Int64 = 12 * 60 * 60 * 1000
    /// Activity is written at most once a minute per session, not on every page.
    static let touchInterval: Int64 = 60 * 1000

    /// Starts a session for `user` and returns the cookie value. Any session the browser had
    /// before is ended by the caller, so a token planted before sign-in is worth nothing after.
    func create(for user: User, address: String?, now: Int64 = Millis.now()) async throws -> String {
        let token = Secret.random()
        try await database.sql.insert(into: "sessions")
            .columns("id", "user_id", "csrf_token", "created_at", "last_seen_at", "address")
            .values(SQLBind(Secret.digest(token)), SQLBind(user.id), SQLBind(Secret.random(bytes: 24)), SQLBind(now), SQLBind(now),
                    SQLBind(address))
            .run()
        return token
    }

    /// The live session for a cookie value, or nil (unknown, expired, or the account is inactive).
    func resolve(_ token: String, now: Int64 = Millis.now()) async throws -> SessionInfo? {
        guard token.utf8.count <= 64 else { return nil }
        let id = Secret.digest(token)
        guard let row = try await database.sql.select().columns("user_id", "csrf_token", "created_at", "last_seen_at")
            .from("sessions").where("id", .equal, SQLBind(id)).first() else { return nil }
        let created = try row.decode(column: "created_at", as: Int64.self)
        let lastSeen = try row.decode(column: "last_seen_at", as: Int64.self)
        guard now - created < Self.absoluteTimeout, now - lastSeen < Self.idleTimeout else {
            try await end(token)
            return nil
        }
        guard let user = try await users.find(id: try row.decode(column: "user_id", as: String.self)),
              user.active else { return nil }
        if now - lastSeen >= Self.touchInterval {
            try await database.sql.update("sessions").set("last_seen_at", to: SQLBind(now)).where("id", .equal, SQLBind(id)).run()
        }
        return SessionInfo(id: id, user: user, csrfToken: try row.decode(column: "csrf_token", as: String.self))
    }

    /// Signing out: the session ends and the audit log says who left, in one transaction (a
    /// cookie that names no live session just ends, unaudited).
    func signOut(_ token: String, session: SessionInfo?, actor: Actor) async throws {
        try await database.audited(actor) { sql in
            try await sql.delete(from: "sessions").where("id", .equal, SQLBind(Secret.digest(token))).run()
            return ((), session.map { AuditRecord(action: "auth.sign_out", entityType: "user", entityID: $0.user.id) })
        }
    }

    func end(_ token: String) async throws {
        try await database.sql.delete(from: "sessions").where("id", .equal, SQLBind(Secret.digest(token))).run()
    }

    /// Expired sessions, removed from time to time.
    func purge(now: Int64 = Millis.now()) async throws {
        try await database.sql.delete(from: "sessions")
            .where("last_seen_at", .lessThan, SQLBind(now - Self.idleTimeout))
            .orWhere("created_at", .lessThan, SQLBind(now - Self.absoluteTimeout))
            .run()
    }
}
