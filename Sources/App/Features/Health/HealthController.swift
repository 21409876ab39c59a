import Foundation
import Hummingbird

/// `GET /healthz`: is the server up and can it reach its database? Load balancers and
/// monitoring read the status code; people read the JSON.
enum HealthController {
    struct Report: Codable, Equatable {
        struct DatabaseStatus: Codable, Equatable {
            let kind: String
            let reachable: Bool
            let latencyMs: Double?
        }

        let status: String
        let database: DatabaseStatus
    }

    static func query(database: AppDatabase) async -> Report {
        let start = ContinuousClock.now
        do {
            try await database.ping()
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            return Report(status: "ok", database: .init(kind: database.location.kind, reachable: true,
                                                        latencyMs: (ms * 100).rounded() / 100))
        } catch {
            return Report(status: "unavailable", database: .init(kind: database.location.kind, reachable: false, latencyMs: nil))
        }
    }

    static func show(database: AppDatabase) async throws -> Response {
        let report = await query(database: database)
        return try JSONResponse(value: report, status: report.status == "ok" ? .ok : .serviceUnavailable,
                                headers: [.cacheControl: "no-store"]).response()
    }
}

extension HealthController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, database: AppDatabase) {
        group.read(SiteURL.healthz.routePath) { _, _ in try await show(database: database) }
    }
}
