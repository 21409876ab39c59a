@testable import App
import Foundation
import Hummingbird

/// The routes the application registers, read from the router itself, and a matcher from a
/// route's pattern to a concrete path, so a test can tell which routes a list of requests covers.
enum RouteTable {
    struct Route: Sendable {
        let method: HTTPRequest.Method
        let path: String
    }

    /// Every (method, pattern) the real router holds. The database is never opened.
    static func routes() throws -> [Route] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nguon-routes-\(UUID().uuidString)")
        let database = try AppDatabase(location: .sqlite(path: folder.appendingPathComponent("unused.sqlite").path), logger: TestApp.quietLogger)
        let router = buildRouter(AppServices(config: AppConfig(database: database.location, logLevel: .critical, rateLimit: 0),
                                             database: database))
        return router.routes.map { Route(method: $0.method, path: $0.path.description) }
    }

    /// Whether `path` (query ignored) is an instance of `pattern`: `:name`, `{name}` and `*` match one
    /// segment, `**` the rest of the path.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let concrete = path.prefix { $0 != "?" }.split(separator: "/", omittingEmptySubsequences: true)
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        for (index, part) in parts.enumerated() {
            if part == "**" { return concrete.count > index }
            guard index < concrete.count else { return false }
            if part.hasPrefix(":") || part.hasPrefix("{") || part == "*" { continue }
            guard part == concrete[index] else { return false }
        }
        return parts.count == concrete.count
    }
}
