import NguonCore
import Synchronization

/// Failed sign-ins counted per client address and user name together, in memory.
///
/// Keyed by the pair, so guessing one account's password from one address slows that address
/// down (`SignInThrottle`'s free attempts, then a doubling pause) while the account's owner,
/// signing in from elsewhere, is never locked out by someone else. Names that exist and names
/// that do not are counted, paused and answered alike, so nothing tells them apart. The table is
/// bounded: past `capacity` the entries whose pause is longest over go first.
final class SignInGuard: Sendable {
    private struct Entry {
        var failures: Int
        var lockedUntil: Int64
        var lastFailure: Int64
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int
    /// Failures older than this are forgotten.
    let memory: Int64

    init(capacity: Int = 100_000, memoryMillis: Int64 = 15 * 60 * 1000) {
        self.capacity = capacity
        self.memory = memoryMillis
    }

    static func key(address: String?, username: String) -> String {
        (RateLimiter.clientKey(address) ?? "-") + "\u{1F}" + username.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Until when (ms) this address may not try this name; nil when it may.
    func lockedUntil(address: String?, username: String, now: Int64 = Millis.now()) -> Int64? {
        let key = Self.key(address: address, username: username)
        return entries.withLock { entries in
            guard let entry = entries[key], entry.lockedUntil > now else { return nil }
            return entry.lockedUntil
        }
    }

    /// Counts a failure; returns the time the pair is now locked until, if it is.
    func recordFailure(address: String?, username: String, now: Int64 = Millis.now()) -> Int64? {
        let key = Self.key(address: address, username: username)
        return entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { prune(&entries, now: now) }
            var entry = entries[key] ?? Entry(failures: 0, lockedUntil: 0, lastFailure: now)
            if now - entry.lastFailure > memory { entry = Entry(failures: 0, lockedUntil: 0, lastFailure: now) }
            entry.failures += 1
            entry.lastFailure = now
            let delay = SignInThrottle.delay(afterFailures: entry.failures)
            entry.lockedUntil = delay > 0 ? now + Int64(delay) * 1000 : 0
            entries[key] = entry
            return delay > 0 ? entry.lockedUntil : nil
        }
    }

    func recordSuccess(address: String?, username: String) {
        let key = Self.key(address: address, username: username)
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// Drops forgotten entries; if that is not enough, the quarter that failed longest ago.
    private func prune(_ entries: inout [String: Entry], now: Int64) {
        entries = entries.filter { now - $0.value.lastFailure <= memory || $0.value.lockedUntil > now }
        guard entries.count >= capacity else { return }
        let cutoff = entries.values.map(\.lastFailure).sorted()[entries.count / 4]
        entries = entries.filter { $0.value.lastFailure > cutoff }
    }
}
