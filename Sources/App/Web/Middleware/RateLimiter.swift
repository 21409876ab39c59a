import Foundation
import Hummingbird
import Synchronization

/// Counts requests per client in fixed windows and refuses past the limit with 429 and
/// `Retry-After`. In memory, per process: it slows down guessing and scraping from one address;
/// it is not a defence against a distributed attack (that belongs in front of the server).
///
/// The counts live in a count-min sketch (a few rows of counters indexed by independent hashes of
/// the key; a key's count is the smallest of its counters), so memory is fixed and each request
/// costs the same few array steps however many distinct addresses there are: a flood from a
/// million addresses cannot grow the process or slow the check. Collisions can only overcount,
/// and with the default width an innocent client is wrongly limited only when all of its counters
/// collide with busy ones.
final class RateLimiter: Sendable {
    let limit: Int
    let window: Duration

    private static let rows = 4
    private let width: Int
    private let seeds: [UInt64]

    private struct State {
        var counters: [UInt16]
        /// Set by the first request, so a quiet server's first window is a whole one.
        var windowStart: ContinuousClock.Instant?
    }
    private let state: Mutex<State>

    /// `width` counters a row; a power of two. 2^16 × 4 rows × 2 bytes = 512 KB.
    init(limit: Int, per window: Duration, width: Int = 1 << 16) {
        self.limit = limit
        self.window = window
        let width = max(1024, width.nextPowerOfTwo)
        self.width = width
        var generator = SystemRandomNumberGenerator()
        // Random seeds per process: nobody can craft addresses that collide on purpose.
        self.seeds = (0..<Self.rows).map { _ in generator.next() }
        self.state = Mutex(State(counters: [UInt16](repeating: 0, count: limit > 0 ? Self.rows * width : 0), windowStart: nil))
    }

    /// Counts one request from `key`; throws 429 when it is over the limit. A limit of 0 is off.
    func check(_ key: String?, now: ContinuousClock.Instant = .now) throws(AppError) {
        guard let wait = count(key, now: now) else { return }
        let seconds = max(1, Int(wait.components.seconds) + 1)
        throw AppError(status: .tooManyRequests, code: "rate-limited", detail: LocalizedText(
            vi: "Có quá nhiều yêu cầu từ địa chỉ của bạn. Hãy thử lại sau \(seconds) giây.",
            en: "Too many requests from your address. Try again in \(seconds) seconds."),
            headers: [.retryAfter: String(seconds)])
    }

    /// Counts one request; returns how long until the window ends when `key` is over the limit.
    func count(_ key: String?, now: ContinuousClock.Instant = .now) -> Duration? {
        guard limit > 0, let key else { return nil }
        var hashes = [Int](repeating: 0, count: Self.rows)
        for row in 0..<Self.rows { hashes[row] = row * width + Int(truncatingIfNeeded: Self.hash(key, seed: seeds[row]) & UInt64(width - 1)) }
        return state.withLock { state -> Duration? in
            let start: ContinuousClock.Instant
            if let current = state.windowStart, now - current < window {
                start = current
            } else {
                // One reset per window for everyone; the windows are fixed, not per client.
                if state.windowStart != nil { for i in state.counters.indices { state.counters[i] = 0 } }
                state.windowStart = now
                start = now
            }
            var smallest = UInt16.max
            for index in hashes {
                let value = state.counters[index]
                if value < UInt16.max { state.counters[index] = value + 1 }
                smallest = min(smallest, value == UInt16.max ? value : value + 1)
            }
            return Int(smallest) > limit ? window - (now - start) : nil
        }
    }

    /// FNV-1a over the bytes, mixed with a seed and finished with a 64-bit avalanche.
    private static func hash(_ key: String, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in key.utf8 {
            h ^= UInt64(byte)
            h &*= 0x100_0000_01b3
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The key a client address counts under: IPv4 as it is, IPv6 by its /64 network, because one
    /// subscriber or server usually holds a whole /64 and could otherwise rotate addresses freely.
    static func clientKey(_ address: String?) -> String? {
        guard let address else { return nil }
        guard address.contains(":") else { return address }
        var text = Substring(address)
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }  // zone index
        if text.hasPrefix("::ffff:"), text.contains(".") { return String(text.dropFirst(7)) }  // IPv4-mapped
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        let head = halves.first.map { $0.split(separator: ":", omittingEmptySubsequences: true) } ?? []
        let tail = halves.count > 1 ? halves[1].split(separator: ":", omittingEmptySubsequences: true) : []
        var groups = head.map(String.init)
        if halves.count > 1 {
            groups += Array(repeating: "0", count: max(0, 8 - head.count - tail.count)) + tail.map(String.init)
        }
        guard groups.count >= 4 else { return address }
        let network = groups.prefix(4).map { group -> String in
            let trimmed = group.drop { $0 == "0" }
            return trimmed.isEmpty ? "0" : trimmed.lowercased()
        }
        return network.joined(separator: ":") + "::/64"
    }
}

/// The public limit, on every request before any work is done.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try limiter.check(RateLimiter.clientKey(context.clientAddress))
        return try await next(request, context)
    }
}

private extension Int {
    var nextPowerOfTwo: Int {
        guard self > 1 else { return 1 }
        return 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
