import FluentKit
import Foundation
import NguonCore
import SQLKit

/// A bearer token for an integration: an organisation's ERP capturing EPCIS events, or the
/// national portal reading them. Shown once at creation; stored as a SHA-256 digest.
struct APIToken: Sendable, Equatable, Codable {
    var id: String
    var name: String
    var organisationID: String?
    var scopes: Set<TokenScope>
    var createdBy: String
    var createdAt: Int64
    var expiresAt: Int64
    var lastUsedAt: Int64?
    var revokedAt: Int64?

    func isLive(at now: Int64) -> Bool { revokedAt == nil && expiresAt > now }
}

struct APITokenRepository: Sendable {
    let database: AppDatabase
    /// A capture token belongs to an organisation the creator can see.
    let organisations: OrganisationRepository
    /// Tokens read `ngn_<id>_<secret>`: the id finds the row, the secret is compared by digest.
    static let prefix = "ngn_"
    static let maxDays = 730
    /// Last use is written at most once a minute per token.
    static let touchInterval: Int64 = 60 * 1000

    struct Input: Sendable, Equatable {
        var name: String
        var organisationID: String?
        var scopes: Set<TokenScope>
        var days: Int
    }

    /// Creates a token and returns it with its secret, which is never shown again.
    func create(_ input: Input, actor: Actor) async throws -> (token: APIToken, secret: String) {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        let name = input.name.trimmingCharacters(in: .whitespaces)
        guard (1...80).contains(name.count) else {
            throw AppError.invalid(field: "name", rule: "length", LocalizedText(
                vi: "Tên mã truy cập phải có từ 1 đến 80 ký tự (ví dụ: “ERP kho Hạ Long”).", en: "A token name has 1–80 characters."))
        }
        guard !input.scopes.isEmpty else {
            throw AppError.invalid(field: "scopes", rule: "required", LocalizedText(
                vi: "Hãy chọn ít nhất một quyền: gửi dữ liệu (capture) hoặc đọc (read).", en: "Choose at least one scope: capture or read."))
        }
        guard (1...Self.maxDays).contains(input.days) else {
            throw AppError.invalid(field: "days", rule: "range", LocalizedText(
                vi: "Thời hạn phải từ 1 đến \(Self.maxDays) ngày.", en: "The lifetime must be 1–\(Self.maxDays) days."))
        }
        // What the token may do must be something its creator may grant.
        switch principal.scope(for: .apiTokens, .write) {
        case .everything: break
        case .organisation(let own):
            guard input.organisationID == own else { throw AccessDenied.forbidden }
        default: throw AccessDenied.forbidden
        }
        if input.scopes.contains(.read), input.organisationID != nil {
            throw AppError.invalid(field: "scopes", rule: "read-organisation", LocalizedText(
                vi: "Quyền đọc toàn bộ kho EPCIS chỉ cấp cho tích hợp của cơ quan nhà nước, không gắn với tổ chức.",
                en: "Reading the whole EPCIS repository is for government integrations, not an organisation's token."))
        }
        if let organisationID = input.organisationID {
            _ = try await organisations.find(organisationID, for: principal)
        }
        let now = Millis.now()
        let token = APIToken(id: Secret.hex(bytes: 8), name: name, organisationID: input.organisationID, scopes: input.scopes,
                             createdBy: actor.name, createdAt: now, expiresAt: now + Int64(input.days) * 86_400_000,
                             lastUsedAt: nil, revokedAt: nil)
        let secret = Secret.random()
        try await database.audited(actor) { sql in
            try await sql.insert(into: "api_tokens")
                .columns("id", "secret_hash", "name", "organisation_id", "scopes", "created_by", "created_at", "expires_at")
                .values(SQLBind(token.id), SQLBind(Secret.digest(secret)), SQLBind(token.name), SQLBind(token.organisationID),
                        SQLBind(Self.scopeText(token.scopes)), SQLBind(token.createdBy), SQLBind(now), SQLBind(token.expiresAt))
                .run()
            return ((), AuditRecord(action: "api_token.create", entityType: "api_token", entityID: token.id, after: token))
        }
        return (token, Self.prefix + token.id + "_" + secret)
    }


    func list(for principal: Principal) async throws -> [APIToken] {
        let query = try database.sql.select().column("*").from("api_tokens")
            .scoped(to: principal, .apiTokens, .read, columns: .organisationOwned)
        return try await query.orderBy("created_at", .descending).limit(500).all().map(Self.token)
    }

    func revoke(_ id: String, actor: Actor) async throws {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        guard let row = try await database.sql.select().column("*").from("api_tokens").where("id", .equal, SQLBind(id)).first() else {
            throw AccessDenied.notFound
        }
        let before = try Self.token(row)
        switch principal.scope(for: .apiTokens, .write) {
        case .everything: break
        case .organisation(let own) where before.organisationID == own: break
        default:
            // Tokens of others are not there as far as this account can tell.
            throw principal.scope(for: .apiTokens, .read) == .everything ? AccessDenied.forbidden : AccessDenied.notFound
        }
        guard before.revokedAt == nil else { return }
        var draft = before
        draft.revokedAt = Millis.now()
        let after = draft
        try await database.audited(actor) { sql in
            try await sql.update("api_tokens").set("revoked_at", to: SQLBind(after.revokedAt)).where("id", .equal, SQLBind(id)).run()
            return ((), AuditRecord(action: "api_token.revoke", entityType: "api_token", entityID: id, before: before, after: after))
        }
    }

    /// The principal a bearer token stands for, or nil when it is unknown, expired or revoked.
    func authenticate(_ bearer: String, now: Int64 = Millis.now()) async throws -> Principal? {
        guard bearer.hasPrefix(Self.prefix), bearer.utf8.count <= 100 else { return nil }
        let parts = bearer.dropFirst(Self.prefix.count).split(separator: "_", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        guard let row = try await database.sql.select().column("*").from("api_tokens").where("id", .equal, SQLBind(String(parts[0]))).first() else {
            return nil
        }
        let stored = try row.decode(column: "secret_hash", as: String.self)
        guard Secret.constantTimeEqual(Secret.digest(String(parts[1])), stored) else { return nil }
        let token = try Self.token(row)
        guard token.isLive(at: now) else { return nil }
        if now - (token.lastUsedAt ?? 0) >= Self.touchInterval {
            try await database.sql.update("api_tokens").set("last_used_at", to: SQLBind(now)).where("id", .equal, SQLBind(token.id)).run()
        }
        return Principal(id: "token:" + token.id, name: token.name, kind: .token(scopes: token.scopes),
                         role: token.organisationID == nil ? .auditor : .business, organisationID: token.organisationID)
    }

    static func scopeText(_ scopes: Set<TokenScope>) -> String {
        scopes.map(\.rawValue).sorted().joined(separator: " ")
    }

    static func token(_ row: any SQLRow) throws -> APIToken {
        APIToken(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                 organisationID: try row.decode(column: "organisation_id", as: String?.self),
                 scopes: Set(try row.decode(column: "scopes", as: String.self).split(separator: " ").compactMap { TokenScope(rawValue: String($0)) }),
                 createdBy: try row.decode(column: "created_by", as: String.self),
                 createdAt: try row.decode(column: "created_at", as: Int64.self),
                 expiresAt: try row.decode(column: "expires_at", as: Int64.self),
                 lastUsedAt: try row.decode(column: "last_used_at", as: Int64?.self),
                 revokedAt: try row.decode(column: "revoked_at", as: Int64?.self))
    }
}
