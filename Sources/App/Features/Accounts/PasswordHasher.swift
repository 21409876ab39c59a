import Foundation
import HummingbirdBcrypt
import Synchronization

/// Runs bcrypt on threads of its own, at a lower scheduling priority than the request threads,
/// with a bounded queue. A bcrypt check costs about a quarter of a second of CPU by design; on
/// the request executors a burst of sign-in attempts would stall every page. Here they only take
/// the CPU the pages leave, and past the queue's bound an attempt is refused at once (503) instead
/// of piling up.
final class PasswordHasher: Sendable {
    /// bcrypt cost 12: about 0.25 s per hash on this machine class (OWASP's floor is 10).
    static let cost: UInt8 = 12

    struct Busy: Error {}

    private struct Job {
        let work: @Sendable () -> Void
    }

    private struct State {
        var jobs: [Job] = []
        var head = 0
    }

    /// One pool for the process, like NIO's singletons: every server and command shares it.
    static let shared = PasswordHasher()

    private let state = Mutex(State())
    private let condition = NSCondition()
    let maxQueued: Int

    /// `threads` workers at nice `niceness` (Linux applies nice per thread).
    init(threads: Int = 1, maxQueued: Int = 64, niceness: Int32 = 10) {
        self.maxQueued = maxQueued
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
                job = state.withLock { state -> Job? in
                    guard state.head < state.jobs.count else { return nil }
                    let next = state.jobs[state.head]
                    state.head += 1
                    if state.head == state.jobs.count { state.jobs.removeAll(keepingCapacity: true); state.head = 0 }
            else if state.head >= 1_024 { state.jobs.removeFirst(state.head); state.head = 0 }
                    return next
                }
                if job == nil { condition.wait() }
            }
            condition.unlock()
            job?.work()
        }
    }

    private func submit<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = state.withLock { state -> Bool in
                guard state.jobs.count - state.head < maxQueued else { return false }
                state.jobs.append(Job { continuation.resume(returning: work()) })
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

    func hash(_ password: String) async throws -> String {
        try await submit { Bcrypt.hash(password, cost: Self.cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await submit { Bcrypt.verify(password, hash: hash) }
    }

    /// The answer to a request that found the queue full.
    static let busyError = AppError(status: .serviceUnavailable, code: "sign-in-busy", detail: LocalizedText(
        vi: "Hệ thống đang xử lý nhiều lượt đăng nhập. Hãy thử lại sau ít giây.",
        en: "Many sign-ins are being processed. Try again in a few seconds."), headers: [.retryAfter: "5"])
}
