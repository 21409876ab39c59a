@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging

/// Builds the app on a fresh database and runs `body` against it in process.
/// SQLite: a new file in a temporary folder per call. PostgreSQL: when `DATABASE_URL` is set
/// (CI sets it), every test uses that database, so the suites that touch it run serialized.
enum TestApp {
    static let postgresURL: String? = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap {
        $0.hasPrefix("postgres") ? $0 : nil
    }

    static var databaseForTests: DatabaseLocation {
        if let url = postgresURL { return .postgres(url: url) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nguon-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return .sqlite(path: folder.appendingPathComponent("test.sqlite").path)
    }

    static func config(database: DatabaseLocation? = nil) -> AppConfig {
        AppConfig(database: database ?? databaseForTests, logLevel: .critical, autoMigrate: true)
    }

    /// Tests provoke failures on purpose; only a crash-worthy message should reach the output.
    static let quietLogger: Logger = {
        var logger = Logger(label: "nguon.tests")
        logger.logLevel = .critical
        return logger
    }()

    static func run<Value: Sendable>(
        config: AppConfig = TestApp.config(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = try await buildApplication(config: config, logger: quietLogger)
        return try await app.test(.router, body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
