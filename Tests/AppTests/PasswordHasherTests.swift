@testable import App
import Foundation
import Synchronization
import Testing

final class Recorder: Sendable {
    let items = Mutex<[String]>([])
}

/// bcrypt runs on its own thread with a bounded queue; that queue must be fair between senders.
@Suite("Password hasher queue")
struct PasswordHasherTests {
    @Test("A sender guessing fast fills only its own share, and another sender is served in the next turn, not after every guess")
    func fairBetweenSenders() async throws {
        let hasher = PasswordHasher(threads: 1, maxQueued: 8, perSender: 2)
        let gate = DispatchSemaphore(value: 0)
        let order = Recorder()
        // Hold the one worker so the queue can be filled in a known order.
        let blocker = Task { try await hasher.submit(from: "holder") { gate.wait(); return "holder" } }
        try await Task.sleep(for: .milliseconds(50))
        func job(_ sender: String, _ label: String) -> Task<String, any Error> {
            Task { try await hasher.submit(from: sender) { order.items.withLock { $0.append(label) }; return label } }
        }
        let a1 = job("203.0.113.7", "a1")
        try await Task.sleep(for: .milliseconds(20))
        let a2 = job("203.0.113.7", "a2")
        try await Task.sleep(for: .milliseconds(20))
        // A third guess from the same sender is refused at once; the queue still has room for others.
        await #expect(throws: PasswordHasher.Busy.self) { try await hasher.submit(from: "203.0.113.7") { "a3" } }
        let b1 = job("198.51.100.4", "b1")
        try await Task.sleep(for: .milliseconds(20))
        gate.signal()
        for task in [blocker, a1, a2, b1] { _ = try await task.value }
        #expect(order.items.withLock { $0 } == ["a1", "b1", "a2"])
    }
}
