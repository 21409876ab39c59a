@testable import App
import AsyncKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Whatever a client sends, the answer is a 4xx that says why, never a 500.
@Suite("Robustness", .serialized)
struct RobustnessTests {
    static let nasty: [String] = [
        "", "%", "%%", "%zz", "%00", "a%ZZb", "%E0%A4%A", "+", "&&&", "=", "==x", "x=%",
        String(repeating: "9", count: 10_000), "<script>alert(1)</script>", "'; DROP TABLE settings; --",
        "%F0%9F%98%80%F0%9F%98%80", "\u{1D}", "%1D%1D", "(01)", "(", ")", "^", "https://", "http:///01/",
        "https://id.gs1.org/01/", "https://id.gs1.org/01/%FF", "../../etc/passwd", "%C0%AF",
    ]

    @Test("A request that waited too long for a database connection is a 503 to try again, not a 500")
    func poolTimeoutIsBusy() {
        let answer = ErrorMiddleware.known(ConnectionPoolTimeoutError.connectionRequestTimeout)
        #expect(answer?.status == .serviceUnavailable && answer?.headers[.retryAfter] == "5")
        #expect(ErrorMiddleware.known(CancellationError()) == nil)
    }

    @Test("Public and API routes answer every malformed query below 500")
    func neverFiveHundred() async throws {
        let paths = ["/", "/gs1", "/qr.svg", "/qr.png", "/healthz", "/api/v1/gs1/parse", "/api/v1/gs1/digital-link",
                     "/assets/site.css", "/khong-co"]
        let params = ["input", "data", "ecc", "size", "domain", "lang"]
        try await TestApp.run { client in
            for path in paths {
                for value in Self.nasty {
                    for param in params {
                        let uri = "\(path)?\(param)=\(value)"
                        try await client.execute(uri: uri, method: .get) { response in
                            #expect(response.status.code < 500, "\(uri) → \(response.status.code)")
                        }
                    }
                }
            }
            // Methods a route does not have, and bodies where none is expected.
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                try await client.execute(uri: "/gs1", method: method, body: ByteBuffer(string: "{\"x\":")) { response in
                    #expect(response.status.code < 500)
                }
            }
        }
    }
}

@Suite("Robustness of the administration", .serialized)
struct AdministrationRobustnessTests {
    @Test("Every administration page and form answers malformed queries, fields and ids below 500, and escapes what it shows")
    func neverFiveHundred() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in box.set(try await AccountFixtures.seed(database)) }) { client in
            let f = box.get()
            let anonymous = client.anonymous
            let pages = ["/dang-nhap", "/tai-khoan", "/quan-tri", "/quan-tri/nguoi-dung", "/quan-tri/to-chuc", "/quan-tri/ma-truy-cap",
                         "/quan-tri/nhat-ky", "/quan-tri/don-vi-hanh-chinh",
                         "/quan-tri/to-chuc/\(f.orgA)", "/quan-tri/nguoi-dung/\(f.users[.commune]!.id)"]
            let params = ["q", "province", "action", "entityID", "from", "until", "before", "done", "next", "change", "actor"]
            for path in pages {
                for value in RobustnessTests.nasty {
                    let uri = "\(path)?\(params.map { "\($0)=\(value)" }.joined(separator: "&"))"
                    let response = try await anonymous.execute(uri: uri, method: .get, headers: f.headers(.admin))
                    #expect(response.status.code < 500, "\(uri) → \(response.status.code)")
                }
            }
            for value in RobustnessTests.nasty {
                for id in [value, SiteURL.encode(value)] {
                    for base in ["/quan-tri/to-chuc/", "/quan-tri/nguoi-dung/"] {
                        let response = try await anonymous.execute(uri: base + id, method: .get, headers: f.headers(.admin))
                        #expect(response.status.code < 500, "\(base)\(id) → \(response.status.code)")
                    }
                }
            }
            let forms: [(String, [String])] = [
                ("/quan-tri/to-chuc", ["name", "taxCode", "unit", "address"]),
                ("/quan-tri/to-chuc/\(f.orgB)", ["name", "taxCode", "unit", "address"]),
                ("/quan-tri/nguoi-dung", ["username", "displayName", "role", "department", "unit", "organisation", "password"]),
                ("/quan-tri/nguoi-dung/\(f.users[.auditor]!.id)", ["displayName", "role", "department", "unit", "organisation", "active"]),
                ("/quan-tri/ma-truy-cap", ["name", "organisation", "days", "capture", "read"]),
                ("/tai-khoan/mat-khau", ["current", "new", "repeat"]),
                ("/quan-tri/nhat-ky/xuat", ["action", "entityID", "from", "until", "actor", "entityType"]),
            ]
            let valid: [String: String] = ["name": "HTX Mới", "unit": "07093", "username": "hop.le", "displayName": "Hợp Lệ", "role": "auditor",
                                           "password": AccountFixtures.password, "days": "30", "capture": "on", "current": AccountFixtures.password]
            for (path, fields) in forms {
                for field in fields {
                    for value in RobustnessTests.nasty.prefix(20) {
                        var pairs = fields.map { ($0, valid[$0] ?? "") }
                        pairs[pairs.firstIndex { $0.0 == field }!].1 = value
                        let response = try await anonymous.execute(uri: path, method: .post, headers: f.headers(.admin, form: true),
                                                                   body: f.form(.admin, pairs))
                        #expect(response.status.code < 500, "POST \(path) \(field)=\(value.prefix(30)) → \(response.status.code)")
                    }
                }
            }
            // A raw, malformed body is a 4xx too.
            for body in ["%", "a=%zz&b", String(repeating: "x=1&", count: 20_000)] {
                let response = try await anonymous.execute(uri: "/quan-tri/to-chuc", method: .post, headers: f.headers(.admin, form: true),
                                                           body: ByteBuffer(string: body))
                #expect((400..<500).contains(response.status.code), "body \(body.prefix(20)) → \(response.status.code)")
            }
            // What was stored from hostile input is shown as text, never as markup.
            let list = try await anonymous.execute(uri: "/quan-tri/to-chuc", method: .get, headers: f.headers(.admin)).text
            #expect(!list.contains("<script>alert(1)</script>"))
            let log = try await anonymous.execute(uri: "/quan-tri/nhat-ky", method: .get, headers: f.headers(.admin)).text
            #expect(!log.contains("<script>alert(1)</script>"))
        }
    }

    @Test("List pages with filters that match nothing show an empty list (a filter once crashed the process)")
    func filtersMatchingNothing() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in box.set(try await AccountFixtures.seed(database)) }) { client in
            let f = box.get()
            let pages = ["/quan-tri/nhat-ky?entityID=does-not-exist", "/quan-tri/nhat-ky?from=2001-01-01&until=2001-01-02",
                         "/quan-tri/nhat-ky?action=audit.export", "/quan-tri/nhat-ky?before=1", "/quan-tri/nhat-ky?actor=khong-co",
                         "/quan-tri/to-chuc?q=khong-co-to-chuc-nao", "/quan-tri/don-vi-hanh-chinh?q=zzzzqqqq",
                         "/quan-tri/nguoi-dung?q=khong-co", "/quan-tri/ma-truy-cap?q=khong-co"]
            for who in [AccountFixtures.Who.admin, .auditor] {
                for page in pages {
                    let response = try await client.anonymous.execute(uri: page, method: .get, headers: f.headers(who))
                    #expect(response.status == .ok, "\(page) as \(who) → \(response.status.code)")
                }
            }
            // The export with a filter that matches nothing is the header line alone.
            let export = try await client.anonymous.execute(uri: "/quan-tri/nhat-ky/xuat", method: .post, headers: f.headers(.admin, form: true),
                                                            body: f.form(.admin, [("entityID", "does-not-exist")]))
            #expect(export.status == .ok)
            #expect(export.text.split(separator: "\r\n").count == 1)
            // The server is still there.
            #expect(try await client.anonymous.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}
