@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import NguonCore

/// A small province: Quảng Ninh with two communes and Hà Nội with one; an organisation in each
/// commune; one account of every role; a session cookie for each, made directly in the store
/// (sign-in itself is tested through the form in AccountFlowTests).
struct AccountFixtures: Sendable {
    enum Who: String, CaseIterable, Sendable {
        case anonymous, admin, department, commune, inspector, business, auditor
    }

    var users: [Who: User] = [:]
    var cookies: [Who: String] = [:]
    var csrf: [Who: String] = [:]
    var orgA = ""  // Phường Đông Triều (22 / 07093): the commune officer's and the business user's
    var orgB = ""  // Xã Đầm Hà (22 / 06895): same province, other commune
    var orgC = ""  // Phường Ba Đình (01 / 00004): another province
    /// Organisation A's capture token, and a government integration's read token.
    var captureToken = ""
    var readToken = ""
    /// Organisation B's capture token.
    var captureTokenB = ""

    static let password = "rau-cai-ngot-dong-trieu"

    /// The fixtures and Quảng Ninh's pool of GS1 codes (prefix 8931000001), for cooperatives without a prefix.
    static func seedWithProvincePool(_ database: AppDatabase) async throws -> AccountFixtures {
        let f = try await seed(database)
        let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
        _ = try await Repositories(database: database).gs1Codes.addPrefix("8931000001", organisationID: nil, provinceCode: "22",
                                                                         note: "Kho mã Quảng Ninh", actor: admin)
        return f
    }

    static func seed(_ database: AppDatabase) async throws -> AccountFixtures {
        var fixtures = AccountFixtures()
        let cli = Actor(principal: Principal.commandLine, address: "127.0.0.1", fallbackName: "tests")
        _ = try await Repositories(database: database).units.importUnits([
            AdminUnit(code: "07093", name: "Đông Triều", fullName: "Phường Đông Triều", nameEn: nil, kind: .ward, parentCode: "22", former: []),
            AdminUnit(code: "06895", name: "Đầm Hà", fullName: "Xã Đầm Hà", nameEn: nil, kind: .commune, parentCode: "22", former: []),
            AdminUnit(code: "00004", name: "Ba Đình", fullName: "Phường Ba Đình", nameEn: nil, kind: .ward, parentCode: "01", former: []),
        ], actor: cli)
        let organisations = Repositories(database: database).organisations
        fixtures.orgA = try await organisations.create(.init(name: "HTX Rau an toàn Đông Triều", taxCode: "5700100009", unitCode: "07093", address: nil), actor: cli).id
        fixtures.orgB = try await organisations.create(.init(name: "HTX Thủy sản Đầm Hà", taxCode: nil, unitCode: "06895", address: nil), actor: cli).id
        fixtures.orgC = try await organisations.create(.init(name: "Công ty Thực phẩm Ba Đình", taxCode: nil, unitCode: "00004", address: nil), actor: cli).id
        let users = Repositories(database: database).users
        let sessions = Repositories(database: database).sessions
        let accounts: [(Who, Role, Department?, String?, String?)] = [
            (.admin, .admin, nil, nil, nil),
            (.department, .departmentOfficer, .agricultureEnvironment, "22", nil),
            (.commune, .communeOfficer, nil, "07093", nil),
            (.inspector, .inspector, nil, "22", nil),
            (.business, .business, nil, nil, fixtures.orgA),
            (.auditor, .auditor, nil, nil, nil),
        ]
        for (who, role, department, unit, organisation) in accounts {
            let user = try await users.create(.init(username: "t." + who.rawValue, displayName: who.rawValue, role: role,
                                                    department: department, unitCode: unit, organisationID: organisation),
                                              password: password, actor: cli)
            fixtures.users[who] = user
            let token = try await sessions.create(for: user, address: "127.0.0.1")
            fixtures.cookies[who] = token
            fixtures.csrf[who] = try await sessions.resolve(token)!.csrfToken
        }
        let tokens = Repositories(database: database).tokens
        let admin = Actor(principal: fixtures.users[.admin]!.principal, address: nil)
        // Organisation A holds the demo chain's company prefix (vegetables), so its tokens capture that chain.
        _ = try await Repositories(database: database).gs1Codes.addPrefix(
            DemoSupplyChain.Scenario.vegetables.companyPrefix, organisationID: fixtures.orgA, note: "HTX's own prefix", actor: admin)
        fixtures.captureToken = try await tokens.create(.init(name: "ERP", organisationID: fixtures.orgA, scopes: [.capture], days: 1), actor: admin).secret
        fixtures.captureTokenB = try await tokens.create(.init(name: "ERP B", organisationID: fixtures.orgB, scopes: [.capture], days: 1), actor: admin).secret
        fixtures.readToken = try await tokens.create(.init(name: "Cổng quốc gia", organisationID: nil, scopes: [.read], days: 1), actor: admin).secret
        return fixtures
    }

    /// A fresh, migrated database holding the fixtures, without the app: for page models' queries.
    static func withDatabase<T: Sendable>(_ body: (AppDatabase, AccountFixtures) async throws -> T) async throws -> T {
        try await AppDatabase.using(try await TestApp.config(), logger: TestApp.quietLogger) { database in
            try await body(database, try await seed(database))
        }
    }

    /// Headers that make a request as `who` (its session cookie); send them with `client.anonymous`
    /// so no bearer token is added.
    func headers(_ who: Who, form: Bool = false) -> HTTPFields {
        var headers: HTTPFields = [:]
        if let cookie = cookies[who] { headers[.cookie] = "\(SessionStore.cookieName)=\(cookie)" }
        if form { headers[.contentType] = "application/x-www-form-urlencoded" }
        return headers
    }

    /// A form body with `who`'s CSRF token.
    /// A multipart/form-data request as `who` (the CSRF field first), with one file part.
    func multipart(_ who: Who, fields: [(String, String)] = [], file name: String, _ filename: String, _ bytes: some Sequence<UInt8>)
        -> (headers: HTTPFields, body: ByteBuffer) {
        let boundary = "----nguon" + UUID().uuidString
        var body = ByteBuffer()
        for (field, value) in [(Form.fieldName, csrf[who] ?? "")] + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n\r\n")
        body.writeBytes(Array(bytes))
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = headers(who)
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (headers, body)
    }

    func form(_ who: Who, _ fields: [(String, String)]) -> ByteBuffer {
        let all = fields + [(Form.fieldName, csrf[who] ?? "")]
        return ByteBuffer(string: all.map { "\(SiteURL.encode($0.0))=\(SiteURL.encode($0.1))" }.joined(separator: "&"))
    }
}

/// A browser for flows through the forms: keeps cookies and reads the CSRF field from pages.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: AuthorizedClient) { self.client = client.anonymous }

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    mutating func keep(_ response: TestResponse) {
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let (name, value) = (String(pair[0]).trimmingCharacters(in: .whitespaces), String(pair[1]))
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    mutating func get(_ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookieHeader)
        keep(response)
        return response
    }

    /// Posts a form with the CSRF token found on `page` (or the one given).
    mutating func post(_ uri: String, _ fields: [(String, String)], csrfFrom page: TestResponse) async throws -> TestResponse {
        let token = Self.csrf(in: page.text) ?? ""
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = (fields + [(Form.fieldName, token)]).map { "\(SiteURL.encode($0.0))=\(SiteURL.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
