import Foundation

/// A signed-in browser reduced to what registering through the administration forms needs: the
/// session cookie, the session's form token, form posts and one file upload. Forms are used
/// rather than the repositories directly because their inputs are built only by the controllers;
/// the forms call the same repositories, audit and master-data writes.
struct AdminSession {
    private var connection: LoadGenerator.Connection
    private let cookie: String
    private let csrf: String

    struct Answer {
        let status: Int
        let location: String?
        let body: String
    }

    /// Signs in through `/dang-nhap` as a person would: the form's token and pre-session cookie
    /// first, then the post; the session's own token is read from a signed-in page's form.
    static func signIn(port: UInt16, username: String, password: String) throws -> AdminSession {
        guard var connection = LoadGenerator.Connection(port: port),
              let (preCookie, token) = connection.signInForm(.init(path: "/dang-nhap")) else {
            throw BenchError(description: "the sign-in form did not load")
        }
        let body = Self.formBody([("username", username), ("password", password), ("_csrf", token)])
        guard let (status, head, _) = connection.exchange(.init(method: "POST", path: "/dang-nhap", headers: [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", preCookie),
        ], body: body)), status == 303,
              let line = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("set-cookie: nguon_session=") }) else {
            throw BenchError(description: "signing in as \(username) failed")
        }
        let cookie = String(line.dropFirst("set-cookie: ".count).prefix { $0 != ";" })
        guard let (_, _, page) = connection.exchange(.init(path: "/quan-tri/to-chuc", headers: [("Cookie", cookie)])),
              let csrf = Self.formToken(in: page) else {
            throw BenchError(description: "no form token on the organisations page")
        }
        return AdminSession(connection: connection, cookie: cookie, csrf: csrf)
    }

    mutating func get(_ path: String) throws -> Answer {
        try send(.init(path: path, headers: [("Cookie", cookie)]))
    }

    /// Posts a form with the session's token, as the page's own form would.
    mutating func post(_ path: String, _ fields: [(String, String)]) throws -> Answer {
        try send(.init(method: "POST", path: path, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie)],
                       body: Self.formBody(fields + [("_csrf", csrf)])))
    }

    /// Posts one file as multipart/form-data (the product photo form).
    mutating func upload(_ path: String, field: String, filename: String, bytes: [UInt8]) throws -> Answer {
        let boundary = "----nguon-bench-" + UUID().uuidString
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return try send(.init(method: "POST", path: path, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)"), ("Cookie", cookie)],
                              body: body))
    }

    /// Posts an EPCIS document with an organisation's API token, as its software would.
    mutating func capture(_ document: String, token: String) throws -> Answer {
        try send(.init(method: "POST", path: "/epcis/capture",
                       headers: [("Content-Type", "application/ld+json"), ("Authorization", "Bearer \(token)")], body: Array(document.utf8)))
    }

    private mutating func send(_ request: LoadGenerator.Request) throws -> Answer {
        guard let (status, head, body) = connection.exchange(request) else {
            throw BenchError(description: "\(request.method) \(request.path): the connection broke")
        }
        let location = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("location:") }
            .map { $0.dropFirst("location:".count).trimmingCharacters(in: .whitespaces) }
        return Answer(status: status, location: location, body: body)
    }

    func close() { connection.close() }

    static func formToken(in page: String) -> String? {
        guard let range = page.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    static func formBody(_ fields: [(String, String)]) -> [UInt8] {
        // ASCII only: CharacterSet.alphanumerics would let Vietnamese letters through unencoded.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return Array(fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&").utf8)
    }
}
