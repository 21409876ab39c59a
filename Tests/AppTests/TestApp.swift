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
        // No rate limit: tests send many requests from one address on purpose.
        return AppConfig(database: location, logLevel: .critical, autoMigrate: true, rateLimit: 0)
    }

    /// Tests provoke failures on purpose; only a crash-worthy message should reach the output.
    static let quietLogger: Logger = {
        var logger = Logger(label: "nguon.tests")
        logger.logLevel = .critical
        return logger
    }()

    /// Runs `body` against the app. Its client sends an integration token with capture and
    /// read scopes unless the request names its own `Authorization`; `client.anonymous` sends
    /// nothing. `prepare` runs on the migrated database before the app starts.
    static func run<Value: Sendable>(
        config: AppConfig? = nil,
        prepare: (@Sendable (AppDatabase) async throws -> Void)? = nil,
        _ body: @Sendable (AuthorizedClient) async throws -> Value
    ) async throws -> Value {
        let resolved: AppConfig
        if let config { resolved = config } else { resolved = try await Self.config() }
        let token = try await AppDatabase.using(resolved, logger: quietLogger) { database in
            try await prepare?(database)
            return try await Repositories(database: database).tokens.create(
                .init(name: "test integration", organisationID: nil, scopes: [.capture, .read], days: 1), actor: .commandLine()).secret
        }
        let app = try await buildApplication(config: resolved, logger: quietLogger)
        return try await app.test(.router) { client in try await body(AuthorizedClient(anonymous: client, token: token)) }
    }
}

/// A test client that signs requests with a bearer token unless told otherwise.
struct AuthorizedClient: TestClientProtocol {
    let anonymous: any TestClientProtocol
    let token: String

    var port: Int? { anonymous.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        if headers[.authorization] == nil { headers[.authorization] = "Bearer " + token }
        return try await anonymous.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
