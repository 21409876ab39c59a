import Foundation
import Hummingbird
import Synchronization

/// Counts requests per client address in fixed windows and refuses past the limit with 429 and
/// `Retry-After`. In memory, per process: it slows down guessing and scraping from one address;
/// it is not a defence against a distributed attack (that belongs in front of the server).
final class RateLimiter: Sendable {
    let limit: Int
    let window: Duration
    private struct Window { var start: ContinuousClock.Instant; var count: Int }
    private let windows = Mutex<[String: Window]>([:])

    init(limit: Int, per window: Duration) {
        self.limit = limit
        self.window = window
    }

    /// Counts one request from `key`; throws 429 when it is over the limit. A limit of 0 is off.
    func check(_ key: String?, now: ContinuousClock.Instant = .now) throws(AppError) {
        guard limit > 0, let key else { return }
        let wait: Duration? = windows.withLock { windows in
            if windows.count > 50_000 { windows = windows.filter { now - $0.value.start < window } }
            var current = windows[key] ?? Window(start: now, count: 0)
            if now - current.start >= window { current = Window(start: now, count: 0) }
            current.count += 1
            windows[key] = current
            return current.count > limit ? window - (now - current.start) : nil
        }
        guard let wait else { return }
        let seconds = max(1, Int(wait.components.seconds) + 1)
        throw AppError(status: .tooManyRequests, code: "rate-limited", detail: LocalizedText(
            vi: "Có quá nhiều yêu cầu từ địa chỉ của bạn. Hãy thử lại sau \(seconds) giây.",
            en: "Too many requests from your address. Try again in \(seconds) seconds."),
            headers: [.retryAfter: String(seconds)])
    }
}

/// The public limit, on every request before any work is done.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try limiter.check(context.clientAddress)
        return try await next(request, context)
    }
}
