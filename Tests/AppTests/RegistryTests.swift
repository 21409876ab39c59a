@testable import App
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import NguonCore
import QRCode
import Sheets
import Testing

/// The registry (issue 9 §1) as a cooperative without a GS1 prefix uses it: codes from the
/// province's pool, a facility and a product under them, and the origin page of a lot made there
/// naming both from the registry.
@Suite("Registry: facilities and products under the organisation's own codes", .serialized)
struct RegistryTests {
    @Test("A cooperative gets codes, registers its farm and product, and the lot's origin page names them")
    func cooperativeRegisters() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
                try await client.anonymous.execute(uri: path, method: .post, headers: f.headers(.business, form: true), body: f.form(.business, fields))
            }
            // The cooperative asks for one GLN and one GTIN from the province's pool.
            #expect(try await post("/quan-tri/to-chuc/\(f.orgA)/ma-gs1", [("kind", "gln"), ("count", "1")]).status == .seeOther)
            #expect(try await post("/quan-tri/to-chuc/\(f.orgA)/ma-gs1", [("kind", "gtin"), ("count", "1")]).status == .seeOther)
            let pool = try CompanyPrefix("8931000001")
            let gln = try #require(pool.key(.gln, reference: 0))
            let gtin = try #require(pool.key(.gtin, reference: 0))

            // Its farm, with the GLN offered on the form, a growing-area code and coordinates with a decimal comma.
            let newFacility = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/co-so", method: .get, headers: f.headers(.business))
            #expect(newFacility.status == .ok && newFacility.text.contains(gln))
            let facility = try await post("/quan-tri/to-chuc/\(f.orgA)/co-so", [
                ("name", "Vùng rau thôn Đông Sơn"), ("gln", gln), ("unit", "07093"), ("address", "Thôn Đông Sơn"),
                ("latitude", "21,0836"), ("longitude", "106,512"), ("activity-crop", "on"), ("state", "active"),
                ("growing_area", "VN-QNDT-0012; 2,5"),
            ])
            #expect(facility.status == .seeOther)
            let facilityPage = try await client.anonymous.execute(uri: try #require(facility.headers[.location]), method: .get, headers: f.headers(.business))
            #expect(facilityPage.text.contains("VN-QNDT-0012 (2,5 ha)") && facilityPage.text.contains("Trồng trọt"))

            // A GTIN it does not hold, and a mistyped one, are refused by name; its own is taken.
            let foreign = try await post("/quan-tri/to-chuc/\(f.orgA)/san-pham", [("gtin", "08935002000012"), ("name", "Rau cải")])
            #expect(foreign.status == .badRequest && foreign.text.contains("08935002000012 không thuộc"))
            let typo = try await post("/quan-tri/to-chuc/\(f.orgA)/san-pham", [("gtin", String(gtin.dropLast()) + "0"), ("name", "Rau cải")])
            #expect(typo.status == .badRequest && typo.text.contains("số kiểm tra"))
            let product = try await post("/quan-tri/to-chuc/\(f.orgA)/san-pham", [
                ("gtin", gtin), ("name", "Rau cải ngọt VietGAP túi 500 g"), ("category", "rau-cu"), ("netContent", "500"), ("netUnit", "g"),
                ("shelfLifeDays", "5"), ("brand", "Rau Đông Triều"),
            ])
            #expect(product.status == .seeOther)

            // Found by words without accents and with one typo, filtered by commune; exported whole.
            for (query, found) in [("rau cai ngot", true), ("RAU CẢI NGỌT", true), ("rau caii ngot", true), ("rau cai ngotj", true),
                                   ("nuoc mam", false), (gtin, true)] {
                let list = try await client.anonymous.execute(uri: "/quan-tri/san-pham?q=" + SiteURL.encode(query), method: .get, headers: f.headers(.commune))
                #expect(list.status == .ok && list.text.contains("Rau cải ngọt VietGAP túi 500 g") == found, "\(query)")
            }
            let elsewhere = try await client.anonymous.execute(uri: "/quan-tri/san-pham?q=rau&don-vi=06895", method: .get, headers: f.headers(.department))
            #expect(!elsewhere.text.contains("Rau cải ngọt VietGAP"))
            let facilities = try await client.anonymous.execute(uri: "/quan-tri/co-so?q=dong+son&don-vi=07093", method: .get, headers: f.headers(.department))
            #expect(facilities.text.contains("Vùng rau thôn Đông Sơn"))
            let xlsx = try await client.anonymous.execute(uri: "/quan-tri/san-pham/xuat?dinh-dang=xlsx&q=rau", method: .get, headers: f.headers(.business))
            let workbook = try XLSXReader.read(Data(xlsx.body.readableBytesView))
            let rows = try #require(workbook.sheets.first).rows
            #expect(rows.first?.first == .text("Tên sản phẩm") && rows.count == 2 && rows[1][1] == .text(gtin))
            let csv = try await client.anonymous.execute(uri: "/quan-tri/co-so/xuat?dinh-dang=csv", method: .get, headers: f.headers(.business))
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true && csv.text.contains("Vùng rau thôn Đông Sơn"))

            // The organisation's page lists both.
            let organisation = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)", method: .get, headers: f.headers(.business))
            #expect(organisation.text.contains("Vùng rau thôn Đông Sơn") && organisation.text.contains("Rau cải ngọt VietGAP túi 500 g"))

            // A lot commissioned at the farm: its public page names product and farm from the registry.
            let lot = "https://id.gs1.org/01/\(gtin)/10/DS-2611"
            let document = """
            {"@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",
             "creationDate":"2026-11-28T00:00:00Z","epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-11-26T06:00:00.000+07:00",
             "eventTimeZoneOffset":"+07:00","action":"ADD","bizStep":"commissioning","readPoint":{"id":"https://id.gs1.org/414/\(gln)"},
             "bizLocation":{"id":"https://id.gs1.org/414/\(gln)"},"quantityList":[{"epcClass":"\(lot)","quantity":100,"uom":"KGM"}]}]}}
            """
            let captured = try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                              headers: [.contentType: "application/ld+json", .authorization: "Bearer " + f.captureToken],
                                                              body: ByteBuffer(string: document))
            #expect(captured.status == .accepted)
            // The registry is the product's master data: its own organisation cannot overwrite it by capture, nor claim a producer.
            let rename = """
            {"@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",
             "creationDate":"2026-11-28T00:00:00Z","epcisHeader":{"epcisMasterData":{"vocabularyList":[{"type":"urn:epcglobal:epcis:vtype:EPCClass",
             "vocabularyElementList":[{"id":"https://id.gs1.org/01/\(gtin)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"HANG GIA"}]}]}]}},
             "epcisBody":{"eventList":[]}}
            """
            let renamed = try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                             headers: [.contentType: "application/ld+json", .authorization: "Bearer " + f.captureToken],
                                                             body: ByteBuffer(string: rename))
            #expect(renamed.status == .forbidden && renamed.text.contains("registered-in-registry"))
            let page = try await client.anonymous.execute(uri: "/01/\(gtin)/10/DS-2611", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("Rau cải ngọt VietGAP túi 500 g") && page.text.contains("Vùng rau thôn Đông Sơn"))
            // Circular 02/2024 art. 6(5): producer, brand, growing area, shelf life; and who recorded the step.
            for fact in ["HTX Rau an toàn Đông Triều", "Rau Đông Triều", "500 g", "Mã số vùng trồng VN-QNDT-0012", "5 ngày kể từ ngày sản xuất",
                         "Ghi nhận bởi: HTX Rau an toàn Đông Triều"] {
                #expect(page.text.contains(fact), "\(fact)")
            }

            // A photo from the phone: stored re-encoded as JPEG, served with a year's cache, shown on the public page.
            let productPath = String(try #require(product.headers[.location]).split(separator: "?")[0])
            let picture = try QRCode.encode("https://id.gs1.org/01/\(gtin)").png(scale: 12)
            let uploaded = try await Self.upload(client, f, productPath + "/anh", file: picture, name: "rau.png")
            #expect(uploaded.status == .seeOther)
            let productPage = try await client.anonymous.execute(uri: productPath, method: .get, headers: f.headers(.business)).text
            let imagePath = try #require(productPage.components(separatedBy: "src=\"/anh/").dropFirst().first?.prefix { $0 != "\"" })
            let image = try await client.anonymous.execute(uri: "/anh/" + imagePath, method: .get)
            #expect(image.status == .ok && image.headers[.contentType] == "image/jpeg")
            #expect(image.body.readableBytesView.prefix(3).elementsEqual([0xFF, 0xD8, 0xFF]))
            #expect(image.headers[.cacheControl]?.contains("immutable") == true)
            #expect(try await client.anonymous.execute(uri: "/01/\(gtin)/10/DS-2611", method: .get).text.contains("/anh/" + imagePath))
            // Not a photo: refused by name, the old photo kept.
            let text = try await Self.upload(client, f, productPath + "/anh", file: Array("xin chào".utf8), name: "ghi-chu.txt")
            #expect(text.status == .badRequest && text.text.contains("field-error"))
            #expect(try await client.anonymous.execute(uri: "/anh/" + imagePath, method: .get).status == .ok)

            // Renaming the product in the registry changes the page at once (its cached copy is dropped).
            #expect(try await post(productPath, [("gtin", gtin), ("name", "Rau cải ngọt hữu cơ")]).status == .seeOther)
            #expect(try await client.anonymous.execute(uri: "/01/\(gtin)/10/DS-2611", method: .get).text.contains("Rau cải ngọt hữu cơ"))
        }
    }

    /// Posts `file` as the product photo form does.
    static func upload(_ client: AuthorizedClient, _ f: AccountFixtures, _ path: String, file: [UInt8], name: String) async throws -> TestResponse {
        let (headers, body) = f.multipart(.business, file: "image", name, file)
        return try await client.anonymous.execute(uri: path, method: .post, headers: headers, body: body)
    }

    @Test("Facility forms refuse a mistyped GLN, a point outside Vietnam and a bad area, naming the field")
    func facilityInput() throws {
        func input(_ pairs: [String: String]) throws(AppError) -> FacilityRepository.Input {
            var query = try Query(nil)
            for (key, value) in ["name": "Ao nuôi", "unit": "06895"].merging(pairs, uniquingKeysWith: { $1 }) { query.set(key, value) }
            return try FacilitiesController.input(query)
        }
        func field(_ pairs: [String: String]) -> String? {
            do { _ = try input(pairs); return nil } catch { return error.fieldErrors.first?.field }
        }
        #expect(field(["gln": "8931000001001"]) == "gln")
        #expect(field(["latitude": "106,5", "longitude": "21,08"]) == "latitude")
        #expect(field(["latitude": "21,08"]) == "longitude")
        #expect(field(["aquaculture": "QN-NT-001; một ha"]) == "aquaculture")
        let ok = try input(["aquaculture": "QN-NT-001; 1,5\nQN-NT-002", "activity-aquaculture": "on"])
        #expect(ok.registrations == [.init(kind: .aquaculture, code: "QN-NT-001", areaHa: 1.5), .init(kind: .aquaculture, code: "QN-NT-002", areaHa: nil)])
        #expect(ok.activities == [.aquaculture])
    }
}
