@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit

/// Builds the app on a fresh database and runs `body` against it in process.
/// SQLite: a new file in a temporary folder per call. PostgreSQL: when `DATABASE_URL` is set
/// (CI sets it), every test uses that database, so the suites that touch it run serialized.
enum TestApp {
    /// The capture token the test app accepts.
    static let captureToken = "test-capture-token-0123456789abcdef"

    static let postgresURL: String? = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap {
        $0.hasPrefix("postgres") ? $0 : nil
    }

    /// A fresh, empty database for one test. On PostgreSQL a new database is created beside the
    /// one `DATABASE_URL` names (the throw-away server is dropped whole after the run), so tests
    /// neither see each other's events nor depend on running once.
    static var databaseForTests: DatabaseLocation {
        get async throws {
            guard let url = postgresURL else {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nguon-tests-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                return .sqlite(path: folder.appendingPathComponent("test.sqlite").path)
            }
            let name = "nguon_t_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
            let admin = try AppDatabase(location: .postgres(url: url), logger: quietLogger)
            do {
                try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
                await admin.shutdown()
            } catch {
                await admin.shutdown()
                throw error
            }
            var components = URLComponents(string: url)!
            components.path = "/" + name
            return .postgres(url: components.string!)
        }
    }

    static func config(database: DatabaseLocation? = nil) async throws -> AppConfig {
        let location: DatabaseLocation
        if let database { location = database } else { location = try await databaseForTests }
        return AppConfig(database: location, logLevel: .critical, autoMigrate: true, captureToken: captureToken)
    }

    /// Tests provoke failures on purpose; only a crash-worthy message should reach the output.
    static let quietLogger: Logger = {
        var logger = Logger(label: "nguon.tests")
        logger.logLevel = .critical
        return logger
    }()

    static func run<Value: Sendable>(
        config: AppConfig? = nil,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let resolved: AppConfig
        if let config { resolved = config } else { resolved = try await Self.config() }
        let app = try await buildApplication(config: resolved, logger: quietLogger)
        return try await app.test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
