import Dispatch
import Foundation

/// CPU-heavy synchronous work (decoding and checking a large capture) runs on Dispatch's
/// threads, not on Swift's cooperative pool: the pool has one thread per core, and seconds of
/// work there would stop every other request — cached pages and `/healthz` included — until it
/// ends. On Dispatch's threads it shares the cores through the system's scheduler instead.
enum Offload {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// `transform` over `items` on every core, in order; small inputs stay on one thread.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) async -> [R] {
        let result = try? await run { () -> [R] in
            let workers = min(System.cores, items.count / 64)
            guard workers > 1 else { return items.map(transform) }
            let size = (items.count + workers - 1) / workers
            let parts = Parts<R>(count: workers)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let range = (worker * size)..<min(items.count, (worker + 1) * size)
                parts.set(worker, items[range].map(transform))
            }
            return parts.joined()
        }
        return result ?? items.map(transform)
    }

    /// Each worker's results, written once per slot.
    private final class Parts<R>: @unchecked Sendable {
        private var slots: [[R]]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func set(_ index: Int, _ value: [R]) { lock.withLock { slots[index] = value } }
        func joined() -> [R] { lock.withLock { slots.flatMap { $0 } } }
    }
}

enum System {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
}
