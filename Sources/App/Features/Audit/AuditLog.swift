import FluentKit
import Foundation
import NguonCore
import SQLKit

/// The append-only, hash-chained audit log. Entries are written inside the same transaction as
/// the change they describe, so a change without its entry (or the reverse) cannot be stored.
enum AuditLog {
    /// Appends one entry. `before`/`after` are encoded as JSON with sorted keys.
    static func append(on sql: any SQLDatabase, actor: Actor, action: String, entityType: String, entityID: String?,
                       before: (any Encodable)? = nil, after: (any Encodable)? = nil) async throws {
        // Entries must be numbered one after the other: on PostgreSQL concurrent transactions take
        // turns here (the lock ends with the transaction); SQLite has one writer anyway.
        if sql.dialect.name == "postgresql" { try await takeTurn(on: sql) }
        let head = try await sql.select().columns("sequence", "hash", "at").from("audit_log")
            .orderBy("sequence", .descending).limit(1).first()
        let sequence = (try head?.decode(column: "sequence", as: Int64.self) ?? 0) + 1
        let previous = try head?.decode(column: "hash", as: String.self) ?? AuditChain.genesis
        // Read the clock after taking the turn, so times never go backwards along the chain.
        let millis = max(Millis.now(), try head?.decode(column: "at", as: Int64.self) ?? 0)
        let beforeJSON = try before.map(json)
        let afterJSON = try after.map(json)
        let hash = AuditChain.hash(sequence: sequence, at: millis, actorID: actor.id, actorName: actor.name,
                                   address: actor.address, action: action, entityType: entityType, entityID: entityID,
                                   before: beforeJSON, after: afterJSON, previousHash: previous)
        try await sql.insert(into: "audit_log")
            .columns("sequence", "at", "actor_id", "actor_name", "address", "action", "entity_type", "entity_id",
                     "before", "after", "previous_hash", "hash")
            .values(SQLBind(sequence), SQLBind(millis), SQLBind(actor.id), SQLBind(actor.name), SQLBind(actor.address),
                    SQLBind(action), SQLBind(entityType), SQLBind(entityID), SQLBind(beforeJSON), SQLBind(afterJSON),
                    SQLBind(previous), SQLBind(hash))
            .run()
    }

    /// PostgreSQL: waits for the audit log's turn, held until this transaction ends. Whatever
    /// else must happen one transaction at a time (eventIDs) takes the same turn.
    static func takeTurn(on sql: any SQLDatabase) async throws {
        try await sql.raw("SELECT pg_advisory_xact_lock(7305001)").run()
    }

    static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every action the application records, with how the log page names it.
    static let actions: [(code: String, label: LocalizedText)] = [
        ("auth.sign_in", LocalizedText(vi: "Đăng nhập", en: "Signed in")),
        ("auth.sign_out", LocalizedText(vi: "Đăng xuất", en: "Signed out")),
        ("auth.sign_in_failed", LocalizedText(vi: "Đăng nhập sai", en: "Failed sign-in")),
        ("auth.sign_in_inactive", LocalizedText(vi: "Đăng nhập vào tài khoản đã khóa", en: "Sign-in to a disabled account")),
        ("auth.locked", LocalizedText(vi: "Tạm khóa vì đăng nhập sai nhiều lần", en: "Locked after failed sign-ins")),
        ("user.create", LocalizedText(vi: "Tạo tài khoản", en: "Account created")),
        ("user.update", LocalizedText(vi: "Sửa tài khoản", en: "Account changed")),
        ("user.role_change", LocalizedText(vi: "Đổi vai trò", en: "Role changed")),
        ("user.password_change", LocalizedText(vi: "Tự đổi mật khẩu", en: "Password changed")),
        ("user.password_reset", LocalizedText(vi: "Quản trị đặt lại mật khẩu", en: "Password reset by an administrator")),
        ("organisation.create", LocalizedText(vi: "Đăng ký tổ chức", en: "Organisation registered")),
        ("organisation.update", LocalizedText(vi: "Sửa tổ chức", en: "Organisation changed")),
        ("api_token.create", LocalizedText(vi: "Tạo mã truy cập", en: "Token created")),
        ("api_token.revoke", LocalizedText(vi: "Thu hồi mã truy cập", en: "Token revoked")),
        ("epcis.capture", LocalizedText(vi: "Gửi dữ liệu EPCIS", en: "EPCIS capture")),
        ("admin_unit.import", LocalizedText(vi: "Nhập đơn vị hành chính", en: "Administrative units imported")),
        ("admin_unit.update", LocalizedText(vi: "Sửa đơn vị hành chính", en: "Administrative unit changed")),
        ("audit.export", LocalizedText(vi: "Xuất nhật ký", en: "Audit log exported")),
        ("gs1.prefix_add", LocalizedText(vi: "Thêm tiền tố mã GS1", en: "GS1 prefix added")),
        ("gs1.allocate", LocalizedText(vi: "Cấp mã GS1", en: "GS1 codes given")),
    ]

    static func label(of action: String, _ language: Language) -> String {
        actions.first { $0.code == action }?.label(language) ?? action
    }

    struct Filter: Sendable, Equatable, Encodable {
        var actorID: String?
        var entityType: String?
        var entityID: String?
        var action: String?
        var from: Int64?
        var until: Int64?
        /// Entries older than this sequence (paging backwards from the newest).
        var before: Int64?
        var limit: Int = 100
    }

    /// Entries newest first. Reading the log is itself limited to administrators and auditors.
    static func list(_ filter: Filter, for principal: Principal, on sql: any SQLDatabase) async throws -> [AuditEntry] {
        var query = try sql.select().column("*").from("audit_log").scoped(to: principal, .auditLog, .read, columns: .organisationOwned)
        if let v = filter.actorID { query = query.where("actor_id", .equal, SQLBind(v)) }
        if let v = filter.entityType { query = query.where("entity_type", .equal, SQLBind(v)) }
        if let v = filter.entityID { query = query.where("entity_id", .equal, SQLBind(v)) }
        if let v = filter.action { query = query.where("action", .equal, SQLBind(v)) }
        if let v = filter.from { query = query.where("at", .greaterThanOrEqual, SQLBind(v)) }
        if let v = filter.until { query = query.where("at", .lessThan, SQLBind(v)) }
        if let v = filter.before { query = query.where("sequence", .lessThan, SQLBind(v)) }
        return try await query.orderBy("sequence", .descending).limit(filter.limit).all().map(entry)
    }

    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        try row.record()
    }

    /// Whether the entry an earlier check recorded as the newest (`sequence:hash`) is still
    /// there unchanged; nil when it is, else why not.
    static func checkAnchor(_ anchor: (sequence: Int64, hash: String), on sql: any SQLDatabase) async throws -> String? {
        guard let row = try await sql.select().column("hash").from("audit_log").where("sequence", .equal, SQLBind(anchor.sequence)).first() else {
            return "mục #\(anchor.sequence) đã ghi nhận trước đây không còn — các mục cuối đã bị xóa (entry #\(anchor.sequence) recorded earlier is gone: the newest entries were removed)"
        }
        guard try row.decode(column: "hash", as: String.self) == anchor.hash else {
            return "mục #\(anchor.sequence) không còn mã băm đã ghi nhận — nhật ký đã bị viết lại (entry #\(anchor.sequence) no longer has the recorded hash: the log was rewritten)"
        }
        return nil
    }

    struct Verification: Sendable, Equatable {
        let checked: Int
        let firstBreak: AuditChain.Break?
        /// The newest entry: recorded outside the database, it lets a later check see that
        /// nothing was cut off the end (the chain alone cannot).
        var head: (sequence: Int64, hash: String)? = nil

        static func == (a: Verification, b: Verification) -> Bool {
            a.checked == b.checked && a.firstBreak == b.firstBreak && a.head?.sequence == b.head?.sequence && a.head?.hash == b.head?.hash
        }
    }

    /// Walks the whole log in sequence order, a page at a time, and reports the first entry
    /// that breaks the chain.
    static func verify(on sql: any SQLDatabase) async throws -> Verification {
        var previous: (sequence: Int64, hash: String)? = nil
        var checked = 0
        while true {
            var query = sql.select().column("*").from("audit_log")
            if let previous { query = query.where("sequence", .greaterThan, SQLBind(previous.sequence)) }
            let page = try await query.orderBy("sequence", .ascending).limit(2_000).all().map(entry)
            if page.isEmpty { return Verification(checked: checked, firstBreak: nil, head: previous) }
            if let broken = AuditChain.verify(page, after: previous) {
                return Verification(checked: checked + page.prefix { $0.sequence < broken.sequence }.count, firstBreak: broken)
            }
            checked += page.count
            guard let last = page.last else { break }
            previous = (last.sequence, last.hash)
        }
        return Verification(checked: checked, firstBreak: nil, head: previous)
    }
}
