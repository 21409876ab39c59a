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
        // A connection that sends nothing for a minute is closed, so idle or abandoned sockets do
        // not pile up to the open-file limit. (A client trickling bytes is the reverse proxy's to
        // stop: README, "Running it for real".)
        server: .http1(configuration: .init(idleTimeout: .seconds(60))),
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

/// Every repository, made once over one database and handed to whoever needs it: no repository
/// or controller makes another on the fly. The server and the command line both use this.
package struct Repositories: Sendable {
    package let units: AdminUnitRepository
    let organisations: OrganisationRepository
    let users: UserRepository
    let sessions: SessionStore
    let tokens: APITokenRepository
    let epcis: EPCISRepository
    let gs1Codes: GS1CodeRepository
    let facilities: FacilityRepository
    let products: ProductRepository
    let certificates: CertificateRepository
    let commitments: CommitmentRepository
    let inspections: InspectionRepository
    let violations: ViolationRepository
    let samples: SampleRepository
    package let recalls: RecallRepository

    /// `changes` hears of registry writes that change what origin pages show.
    package init(database: AppDatabase, changes: IdentifierChanges? = nil) {
        units = AdminUnitRepository(database: database)
        organisations = OrganisationRepository(database: database, units: units)
        users = UserRepository(database: database, units: units)
        sessions = SessionStore(database: database, users: users)
        tokens = APITokenRepository(database: database, organisations: organisations)
        epcis = EPCISRepository(database: database)
        gs1Codes = GS1CodeRepository(database: database, organisations: organisations)
        facilities = FacilityRepository(database: database, organisations: organisations, changes: changes)
        products = ProductRepository(database: database, organisations: organisations, changes: changes)
        certificates = CertificateRepository(database: database, facilities: facilities)
        commitments = CommitmentRepository(database: database, facilities: facilities)
        inspections = InspectionRepository(database: database, facilities: facilities)
        violations = ViolationRepository(database: database, facilities: facilities)
        samples = SampleRepository(database: database, facilities: facilities, products: products)
        recalls = RecallRepository(database: database, epcis: epcis, changes: changes)
    }
}

/// What handlers need besides the request. Passed explicitly; there are no globals.
struct AppServices: Sendable {
    let config: AppConfig
    let database: AppDatabase
    let repositories: Repositories
    let originPages: OriginPageCache
    /// Resolver request targets already parsed (a label scanned again is parsed once).
    let resolverTargets = ResolverTargets()
    /// Capture announces the identifiers it touched; the origin-page cache listens.
    let changes: IdentifierChanges
    /// Origin pages that no cache can serve (a trace and a render each), at most a few at once.
    let publicWork: WorkLimiter
    /// Captures decoded and written at once (each may hold a 32 MB document in memory).
    let captureWork: WorkLimiter
    /// Capture documents being received: 8 at once, 2 per account or token, 2 minutes each (a
    /// 32 MB document over a 3 Mbit/s mobile link takes about 90 s).
    let uploads: UploadGate
    /// Every request, per client address (`NGUON_RATE_LIMIT` per minute).
    let publicLimiter: RateLimiter
    /// Sign-in attempts per client address, on top of the per-account lock.
    let signInLimiter: RateLimiter
    /// Failed sign-ins per client address and user name: unknown names pause like real ones.
    let signInGuard: SignInGuard
    let accounts: AccountController.Dependencies
    /// Product photos being re-encoded and label sheets rendered: each may take a second and
    /// 100–160 MB (a 40 MP PNG, 10,000 serialised labels), so two at a time.
    let heavyWork: WorkLimiter
    /// Registry lists and their searches: a search over a province's registry reads thousands of
    /// index entries, so four at a time, and a flood of them waits or gets a 503, not the
    /// database pool every other page needs.
    let listWork: WorkLimiter
    /// Exports of up to 100,000 rows, each holding its rows and file in memory: one at a time,
    /// two waiting, so a flood of them neither fills memory nor holds the lists' turns.
    let exportWork: WorkLimiter
    /// The producer's workspace: forms that write EPCIS events for the account's organisation.
    let work: ProducerWork

    /// CPU- and memory-heavy work (a photo, a label sheet, an import, an export) off the request
    /// threads, two at a time; past the queue a 503 with `Retry-After`, never a 500.
    func heavy<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await heavyWork.run { try await Offload.run(work) }
        } catch is WorkLimiter.Full {
            throw WorkLimiter.busy(retryAfter: 5)
        }
    }

    /// A registry list's queries within `listWork`; past its queue a 503 with `Retry-After`.
    func listing<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await listWork.run(work)
        } catch is WorkLimiter.Full {
            throw WorkLimiter.busy(retryAfter: 2)
        }
    }

    /// A form's file received within the upload gate: a share per organisation or account, two
    /// minutes at most, so slow uploads cannot pile up in memory (503 when the share is taken,
    /// 408 when the file does not arrive in time).
    func receiveUpload<T: Sendable>(for principal: Principal, _ receive: @escaping @Sendable () async throws -> T) async throws -> T {
        try await uploads.receive(from: EPCISCaptureController.uploadSender(principal), receive)
    }

    var users: UserRepository { repositories.users }
    var sessions: SessionStore { repositories.sessions }
    var tokens: APITokenRepository { repositories.tokens }
    var organisations: OrganisationRepository { repositories.organisations }
    var gs1Codes: GS1CodeRepository { repositories.gs1Codes }
    var adminUnits: AdminUnitRepository { repositories.units }
    var epcis: EPCISRepository { repositories.epcis }
    var facilities: FacilityRepository { repositories.facilities }
    var products: ProductRepository { repositories.products }
    var certificates: CertificateRepository { repositories.certificates }
    var commitments: CommitmentRepository { repositories.commitments }
    var inspections: InspectionRepository { repositories.inspections }
    var violations: ViolationRepository { repositories.violations }
    var samples: SampleRepository { repositories.samples }
    var recalls: RecallRepository { repositories.recalls }

    /// A whole export within `exportWork`; past its queue a 503 with `Retry-After`.
    func exporting<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await exportWork.run(work)
        } catch is WorkLimiter.Full {
            throw WorkLimiter.busy(retryAfter: 10)
        }
    }

    init(config: AppConfig, database: AppDatabase, originPages: OriginPageCache = OriginPageCache()) {
        self.config = config
        self.database = database
        let changes = IdentifierChanges()
        self.changes = changes
        self.repositories = Repositories(database: database, changes: changes)
        self.originPages = originPages
        self.work = ProducerWork(database: database, epcis: repositories.epcis, facilities: repositories.facilities,
                                 products: repositories.products, changes: changes, publicURL: config.publicURL)
        changes.listen { [originPages] keys in originPages.invalidate(keys) }
        // Four per core keeps both cores busy while pages wait on the database, and bounds the
        // memory of traces read at once.
        self.publicWork = WorkLimiter(width: 8, queue: 512)
        self.captureWork = WorkLimiter(width: 2, queue: 4)
        self.heavyWork = WorkLimiter(width: 2, queue: 8)
        self.listWork = WorkLimiter(width: 4, queue: 32)
        self.exportWork = WorkLimiter(width: 1, queue: 2)
        self.uploads = UploadGate(total: 8, perSender: 2, deadline: .seconds(120))
        self.publicLimiter = RateLimiter(limit: config.rateLimit, per: .seconds(60))
        // Wider than the public sketch: with a limit of 10, collisions would matter sooner.
        self.signInLimiter = RateLimiter(limit: 10, per: .seconds(60), width: 1 << 18)
        self.signInGuard = SignInGuard()
        self.accounts = AccountController.Dependencies(users: repositories.users, sessions: repositories.sessions,
                                                       signInLimiter: signInLimiter, signInGuard: signInGuard,
                                                       secureCookies: config.secureCookies)
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
