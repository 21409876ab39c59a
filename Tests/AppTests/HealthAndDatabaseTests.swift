@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Health and database", .serialized)
struct HealthAndDatabaseTests {
    @Test("/healthz reports the database as reachable")
    func healthz() async throws {
        let config = TestApp.config()
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
        let config = TestApp.config()
        let database = try AppDatabase(location: config.database, logger: TestApp.quietLogger)
        try await database.migrate()
        #expect(try await database.pendingMigrations().isEmpty)
        let first = try await Setting.instanceID(on: database.db)
        #expect(try await database.migrate().isEmpty)
        let second = try await Setting.instanceID(on: database.db)
        #expect(first == second)
        await database.shutdown()
    }

    @Test("A PostgreSQL-style start without auto-migrate refuses pending migrations")
    func pendingMigrationsStopTheStart() async throws {
        // Exercised on a fresh SQLite file with the PostgreSQL rule: migrate is not implied.
        let location = TestApp.config().database
        guard case .sqlite = location else { return }  // on PostgreSQL the shared test database is already migrated
        let database = try AppDatabase(location: location, logger: TestApp.quietLogger)
        #expect(try await database.pendingMigrations() == ["001_CreateSettings"])
        await database.shutdown()
    }
}
