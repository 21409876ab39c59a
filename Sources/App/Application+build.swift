import Hummingbird
import NguonCore
import Logging

/// Builds the whole server from a configuration: database service, migrations, routes. Tests call
/// this with a throw-away database; `nguon serve` calls it and runs the result.
public func buildApplication(config: AppConfig, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "nguon")
    logger.logLevel = config.logLevel
    let database = try AppDatabase(location: config.database, logger: logger)
    let router = buildRouter(AppServices(config: config, database: database))
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(config.hostname, port: config.port), serverName: "Nguon"),
        logger: logger
    )
    app.addServices(database)
    let startLogger = logger
    app.beforeServerStarts {
        try await prepareDatabase(database, config: config, logger: startLogger)
    }
    return app
}

/// What handlers need besides the request. Passed explicitly; there are no globals.
struct AppServices: Sendable {
    let config: AppConfig
    let database: AppDatabase
    let originPages: OriginPageCache
    let users: UserRepository
    let sessions: SessionStore
    let tokens: APITokenRepository
    let organisations: OrganisationRepository
    let adminUnits: AdminUnitRepository
    /// Every request, per client address (`NGUON_RATE_LIMIT` per minute).
    let publicLimiter: RateLimiter
    /// Sign-in attempts per client address, on top of the per-account lock.
    let signInLimiter: RateLimiter
    /// Failed sign-ins per user name: unknown names lock like real ones (`SignInThrottle`'s free attempts, then a pause).
    let failedNames: RateLimiter

    init(config: AppConfig, database: AppDatabase, originPages: OriginPageCache = OriginPageCache()) {
        self.config = config
        self.database = database
        self.originPages = originPages
        self.users = UserRepository(database: database)
        self.sessions = SessionStore(database: database)
        self.tokens = APITokenRepository(database: database)
        self.organisations = OrganisationRepository(database: database)
        self.adminUnits = AdminUnitRepository(database: database)
        self.publicLimiter = RateLimiter(limit: config.rateLimit, per: .seconds(60))
        self.signInLimiter = RateLimiter(limit: 10, per: .seconds(60))
        self.failedNames = RateLimiter(limit: SignInThrottle.freeAttempts - 1, per: .seconds(15 * 60))
    }
}

/// A start that cannot go on, with the step to take.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String
}

/// SQLite is migrated at every start (a fresh clone just runs). PostgreSQL deployments migrate
/// as an explicit step, so a server never changes a shared schema by surprise.
func prepareDatabase(_ database: AppDatabase, config: AppConfig, logger: Logger) async throws {
    var migrateNow = config.autoMigrate
    if case .sqlite = config.database { migrateNow = true }
    if migrateNow {
        let applied = try await database.migrate()
        if !applied.isEmpty {
            logger.notice("database migrated", metadata: ["applied": "\(applied.joined(separator: ", "))"])
        }
    } else {
        let pending = try await database.pendingMigrations()
        guard pending.isEmpty else {
            throw StartupError(description: """
                Cơ sở dữ liệu còn \(pending.count) bước cập nhật cấu trúc chưa chạy (\(pending.joined(separator: ", "))). \
                Chạy `nguon migrate` trước, hoặc đặt NGUON_AUTO_MIGRATE=true. \
                (The database has \(pending.count) pending migrations: run `nguon migrate` first.)
                """)
        }
    }
    let instance = try await Setting.instanceID(on: database.db)
    logger.info("database ready", metadata: ["database": "\(config.database)", "instance": "\(instance)"])
}
