import App
import Foundation
import Logging
import Synchronization

/// `nguon bench availability`: what the public side of a real server (on 127.0.0.1, over HTTP)
/// answers per second on this machine, and what it holds in memory:
/// - a cached origin page (the ordinary scan), and the same while sign-ins are attempted,
/// - a linkset, and codes nobody recorded (the cheapest way to load a resolver),
/// - first views of distinct known lots (the real consumer load), with the memory after them.
/// The load generator runs in the same process on the same cores, so absolute figures are lower
/// than an external tool's; the ratios (sign-in load against idle, misses against hits) hold.
public enum AvailabilityBenchmark {
    public struct Report: Encodable, Sendable {
        public struct SignInLoad: Encodable, Sendable {
            let idlePerSecond: Double
            let withSignInsPerSecond: Double
            let ratio: Double
            let signInAttemptsPerSecond: Double
            let signInStatuses: [String: Int]
        }

        let lots: Int
        let events: Int
        let connections: Int
        let loadSeconds: Double
        let cachedPage: LoadGenerator.Result
        let linkset: LoadGenerator.Result
        let unknownCodes: LoadGenerator.Result
        let firstViews: LoadGenerator.Result
        let residentMBAfterFirstViews: Double
        /// Anonymous resident memory (heap and stacks; the database file's mapped pages not
        /// counted), the figure to hold against a heap budget.
        let heapMBAfterFirstViews: Double
        let peakResidentMB: Double
        let signIns: SignInLoad
    }

    /// `keep`: a SQLite file to build the store in and leave behind (for measuring the same store
    /// with another load generator); by default a temporary file, removed afterwards.
    public static func run(lots: Int, seconds: Double, connections: Int, port: Int, signInsPerSecond: Int,
                           keep: String? = nil) async throws -> Report {
        let path = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("nguon-bench-\(UUID().uuidString).sqlite").path
        defer { if keep == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } } }
        var config = AppConfig(hostname: "127.0.0.1", port: port, database: .sqlite(path: path), logLevel: .critical,
                               autoMigrate: true, rateLimit: 0)
        // Sign-in attempts arrive "from" many addresses, as from a crowd behind this proxy.
        config.trustedProxies = ["127.0.0.1"]
        var logger = Logger(label: "nguon.bench")
        logger.logLevel = .critical

        let events = try await BenchData.load(chains: lots, config: config, logger: logger)
        _ = try await AccountCommands.createUser(config: config, username: "bench.user", displayName: "Bench", role: "auditor",
                                                 department: nil, unit: nil, organisation: nil,
                                                 password: "mat-khau-cua-bang-do-hieu-nang", logger: logger)

        let app = try await buildApplication(config: config, logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        try await waitUntilUp(port: UInt16(port))

        let load = LoadGenerator(port: UInt16(port), connections: connections)
        let known = BenchData.lotPath(variant: 1)
        _ = load.run(seconds: 0.5) { _, _ in .init(path: known) }  // warm: the page is cached

        let cached = load.run(seconds: seconds) { _, _ in .init(path: known) }
        let linkset = load.run(seconds: seconds) { _, _ in .init(path: known, headers: [("Accept", "application/linkset+json")]) }
        let unknown = load.run(seconds: seconds) { connection, n in
            .init(path: "/01/\(BenchData.packGTIN(variant: 1))/10/NOPE\(connection)x\(n)")
        }
        // Each known lot once, from the second on (the first is cached already), until time or lots run out.
        let next = Atomic<Int>(2)
        let firstViews = load.run(seconds: seconds) { _, _ in
            let variant = next.add(1, ordering: .relaxed).oldValue
            return .init(path: variant <= lots ? BenchData.lotPath(variant: variant) : known)
        }
        let resident = BenchData.residentMB()
        let heap = BenchData.statusMB("RssAnon:")

        // Sign-ins at a steady rate, each from another address, against the cached page.
        let idle = load.run(seconds: seconds) { _, _ in .init(path: known) }
        let attempts = SignInAttempts(port: UInt16(port), perSecond: signInsPerSecond)
        let attempting = Thread { attempts.run(seconds: seconds + 1) }
        attempting.start()
        try await Task.sleep(for: .milliseconds(500))
        let busy = load.run(seconds: seconds) { _, _ in .init(path: known) }
        while !attempts.finished { try await Task.sleep(for: .milliseconds(100)) }

        return Report(
            lots: lots, events: events, connections: connections, loadSeconds: seconds,
            cachedPage: cached, linkset: linkset, unknownCodes: unknown, firstViews: firstViews,
            residentMBAfterFirstViews: resident, heapMBAfterFirstViews: heap, peakResidentMB: BenchData.peakResidentMB(),
            signIns: .init(idlePerSecond: idle.perSecond, withSignInsPerSecond: busy.perSecond,
                           ratio: idle.perSecond > 0 ? (busy.perSecond / idle.perSecond * 1000).rounded() / 1000 : 0,
                           signInAttemptsPerSecond: attempts.rate, signInStatuses: attempts.statuses))
    }

    static func waitUntilUp(port: UInt16) async throws {
        for _ in 0..<200 {
            if var connection = LoadGenerator.Connection(port: port), connection.send(.init(path: "/healthz")) == 200 {
                connection.close()
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError(description: "the server did not answer on 127.0.0.1:\(port) within 20 s")
    }
}

/// Sign-in attempts with wrong passwords at a steady rate, each from another forwarded address,
/// so none is stopped by the per-address limits and every one reaches the password check.
final class SignInAttempts: @unchecked Sendable {
    let port: UInt16
    let perSecond: Int
    private let lock = NSLock()
    private var counts: [Int: Int] = [:]
    private var made = 0
    private var elapsed = 0.0
    private var done = false

    init(port: UInt16, perSecond: Int) {
        self.port = port
        self.perSecond = perSecond
    }

    var finished: Bool { lock.withLock { done } }
    var rate: Double { lock.withLock { elapsed > 0 ? (Double(made) / elapsed * 10).rounded() / 10 : 0 } }
    var statuses: [String: Int] { lock.withLock { Dictionary(uniqueKeysWithValues: counts.map { (String($0.key), $0.value) }) } }

    /// `workers` connections share the rate, so a slow answer (a password check) does not hold
    /// the next attempt back.
    func run(seconds: Double, workers: Int = 32) {
        defer { lock.withLock { done = true } }
        guard var first = LoadGenerator.Connection(port: port) else { return }
        // The sign-in form's token and its pre-session cookie, read once.
        var page = LoadGenerator.Request(path: "/dang-nhap")
        page.headers = [("X-Forwarded-For", "198.51.100.1")]
        guard let (cookie, token) = first.signInForm(page) else { return }
        first.close()
        let start = Date()
        let group = DispatchGroup()
        for worker in 0..<workers {
            group.enter()
            Thread { [self] in
                defer { group.leave() }
                guard var connection = LoadGenerator.Connection(port: port) else { return }
                var n = worker
                while Date().timeIntervalSince(start) < seconds {
                    let wait = start.addingTimeInterval(Double(n) / Double(perSecond)).timeIntervalSinceNow
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                    let body = "username=bench.user&password=sai-\(n)&_csrf=\(token)"
                    let request = LoadGenerator.Request(method: "POST", path: "/dang-nhap", headers: [
                        ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie),
                        ("X-Forwarded-For", "10.\(n >> 16 & 255).\(n >> 8 & 255).\(n & 255)"),
                    ], body: Array(body.utf8))
                    let status = connection.send(request) ?? 0
                    if status == 0, let fresh = LoadGenerator.Connection(port: port) { connection = fresh }
                    lock.withLock { counts[status, default: 0] += 1; made += 1; elapsed = Date().timeIntervalSince(start) }
                    n += workers
                }
                connection.close()
            }.start()
        }
        group.wait()
    }
}

extension LoadGenerator.Connection {
    /// GETs the sign-in page and returns its CSRF cookie and the token in its form.
    mutating func signInForm(_ request: LoadGenerator.Request) -> (cookie: String, token: String)? {
        guard let (status, head, body) = exchange(request), status == 200,
              let cookieLine = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("set-cookie: nguon_csrf=") }),
              let range = body.range(of: #"name="_csrf" value=""#) else { return nil }
        let cookie = String(cookieLine.dropFirst("set-cookie: ".count).prefix { $0 != ";" })
        let token = String(body[range.upperBound...].prefix { $0 != "\"" })
        return (cookie, token)
    }
}

public struct BenchError: Error, CustomStringConvertible {
    public let description: String
}
