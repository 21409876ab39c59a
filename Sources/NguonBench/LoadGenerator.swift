import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// HTTP/1.1 load on keep-alive connections to a server on this machine, one blocking thread per
/// connection (like wrk's connections, without its event loop). Counts answers by status and
/// keeps every latency, so a figure can be read as throughput and as p50/p99.
final class LoadGenerator: @unchecked Sendable {
    struct Result: Encodable, Sendable {
        let requests: Int
        let seconds: Double
        let perSecond: Double
        let statuses: [String: Int]
        let p50Ms: Double
        let p99Ms: Double
        let errors: Int
    }

    let port: UInt16
    let connections: Int

    init(port: UInt16, connections: Int) {
        self.port = port
        self.connections = connections
    }

    /// Sends `request(connection, n)` (a path, headers and optional body) over and over for
    /// `seconds`, and reports what came back.
    func run(seconds: Double, request: @escaping @Sendable (_ connection: Int, _ n: Int) -> Request) -> Result {
        let totals = Totals()
        let deadline = Date().addingTimeInterval(seconds)
        let group = DispatchGroup()
        let start = Date()
        for connection in 0..<connections {
            group.enter()
            let thread = Thread { [port] in
                defer { group.leave() }
                var local: [Int: Int] = [:]
                var times: [Double] = []
                var failures = 0
                var socket = Connection(port: port)
                var n = 0
                while Date() < deadline {
                    let req = request(connection, n)
                    n += 1
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    guard let status = socket?.send(req) else {
                        failures += 1
                        socket = Connection(port: port)
                        continue
                    }
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                    local[status, default: 0] += 1
                }
                socket?.close()
                totals.add(local, times, failures)
            }
            thread.start()
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(start)
        let (statuses, unsorted, errors) = totals.values
        let latencies = unsorted.sorted()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return (latencies[min(latencies.count - 1, Int(p * Double(latencies.count)))] * 1000).rounded() / 1000
        }
        let total = statuses.values.reduce(0, +)
        return Result(requests: total, seconds: (elapsed * 1000).rounded() / 1000, perSecond: (Double(total) / elapsed).rounded(),
                      statuses: Dictionary(uniqueKeysWithValues: statuses.map { (String($0.key), $0.value) }),
                      p50Ms: percentile(0.5), p99Ms: percentile(0.99), errors: errors)
    }

    /// What the connection threads found, added up under a lock.
    private final class Totals: @unchecked Sendable {
        private let lock = NSLock()
        private var statuses: [Int: Int] = [:]
        private var latencies: [Double] = []
        private var errors = 0

        func add(_ statuses: [Int: Int], _ latencies: [Double], _ errors: Int) {
            lock.withLock {
                self.statuses.merge(statuses, uniquingKeysWith: +)
                self.latencies += latencies
                self.errors += errors
            }
        }

        var values: ([Int: Int], [Double], Int) { lock.withLock { (statuses, latencies, errors) } }
    }

    struct Request: Sendable {
        var method = "GET"
        var path: String
        var headers: [(String, String)] = []
        var body: [UInt8] = []
    }

    /// One keep-alive connection; `send` returns the status or nil when the connection broke.
    struct Connection {
        private var fd: Int32
        private var buffer = [UInt8](repeating: 0, count: 1 << 16)
        private var pending: [UInt8] = []

        init?(port: UInt16) {
            fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { Glibc.close(fd); return nil }
        }

        func close() { Glibc.close(fd) }

        /// The status only: the body is read but not decoded, so a large one (a photo) costs the
        /// load generator a copy, not a UTF-8 validation of every byte.
        mutating func send(_ request: Request) -> Int? {
            guard write(request), let (status, _, _) = readResponse(head: request.method == "HEAD") else { return nil }
            return status
        }

        /// Sends `request` and returns the status, the header block and the body as text.
        mutating func exchange(_ request: Request) -> (status: Int, head: String, body: String)? {
            guard write(request), let (status, head, body) = readResponse(head: request.method == "HEAD") else { return nil }
            return (status, head, String(decoding: body, as: UTF8.self))
        }

        private func write(_ request: Request) -> Bool {
            var text = "\(request.method) \(request.path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            for (name, value) in request.headers { text += "\(name): \(value)\r\n" }
            if !request.body.isEmpty { text += "Content-Length: \(request.body.count)\r\n" }
            text += "\r\n"
            let bytes = Array(text.utf8) + request.body
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { return false }
                sent += n
            }
            return true
        }

        /// Reads one response: status line, headers, and a Content-Length or chunked body.
        private mutating func readResponse(head: Bool) -> (Int, String, ArraySlice<UInt8>)? {
            var data = pending
            pending = []
            var headerEnd: Int?
            while headerEnd == nil {
                headerEnd = Self.find([13, 10, 13, 10], in: data)
                if headerEnd == nil { guard fill(&data) else { return nil } }
            }
            guard let end = headerEnd else { return nil }
            let header = String(decoding: data[..<end], as: UTF8.self)
            let lines = header.split(separator: "\r\n")
            guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
            var length = 0
            var chunked = false
            for line in lines.dropFirst() {
                let lower = line.lowercased()
                if lower.hasPrefix("content-length:") { length = Int(lower.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0 }
                if lower.hasPrefix("transfer-encoding:") && lower.contains("chunked") { chunked = true }
            }
            var body = Array(data[(end + 4)...])
            if head || status == 304 || status == 204 { pending = body; return (status, header, []) }
            if chunked {
                // Read until the terminating zero-length chunk.
                while Self.find(Array("\r\n0\r\n\r\n".utf8), in: body) == nil && !(body.starts(with: Array("0\r\n\r\n".utf8))) {
                    guard fill(&body) else { return nil }
                }
                pending = []
                return (status, header, body[...])
            }
            while body.count < length { guard fill(&body) else { return nil } }
            pending = Array(body[length...])
            return (status, header, body[..<length])
        }

        private mutating func fill(_ data: inout [UInt8]) -> Bool {
            let n = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return false }
            data += buffer[0..<n]
            return true
        }

        private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
            guard haystack.count >= needle.count else { return nil }
            // Compared in place: a copy per candidate position cost more than the search.
            for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
                if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            }
            return nil
        }
    }
}
