import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Logging
import NIOCore
import NIOPosix
import SQLKit
import ServiceLifecycle

/// The application's one database, SQLite or PostgreSQL, behind FluentKit's `Databases`.
/// It is a Service so the connections close when the server shuts down gracefully.
public final class AppDatabase: Service, Sendable {
    public let location: DatabaseLocation
    let databases: Databases
    let logger: Logger
    /// SQLite serialises writers anyway; pinning every request to one event loop keeps one
    /// connection, so there is no lock contention between pooled connections to the same file.
    let pinnedEventLoop: (any EventLoop)?
    /// SQLite only: checkpoints the write-ahead log off the writer's path.
    let checkpointer: SQLiteCheckpointer?

    public init(location: DatabaseLocation, logger: Logger) throws(ConfigError) {
        self.location = location
        self.logger = logger
        let group = MultiThreadedEventLoopGroup.singleton
        self.databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
        switch location {
        case .sqlite(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
            // Readers: one more connection per event loop (one per core). In WAL mode they read
            // beside the writer and each other, so public pages, queries and exports neither
            // wait for a capture's commit nor queue behind one another on the writer.
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqliteReader, isDefault: false)
            pinnedEventLoop = group.next()
            checkpointer = SQLiteCheckpointer(path: path, logger: logger)
        case .postgres(let url):
            do {
                databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
            } catch {
                throw ConfigError(variable: "DATABASE_URL", value: location.description,
                                  rule: "không đọc được URL PostgreSQL (unreadable PostgreSQL URL)")
            }
            pinnedEventLoop = nil
            checkpointer = nil
        }
    }

    /// A handle for one unit of work. Cheap: it borrows from the pool on use. Once the server has
    /// begun shutting down there is none, and a request still running gets an error, not a crash.
    public var db: any Database {
        get throws(DatabaseUnavailable) {
            guard let db = databases.database(logger: logger, on: pinnedEventLoop ?? databases.eventLoopGroup.any()) else {
                throw DatabaseUnavailable()
            }
            return db
        }
    }

    /// The same handle for SQLKit queries on hot paths. Both drivers are SQL databases.
    public var sql: any SQLDatabase {
        get throws(DatabaseUnavailable) { try db.sql() }
    }

    /// A handle for reads outside any transaction (public pages, queries, lists, exports). On
    /// SQLite a read-only connection beside the writer; on PostgreSQL the pool, as for `sql`.
    /// What a capture has committed is visible to the next read on any connection.
    public var reader: any SQLDatabase {
        get throws(DatabaseUnavailable) {
            guard case .sqlite = location else { return try sql }
            guard let db = databases.database(.sqliteReader, logger: logger, on: databases.eventLoopGroup.any()) else {
                throw DatabaseUnavailable()
            }
            return try db.sql()
        }
    }

    /// Settings that make SQLite a good server database; run once per start.
    func prepareConnection() async throws {
        guard case .sqlite = location else { return }
        // WAL lets readers proceed while one writer commits; the setting is stored in the file.
        // 8 KB pages halve the log frames (one write each) a capture commits and keep a stored
        // event on one page; it takes effect only when the file is new.
        try await sql.raw("PRAGMA page_size=8192").run()
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=NORMAL").run()
        try await sql.raw("PRAGMA foreign_keys=ON").run()
        // The event indexes outgrow SQLite's 2 MB default page cache quickly; reads then go to
        // the kernel for every B-tree step. A larger cache and memory-mapped reads keep them hot.
        try await sql.raw("PRAGMA cache_size=-65536").run()
        try await sql.raw("PRAGMA mmap_size=268435456").run()
        try await sql.raw("PRAGMA temp_store=MEMORY").run()
        // Checkpoints run on a second connection (SQLiteCheckpointer); the automatic one, inside
        // a writer's commit, only stops the log growing past 256 MB should that one fall behind.
        try await sql.raw("PRAGMA wal_autocheckpoint=32768").run()
        // Each reader (one per event loop, kept by its pool): refuses writes, and keeps a smaller
        // cache of its own, since memory-mapped pages are shared with the writer's.
        for loop in databases.eventLoopGroup.makeIterator() {
            guard let reader = try databases.database(.sqliteReader, logger: logger, on: loop)?.sql() else { throw DatabaseUnavailable() }
            for pragma in ["query_only=1", "cache_size=-8192", "mmap_size=268435456", "temp_store=MEMORY"] {
                try await reader.raw("PRAGMA \(unsafeRaw: pragma)").run()
            }
        }
    }

    func migrator() -> Migrator {
        let migrations = Migrations()
        NguonMigrations.register(in: migrations)
        return Migrator(databases: databases, migrations: migrations, logger: logger,
                        on: pinnedEventLoop ?? databases.eventLoopGroup.any())
    }

    /// Names of migrations not yet applied, in the order they would run.
    public func pendingMigrations() async throws -> [String] {
        let migrator = migrator()
        try await migrator.setupIfNeeded().get()
        return try await migrator.previewPrepareBatch().get().map { $0.0.name }
    }

    /// Applies every pending migration in one batch; returns their names.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await prepareConnection()
        let pending = try await pendingMigrations()
        if !pending.isEmpty {
            try await migrator().prepareBatch().get()
        }
        return pending
    }

    /// Round-trip to the database, for /healthz.
    public func ping() async throws {
        try await sql.raw("SELECT 1").run()
    }

    public func shutdown() async {
        await checkpointer?.stop()
        await databases.shutdownAsync()
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}

extension AppDatabase {
    /// Opens the configured database for one command, prepares it as `serve` would, runs `body`
    /// and closes the connections whatever happens.
    package static func using<T: Sendable>(_ config: AppConfig, logger: Logger, _ body: (AppDatabase) async throws -> T) async throws -> T {
        let database = try AppDatabase(location: config.database, logger: logger)
        do {
            try await prepareDatabase(database, config: config, logger: logger)
            let result = try await body(database)
            await database.shutdown()
            return result
        } catch {
            await database.shutdown()
            throw error
        }
    }
}

extension DatabaseID {
    /// SQLite's read-only connections (`AppDatabase.reader`).
    static let sqliteReader = DatabaseID(string: "sqlite-reader")
}
