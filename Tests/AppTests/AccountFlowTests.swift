@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import NguonCore
import SQLKit
import Testing

@Suite("Accounts: first administrator, sign-in, officers and their scope", .serialized)
struct AccountFlowTests {
    static let adminPassword = "bưởi Phúc Trạch bốn sao"

    @Test("A newcomer creates the first administrator, signs in, creates a commune officer, and the officer sees only that commune")
    func newcomer() async throws {
        let config = try await TestApp.config()
        // The first administrator can only come from the command line.
        let created = try await AccountCommands.createUser(config: config, username: "quantri", displayName: "Quản trị viên", role: "admin",
                                                           department: nil, unit: nil, organisation: nil, password: Self.adminPassword,
                                                           logger: TestApp.quietLogger)
        #expect(created.contains("quantri"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nguon-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = folder.appendingPathComponent("xa.csv")
        try """
        code,name,full_name,kind,parent_code,name_en,former_names
        07093,Đông Triều,Phường Đông Triều,phuong,22,Dong Trieu,Thị xã Đông Triều
        06895,Đầm Hà,Xã Đầm Hà,xa,22,Dam Ha,

        """.write(to: csv, atomically: true, encoding: .utf8)
        let imported = try await AccountCommands.importAdminUnits(config: config, file: csv.path, logger: TestApp.quietLogger)
        // The units are compiled in; the file adds the former name of one and renames nothing else.
        #expect(imported.contains("thêm 0"), "\(imported)")

        try await TestApp.run(config: config) { client in
            var admin = Browser(client)
            var page = try await admin.get("/dang-nhap")
            #expect(page.status == .ok)
            // A session id planted before sign-in is not the one used after it.
            admin.cookies[SessionStore.cookieName] = "planted-by-someone-else"
            var response = try await admin.post("/dang-nhap", [("username", "QuanTri"), ("password", Self.adminPassword)], csrfFrom: page)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/quan-tri")
            let setCookie = Self.setCookie(SessionStore.cookieName, in: response)
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && !setCookie.contains("planted"))

            // Two organisations, in two communes.
            page = try await admin.get("/quan-tri/to-chuc")
            response = try await admin.post("/quan-tri/to-chuc", [("name", "HTX Rau an toàn Đông Triều"), ("taxCode", "5700100009"), ("unit", "07093")], csrfFrom: page)
            #expect(response.status == .seeOther)
            let mine = try #require(response.headers[.location]?.split(separator: "?").first.map(String.init))
            response = try await admin.post("/quan-tri/to-chuc", [("name", "HTX Thủy sản Đầm Hà"), ("unit", "06895")], csrfFrom: page)
            let theirs = try #require(response.headers[.location]?.split(separator: "?").first.map(String.init))
            // A tax code twice is refused with the field named, and nothing is written.
            response = try await admin.post("/quan-tri/to-chuc", [("name", "Trùng"), ("taxCode", "5700100009"), ("unit", "06895")], csrfFrom: page)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("Mã số thuế 5700100009 đã được đăng ký"))

            // The commune officer.
            page = try await admin.get("/quan-tri/nguoi-dung")
            response = try await admin.post("/quan-tri/nguoi-dung", [("username", "canbo.dongtrieu"), ("displayName", "Nguyễn Văn An"),
                                                                     ("role", "commune_officer"), ("unit", "07093"),
                                                                     ("password", "mat-khau-tam-thoi-01")], csrfFrom: page)
            #expect(response.status == .seeOther)
            // Weak passwords and missing jurisdictions are refused with the field named.
            response = try await admin.post("/quan-tri/nguoi-dung", [("username", "canbo.yeu"), ("displayName", "Yếu"),
                                                                     ("role", "commune_officer"), ("unit", "07093"), ("password", "1234567890")], csrfFrom: page)
            #expect(response.status == .badRequest && response.text.contains("phổ biến"))
            response = try await admin.post("/quan-tri/nguoi-dung", [("username", "canbo.thieu"), ("displayName", "Thiếu"),
                                                                     ("role", "commune_officer"), ("password", "mat-khau-tam-thoi-02")], csrfFrom: page)
            #expect(response.status == .badRequest && response.text.contains("địa bàn"))

            // The officer signs in, must change the temporary password first, then works in their commune only.
            var officer = Browser(client)
            page = try await officer.get("/dang-nhap")
            response = try await officer.post("/dang-nhap", [("username", "canbo.dongtrieu"), ("password", "mat-khau-tam-thoi-01")], csrfFrom: page)
            #expect(response.headers[.location] == "/tai-khoan?change=1")
            // Until the temporary password is replaced, nothing else opens.
            let blocked = try await officer.get("/quan-tri/to-chuc")
            #expect(blocked.status == .seeOther && blocked.headers[.location] == "/tai-khoan?change=1")
            page = try await officer.get("/tai-khoan?change=1")
            response = try await officer.post("/tai-khoan/mat-khau", [("current", "mat-khau-tam-thoi-01"), ("new", "rau sạch Đông Triều 2026"),
                                                                      ("repeat", "rau sạch Đông Triều 2026")], csrfFrom: page)
            #expect(response.status == .seeOther)
            let list = try await officer.get("/quan-tri/to-chuc")
            #expect(list.text.contains("HTX Rau an toàn Đông Triều") && !list.text.contains("Đầm Hà"))
            #expect(try await officer.get(mine).status == .ok)
            #expect(try await officer.get(theirs).status == .notFound)
            #expect(try await officer.get("/quan-tri/nguoi-dung").status == .forbidden)
            #expect(try await officer.get("/quan-tri/nhat-ky").status == .forbidden)

            // Sign-out ends the session on the server, not only in the browser.
            let before = officer.cookies
            page = try await officer.get("/quan-tri")
            response = try await officer.post("/dang-xuat", [], csrfFrom: page)
            #expect(response.status == .seeOther)
            officer.cookies = before
            #expect(try await officer.get("/quan-tri").status == .seeOther)

            // The audit log has it all, in order.
            let log = try await admin.get("/quan-tri/nhat-ky")
            for action in ["user.create", "auth.sign_in", "organisation.create", "user.password_change", "auth.sign_out"] {
                #expect(log.text.contains("<td>\(AuditLog.label(of: action, .vi))</td>"), "\(action)")
            }
            // Filtered to one action, only that action's rows remain.
            let signIns = try await admin.get("/quan-tri/nhat-ky?action=auth.sign_in").text
            #expect(signIns.contains("<td>Đăng nhập</td>") && !signIns.contains("<td>Tạo tài khoản</td>"))
        }
        let verified = try await AccountCommands.verifyAudit(config: config, logger: TestApp.quietLogger)
        #expect(verified.ok)
    }

    @Test("Repeated wrong passwords lock the account with a growing delay; forms without the CSRF token are refused")
    func lockoutAndCSRF() async throws {
        let config = try await TestApp.config()
        _ = try await AccountCommands.createUser(config: config, username: "kiemtoan", displayName: "Kiểm toán", role: "auditor",
                                                 department: nil, unit: nil, organisation: nil, password: Self.adminPassword,
                                                 logger: TestApp.quietLogger)
        try await TestApp.run(config: config) { client in
            var browser = Browser(client)
            let page = try await browser.get("/dang-nhap")
            for _ in 0..<SignInThrottle.freeAttempts - 1 {
                let wrong = try await browser.post("/dang-nhap", [("username", "kiemtoan"), ("password", "sai-mat-khau-roi")], csrfFrom: page)
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            }
            let locking = try await browser.post("/dang-nhap", [("username", "kiemtoan"), ("password", "sai-mat-khau-roi")], csrfFrom: page)
            #expect(locking.status == .tooManyRequests)
            // Locked: even the right password waits, and the page says how long.
            let right = try await browser.post("/dang-nhap", [("username", "kiemtoan"), ("password", Self.adminPassword)], csrfFrom: page)
            #expect(right.status == .tooManyRequests)
            #expect(Int(right.headers[.retryAfter] ?? "") ?? 0 > 0)
            // An unknown user name gets the same answers as a real one: wrong, and locked at the same try.
            var unknown: [HTTPResponse.Status] = []
            for _ in 0..<SignInThrottle.freeAttempts {
                unknown.append(try await browser.post("/dang-nhap", [("username", "khong.co.ai"), ("password", "sai-mat-khau-roi")], csrfFrom: page).status)
            }
            #expect(unknown == Array(repeating: .unauthorized, count: SignInThrottle.freeAttempts - 1) + [.tooManyRequests])

            // No token, or someone else's, is refused before anything happens.
            var headers = browser.cookieHeader
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.anonymous.execute(uri: "/dang-nhap", method: .post, headers: headers,
                                                            body: ByteBuffer(string: "username=kiemtoan&password=x&_csrf=gia-mao"))
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("Biểu mẫu đã hết hạn"))
        }
    }

    @Test("Failed sign-ins pause one address and name together: the owner elsewhere still signs in, and known and unknown names answer alike")
    func signInGuardPerAddressAndName() async throws {
        let config = try await TestApp.config()
        _ = try await AccountCommands.createUser(config: config, username: "chu.tai.khoan", displayName: "Chủ tài khoản", role: "auditor",
                                                 department: nil, unit: nil, organisation: nil, password: Self.adminPassword,
                                                 logger: TestApp.quietLogger)
        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            let users = Repositories(database: database).users
            let throttle = SignInGuard()
            let now = Millis.now()
            func outcome(_ name: String, _ password: String, from address: String) async throws -> String {
                switch try await users.signIn(username: name, password: password, address: address, guard: throttle, now: now) {
                case .success: "success"
                case .wrongCredentials, .inactive: "wrong"
                case .locked(let until): "locked \(until - now)"
                }
            }
            // Someone guesses from one address until it pauses.
            var attacker: [String] = []
            for _ in 0..<SignInThrottle.freeAttempts { attacker.append(try await outcome("chu.tai.khoan", "doan-sai-mat-khau", from: "198.51.100.7")) }
            #expect(attacker.last?.hasPrefix("locked") == true)
            #expect(try await outcome("chu.tai.khoan", Self.adminPassword, from: "198.51.100.7").hasPrefix("locked"))
            // The owner, elsewhere, is not locked out by it.
            #expect(try await outcome("chu.tai.khoan", Self.adminPassword, from: "203.0.113.5") == "success")
            // A real name and a made-up one give the same answers, pause included, attempt by attempt.
            var real: [String] = [], madeUp: [String] = []
            for _ in 0...SignInThrottle.freeAttempts {
                real.append(try await outcome("chu.tai.khoan", "sai-mat-khau-khac", from: "192.0.2.44"))
                madeUp.append(try await outcome("khong.co.ai.ten.nay", "sai-mat-khau-khac", from: "192.0.2.44"))
            }
            #expect(real == madeUp)
            #expect(real.last?.hasPrefix("locked") == true)
        }
    }

    @Test("Every page satisfies the strict Content-Security-Policy it is sent with: no inline script, style or handlers, nothing from elsewhere")
    func pagesSatisfyCSP() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in box.set(try await AccountFixtures.seed(database)) }) { client in
            let f = box.get()
            let pages = ["/", "/gs1?input=(01)08930000000019", "/dang-nhap", "/tai-khoan", "/quan-tri", "/quan-tri/nguoi-dung",
                         "/quan-tri/nguoi-dung/\(f.users[.commune]!.id)", "/quan-tri/to-chuc", "/quan-tri/to-chuc/\(f.orgA)",
                         "/quan-tri/ma-truy-cap", "/quan-tri/nhat-ky", "/quan-tri/don-vi-hanh-chinh?q=dong", "/khong-co"]
            for page in pages {
                let response = try await client.anonymous.execute(uri: page, method: .get, headers: f.headers(.admin))
                let html = response.text.lowercased()
                #expect(response.headers[.contentSecurityPolicy] == SecurityHeadersMiddleware.contentSecurityPolicy, "\(page)")
                #expect(!html.contains("<script") && !html.contains("<style") && !html.contains(" style="), "\(page)")
                #expect(html.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "\(page)")
                #expect(html.range(of: #"(src="|<link[^>]+href=")(https?:)?//"#, options: .regularExpression) == nil, "\(page)")
            }
        }
    }

    @Test("Sessions end after 30 idle minutes or 12 hours; tokens after their expiry")
    func timeouts() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in
            let f = try await AccountFixtures.seed(database)
            box.set(f)
            let sessions = Repositories(database: database).sessions
            let now = Millis.now()
            let cookie = f.cookies[.auditor]!
            let early = try await sessions.resolve(cookie, now: now + 29 * 60_000)
            // Activity moves the idle limit, not the absolute one.
            let active = try await sessions.resolve(cookie, now: now + 58 * 60_000)
            let late = try await sessions.resolve(cookie, now: now + 12 * 3_600_000 + 1)
            let idle = try await sessions.resolve(f.cookies[.inspector]!, now: now + 31 * 60_000)
            #expect(early != nil && active != nil && late == nil && idle == nil)
            let tokens = Repositories(database: database).tokens
            let live = try await tokens.authenticate(f.readToken, now: now)
            let expired = try await tokens.authenticate(f.readToken, now: now + 86_400_000 + 1)
            #expect(live != nil && expired == nil)
        }) { client in
            // The expired sessions were removed: their cookies sign nobody in.
            let f = box.get()
            var statuses: [HTTPResponse.Status] = []
            for who in [AccountFixtures.Who.inspector, .auditor, .admin] {
                statuses.append(try await client.anonymous.execute(uri: "/quan-tri", method: .get, headers: f.headers(who)).status)
            }
            #expect(statuses == [.seeOther, .seeOther, .ok])
        }
    }

    @Test("Behind a trusted proxy the client is the last forwarded hop the proxy did not add; others cannot claim an address")
    func forwardedAddress() throws {
        let trusted: Set<String> = ["10.0.0.1", "10.0.0.2"]
        #expect(ClientAddress.fromForwarded(["203.0.113.7"], trusted: trusted) == "203.0.113.7")
        #expect(ClientAddress.fromForwarded(["198.51.100.9, 203.0.113.7, 10.0.0.2"], trusted: trusted) == "203.0.113.7")
        #expect(ClientAddress.fromForwarded(["2001:db8::1", "10.0.0.2"], trusted: trusted) == "2001:db8::1")
        #expect(ClientAddress.fromForwarded(["khong-phai-ip"], trusted: trusted) == nil)
        #expect(ClientAddress.fromForwarded([], trusted: trusted) == nil)
        #expect(throws: ConfigError.self) { try AppConfig.load(environment: ["NGUON_TRUSTED_PROXIES": "10.0.0.1, may-chu"]) }
        #expect(try AppConfig.load(environment: ["NGUON_TRUSTED_PROXIES": "10.0.0.1, ::1"]).trustedProxies == ["10.0.0.1", "::1"])
    }

    /// The `Set-Cookie` line that sets `name`, or "".
    static func setCookie(_ name: String, in response: TestResponse) -> String {
        let prefix = name + "="
        return response.headers[values: .setCookie].first(where: { $0.hasPrefix(prefix) }) ?? ""
    }

    @Test("Served over HTTPS, the session cookie is Secure too")
    func secureCookie() async throws {
        var config = try await TestApp.config()
        config.publicURL = "https://truyxuat.quangninh.example.vn"
        _ = try await AccountCommands.createUser(config: config, username: "quantri", displayName: "Quản trị", role: "admin",
                                                 department: nil, unit: nil, organisation: nil, password: Self.adminPassword,
                                                 logger: TestApp.quietLogger)
        try await TestApp.run(config: config) { client in
            var browser = Browser(client)
            let page = try await browser.get("/dang-nhap")
            #expect(Self.setCookie(Form.preSessionCookie, in: page).contains("Secure"))
            let response = try await browser.post("/dang-nhap", [("username", "quantri"), ("password", Self.adminPassword)], csrfFrom: page)
            let cookie = Self.setCookie(SessionStore.cookieName, in: response)
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "\(cookie)")
        }
    }

    @Test("CSV: quoted fields read back whole, and a cell that would start a spreadsheet formula is defused")
    func csv() {
        #expect(CSV.parse("code,name\r\n07093,\"Đông Triều, Quảng Ninh\"\n06895,\"Đầm \"\"Hà\"\"\"\n")
                == [["code", "name"], ["07093", "Đông Triều, Quảng Ninh"], ["06895", "Đầm \"Hà\""]])
        #expect(CSV.parse("\u{FEFF}a,b") == [["a", "b"]])
        for formula in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\r=1"] {
            #expect(CSV.field(formula).hasPrefix("'") || CSV.field(formula).hasPrefix("\"'"), "\(formula)")
        }
        #expect(CSV.field("a,b") == "\"a,b\"" && CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"" && CSV.field("plain") == "plain")
    }

    @Test("After sign-in only paths on this site are followed")
    func safeNext() {
        #expect(AccountController.safeNext("/quan-tri/to-chuc?q=a") == "/quan-tri/to-chuc?q=a")
        for hostile in ["//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil", "https://evil.example", "/ /evil", "evil"] {
            #expect(AccountController.safeNext(hostile) == nil, "\(hostile)")
        }
    }

    @Test("The rate limiter answers 429 with Retry-After past the limit, per address")
    func rateLimit() throws {
        let limiter = RateLimiter(limit: 3, per: .seconds(60))
        let start = ContinuousClock.now
        for _ in 0..<3 { try limiter.check("10.0.0.1", now: start) }
        #expect(throws: AppError.self) { try limiter.check("10.0.0.1", now: start + .seconds(10)) }
        do {
            try limiter.check("10.0.0.1", now: start + .seconds(10))
        } catch {
            #expect(error.status == .tooManyRequests)
            #expect(error.headers[.retryAfter] == "51")
        }
        try limiter.check("10.0.0.2", now: start + .seconds(10))
        try limiter.check("10.0.0.1", now: start + .seconds(61))
    }
}
