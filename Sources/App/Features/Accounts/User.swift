import FluentKit
import Foundation
import HummingbirdBcrypt
import NguonCore
import SQLKit

/// An account as pages and the audit log see it: never the password hash.
struct User: Sendable, Equatable, Codable {
    var id: String
    var username: String
    var displayName: String
    var role: Role
    var department: Department?
    var provinceCode: String?
    var communeCode: String?
    var organisationID: String?
    var active: Bool
    var mustChangePassword: Bool

    var jurisdiction: AdminArea? { provinceCode.map { AdminArea(province: $0, commune: communeCode) } }

    var principal: Principal {
        Principal(id: id, name: "\(displayName) (\(username))", role: role, department: department,
                  jurisdiction: jurisdiction, organisationID: organisationID)
    }
}

/// Accounts: creation and changes by administrators, sign-in with lockout, password changes.
/// Every change is audited in the same transaction.
struct UserRepository: Sendable {
    let database: AppDatabase
    /// Jurisdictions are administrative units.
    let units: AdminUnitRepository

    struct Input: Sendable, Equatable {
        var username: String
        var displayName: String
        var role: Role
        var department: Department?
        /// Province (2 digits) or commune (5 digits) for officers and inspectors; ignored for other roles.
        var unitCode: String?
        var organisationID: String?
        var active: Bool = true
    }

    /// Usernames: 3–40 characters of a–z, 0–9, dot, dash, underscore; stored lower-case.
    static func normalisedUsername(_ raw: String) throws(AppError) -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...40).contains(name.count), name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }) else {
            throw AppError.invalid(field: "username", rule: "username", LocalizedText(
                vi: "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu a–z, số, dấu chấm, gạch ngang hoặc gạch dưới.",
                en: "A user name has 3–40 characters: a–z, 0–9, dot, dash or underscore."))
        }
        return name
    }

    static func checkPassword(_ password: String, username: String, field: String = "password") throws(AppError) {
        if let problem = PasswordPolicy.check(password, username: username) {
            throw AppError.invalid(field: field, rule: problem.rawValue, LocalizedText(vi: problem.vietnamese, en: problem.english))
        }
    }

    /// Hashing takes a quarter of a second of CPU; it runs on the hasher's own threads.
    /// Work for signed-in accounts and the command line, which `PasswordHasher` does not share out.
    static func hash(_ password: String) async throws -> String {
        try await PasswordHasher.shared.hash(password, for: nil)
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await PasswordHasher.shared.verify(password, hash: hash, for: nil)
    }

    // MARK: reading

    func list(for principal: Principal) async throws -> [User] {
        guard principal.can(.read, .users) else { throw AccessDenied.forbidden }
        return try await database.sql.select().column("*").from("users").orderBy("username").limit(1_000).all().map(Self.user)
    }

    func find(_ id: String, for principal: Principal) async throws -> User {
        guard principal.can(.read, .users) else { throw AccessDenied.notFound }
        guard let row = try await database.sql.select().column("*").from("users").where("id", .equal, SQLBind(id)).first() else {
            throw AccessDenied.notFound
        }
        return try Self.user(row)
    }

    /// The account behind a session, whatever its state; callers check `active`.
    func find(id: String) async throws -> User? {
        try await database.sql.select().column("*").from("users").where("id", .equal, SQLBind(id)).first().map(Self.user)
    }

    func find(username: String) async throws -> User? {
        try await database.sql.select().column("*").from("users").where("username", .equal, SQLBind(username.lowercased())).first().map(Self.user)
    }

    // MARK: changing

    /// Creates an account; the first administrator comes from the command line (`Actor.commandLine()`).
    func create(_ input: Input, password: String, actor: Actor, mustChangePassword: Bool = false) async throws -> User {
        guard let principal = actor.principal, principal.can(.write, .users) else { throw AccessDenied.forbidden }
        let username = try Self.normalisedUsername(input.username)
        try Self.checkPassword(password, username: username)
        var draft = try await validated(input, id: UUID().uuidString.lowercased(), username: username)
        draft.mustChangePassword = mustChangePassword
        let user = draft
        let hash = try await Self.hash(password)
        let now = Millis.now()
        do {
            try await database.audited(actor) { sql in
                if try await sql.select().column("id").from("users").where("username", .equal, SQLBind(username)).first() != nil {
                    throw Self.usernameTaken(username)
                }
                try await sql.insert(into: "users")
                    .columns("id", "username", "display_name", "password_hash", "role", "department", "province_code", "commune_code",
                             "organisation_id", "active", "failed_attempts", "locked_until", "must_change_password", "created_at", "updated_at")
                    .values(SQLBind(user.id), SQLBind(user.username), SQLBind(user.displayName), SQLBind(hash), SQLBind(user.role.rawValue),
                            SQLBind(user.department?.rawValue), SQLBind(user.provinceCode), SQLBind(user.communeCode),
                            SQLBind(user.organisationID), SQLBind(user.active), SQLBind(0), SQLBind(Int64?.none),
                            SQLBind(user.mustChangePassword), SQLBind(now), SQLBind(now))
                    .run()
                return ((), AuditRecord(action: "user.create", entityType: "user", entityID: user.id, after: user))
            }
        } catch let error where !(error is AppError) {
            // Two administrators creating the same name at once: the unique index stops the
            // second, which gets the same answer as if it had come later.
            if try await find(username: username) != nil { throw Self.usernameTaken(username) }
            throw error
        }
        return user
    }

    static func usernameTaken(_ username: String) -> AppError {
        AppError.invalid(field: "username", rule: "unique", LocalizedText(
            vi: "Tên đăng nhập “\(username)” đã có người dùng.", en: "The user name “\(username)” is taken."))
    }

    /// Changes name, role, department, jurisdiction, organisation or active state. A changed
    /// role or jurisdiction ends the account's sessions, so it signs in again under the new rights.
    func update(_ id: String, _ input: Input, actor: Actor) async throws -> User {
        guard let principal = actor.principal, principal.can(.write, .users) else { throw AccessDenied.forbidden }
        let before = try await find(id, for: principal)
        var draft = try await validated(input, id: id, username: before.username)
        draft.mustChangePassword = before.mustChangePassword
        let after = draft
        guard after != before else { return before }
        if before.id == principal.id, after.role != .admin || !after.active {
            throw AppError.invalid(field: "role", rule: "self-demotion", LocalizedText(
                vi: "Bạn không thể tự bỏ quyền quản trị hoặc khóa tài khoản của chính mình.",
                en: "You cannot remove your own administrator role or deactivate yourself."))
        }
        let rightsChanged = before.role != after.role || before.jurisdiction != after.jurisdiction
            || before.organisationID != after.organisationID || !after.active
        try await database.audited(actor) { sql in
            try await sql.update("users")
                .set("display_name", to: SQLBind(after.displayName)).set("role", to: SQLBind(after.role.rawValue))
                .set("department", to: SQLBind(after.department?.rawValue)).set("province_code", to: SQLBind(after.provinceCode))
                .set("commune_code", to: SQLBind(after.communeCode)).set("organisation_id", to: SQLBind(after.organisationID))
                .set("active", to: SQLBind(after.active)).set("updated_at", to: SQLBind(Millis.now()))
                .where("id", .equal, SQLBind(id))
                .run()
            if rightsChanged { try await sql.delete(from: "sessions").where("user_id", .equal, SQLBind(id)).run() }
            let action = before.role != after.role ? "user.role_change" : "user.update"
            return ((), AuditRecord(action: action, entityType: "user", entityID: id, before: before, after: after))
        }
        return after
    }

    /// An administrator sets a new temporary password; the account must change it at next sign-in.
    func resetPassword(_ id: String, to password: String, actor: Actor) async throws {
        guard let principal = actor.principal, principal.can(.write, .users) else { throw AccessDenied.forbidden }
        let user = try await find(id, for: principal)
        try Self.checkPassword(password, username: user.username)
        try await setPassword(user, password, mustChange: true, actor: actor, action: "user.password_reset")
    }

    /// The account holder changes their own password, proving the current one.
    func changeOwnPassword(_ user: User, current: String, new: String, actor: Actor) async throws {
        guard let row = try await database.sql.select().column("password_hash").from("users").where("id", .equal, SQLBind(user.id)).first(),
              try await Self.verify(current, hash: try row.decode(column: "password_hash", as: String.self)) else {
            throw AppError.invalid(field: "current", rule: "wrong-password", LocalizedText(
                vi: "Mật khẩu hiện tại không đúng.", en: "The current password is wrong."))
        }
        try Self.checkPassword(new, username: user.username, field: "new")
        if new == current {
            throw AppError.invalid(field: "new", rule: "unchanged", LocalizedText(
                vi: "Mật khẩu mới phải khác mật khẩu hiện tại.", en: "The new password must differ from the current one."))
        }
        try await setPassword(user, new, mustChange: false, actor: actor, action: "user.password_change")
    }

    private func setPassword(_ user: User, _ password: String, mustChange: Bool, actor: Actor, action: String) async throws {
        let hash = try await Self.hash(password)
        try await database.audited(actor) { sql in
            try await sql.update("users").set("password_hash", to: SQLBind(hash)).set("must_change_password", to: SQLBind(mustChange))
                .set("failed_attempts", to: SQLBind(0)).set("locked_until", to: SQLBind(Int64?.none))
                .set("updated_at", to: SQLBind(Millis.now()))
                .where("id", .equal, SQLBind(user.id)).run()
            // Every other session of the account ends: whoever knew the old password is out.
            try await sql.delete(from: "sessions").where("user_id", .equal, SQLBind(user.id)).run()
            return ((), AuditRecord(action: action, entityType: "user", entityID: user.id))
        }
    }

    // MARK: sign-in

    enum SignInResult: Sendable, Equatable {
        case success(User)
        case wrongCredentials
        /// Locked until this time (ms since 1970) after repeated failures.
        case locked(until: Int64)
        case inactive
    }

    /// Checks a user name and password. Failures are counted per client address and name
    /// (`SignInGuard`): known and unknown names, wrong passwords and closed accounts take the same
    /// path and the same time, and are paused alike. Every attempt is audited.
    func signIn(username raw: String, password: String, address: String?, guard throttle: SignInGuard,
                now: Int64 = Millis.now()) async throws -> SignInResult {
        let username = raw.trimmingCharacters(in: .whitespaces).lowercased()
        // A paused pair is answered before any lookup or hash, whether the name exists or not.
        if let until = throttle.lockedUntil(address: address, username: username, now: now) { return .locked(until: until) }
        let row = try await database.sql.select().column("*").from("users").where("username", .equal, SQLBind(username)).first()
        let user = try row.map(Self.user)
        let hash = try row?.decode(column: "password_hash", as: String.self) ?? Self.dummyHash
        // Unknown names are checked against a hash nobody knows the password of: the same work.
        // Queued fairly per address: guesses from a few addresses cannot keep others out.
        let matches = try await PasswordHasher.shared.verify(password, hash: hash, for: RateLimiter.clientKey(address) ?? "?")
        guard let user, matches, user.active else {
            let until = throttle.recordFailure(address: address, username: username, now: now)
            let action = until != nil ? "auth.locked" : (user != nil && matches ? "auth.sign_in_inactive" : "auth.sign_in_failed")
            try await audit(action: action, user: user, name: username, address: address)
            if let until { return .locked(until: until) }
            return user != nil && matches ? .inactive : .wrongCredentials
        }
        throttle.recordSuccess(address: address, username: username)
        try await database.audited(Actor(principal: user.principal, address: address)) { sql in
            try await sql.update("users").set("failed_attempts", to: SQLBind(0)).set("locked_until", to: SQLBind(Int64?.none))
                .where("id", .equal, SQLBind(user.id)).run()
            return ((), AuditRecord(action: "auth.sign_in", entityType: "user", entityID: user.id))
        }
        return .success(user)
    }

    private func audit(action: String, user: User?, name: String, address: String?) async throws {
        try await database.audited(Actor(principal: user?.principal, address: address, fallbackName: name)) { _ in
            ((), AuditRecord(action: action, entityType: "user", entityID: user?.id))
        }
    }

    /// A bcrypt hash (cost 12) of a random text nobody kept, to spend equal time on unknown
    /// user names. A constant, so the first sign-in after a start does not pay for making it.
    static let dummyHash = "$2b$12$3OI84T8pbcHruSLkQYWgLuc1W2ZmvizdSTlNi9rr9c/wnj.ambSFW"

    // MARK: helpers

    private func validated(_ input: Input, id: String, username: String) async throws -> User {
        let name = input.displayName.trimmingCharacters(in: .whitespaces)
        guard (1...120).contains(name.count) else {
            throw AppError.invalid(field: "displayName", rule: "length", LocalizedText(
                vi: "Họ tên phải có từ 1 đến 120 ký tự.", en: "The full name must have 1–120 characters."))
        }
        var user = User(id: id, username: username, displayName: name, role: input.role, department: nil,
                        provinceCode: nil, communeCode: nil, organisationID: nil, active: input.active, mustChangePassword: false)
        if input.role == .departmentOfficer {
            guard let department = input.department else {
                throw AppError.invalid(field: "department", rule: "required", LocalizedText(
                    vi: "Cán bộ sở, ngành phải thuộc một sở.", en: "A department officer needs a department."))
            }
            user.department = department
        }
        if input.role.needsJurisdiction {
            guard let code = input.unitCode, let unit = try await units.find(code) else {
                throw AppError.invalid(field: "unit", rule: "jurisdiction", LocalizedText(
                    vi: "Hãy chọn địa bàn phụ trách: mã tỉnh (2 số) hoặc mã xã, phường, đặc khu (5 số) có trong danh mục.",
                    en: "Choose a jurisdiction: a known province (2 digits) or commune (5 digits) code."))
            }
            if input.role == .communeOfficer, unit.kind.isProvinceLevel {
                throw AppError.invalid(field: "unit", rule: "commune-required", LocalizedText(
                    vi: "Cán bộ cấp xã phải gắn với một xã, phường hoặc đặc khu (mã 5 số).",
                    en: "A commune officer belongs to a commune, ward or special zone (5-digit code)."))
            }
            if input.role == .departmentOfficer, !unit.kind.isProvinceLevel {
                throw AppError.invalid(field: "unit", rule: "province-required", LocalizedText(
                    vi: "Cán bộ sở, ngành phụ trách cả tỉnh: hãy chọn mã tỉnh (2 số).",
                    en: "A department officer's jurisdiction is a province (2-digit code)."))
            }
            user.provinceCode = unit.area.province
            user.communeCode = unit.area.commune
        }
        if input.role == .business {
            guard let organisationID = input.organisationID,
                  try await database.sql.select().column("id").from("organisations").where("id", .equal, SQLBind(organisationID)).first() != nil else {
                throw AppError.invalid(field: "organisation", rule: "required", LocalizedText(
                    vi: "Người dùng doanh nghiệp phải thuộc một tổ chức đã đăng ký.",
                    en: "A business user must belong to a registered organisation."))
            }
            user.organisationID = organisationID
        }
        return user
    }

    static func user(_ row: any SQLRow) throws -> User {
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else { throw AppError.internalData("unknown role \(roleText)") }
        return User(id: try row.decode(column: "id", as: String.self), username: try row.decode(column: "username", as: String.self),
                    displayName: try row.decode(column: "display_name", as: String.self), role: role,
                    department: try row.decode(column: "department", as: String?.self).flatMap(Department.init(rawValue:)),
                    provinceCode: try row.decode(column: "province_code", as: String?.self),
                    communeCode: try row.decode(column: "commune_code", as: String?.self),
                    organisationID: try row.decode(column: "organisation_id", as: String?.self),
                    active: try row.decode(column: "active", as: Bool.self),
                    mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self))
    }
}

extension AppError {
    /// Stored data the code cannot read: a 500 that tells the user nothing was changed.
    static func internalData(_ what: String) -> AppError {
        AppError(status: .internalServerError, code: "stored-data", detail: LocalizedText(
            vi: "Dữ liệu lưu trữ không đọc được; không có gì bị thay đổi. Hãy báo quản trị hệ thống.",
            en: "Stored data could not be read (\(what)); nothing was changed. Please tell the administrators."))
    }
}
