import Synchronization

/// At most `width` pieces of expensive work at once and at most `queue` more waiting; past that a
/// request is refused at once (`Full`, answered 503 with `Retry-After`) instead of piling up
/// memory and latency. Public pages that no cache can serve and captures go through one.
final class WorkLimiter: Sendable {
    struct Full: Error {}

    private struct State {
        var running = 0
        /// Waiting callers, oldest first from `head`; each is resumed with `true` when its turn comes.
        var waiting: [CheckedContinuation<Bool, Never>] = []
        var head = 0
    }

    let width: Int
    let queue: Int
    private let state = Mutex(State())

    init(width: Int, queue: Int) {
        self.width = max(1, width)
        self.queue = max(0, queue)
    }

    /// How many run and how many wait, now (for tests and metrics).
    var load: (running: Int, waiting: Int) {
        state.withLock { ($0.running, $0.waiting.count - $0.head) }
    }

    func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        guard await acquire() else { throw Full() }
        defer { release() }
        return try await work()
    }

    /// True when a slot is ours (now or after waiting), false when the queue is full.
    private func acquire() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            // Decide and enqueue under one lock, so a slot freed in between is never missed.
            let answer = state.withLock { state -> Bool? in
                if state.running < width { state.running += 1; return true }
                if state.waiting.count - state.head >= queue { return false }
                state.waiting.append(continuation)
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    /// Hands the slot to the oldest waiting caller (`running` stays), or frees it.
    private func release() {
        let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard state.head < state.waiting.count else {
                state.running -= 1
                return nil
            }
            let next = state.waiting[state.head]
            state.head += 1
            if state.head == state.waiting.count { state.waiting.removeAll(keepingCapacity: true); state.head = 0 }
            else if state.head >= 1_024 { state.waiting.removeFirst(state.head); state.head = 0 }
            return next
        }
        next?.resume(returning: true)
    }

    /// The answer to a request that found the queue full.
    static func busy(retryAfter seconds: Int = 2) -> AppError {
        AppError(status: .serviceUnavailable, code: "busy", detail: LocalizedText(
            vi: "Máy chủ đang bận. Hãy thử lại sau \(seconds) giây.", en: "The server is busy. Try again in \(seconds) seconds."),
            headers: [.retryAfter: String(seconds)])
    }
}
