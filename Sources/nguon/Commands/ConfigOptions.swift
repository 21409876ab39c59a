import App
import ArgumentParser
import Foundation

/// Flags shared by commands that need the server configuration. Each may also come from the
/// environment variable named in its help; the flag wins.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Address to listen on (env NGUON_HOST, default 127.0.0.1).")
    var hostname: String?
    @Option(help: "Port to listen on (env NGUON_PORT, default 8080).")
    var port: String?
    @Option(name: .customLong("database-url"), help: "postgres://… or a SQLite file (env DATABASE_URL, default nguon.sqlite).")
    var databaseURL: String?
    @Option(name: .customLong("log-level"), help: "trace|debug|info|notice|warning|error|critical (env LOG_LEVEL).")
    var logLevel: String?
    @Option(name: .customLong("public-url"), help: "URL the public reaches this server at (env NGUON_PUBLIC_URL).")
    var publicURL: String?
    @Flag(name: .customLong("auto-migrate"), help: "Migrate PostgreSQL at start (env NGUON_AUTO_MIGRATE).")
    var autoMigrate = false

    /// Reads flags and environment once; a bad value ends the command naming the variable.
    func load() throws -> AppConfig {
        do {
            return try AppConfig.load(overrides: .init(
                hostname: hostname, port: port, databaseURL: databaseURL, logLevel: logLevel,
                publicURL: publicURL, autoMigrate: autoMigrate ? true : nil))
        } catch {
            FileHandle.standardError.write(Data("nguon: cấu hình không hợp lệ (invalid configuration): \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
    }
}
