import Foundation
import Logging
import NguonCore
import SQLKit

/// What the account-related commands of `nguon` do, on the configured database. The command
/// line acts as the system (whoever runs it has the server's files); every change is audited.
public enum AccountCommands {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    static func failure(_ error: AppError) -> Failure {
        let fields = error.fieldErrors.map { "\($0.field): \($0.message.vi) (\($0.message.en))" }.joined(separator: "; ")
        return Failure(description: fields.isEmpty ? "\(error.detail.vi) (\(error.detail.en))" : fields)
    }

    /// `nguon user create`: an account; with `role == .admin`, the first administrator.
    public static func createUser(config: AppConfig, username: String, displayName: String, role: String, department: String?,
                                  unit: String?, organisation: String?, password: String, logger: Logger) async throws -> String {
        guard let role = Role(rawValue: role) else {
            throw Failure(description: "--role phải là một trong: \(Role.allCases.map(\.rawValue).joined(separator: ", ")) (must be one of those)")
        }
        var parsedDepartment: Department?
        if let department {
            guard let value = Department(rawValue: department) else {
                throw Failure(description: "--department phải là một trong: \(Department.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            parsedDepartment = value
        }
        return try await AppDatabase.using(config, logger: logger) { database in
            do {
                let user = try await Repositories(database: database).users.create(
                    .init(username: username, displayName: displayName, role: role, department: parsedDepartment, unitCode: unit,
                          organisationID: organisation),
                    password: password, actor: .commandLine())
                return "Đã tạo tài khoản \(user.username) (\(role.vietnameseName)). (Account created.)"
            } catch let error as AppError {
                throw failure(error)
            }
        }
    }

    /// `nguon admin-units import FILE`.
    public static func importAdminUnits(config: AppConfig, file: String, logger: Logger) async throws -> String {
        let url = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Failure(description: "\(file): không đọc được tệp (cannot read the file)")
        }
        let units: [AdminUnit]
        do { units = try AdminUnitFile.parse(data, fileName: url.lastPathComponent) } catch let problem as AdminUnitFile.Problem {
            throw Failure(description: problem.description + " — không có gì được nhập (nothing imported)")
        }
        return try await AppDatabase.using(config, logger: logger) { database in
            let summary = try await Repositories(database: database).units.importUnits(units, actor: .commandLine())
            return "Đọc \(units.count) đơn vị: thêm \(summary.added), cập nhật \(summary.updated), không đổi \(summary.unchanged). "
                + "(Read \(units.count) units: \(summary.added) added, \(summary.updated) updated, \(summary.unchanged) unchanged.)"
        }
    }

    /// `nguon audit verify [--anchor SEQUENCE:HASH]`: true when the chain is whole and, given the
    /// anchor an earlier run printed, that entry is still there unchanged.
    public static func verifyAudit(config: AppConfig, anchor: String? = nil, logger: Logger) async throws -> (ok: Bool, message: String) {
        var parsedAnchor: (sequence: Int64, hash: String)?
        if let anchor {
            let parts = anchor.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let sequence = Int64(parts[0]), sequence > 0, parts[1].count == 64,
                  parts[1].allSatisfy({ $0.isHexDigit }) else {
                throw Failure(description: "--anchor phải có dạng SỐ-THỨ-TỰ:MÃ-BĂM-64-KÝ-TỰ như lần kiểm tra trước đã in (must be SEQUENCE:64-hex-HASH as printed by an earlier check)")
            }
            parsedAnchor = (sequence, String(parts[1]).lowercased())
        }
        return try await AppDatabase.using(config, logger: logger) { database in
            let result = try await AuditLog.verify(on: database.sql)
            if let broken = result.firstBreak {
                return (false, "NHẬT KÝ BỊ THAY ĐỔI (AUDIT LOG TAMPERED): \(broken). \(result.checked) mục trước đó còn nguyên (entries before it are intact).")
            }
            if let parsedAnchor, let problem = try await AuditLog.checkAnchor(parsedAnchor, on: database.sql) {
                return (false, "NHẬT KÝ BỊ THAY ĐỔI (AUDIT LOG TAMPERED): \(problem).")
            }
            let anchorLine = result.head.map { "\nMốc để lần sau kiểm tra (anchor for the next check): --anchor \($0.sequence):\($0.hash)" } ?? ""
            return (true, "Nhật ký nguyên vẹn: \(result.checked) mục, chuỗi băm khớp. (Audit log intact: \(result.checked) entries.)" + anchorLine)
        }
    }

    /// `nguon token create`: prints the token once.
    public static func createToken(config: AppConfig, name: String, organisation: String?, scopes: [String], days: Int,
                                   logger: Logger) async throws -> String {
        var parsed = Set<TokenScope>()
        for scope in scopes {
            guard let value = TokenScope(rawValue: scope) else { throw Failure(description: "--scope phải là capture hoặc read (must be capture or read)") }
            parsed.insert(value)
        }
        return try await AppDatabase.using(config, logger: logger) { database in
            do {
                let (token, secret) = try await Repositories(database: database).tokens.create(
                    .init(name: name, organisationID: organisation, scopes: parsed, days: days), actor: .commandLine())
                return "Mã \(token.id) (\(APITokenRepository.scopeText(token.scopes))), hết hạn sau \(days) ngày. Chỉ hiện một lần (shown once):\n\(secret)"
            } catch let error as AppError {
                throw failure(error)
            }
        }
    }
}

/// Accounts for `serve --demo`, so a newcomer can sign in with each role at once. Passwords
/// are random and printed once; an account that exists already is left as it is.
public enum DemoAccounts {
    public struct Created: Sendable {
        public let username: String
        public let password: String?
        public let role: String
    }

    /// Communes of Quảng Ninh the demo supply chains pass through (codes of Decision 19/2025/QĐ-TTg).
    static let communes: [AdminUnit] = [
        AdminUnit(code: "07093", name: "Đông Triều", fullName: "Phường Đông Triều", nameEn: "Dong Trieu", kind: .ward, parentCode: "22", former: []),
        AdminUnit(code: "07132", name: "Quảng Yên", fullName: "Phường Quảng Yên", nameEn: "Quang Yen", kind: .ward, parentCode: "22", former: []),
        AdminUnit(code: "06895", name: "Đầm Hà", fullName: "Xã Đầm Hà", nameEn: "Dam Ha", kind: .commune, parentCode: "22", former: []),
        AdminUnit(code: "06994", name: "Vân Đồn", fullName: "Đặc khu Vân Đồn", nameEn: "Van Don", kind: .specialZone, parentCode: "22", former: []),
    ]

    public static func create(config: AppConfig, logger: Logger) async throws -> [Created] {
        try await AppDatabase.using(config, logger: logger) { database in
            let actor = Actor.commandLine()
            let repositories = Repositories(database: database)
            let units = repositories.units
            let missing = try await communes.asyncFilter { try await units.find($0.code) == nil }
            if !missing.isEmpty { _ = try await units.importUnits(missing, actor: actor) }

            let organisations = repositories.organisations
            func organisation(_ name: String, unit: String) async throws -> String {
                let all = try await organisations.list(for: Principal.commandLine, search: name)
                if let existing = all.first(where: { $0.name == name }) { return existing.id }
                return try await organisations.create(.init(name: name, taxCode: nil, unitCode: unit, address: nil), actor: actor).id
            }
            let cooperative = try await organisation("HTX Rau an toàn Đông Triều", unit: "07093")
            _ = try await organisation("HTX Nuôi trồng thủy sản Đầm Hà", unit: "06895")

            let users = repositories.users
            let accounts: [(String, String, Role, Department?, String?, String?)] = [
                ("demo.quantri", "Quản trị hệ thống (demo)", .admin, nil, nil, nil),
                ("demo.so.nnmt", "Cán bộ Sở NN&MT Quảng Ninh (demo)", .departmentOfficer, .agricultureEnvironment, "22", nil),
                ("demo.xa.dongtrieu", "Cán bộ phường Đông Triều (demo)", .communeOfficer, nil, "07093", nil),
                ("demo.thanhtra", "Thanh tra Quảng Ninh (demo)", .inspector, nil, "22", nil),
                ("demo.htx.dongtrieu", "HTX Rau an toàn Đông Triều (demo)", .business, nil, nil, cooperative),
                ("demo.kiemtoan", "Kiểm toán (demo)", .auditor, nil, nil, nil),
            ]
            var created: [Created] = []
            for (username, name, role, department, unit, organisationID) in accounts {
                if try await users.find(username: username) != nil {
                    created.append(Created(username: username, password: nil, role: role.vietnameseName))
                    continue
                }
                let password = "demo-" + Secret.random(bytes: 9)
                _ = try await users.create(.init(username: username, displayName: name, role: role, department: department,
                                                 unitCode: unit, organisationID: organisationID),
                                           password: password, actor: actor)
                created.append(Created(username: username, password: password, role: role.vietnameseName))
            }
            return created
        }
    }
}

extension Array where Element: Sendable {
    func asyncFilter(_ keep: (Element) async throws -> Bool) async rethrows -> [Element] {
        var kept: [Element] = []
        for element in self where try await keep(element) { kept.append(element) }
        return kept
    }
}
