import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web server (SQLite file in the working directory by default).")

    @OptionGroup var options: ConfigOptions
    @Flag(help: "Load the demo supply chains before serving, and print their pages.")
    var demo = false

    func run() async throws {
        let config = try options.load()
        do {
            if demo {
                // Written straight to the file descriptor: the server runs until stopped, and a
                // buffered print would only show the links when the buffer fills.
                for item in try await DemoLoader.load(into: config, logger: Logger(label: "nguon.demo")) {
                    FileHandle.standardOutput.write(Data("Demo: \(item.product): \(config.publicURL)\(item.path)\n".utf8))
                }
                // Passwords are shown here once; a second start leaves the accounts as they are.
                var lines = ["Tài khoản demo (demo accounts) — đăng nhập tại \(config.publicURL)/dang-nhap:"]
                for account in try await DemoAccounts.create(config: config, logger: Logger(label: "nguon.demo")) {
                    lines.append("  \(account.username)  \(account.password ?? "(đã có, mật khẩu không đổi / exists, unchanged)")  — \(account.role)")
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
            let app = try await buildApplication(config: config)
            try await app.runService()
        } catch {
            // Typically the database: unreachable, wrong password, pending migrations.
            FileHandle.standardError.write(Data("nguon: không khởi động được (cannot start): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations (the explicit step for PostgreSQL).")

    @OptionGroup var options: ConfigOptions
    @Flag(help: "Only list the pending migrations.")
    var dryRun = false

    func run() async throws {
        let config = try options.load()
        let database = try AppDatabase(location: config.database, logger: .init(label: "nguon.migrate"))
        do {
            let names = dryRun ? try await database.pendingMigrations() : try await database.migrate()
            if names.isEmpty {
                print("Cơ sở dữ liệu đã ở phiên bản mới nhất. (Nothing to migrate.)")
            } else {
                print((dryRun ? "Sẽ chạy (pending):" : "Đã chạy (applied):") + "\n" + names.map { "  \($0)" }.joined(separator: "\n"))
            }
            await database.shutdown()
        } catch {
            await database.shutdown()
            FileHandle.standardError.write(Data("nguon migrate: \(String(describing: error))\n".utf8))
            throw ExitCode(1)
        }
    }
}
