import App
import ArgumentParser
import Foundation
import Logging

private func quietLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .warning
    return logger
}

/// Runs an account command and turns its failure into a message and exit code 1.
private func perform(_ body: () async throws -> String) async {
    do {
        print(try await body())
    } catch let failure as AccountCommands.Failure {
        fail(failure.description)
    } catch {
        fail(String(describing: error))
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; `--admin` creates an administrator (the first one has to come from here).",
            discussion: "The password is read from NGUON_ADMIN_PASSWORD when set, otherwise asked for twice at the terminal. It is never a flag: flags end up in shell history.")

        @Option(help: "User name: 3–40 characters a–z, 0–9, . - _")
        var username: String
        @Option(help: "Full name shown in the interface and the audit log.")
        var name: String
        @Flag(help: "Create a system administrator (same as --role admin).")
        var admin = false
        @Option(help: "admin, department_officer, commune_officer, inspector, business, auditor.")
        var role: String?
        @Option(help: "Department of a department officer: nong_nghiep_moi_truong, khoa_hoc_cong_nghe, cong_thuong, y_te.")
        var department: String?
        @Option(help: "Jurisdiction: province (2 digits) or commune (5 digits) code.")
        var unit: String?
        @Option(help: "Organisation id of a business user.")
        var organisation: String?
        @OptionGroup var options: ConfigOptions

        func validate() throws {
            if admin, let role, role != "admin" { throw ValidationError("--admin and --role \(role) contradict each other.") }
            if !admin && role == nil { throw ValidationError("Give --admin or --role.") }
        }

        func run() async throws {
            let config = try options.load()
            let password = try readPassword()
            await perform {
                try await AccountCommands.createUser(config: config, username: username, displayName: name, role: admin ? "admin" : role!,
                                                     department: department, unit: unit, organisation: organisation,
                                                     password: password, logger: quietLogger("nguon.user"))
            }
        }

        private func readPassword() throws -> String {
            if let password = ProcessInfo.processInfo.environment["NGUON_ADMIN_PASSWORD"], !password.isEmpty { return password }
            guard isatty(STDIN_FILENO) == 1 else {
                fail("không có terminal để hỏi mật khẩu: hãy đặt NGUON_ADMIN_PASSWORD (no terminal to ask for the password: set NGUON_ADMIN_PASSWORD)")
            }
            guard let first = getpass("Mật khẩu (password): ").map({ String(cString: $0) }),
                  let second = getpass("Nhập lại (again): ").map({ String(cString: $0) }) else { fail("không đọc được mật khẩu") }
            guard first == second else { fail("hai lần nhập không giống nhau (the two entries differ)") }
            return first
        }
    }
}

struct AdminUnitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin-units", abstract: "Administrative units.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load communes, wards and special zones (and provinces) from a JSON or CSV file; safe to run again.",
            discussion: "JSON: a list of provinces with their `Wards`, or a flat list of {code, name, fullName, kind, parentCode, former}. CSV: header code,name,full_name,kind,parent_code,name_en,former_names (former names separated by ;).")

        @Argument(help: "The file to import.")
        var file: String
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let config = try options.load()
            await perform { try await AccountCommands.importAdminUnits(config: config, file: file, logger: quietLogger("nguon.units")) }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "The audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain of the audit log; exit code 2 and the first broken entry when it was tampered with.",
            discussion: "Keep the anchor it prints somewhere outside the database (a ticket, a signed e-mail): given back with --anchor, the next check also notices entries cut off the end or a rewritten log.")
        @Option(help: "SEQUENCE:HASH printed by an earlier check.")
        var anchor: String?
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let config = try options.load()
            let result: (ok: Bool, message: String)
            do {
                result = try await AccountCommands.verifyAudit(config: config, anchor: anchor, logger: quietLogger("nguon.audit"))
            } catch let failure as AccountCommands.Failure {
                fail(failure.description)
            }
            print(result.message)
            if !result.ok { throw ExitCode(2) }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token and print it once.")
        @Option(help: "A name to recognise it by, e.g. \"ERP kho Hạ Long\".")
        var name: String
        @Option(help: "Organisation id: capture tokens of one organisation. Leave out for a government integration.")
        var organisation: String?
        @Option(help: "capture or read; repeat for both.")
        var scope: [String] = ["capture"]
        @Option(help: "Days until it expires, 1–730.")
        var days: Int = 365
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let config = try options.load()
            await perform {
                try await AccountCommands.createToken(config: config, name: name, organisation: organisation, scopes: scope,
                                                      days: days, logger: quietLogger("nguon.token"))
            }
        }
    }
}
