import App
import Foundation
import Logging
import NguonCore
import SQLKit

/// `nguon bench import`, `nguon bench search` and `nguon bench origin-page`: the registry under
/// a province's volumes, each on a new SQLite file in the temporary folder, migrated as
/// `serve` migrates it (so the communes come from migration 010), and removed afterwards.
public enum RegistryBenchmark {
    /// Quảng Ninh: the province the benchmarks place their records in.
    static let province = "22"

    /// A department officer of the province, who imports its sheets and registers its producers.
    static let officer = Principal(id: "bench-officer", name: "Cán bộ Sở Nông nghiệp và Môi trường (benchmark)", role: .departmentOfficer,
                                   department: .agricultureEnvironment, jurisdiction: AdminArea(province: province))

    static func temporaryDatabasePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nguon-bench-\(UUID().uuidString).sqlite").path
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// The database file and its write-ahead log, in MiB.
    static func databaseMB(_ path: String) -> Double {
        let bytes = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
        return round1(Double(bytes) / 1_048_576)
    }

    /// Runs `body` on a new, migrated SQLite database that is removed afterwards, unless `keep`
    /// names the file to build it in and leave behind (to look at its query plans).
    static func withTemporaryDatabase<T: Sendable>(keep: String? = nil, logger: Logger,
                                                   _ body: (AppDatabase, String) async throws -> T) async throws -> T {
        let path = keep ?? temporaryDatabasePath()
        defer { if keep == nil { removeDatabase(path) } }
        let config = AppConfig(database: .sqlite(path: path), logLevel: .warning, autoMigrate: true)
        return try await AppDatabase.using(config, logger: logger) { try await body($0, path) }
    }

    /// The province's communes, wards and special zones, as migration 010 seeded them.
    static func communes(in database: AppDatabase) async throws -> [RegistryBenchData.Commune] {
        try await database.sql.raw("SELECT code, name, full_name FROM admin_units WHERE parent_code = \(bind: province) ORDER BY code").all()
            .map { RegistryBenchData.Commune(code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self),
                                             fullName: try $0.decode(column: "full_name", as: String.self)) }
    }

    static func count(_ query: SQLQueryString, in database: AppDatabase) async throws -> Int {
        try await database.sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// Latency figures over a set of samples, in milliseconds.
    public struct Latency: Encodable, Sendable {
        let samples: Int
        let p50Ms: Double
        let p95Ms: Double
        let p99Ms: Double
        let maxMs: Double
        let meanMs: Double

        init(_ values: [Double]) {
            let sorted = values.sorted()
            func percentile(_ p: Double) -> Double {
                guard !sorted.isEmpty else { return 0 }
                return RegistryBenchmark.round3(sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))])
            }
            samples = sorted.count
            p50Ms = percentile(0.50)
            p95Ms = percentile(0.95)
            p99Ms = percentile(0.99)
            maxMs = RegistryBenchmark.round3(sorted.last ?? 0)
            meanMs = sorted.isEmpty ? 0 : RegistryBenchmark.round3(sorted.reduce(0, +) / Double(sorted.count))
        }
    }
}
