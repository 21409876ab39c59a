@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

@Suite("Health and database", .serialized)
struct HealthAndDatabaseTests {
    @Test("Each migration is named by its place in the list: deployed databases remember them by name")
    func migrationNames() {
        for (index, migration) in NguonMigrations.all.enumerated() {
            #expect(migration.name.hasPrefix(String(format: "%03d_", index + 1)), "\(migration.name)")
        }
    }

    @Test("/healthz reports the database as reachable")
    func healthz() async throws {
        let config = try await TestApp.config()
        try await TestApp.run(config: config) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(HealthController.Report.self, from: Data(buffer: response.body))
                #expect(report.status == "ok")
                #expect(report.database.kind == config.database.kind)
                #expect(report.database.reachable)
            }
        }
    }

    @Test("/healthz answers 503 when the database cannot be reached")
    func healthzDown() async throws {
        // A SQLite path inside a folder that does not exist cannot be opened.
        let database = try AppDatabase(location: .sqlite(path: "/nonexistent-\(UUID().uuidString)/x.sqlite"),
                                       logger: TestApp.quietLogger)
        let report = await HealthController.query(database: database)
        #expect(report.status == "unavailable")
        #expect(report.database.reachable == false)
        await database.shutdown()
    }

    @Test("Starting twice migrates once and keeps the instance id")
    func migrationsIdempotent() async throws {
        let config = try await TestApp.config()
        let database = try AppDatabase(location: config.database, logger: TestApp.quietLogger)
        try await database.migrate()
        #expect(try await database.pendingMigrations().isEmpty)
        let first = try await Setting.instanceID(on: database.db)
        #expect(try await database.migrate().isEmpty)
        let second = try await Setting.instanceID(on: database.db)
        #expect(first == second)
        await database.shutdown()
    }

    @Test("Servers starting together agree on one instance id")
    func concurrentInstanceID() async throws {
        let database = try AppDatabase(location: try await TestApp.config().database, logger: TestApp.quietLogger)
        try await database.migrate()
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await Setting.instanceID(on: database.db) } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
        await database.shutdown()
    }

    @Test("SQLite migrates at start even without auto-migrate: a fresh clone just runs")
    func sqliteMigratesAtStart() async throws {
        let location = try await TestApp.databaseForTests
        guard case .sqlite = location else { return }  // the PostgreSQL rule is tested below
        let config = AppConfig(database: location, autoMigrate: false)
        let database = try AppDatabase(location: location, logger: TestApp.quietLogger)
        try await prepareDatabase(database, config: config, logger: TestApp.quietLogger)
        #expect(try await database.pendingMigrations().isEmpty)
        await database.shutdown()
    }

    @Test("PostgreSQL with pending migrations and no auto-migrate refuses to start",
          .enabled(if: TestApp.postgresURL != nil, "needs DATABASE_URL=postgres://…"))
    func postgresRefusesPendingMigrations() async throws {
        // A brand-new database beside the test database, dropped afterwards.
        let url = try #require(TestApp.postgresURL)
        let name = "nguon_pending_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try AppDatabase(location: .postgres(url: url), logger: TestApp.quietLogger)
        try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
        var components = try #require(URLComponents(string: url))
        components.path = "/" + name
        let fresh = DatabaseLocation.postgres(url: try #require(components.string))
        let database = try AppDatabase(location: fresh, logger: TestApp.quietLogger)
        await #expect(throws: StartupError.self) {
            try await prepareDatabase(database, config: AppConfig(database: fresh, autoMigrate: false), logger: TestApp.quietLogger)
        }
        #expect(try await database.pendingMigrations() == NguonMigrations.all.map(\.name))
        // With auto-migrate the same start goes through.
        try await prepareDatabase(database, config: AppConfig(database: fresh, autoMigrate: true), logger: TestApp.quietLogger)
        #expect(try await database.pendingMigrations().isEmpty)
        await database.shutdown()
        try await admin.sql.raw("DROP DATABASE \(unsafeRaw: name)").run()
        await admin.shutdown()
    }
}
