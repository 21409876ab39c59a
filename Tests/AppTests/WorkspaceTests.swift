@testable import App
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// The producer's workspace (issue 9 §4), walked as the "done when" walks it: a
/// cooperative without a prefix gets codes, registers its farm and products, keeps a diary
/// (with a harvest refused inside a pre-harvest interval), harvests, packs and ships to a
/// distributor, which receives and ships to a shop; the lot's public page tells all of it.
@Suite("Producer's workspace: from diary to shop", .serialized)
struct WorkspaceTests {
    /// Signed-in business accounts of the distributor (orgB) and the shop (orgC).
    final class Sessions: @unchecked Sendable {
        var cookies: [String: (cookie: String, csrf: String)] = [:]
    }

    @Test("A season from spraying to the shop shelf, every step a form on the workspace")
    func season() async throws {
        let box = FixtureBox()
        let sessions = Sessions()
        try await TestApp.run(prepare: { database in
            let f = try await AccountFixtures.seed(database)
            let repositories = Repositories(database: database)
            let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
            _ = try await repositories.gs1Codes.addPrefix("8931000001", organisationID: nil, provinceCode: nil, note: "Kho mã", actor: admin)
            for (name, organisation) in [("phanphoi", f.orgB), ("cuahang", f.orgC)] {
                let user = try await repositories.users.create(
                    .init(username: "t." + name, displayName: name, role: .business, department: nil, unitCode: nil, organisationID: organisation),
                    password: AccountFixtures.password, actor: admin)
                let token = try await repositories.sessions.create(for: user, address: "127.0.0.1")
                sessions.cookies[organisation] = (token, try await repositories.sessions.resolve(token)!.csrfToken)
            }
            box.set(f)
        }) { client in
            let f = box.get()
            func request(_ organisation: String, _ path: String, _ fields: [(String, String)]? = nil) async throws -> TestResponse {
                let (cookie, csrf) = organisation == f.orgA ? (f.cookies[.business]!, f.csrf[.business]!) : sessions.cookies[organisation]!
                var headers: HTTPFields = [.cookie: "\(SessionStore.cookieName)=\(cookie)"]
                guard let fields else { return try await client.anonymous.execute(uri: path, method: .get, headers: headers) }
                headers[.contentType] = "application/x-www-form-urlencoded"
                let body = (fields + [(Form.fieldName, csrf)]).map { "\(SiteURL.encode($0.0))=\(SiteURL.encode($0.1))" }.joined(separator: "&")
                return try await client.anonymous.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            /// Codes from the pool, a facility under the GLN; returns (facility id, GLN, GTINs).
            func register(_ organisation: String, unit: String, facility name: String, products: [(String, String)]) async throws
                -> (facility: String, gln: String, products: [String: String]) {
                #expect(try await request(organisation, "/quan-tri/to-chuc/\(organisation)/ma-gs1", [("kind", "gln"), ("count", "1")]).status == .seeOther)
                #expect(try await request(organisation, "/quan-tri/to-chuc/\(organisation)/ma-gs1", [("kind", "gtin"), ("count", "\(max(products.count, 1))")]).status == .seeOther)
                let page = (try await request(organisation, "/quan-tri/to-chuc/\(organisation)")).text
                let glns = Self.codes(in: page, length: 13)
                let gtins = Self.codes(in: page, length: 14)
                let created = try await request(organisation, "/quan-tri/to-chuc/\(organisation)/co-so",
                                                [("name", name), ("gln", glns[0]), ("unit", unit), ("activity-crop", "on"), ("state", "active")])
                #expect(created.status == .seeOther, "\(created.text.prefix(400))")
                let facility = String(try #require(created.headers[.location]).split(separator: "?")[0].split(separator: "/").last!)
                var ids: [String: String] = [:]
                for (index, (productName, shelfLife)) in products.enumerated() {
                    let made = try await request(organisation, "/quan-tri/to-chuc/\(organisation)/san-pham",
                                                 [("gtin", gtins[index]), ("name", productName), ("shelfLifeDays", shelfLife)])
                    #expect(made.status == .seeOther)
                    ids[productName] = String(try #require(made.headers[.location]).split(separator: "?")[0].split(separator: "/").last!)
                }
                return (facility, glns[0], ids)
            }
            func form(_ organisation: String, _ path: String) async throws -> [String: String] {
                Self.inputs(in: try await request(organisation, path).text)
            }

            // The cooperative: its farm, a raw product and a packed one.
            let coop = try await register(f.orgA, unit: "07093", facility: "Vùng rau thôn Đông Sơn",
                                          products: [("Rau cải ngọt", "3"), ("Rau cải ngọt túi 500 g", "5")])
            let raw = coop.products["Rau cải ngọt"]!, packed = coop.products["Rau cải ngọt túi 500 g"]!

            // A spraying with a 7-day interval; sending the same form twice records it once.
            let diaryForm = try await form(f.orgA, "/san-xuat/nhat-ky")
            let spraying: [(String, String)] = [
                ("entry", try #require(diaryForm["entry"])), ("activity", "spraying"), ("facility", coop.facility), ("product", raw),
                ("time", "2026-11-10T07:00"), ("input", "Radiant 60SC"), ("dose", "20 ml/bình 16 lít"), ("waitingDays", "7"),
            ]
            #expect(try await request(f.orgA, "/san-xuat/nhat-ky", spraying).status == .seeOther)
            #expect(try await request(f.orgA, "/san-xuat/nhat-ky", spraying).status == .seeOther)
            let diary = try await request(f.orgA, "/san-xuat/nhat-ky").text
            #expect(diary.components(separatedBy: "Radiant 60SC").count == 2, "one entry, shown once")
            // A spraying without its interval is refused, naming the field.
            var missing = spraying.filter { $0.0 != "waitingDays" && $0.0 != "entry" }
            missing.append(("entry", UUID().uuidString))
            let refused = try await request(f.orgA, "/san-xuat/nhat-ky", missing)
            #expect(refused.status == .badRequest && refused.text.contains("thời gian cách ly"))

            // Harvest inside the interval: refused with the day it ends; after it, the lot is made.
            func harvest(_ time: String, lot: String) async throws -> TestResponse {
                try await request(f.orgA, "/san-xuat/thu-hoach", [
                    ("entry", UUID().uuidString), ("facility", coop.facility), ("product", raw), ("lotNumber", lot), ("time", time),
                    ("quantity", "500"), ("unit", "KGM"),
                ])
            }
            let early = try await harvest("2026-11-15T07:00", lot: "DS-1115")
            #expect(early.status == .badRequest)
            #expect(early.text.contains("Chưa hết thời gian cách ly") && early.text.contains("17/11/2026 07:00"))
            let harvested = try await harvest("2026-11-18T06:30", lot: "DS-1118")
            #expect(harvested.status == .seeOther)
            #expect(try await harvest("2026-11-18T08:00", lot: "DS-1118").text.contains("đã được dùng"))

            // Packing: 480 kg of the harvest become the packed lot, whose expiry follows the shelf life.
            let packForm = try await request(f.orgA, "/san-xuat/dong-goi").text
            let input = try #require(Self.options(in: packForm, select: "input0").first { $0.contains("DS-1118") })
            let packedLot = try await request(f.orgA, "/san-xuat/dong-goi", [
                ("entry", UUID().uuidString), ("facility", coop.facility), ("input0", input), ("inputQuantity0", "480"), ("product", packed),
                ("lotNumber", "DS-1119-T"), ("time", "2026-11-19T09:00"), ("quantity", "960"), ("unit", "XBG"),
            ])
            #expect(packedLot.status == .seeOther)
            let lotPage = try await request(f.orgA, String(try #require(packedLot.headers[.location])))
            #expect(lotPage.text.contains("24/11/2026") && lotPage.text.contains("/01/"))

            // A sheet of 24 labels: every label's Digital Link opens the lot's page here (the Labels
            // tests scan printed sheets with zbarimg); 30 serialised labels as CSV for a label printer.
            let lotPath = String(try #require(packedLot.headers[.location]).split(separator: "?")[0])
            let sheet = try await request(f.orgA, lotPath + "/tem?kieu=a4x24")
            #expect(sheet.status == .ok && sheet.headers[.contentType]?.hasPrefix("text/html") == true)
            // Its print CSS is inline, so the strict site policy would leave every label black; its own allows that and nothing more.
            #expect(sheet.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'; style-src 'unsafe-inline';") == true)
            let links = sheet.text.components(separatedBy: "data-link=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(links.count == 24 && Set(links).count == 1)
            let labelURL = try #require(URLComponents(string: links[0].replacingOccurrences(of: "&amp;", with: "&")))
            #expect(labelURL.path.hasSuffix("/10/DS-1119-T") && labelURL.query == "17=261124")
            let scanned = try await client.anonymous.execute(uri: labelURL.path + "?" + (labelURL.query ?? ""), method: .get)
            #expect(scanned.status == .ok && scanned.text.contains("Rau cải ngọt túi 500 g"))
            let csv = try await request(f.orgA, lotPath + "/tem?tu=1&so-luong=30&dinh-dang=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = csv.text.split(whereSeparator: \.isNewline)
            #expect(rows.count == 31 && rows[1].contains("/21/000001"))
            #expect(try await request(f.orgA, lotPath + "/tem?tu=1&so-luong=10001").status == .badRequest)

            // The distributor and the shop register their places; the cooperative ships to the distributor.
            let distributor = try await register(f.orgB, unit: "06895", facility: "Kho phân phối Đầm Hà", products: [])
            let shop = try await register(f.orgC, unit: "00004", facility: "Siêu thị Xanh Ba Đình", products: [])
            let shipForm = try await request(f.orgA, "/san-xuat/giao-hang").text
            #expect(shipForm.contains(distributor.gln))
            let lotChoice = try #require(Self.options(in: shipForm, select: "lot").first { $0.contains("DS-1119-T") })
            let shipped = try await request(f.orgA, "/san-xuat/giao-hang", [
                ("entry", UUID().uuidString), ("lot", lotChoice), ("quantity", "400"), ("destination", distributor.gln), ("time", "2026-11-20T05:00"),
            ])
            #expect(shipped.status == .seeOther)

            // The distributor sees it arriving, receives it, and ships on to the shop, which receives it.
            let home = try await request(f.orgB, "/san-xuat").text
            #expect(home.contains("Rau cải ngọt túi 500 g") && home.contains("DS-1119-T"))
            let shipment = try #require(Self.inputs(in: home)["shipment"])
            #expect(try await request(f.orgB, "/san-xuat/nhan-hang", [("shipment", shipment)]).status == .seeOther)
            #expect(try await request(f.orgB, "/san-xuat/nhan-hang", [("shipment", shipment)]).status == .notFound, "received once")
            let onward = try #require(Self.options(in: try await request(f.orgB, "/san-xuat/giao-hang").text, select: "lot").first { $0.contains("DS-1119-T") })
            #expect(try await request(f.orgB, "/san-xuat/giao-hang", [
                ("entry", UUID().uuidString), ("lot", onward), ("quantity", "100"), ("destination", shop.gln), ("time", "2026-11-21T06:00"),
            ]).status == .seeOther)
            let shopHome = try await request(f.orgC, "/san-xuat").text
            #expect(try await request(f.orgC, "/san-xuat/nhan-hang", [("shipment", try #require(Self.inputs(in: shopHome)["shipment"]))]).status == .seeOther)

            // The label's link opens the lot's page: product, producer, farm, journey and who recorded each step.
            let packedGTIN = String(lotChoice.split(separator: "|")[0])
            let page = try await client.anonymous.execute(uri: "/01/\(packedGTIN)/10/DS-1119-T", method: .get).text
            for fact in ["Rau cải ngọt túi 500 g", "HTX Rau an toàn Đông Triều", "Vùng rau thôn Đông Sơn", "Kho phân phối Đầm Hà",
                         "Siêu thị Xanh Ba Đình", "Ghi nhận bởi: HTX Thủy sản Đầm Hà", "Ghi nhận bởi: Công ty Thực phẩm Ba Đình", "24/11/2026"] {
                #expect(page.contains(fact), "\(fact)")
            }
            // And the raw lot's page shows where it went: packed into the bags.
            let rawGTIN = try #require(Self.options(in: shipForm, select: "lot").first { $0.contains("|DS-1118|") }).split(separator: "|")[0]
            let rawPage = try await client.anonymous.execute(uri: "/01/\(rawGTIN)/10/DS-1118", method: .get)
            #expect(rawPage.status == .ok && rawPage.text.contains("Siêu thị Xanh Ba Đình"), "the forward journey reaches the shop")

            // The distributor cannot keep a diary for the cooperative's product or at its farm.
            let foreign = try await request(f.orgB, "/san-xuat/nhat-ky", [
                ("entry", UUID().uuidString), ("activity", "spraying"), ("facility", coop.facility), ("product", raw),
                ("time", "2026-11-20T07:00"), ("input", "X"), ("waitingDays", "0"),
            ])
            #expect(foreign.status == .badRequest && foreign.text.contains("cơ sở của tổ chức"))
        }
    }

    /// 13- or 14-digit codes shown in <code> elements, in page order.
    static func codes(in html: String, length: Int) -> [String] {
        html.components(separatedBy: "<code>").dropFirst().compactMap { part in
            let code = String(part.prefix { $0 != "<" })
            return code.utf8.count == length && code.allSatisfy(\.isNumber) ? code : nil
        }
    }

    /// name → value of the page's hidden and text inputs.
    static func inputs(in html: String) -> [String: String] {
        var result: [String: String] = [:]
        for tag in html.components(separatedBy: "<input").dropFirst() {
            let body = String(tag.prefix { $0 != ">" })
            guard let name = attribute("name", in: body) else { continue }
            if result[name] == nil { result[name] = attribute("value", in: body) ?? "" }
        }
        return result
    }

    /// The option values of a select.
    static func options(in html: String, select name: String) -> [String] {
        guard let start = html.range(of: "name=\"\(name)\"") else { return [] }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "</select>")?.lowerBound ?? rest.endIndex
        return rest[..<end].components(separatedBy: "<option").dropFirst().compactMap { attribute("value", in: String($0.prefix { $0 != ">" })) }
            .filter { !$0.isEmpty }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        let value = tag[range.upperBound...].prefix { $0 != "\"" }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
