import FluentSQLiteDriver
import Foundation
import Logging
import Synchronization

/// Copies the SQLite write-ahead log back into the database file from a second connection,
/// so the copy (and its fsync) runs beside the next capture instead of inside its commit.
/// A PASSIVE checkpoint never blocks the writer. It runs only when a writer says the log has
/// grown, so an idle server does no work; the main connection keeps a large automatic
/// checkpoint as a backstop should this one fall behind.
final class SQLiteCheckpointer: Sendable {
    private let continuation: AsyncStream<Void>.Continuation
    private let task: Task<Void, Never>

    init(path: String, logger: Logger) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        self.continuation = continuation
        self.task = Task {
            var connection: SQLiteConnection?
            for await _ in stream {
                do {
                    if connection == nil { connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger) }
                    _ = try await connection!.query("PRAGMA wal_checkpoint(PASSIVE)")
                } catch {
                    // Busy or unavailable: the next write asks again, and the backstop still holds.
                    logger.debug("background checkpoint skipped", metadata: ["error": "\(error)"])
                }
            }
            try? await connection?.close()
        }
    }

    private let pending = Mutex(0)
    /// Events written since the last checkpoint request that make one worthwhile (about 8 MB of log).
    static let eventsPerCheckpoint = 5_000

    /// A writer committed `events` events; past the threshold, checkpoint soon.
    func wrote(events: Int) {
        let due = pending.withLock { count -> Bool in
            count += events
            guard count >= Self.eventsPerCheckpoint else { return false }
            count = 0
            return true
        }
        if due { continuation.yield() }
    }

    /// Stops after the checkpoint in progress, if any, and closes the connection.
    func stop() async {
        continuation.finish()
        await task.value
    }

    deinit { continuation.finish() }
}
