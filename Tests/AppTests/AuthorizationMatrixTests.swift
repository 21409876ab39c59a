@testable import App
import EPCIS
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// Every administration and EPCIS route, driven with every role: what each may read or change,
/// including records outside its scope reached by guessing their IDs.
@Suite("Authorisation matrix", .serialized)
struct AuthorizationMatrixTests {
    typealias Who = AccountFixtures.Who

    struct Case: Sendable {
        let method: HTTPRequest.Method
        let path: String
        var form: [(String, String)]? = nil
        /// A JSON-LD body instead of a form (EPCIS).
        var json: String? = nil
        /// Expected status per role; roles not listed expect `otherwise`.
        let expect: [Who: HTTPResponse.Status]
        var otherwise: HTTPResponse.Status = .forbidden
        /// Posted as the administrator after each role's try, to put the record back.
        var restore: (path: String, form: [(String, String)])? = nil
        /// Statuses accepted from every role instead of `expect`/`otherwise`: for routes open to
        /// everyone whose answer depends on the input, not on who asks (the check is that nobody
        /// gets 401 or 403 there).
        var acceptable: Set<HTTPResponse.Status>? = nil
        /// Tried at the end of the test instead of in the loop (signing out ends the sessions the rest need).
        var deferred = false
    }

    /// Food safety's routes: papers (officers write), inspections, samples and recalls
    /// (inspectors write too); businesses and auditors read; records nobody has are not found.
    static func foodSafetyCases(_ f: AccountFixtures) -> [Case] {
        let signIn: HTTPResponse.Status = .seeOther
        var cases: [Case] = [
                // food-safety papers: every account reads its scope's lists; officers write in their jurisdiction;
                // businesses, inspectors and auditors write none; records nobody has are not found
                Case(method: .get, path: "/quan-tri/chung-nhan?tinh-trang=expiring", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/chung-nhan/nhac-han", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/chung-nhan/nhac-han/xuat", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/chung-nhan/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/chung-nhan/khong-co/ban-quet", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/co-so/khong-co/chung-nhan", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/co-so/khong-co/cam-ket", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/cam-ket/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/cam-ket/khong-co/ban-quet", expect: [.anonymous: signIn], otherwise: .notFound),
        ]
        let posts1: [(String, [(String, String)])] = [
                ("/quan-tri/chung-nhan/khong-co", Self.certificateForm), ("/quan-tri/co-so/khong-co/chung-nhan", Self.certificateForm),
                ("/quan-tri/chung-nhan/khong-co/trang-thai", [("state", "revoked"), ("stateOn", "2026-01-01"), ("stateReason", "QĐ 1")]),
                ("/quan-tri/chung-nhan/khong-co/ban-quet", []), ("/quan-tri/cam-ket/khong-co/ban-quet", []),
                ("/quan-tri/cam-ket/khong-co", Self.commitmentForm), ("/quan-tri/co-so/khong-co/cam-ket", Self.commitmentForm),
        ]
        cases += posts1.map { path, form in
                Case(method: .post, path: path, form: form,
                     expect: [.anonymous: signIn, .admin: .notFound, .department: .notFound, .commune: .notFound])
        }
        cases += [
                // inspections, violations, outbreaks: inspectors write as officers do; businesses and auditors read
                Case(method: .get, path: "/quan-tri/kiem-tra?qua-han=1", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/vi-pham", expect: [.anonymous: signIn], otherwise: .ok),
                // whom to inspect: those who inspect
                Case(method: .get, path: "/quan-tri/kiem-tra/de-xuat", expect: [.anonymous: signIn, .business: .forbidden, .auditor: .forbidden],
                     otherwise: .ok),
                Case(method: .get, path: "/quan-tri/kiem-tra/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/kiem-tra/khong-co/tai-lieu/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/co-so/khong-co/kiem-tra", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/co-so/khong-co/vi-pham", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/co-so/khong-co/ngo-doc", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/vi-pham/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/ngo-doc/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/giam-sat?nam=2026", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/thu-hoi", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/thu-hoi/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/thu-hoi/khong-co/xuat", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/thu-hoi/TH-0000-0000", expect: [:], otherwise: .notFound),
                // a recall needs lots: whoever may open one is told so by name
                Case(method: .post, path: "/quan-tri/thu-hoi", form: [("title", "Thu hồi"), ("reason", "x"), ("mode", "voluntary")],
                     expect: [.anonymous: signIn, .admin: .badRequest, .department: .badRequest, .commune: .badRequest, .inspector: .badRequest]),
                Case(method: .get, path: "/quan-tri/giam-sat/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/co-so/khong-co/mau", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .get, path: "/quan-tri/mau/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                // a programme outside the jurisdiction is refused by name; the administrator plans anywhere
                Case(method: .post, path: "/quan-tri/giam-sat", form: [("name", "Giám sát"), ("year", "2026"), ("planned", "10"), ("unit", "00004")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .badRequest, .commune: .badRequest, .inspector: .badRequest]),
        ]
        let posts2: [(String, [(String, String)])] = [
                ("/quan-tri/kiem-tra/khong-co", Self.inspectionForm), ("/quan-tri/co-so/khong-co/kiem-tra", Self.inspectionForm),
                ("/quan-tri/kiem-tra/khong-co/tai-lieu", []),
                ("/quan-tri/vi-pham/khong-co", Self.violationForm), ("/quan-tri/co-so/khong-co/vi-pham", Self.violationForm),
                ("/quan-tri/co-so/khong-co/ngo-doc", [("occurredOn", "2026-01-01"), ("cases", "3"), ("description", "Đau bụng")]),
                ("/quan-tri/mau/khong-co", Self.sampleForm),
                ("/quan-tri/thu-hoi/khong-co/noi-nhan", [("holder", "x"), ("step", "notified")]), ("/quan-tri/thu-hoi/khong-co/pham-vi", []),
                ("/quan-tri/thu-hoi/khong-co/ket-thuc", []), ("/quan-tri/co-so/khong-co/mau", Self.sampleForm + [("programme", "khong-co")]),
        ]
        cases += posts2.map { path, form in
                Case(method: .post, path: path, form: form,
                     expect: [.anonymous: signIn, .admin: .notFound, .department: .notFound, .commune: .notFound, .inspector: .notFound])
        }
        return cases
    }

    static let certificateForm = [("kind", "haccp"), ("number", "H-1"), ("issuer", "Bureau Veritas"), ("issuedOn", "2026-01-01")]
    static let inspectionForm = [("kind", "periodic"), ("inspectedOn", "2026-01-01"), ("team", "Đoàn 1"), ("result", "pass")]
    static let violationForm = [("foundOn", "2026-01-01"), ("legalBasis", "NĐ 115/2018"), ("description", "Không ghi chép")]
    static let sampleForm = [("code", "M-1"), ("sampledOn", "2026-01-01"), ("productName", "Rau"), ("laboratory", "Lab"), ("analyte-0", "Pb")]
    static let commitmentForm = [("category", "small_primary"), ("receivedBy", "UBND xã"), ("signedOn", "2026-01-01")]

    @Test("Each role reaches exactly its scope, on every route")
    func matrix() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in box.set(try await AccountFixtures.seed(database)) }) { client in
            let f = box.get()
            let anonymous = client.anonymous
            let signIn: HTTPResponse.Status = .seeOther
            let cases: [Case] = [
                // administration home and reference data: any account
                Case(method: .get, path: "/quan-tri", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/don-vi-hanh-chinh?q=dong+trieu", expect: [.anonymous: signIn], otherwise: .ok),
                // organisations: lists are filtered (checked below); single records outside the scope are 404
                Case(method: .get, path: "/quan-tri/to-chuc", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/to-chuc/\(f.orgA)", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/to-chuc/\(f.orgB)",
                     expect: [.anonymous: signIn, .commune: .notFound, .business: .notFound], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/to-chuc/\(f.orgC)",
                     expect: [.anonymous: signIn, .admin: .ok, .auditor: .ok], otherwise: .notFound),
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgA)", form: [("name", "HTX Rau an toàn Đông Triều"), ("unit", "07093"), ("address", "Thôn Đông Sơn")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .seeOther, .commune: .seeOther]),
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgB)", form: [("name", "Đổi tên"), ("unit", "06895")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .seeOther, .commune: .notFound]),
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgC)", form: [("name", "Đổi tên"), ("unit", "00004")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .notFound, .commune: .notFound]),
                // an officer cannot register (or move) an organisation outside the jurisdiction
                Case(method: .post, path: "/quan-tri/to-chuc", form: [("name", "HTX mới"), ("unit", "00004")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .badRequest, .commune: .badRequest]),
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgA)", form: [("name", "HTX Rau an toàn Đông Triều"), ("unit", "06895")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .seeOther, .commune: .badRequest],
                     restore: ("/quan-tri/to-chuc/\(f.orgA)", [("name", "HTX Rau an toàn Đông Triều"), ("unit", "07093")])),
                // GS1 codes: no pool holds any yet, so whoever may give codes gets the refusal saying so (400);
                // officers outside the organisation's area and other businesses do not find it (404)
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", form: [("kind", "gtin"), ("count", "1")],
                     expect: [.anonymous: signIn, .admin: .badRequest, .department: .badRequest, .commune: .badRequest, .business: .badRequest]),
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgC)/ma-gs1", form: [("kind", "gtin"), ("count", "1")],
                     expect: [.anonymous: signIn, .admin: .badRequest, .department: .notFound, .commune: .notFound, .business: .notFound]),
                // the registry: the organisation's officers and the organisation itself register facilities and products;
                // inspectors and auditors read them but get no form; another commune's officer does not find the organisation
                Case(method: .get, path: "/quan-tri/to-chuc/\(f.orgA)/co-so",
                     expect: [.anonymous: signIn, .admin: .ok, .department: .ok, .commune: .ok, .business: .ok]),
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgA)/co-so", form: [("name", "Kho lạnh"), ("unit", "07093")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .seeOther, .commune: .seeOther, .business: .seeOther]),
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgB)/co-so", form: [("name", "Kho lạnh"), ("unit", "06895")],
                     expect: [.anonymous: signIn, .admin: .seeOther, .department: .seeOther, .commune: .notFound, .business: .notFound]),
                Case(method: .get, path: "/quan-tri/co-so/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                // imports: those who register organisations (each row checked against the importer's scope)
                Case(method: .get, path: "/quan-tri/nhap", expect: [.anonymous: signIn, .admin: .ok, .department: .ok, .commune: .ok]),
                Case(method: .post, path: "/quan-tri/nhap", form: [],
                     expect: [.anonymous: signIn, .admin: .unsupportedMediaType, .department: .unsupportedMediaType, .commune: .unsupportedMediaType]),
                Case(method: .post, path: "/quan-tri/nhap/khong-co/xac-nhan", form: [],
                     expect: [.anonymous: signIn, .admin: .notFound, .department: .notFound, .commune: .notFound]),
                // registry lists and their exports: every account that reads the registry, each in its scope
                Case(method: .get, path: "/quan-tri/san-pham?q=rau", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/co-so?don-vi=07093", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/san-pham/xuat", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/co-so/xuat?dinh-dang=csv", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .get, path: "/quan-tri/to-chuc/xuat?dinh-dang=csv", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .post, path: "/quan-tri/co-so/khong-co", form: [("name", "Kho"), ("unit", "07093")],
                     expect: [.anonymous: signIn, .admin: .notFound, .department: .notFound, .commune: .notFound, .business: .notFound]),
                Case(method: .get, path: "/quan-tri/to-chuc/\(f.orgA)/san-pham",
                     expect: [.anonymous: signIn, .admin: .ok, .department: .ok, .commune: .ok, .business: .ok]),
                // a GTIN the organisation does not hold is refused by name (400) to everyone who may write
                Case(method: .post, path: "/quan-tri/to-chuc/\(f.orgA)/san-pham", form: [("gtin", "08935002000012"), ("name", "Rau")],
                     expect: [.anonymous: signIn, .admin: .badRequest, .department: .badRequest, .commune: .badRequest, .business: .badRequest]),
                Case(method: .get, path: "/quan-tri/san-pham/khong-co", expect: [.anonymous: signIn], otherwise: .notFound),
                Case(method: .post, path: "/quan-tri/san-pham/khong-co/anh", form: [],
                     expect: [.anonymous: signIn, .admin: .notFound, .department: .notFound, .commune: .notFound, .business: .notFound]),
                Case(method: .get, path: "/anh/khong-co", expect: [:], otherwise: .notFound),
                Case(method: .post, path: "/quan-tri/san-pham/khong-co", form: [("gtin", "08935001000013"), ("name", "Rau")],
                     expect: [.anonymous: signIn, .admin: .notFound, .department: .notFound, .commune: .notFound, .business: .notFound]),
                // the producer's workspace: an organisation's own accounts only (an administrator has no organisation)
                Case(method: .get, path: "/san-xuat", expect: [.anonymous: signIn, .business: .ok]),
                Case(method: .get, path: "/san-xuat/nhat-ky", expect: [.anonymous: signIn, .business: .ok]),
                Case(method: .get, path: "/san-xuat/thu-hoach", expect: [.anonymous: signIn, .business: .ok]),
                Case(method: .get, path: "/san-xuat/dong-goi", expect: [.anonymous: signIn, .business: .ok]),
                Case(method: .get, path: "/san-xuat/giao-hang", expect: [.anonymous: signIn, .business: .ok]),
                Case(method: .post, path: "/san-xuat/nhat-ky", form: [], expect: [.anonymous: signIn, .business: .badRequest]),
                Case(method: .post, path: "/san-xuat/thu-hoach", form: [], expect: [.anonymous: signIn, .business: .badRequest]),
                Case(method: .post, path: "/san-xuat/dong-goi", form: [], expect: [.anonymous: signIn, .business: .badRequest]),
                Case(method: .post, path: "/san-xuat/giao-hang", form: [], expect: [.anonymous: signIn, .business: .badRequest]),
                Case(method: .post, path: "/san-xuat/nhan-hang", form: [("shipment", "khong-co")], expect: [.anonymous: signIn, .business: .notFound]),
                Case(method: .get, path: "/san-xuat/sw.js", expect: [.anonymous: signIn, .admin: .ok, .business: .ok]),
                Case(method: .get, path: "/san-xuat/lo/khong-co/tem", expect: [.anonymous: signIn, .admin: .notFound, .business: .notFound]),
                Case(method: .get, path: "/san-xuat/lo/khong-co", expect: [.anonymous: signIn, .admin: .notFound, .business: .notFound]),
                // the prefixes codes come from: administrators record them, auditors read
                Case(method: .get, path: "/quan-tri/ma-gs1", expect: [.anonymous: signIn, .admin: .ok, .auditor: .ok]),
                Case(method: .post, path: "/quan-tri/ma-gs1", form: [("prefix", "89")], expect: [.anonymous: signIn, .admin: .badRequest]),
                // accounts: administrators change, auditors read
                Case(method: .get, path: "/quan-tri/nguoi-dung", expect: [.anonymous: signIn, .admin: .ok, .auditor: .ok]),
                Case(method: .get, path: "/quan-tri/nguoi-dung/\(f.users[.admin]!.id)", expect: [.anonymous: signIn, .admin: .ok, .auditor: .ok]),
                Case(method: .post, path: "/quan-tri/nguoi-dung",
                     form: [("username", "moi.\(UUID().uuidString.prefix(6).lowercased())"), ("displayName", "Mới"), ("role", "auditor"),
                            ("password", AccountFixtures.password)],
                     expect: [.anonymous: signIn, .admin: .seeOther]),
                Case(method: .post, path: "/quan-tri/nguoi-dung/\(f.users[.commune]!.id)",
                     form: [("displayName", "Cán bộ xã"), ("role", "commune_officer"), ("unit", "07093"), ("active", "on")],
                     expect: [.anonymous: signIn, .admin: .seeOther]),
                // tokens: administrators all, businesses their own
                Case(method: .get, path: "/quan-tri/ma-truy-cap", expect: [.anonymous: signIn, .admin: .ok, .business: .ok, .auditor: .ok]),
                Case(method: .post, path: "/quan-tri/ma-truy-cap", form: [("name", "ERP"), ("capture", "on"), ("days", "30"), ("organisation", f.orgA)],
                     expect: [.anonymous: signIn, .admin: .ok, .business: .ok]),
                // the audit log
                Case(method: .get, path: "/quan-tri/nhat-ky", expect: [.anonymous: signIn, .admin: .ok, .auditor: .ok]),
                Case(method: .post, path: "/quan-tri/nhat-ky/xuat", form: [("action", "auth.sign_in")],
                     expect: [.anonymous: signIn, .admin: .ok, .auditor: .ok]),
                // the EPCIS repository: government accounts read; businesses write their own events
                Case(method: .get, path: "/epcis/events", expect: [.anonymous: .unauthorized, .business: .forbidden], otherwise: .ok),
                Case(method: .get, path: "/epcis/eventTypes", expect: [.anonymous: .unauthorized, .business: .forbidden], otherwise: .ok),
                Case(method: .get, path: "/api/v1/trace?id=" + SiteURL.encode("urn:epc:id:sgtin:8935001.000002.1"),
                     expect: [.anonymous: .unauthorized, .business: .forbidden], otherwise: .ok),
                // one's own account
                Case(method: .get, path: "/tai-khoan", expect: [.anonymous: signIn], otherwise: .ok),
                Case(method: .post, path: "/tai-khoan/mat-khau", form: [("current", "khong-phai-mat-khau"), ("new", "mat khau moi rat dai"),
                                                                      ("repeat", "mat khau moi rat dai")],
                     expect: [.anonymous: signIn], otherwise: .badRequest),
                Case(method: .get, path: "/epcis/events/" + SiteURL.encode("urn:uuid:00000000-0000-4000-8000-000000000000"),
                     expect: [.anonymous: .unauthorized, .business: .forbidden], otherwise: .notFound),
                Case(method: .get, path: "/epcis/epcs/" + SiteURL.encode("urn:epc:id:sgtin:8935001.100002.42001") + "/events",
                     expect: [.anonymous: .unauthorized, .business: .forbidden], otherwise: .ok),
                Case(method: .post, path: "/epcis/events", json: Self.singleEvent,
                     expect: [.anonymous: .unauthorized, .admin: .created, .business: .ok]),
                // public pages and tools stay open to everyone, signed in or not
                Case(method: .get, path: "/", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/gs1", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/qr.svg?data=https%3A%2F%2Fid.gs1.org%2F01%2F08935001000020", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/api/v1/gs1/parse?input=(01)08935001000020", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/.well-known/gs1resolver", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/01/08935001000020/10/KHONGCO", expect: [:], otherwise: .notFound),
                Case(method: .get, path: "/healthz", expect: [:], otherwise: .ok),
                Case(method: .get, path: SiteURL.asset(.siteCSS).path, expect: [:], otherwise: .ok),
                Case(method: .get, path: "/qr.png?data=https%3A%2F%2Fid.gs1.org%2F01%2F08935001000020", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/api/v1/gs1/digital-link?input=(01)08935001000020", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/epcis", expect: [:], otherwise: .ok),
                Case(method: .get, path: "/dang-nhap", expect: [.anonymous: .ok], otherwise: .seeOther),
                Case(method: .post, path: "/dang-nhap", form: [("username", "khong.co.ai"), ("password", "sai-mat-khau-roi")], expect: [:],
                     acceptable: [.unauthorized, .tooManyRequests, .forbidden]),
                // the capture document interface and its jobs
                Case(method: .post, path: "/epcis/capture", json: Self.document,
                     expect: [.anonymous: .unauthorized, .admin: .accepted, .business: .accepted]),
                Case(method: .get, path: "/epcis/capture/khong-co", expect: [.anonymous: .unauthorized], otherwise: .notFound),
                // revoking a token that is not there: the roles that may manage tokens get 404
                Case(method: .post, path: "/quan-tri/ma-truy-cap/khong-co/thu-hoi", form: [],
                     expect: [.anonymous: signIn, .admin: .notFound, .business: .notFound]),
            ] + Self.foodSafetyCases(f) + EPCISResourceController.Resource.allCases.flatMap { resource -> [Case] in
                let raw: String = switch resource {
                case .eventTypes: "ObjectEvent"
                case .epcs: "urn:epc:id:sgtin:8935001.000002.1"
                case .bizSteps: "shipping"
                case .bizLocations, .readPoints: "urn:epc:id:sgln:8935001.00001.0"
                case .dispositions: "in_transit"
                }
                let value = SiteURL.encode(raw)
                return ["", "/" + value, "/" + value + "/events"].map { suffix in
                    Case(method: .get, path: "/epcis/\(resource.rawValue)" + suffix,
                         expect: [.anonymous: .unauthorized, .business: .forbidden], otherwise: .ok)
                }
            } + Self.resolverPaths.map { path in
                Case(method: .get, path: path, expect: [:], acceptable: [.notFound, .badRequest])
            } + [
                // Last, because a reset ends every session of the account: the inspector is signed out by the time it tries.
                Case(method: .post, path: "/quan-tri/nguoi-dung/\(f.users[.inspector]!.id)/dat-lai-mat-khau",
                     form: [("password", "mat-khau-moi-cua-thanh-tra")], expect: [.anonymous: signIn, .admin: .seeOther, .inspector: .seeOther]),
                // Signing out ends each role's session: tried last, after the checks below.
                Case(method: .post, path: "/dang-xuat", form: [], expect: [.anonymous: .forbidden, .inspector: .forbidden],
                     otherwise: .seeOther, deferred: true),
            ]
            // Every route the router registered is classified here: a new route without a case fails.
            let routes = try RouteTable.routes()
            for route in routes where route.method != .head {
                #expect(cases.contains { $0.method == route.method && RouteTable.matches(route.path, $0.path) },
                        "\(route.method) \(route.path) is not in the authorisation matrix")
            }
            for item in cases where !item.deferred {
                for who in Who.allCases {
                    var headers = f.headers(who, form: item.form != nil)
                    if item.form != nil, who == .anonymous { headers[.cookie] = nil }
                    var body = item.form.map { f.form(who, $0) }
                    if let json = item.json {
                        headers[.contentType] = "application/ld+json"
                        body = ByteBuffer(string: json)
                    }
                    let response = try await anonymous.execute(uri: item.path, method: item.method, headers: headers, body: body)
                    let expected = item.expect[who] ?? item.otherwise
                    // Anonymous form posts fail the CSRF check (no session, no pre-session cookie) before anything else.
                    let allowed: Set<HTTPResponse.Status> = item.acceptable
                        ?? (who == .anonymous && item.form != nil ? [expected, .forbidden] : [expected])
                    #expect(allowed.contains(response.status), "\(item.method) \(item.path) as \(who): \(response.status.code), expected \(expected.code)")
                    if let restore = item.restore {
                        let back = try await anonymous.execute(uri: restore.path, method: .post, headers: f.headers(.admin, form: true),
                                                               body: f.form(.admin, restore.form))
                        #expect(back.status == .seeOther)
                    }
                }
            }

            // Lists show only what is in scope.
            func organisations(_ who: Who) async throws -> String {
                try await anonymous.execute(uri: "/quan-tri/to-chuc", method: .get, headers: f.headers(who)).text
            }
            // (by id: the cases above renamed some of them)
            let commune = try await organisations(.commune)
            #expect(commune.contains(f.orgA) && !commune.contains(f.orgB) && !commune.contains(f.orgC))
            let department = try await organisations(.department)
            #expect(department.contains(f.orgA) && department.contains(f.orgB) && !department.contains(f.orgC))
            let business = try await organisations(.business)
            #expect(business.contains(f.orgA) && !business.contains(f.orgB) && !business.contains(f.orgC))
            let everything = try await organisations(.admin)
            #expect([f.orgA, f.orgB, f.orgC].allSatisfy(everything.contains))

            // A business cannot mint a token for another organisation by editing the form.
            let forged = try await anonymous.execute(uri: "/quan-tri/ma-truy-cap", method: .post, headers: f.headers(.business, form: true),
                                                     body: f.form(.business, [("name", "giả"), ("capture", "on"), ("days", "30"), ("organisation", f.orgB)]))
            #expect(forged.status == .ok)
            let tokens = try await anonymous.execute(uri: "/quan-tri/ma-truy-cap", method: .get, headers: f.headers(.business)).text
            #expect(!tokens.contains(f.orgB))

            // Last, signing out: every role can, and afterwards its cookie opens nothing. (The
            // inspector's session ended with its password reset, so its form fails the CSRF check.)
            for item in cases where item.deferred {
                for who in Who.allCases {
                    let out = try await anonymous.execute(uri: item.path, method: .post, headers: f.headers(who, form: true), body: f.form(who, []))
                    #expect(out.status == item.expect[who] ?? item.otherwise, "sign-out as \(who)")
                }
            }
            for who in Who.allCases {
                let after = try await anonymous.execute(uri: "/quan-tri", method: .get, headers: f.headers(who))
                #expect(after.status == .seeOther, "\(who) after sign-out")
            }
        }
    }

    /// One event of organisation A's (prefix 8935001), for `POST /epcis/events`.
    /// An EPCIS document with one event, for `/epcis/capture`.
    static let document = #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-20T08:00:00+07:00","epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-11-20T09:00:00+07:00","eventTimeZoneOffset":"+07:00","epcList":["urn:epc:id:sgtin:8935001.100002.99002"],"action":"OBSERVE","bizStep":"inspecting"}]}}"#

    /// One Digital Link path for each primary key the resolver answers (valid where the check
    /// digits are easy to make; the others are a 400, which is just as public).
    static let resolverPaths: [String] = ResolverController.primaryKeys.map { key in
        let check = { (digits: String) in GS1.appendingCheckDigit(to: digits) ?? digits }
        let value = switch key {
        case "00": check("08935001000000001")
        case "01": "08935001000020"
        case "253", "255", "414", "417": check("893500100001")
        case "402": check("8935001000000001")
        case "8003": "0" + check("893500100001")
        case "8006": "089350010000200102"
        case "8017", "8018": check("89350010000000001")
        default: "8935001ABC"
        }
        return "/\(key)/\(value)"
    }

    static let singleEvent = #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"ObjectEvent","eventTime":"2026-11-20T08:00:00+07:00","eventTimeZoneOffset":"+07:00","epcList":["urn:epc:id:sgtin:8935001.100002.99001"],"action":"OBSERVE","bizStep":"inspecting"}"#

    @Test("Capture takes a business account or its capture token, never an officer or a read token; jobs are the capturer's")
    func captureRights() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in box.set(try await AccountFixtures.seed(database)) }) { client in
            let f = box.get()
            let chain = DemoSupplyChain(variant: 420)
            let json: HTTPFields = [.contentType: "application/ld+json"]
            func capture(_ headers: HTTPFields) async throws -> TestResponse {
                try await client.anonymous.execute(uri: "/epcis/capture", method: .post, headers: headers, body: ByteBuffer(string: chain.document))
            }
            #expect(try await capture(json).status == .unauthorized)
            for who in [Who.department, .commune, .inspector, .auditor] {
                #expect(try await capture(json.merging(f.headers(who))).status == .forbidden, "\(who)")
            }
            let byBusiness = try await capture(json.merging(f.headers(.business)))
            #expect(byBusiness.status == .accepted)
            let job = try #require(byBusiness.headers[.location])
            #expect(try await client.anonymous.execute(uri: job, method: .get, headers: f.headers(.business)).status == .ok)
            #expect(try await client.anonymous.execute(uri: job, method: .get, headers: f.headers(.inspector)).status == .ok)
            #expect(try await client.anonymous.execute(uri: job, method: .get).status == .unauthorized)

            // Tokens: an organisation's capture token captures; a read token does not.
            let (captureToken, readToken) = (f.captureToken, f.readToken)
            let other = DemoSupplyChain(variant: 421)
            let withToken = try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                               headers: json.merging([.authorization: "Bearer " + captureToken]),
                                                               body: ByteBuffer(string: other.document))
            #expect(withToken.status == .accepted)
            let read = try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                          headers: json.merging([.authorization: "Bearer " + readToken]),
                                                          body: ByteBuffer(string: other.document))
            #expect(read.status == .forbidden)
            #expect(try await client.anonymous.execute(uri: "/epcis/events", method: .get, headers: [.authorization: "Bearer " + readToken]).status == .ok)
            #expect(try await client.anonymous.execute(uri: "/epcis/events", method: .get, headers: [.authorization: "Bearer " + captureToken]).status == .forbidden)
            // The capture token reads its own organisation's job, not another's.
            #expect(try await client.anonymous.execute(uri: job, method: .get, headers: [.authorization: "Bearer " + captureToken]).status == .ok)
            #expect(try await client.anonymous.execute(uri: job, method: .get, headers: [.authorization: "Bearer " + f.captureTokenB]).status == .notFound)

            // Organisation B cannot rename the places and products A holds (they show on public pages),
            // nor record at A's places; the capture is refused whole.
            let third = DemoSupplyChain(variant: 422)
            let refused = try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                             headers: json.merging([.authorization: "Bearer " + f.captureTokenB]),
                                                             body: ByteBuffer(string: third.document))
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("not-holder") && refused.text.contains("master-data-not-held"))
            let stored = try await client.execute(uri: "/epcis/events?MATCH_anyEPC=" + SiteURL.encode(third.caseA), method: .get).text
            #expect(!stored.contains(third.caseA))

            // A revoked token stops working at once; revoking is the business's own or an administrator's.
            let tokenID = String(captureToken.dropFirst(APITokenRepository.prefix.count).prefix { $0 != "_" })
            let foreign = try await client.anonymous.execute(uri: "/quan-tri/ma-truy-cap/\(tokenID)/thu-hoi", method: .post,
                                                             headers: f.headers(.department, form: true), body: f.form(.department, []))
            #expect(foreign.status == .forbidden)
            let revoke = try await client.anonymous.execute(uri: "/quan-tri/ma-truy-cap/\(tokenID)/thu-hoi", method: .post,
                                                            headers: f.headers(.business, form: true), body: f.form(.business, []))
            #expect(revoke.status == .seeOther)
            let after = try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                           headers: json.merging([.authorization: "Bearer " + captureToken]),
                                                           body: ByteBuffer(string: DemoSupplyChain(variant: 423).document))
            #expect(after.status == .unauthorized)
        }
    }
}

/// Hands the seeded fixtures from `prepare` to the test body.
final class FixtureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: AccountFixtures?
    func set(_ fixtures: AccountFixtures) { lock.withLock { value = fixtures } }
    func get() -> AccountFixtures { lock.withLock { value! } }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged[field.name] = field.value }
        return merged
    }
}
