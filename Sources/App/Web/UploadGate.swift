import Synchronization

/// Bounds the uploads being received: a few at once in all, one or two per sender, each within
/// a deadline. Reading a body costs the server nothing but memory and a slot, so a client that
/// sends slowly (or not at all) must not hold either for long, and one sender's many slow
/// uploads must not stand in everyone's way. The work done with a body once it has arrived is
/// bounded separately (`WorkLimiter`), so a slow sender never holds a worker.
final class UploadGate: Sendable {
    /// The sender, or the server, has as many uploads running as it may: a 503 with `Retry-After`.
    struct Full: ProblemConvertible {
        var appError: AppError { WorkLimiter.busy(retryAfter: 5) }
    }

    /// The body did not arrive before the deadline: a 408, to be sent again.
    struct TimedOut: ProblemConvertible {
        let seconds: Int64
        var appError: AppError {
            AppError(status: .requestTimeout, code: "upload-timeout", detail: LocalizedText(
                vi: "Dữ liệu gửi lên không đến hết trong \(seconds) giây; hãy gửi lại.",
                en: "The upload did not arrive within \(seconds) seconds; send it again."))
        }
    }

    let total: Int
    let perSender: Int
    let deadline: Duration
    private let state = Mutex<(running: Int, bySender: [String: Int])>((0, [:]))

    init(total: Int, perSender: Int, deadline: Duration) {
        self.total = max(1, total)
        self.perSender = max(1, perSender)
        self.deadline = deadline
    }

    /// Uploads being received now (for tests and metrics).
    var running: Int { state.withLock { $0.running } }

    /// Runs `receive` if there is room for this sender, cut off at the deadline.
    func receive<T: Sendable>(from sender: String, _ receive: @escaping @Sendable () async throws -> T) async throws -> T {
        let admitted = state.withLock { state -> Bool in
            guard state.running < total, state.bySender[sender, default: 0] < perSender else { return false }
            state.running += 1
            state.bySender[sender, default: 0] += 1
            return true
        }
        guard admitted else { throw Full() }
        defer {
            state.withLock { state in
                state.running -= 1
                let left = state.bySender[sender, default: 1] - 1
                state.bySender[sender] = left > 0 ? left : nil
            }
        }
        let deadline = self.deadline
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await receive() }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw TimedOut(seconds: deadline.components.seconds) }
            return value
        }
    }
}
