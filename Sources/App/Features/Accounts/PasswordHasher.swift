import Foundation
import HummingbirdBcrypt
import Synchronization

/// Runs bcrypt on threads of its own, at a lower scheduling priority than the request threads,
/// with a bounded queue. A bcrypt check costs about a quarter of a second of CPU by design; on
/// the request executors a burst of sign-in attempts would stall every page. Here they only take
/// the CPU the pages leave, and past the queue's bound an attempt is refused at once (503) instead
/// of piling up.
///
/// The queue is fair between senders (client addresses, IPv6 per /64): each holds at most
/// `perSender` waiting checks, and the workers take one check from each sender in turn. A few
/// addresses guessing as fast as they can therefore fill only their own share, and a person
/// signing in from elsewhere waits one turn per busy sender instead of behind all their guesses.
/// Work for signed-in accounts and the command line (creating accounts, changing passwords)
/// comes from no sender: it has no share limit, and takes its turn like one more sender.
final class PasswordHasher: Sendable {
    /// bcrypt cost 12: about 0.25 s per hash on this machine class (OWASP's floor is 10).
    static let cost: UInt8 = 12

    struct Busy: Error {}

    private struct Job {
        let work: @Sendable () -> Void
    }

    private struct State {
        /// Waiting checks per sender, oldest first.
        var waiting: [String: [Job]] = [:]
        /// Senders with waiting checks, in the order they are served.
        var turns: [String] = []
        var next = 0
        var count = 0

        mutating func take() -> Job? {
            guard !turns.isEmpty else { return nil }
            if next >= turns.count { next = 0 }
            let sender = turns[next]
            var jobs = waiting[sender] ?? []
            let job = jobs.removeFirst()
            count -= 1
            if jobs.isEmpty {
                waiting[sender] = nil
                turns.remove(at: next)  // the sender after it now stands at `next`
            } else {
                waiting[sender] = jobs
                next += 1
            }
            return job
        }
    }

    /// One pool for the process, like NIO's singletons: every server and command shares it.
    static let shared = PasswordHasher()

    private let state = Mutex(State())
    private let condition = NSCondition()
    let maxQueued: Int
    let perSender: Int

    /// `threads` workers at nice `niceness` (Linux applies nice per thread).
    init(threads: Int = 1, maxQueued: Int = 64, perSender: Int = 2, niceness: Int32 = 10) {
        self.maxQueued = maxQueued
        self.perSender = max(1, perSender)
        for index in 0..<max(1, threads) {
            let thread = Thread { [self] in
                #if os(Linux)
                // On Linux, PRIO_PROCESS with id 0 sets the calling thread's nice value only.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
                #endif
                self.runLoop()
            }
            thread.name = "nguon-bcrypt-\(index)"
            thread.start()
        }
    }

    private func runLoop() {
        while true {
            condition.lock()
            var job: Job?
            while job == nil {
                job = state.withLock { $0.take() }
                if job == nil { condition.wait() }
            }
            condition.unlock()
            job?.work()
        }
    }

    func submit<T: Sendable>(from sender: String?, _ work: @escaping @Sendable () -> T) async throws -> T {
        let limit = sender == nil ? Int.max : perSender
        let sender = sender ?? ""
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = state.withLock { state -> Bool in
                let mine = state.waiting[sender]?.count ?? 0
                guard state.count < maxQueued, mine < limit else { return false }
                if mine == 0 { state.turns.append(sender) }
                state.waiting[sender, default: []].append(Job { continuation.resume(returning: work()) })
                state.count += 1
                return true
            }
            if accepted {
                condition.lock()
                condition.signal()
                condition.unlock()
            } else {
                continuation.resume(throwing: Busy())
            }
        }
    }

    /// `sender`: the client address (IPv6 per /64) of an anonymous caller, nil for signed-in work.
    func hash(_ password: String, for sender: String?) async throws -> String {
        try await submit(from: sender) { Bcrypt.hash(password, cost: Self.cost) }
    }

    func verify(_ password: String, hash: String, for sender: String?) async throws -> Bool {
        try await submit(from: sender) { Bcrypt.verify(password, hash: hash) }
    }

    /// The answer to a request that found the queue full.
    static let busyError = AppError(status: .serviceUnavailable, code: "sign-in-busy", detail: LocalizedText(
        vi: "Hệ thống đang xử lý nhiều lượt đăng nhập. Hãy thử lại sau ít giây.",
        en: "Many sign-ins are being processed. Try again in a few seconds."), headers: [.retryAfter: "5"])
}
