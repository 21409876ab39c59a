@testable import App
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// Certificates and commitments (issue 10 §1) as officers and a cooperative use them.
@Suite("Food safety: certificates and commitments", .serialized)
struct CertificateTests {
    /// Organisation A's farm (with a GLN from the province's pool) and a lot commissioned there.
    struct Farm {
        let facilityID: String
        let lotPath: String
    }

    static func farm(_ client: AuthorizedClient, _ f: AccountFixtures) async throws -> Farm {
        func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
            try await client.anonymous.execute(uri: path, method: .post, headers: f.headers(.business, form: true), body: f.form(.business, fields))
        }
        #expect(try await post("/quan-tri/to-chuc/\(f.orgA)/ma-gs1", [("kind", "gln"), ("count", "1")]).status == .seeOther)
        #expect(try await post("/quan-tri/to-chuc/\(f.orgA)/ma-gs1", [("kind", "gtin"), ("count", "1")]).status == .seeOther)
        let pool = try CompanyPrefix("8931000001")
        let gln = try #require(pool.key(.gln, reference: 0))
        let gtin = try #require(pool.key(.gtin, reference: 0))
        let facility = try await post("/quan-tri/to-chuc/\(f.orgA)/co-so", [
            ("name", "Vùng rau thôn Đông Sơn"), ("gln", gln), ("unit", "07093"), ("activity-crop", "on"), ("state", "active"),
        ])
        let location = try #require(facility.headers[.location])
        let facilityID = String(location.dropFirst("/quan-tri/co-so/".count).prefix { $0 != "?" })
        #expect(try await post("/quan-tri/to-chuc/\(f.orgA)/san-pham", [("gtin", gtin), ("name", "Rau cải ngọt")]).status == .seeOther)
        let document = """
        {"@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0",
         "creationDate":"2026-11-28T00:00:00Z","epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-11-26T06:00:00.000+07:00",
         "eventTimeZoneOffset":"+07:00","action":"ADD","bizStep":"commissioning","readPoint":{"id":"https://id.gs1.org/414/\(gln)"},
         "bizLocation":{"id":"https://id.gs1.org/414/\(gln)"},"quantityList":[{"epcClass":"https://id.gs1.org/01/\(gtin)/10/DS-2611","quantity":100,"uom":"KGM"}]}]}}
        """
        let captured = try await client.anonymous.execute(uri: "/epcis/capture", method: .post,
                                                          headers: [.contentType: "application/ld+json", .authorization: "Bearer " + f.captureToken],
                                                          body: ByteBuffer(string: document))
        #expect(captured.status == .accepted)
        return Farm(facilityID: facilityID, lotPath: "/01/\(gtin)/10/DS-2611")
    }

    static func post(_ client: AuthorizedClient, _ f: AccountFixtures, _ who: AccountFixtures.Who, _ path: String,
                     _ fields: [(String, String)]) async throws -> TestResponse {
        try await client.anonymous.execute(uri: path, method: .post, headers: f.headers(who, form: true), body: f.form(who, fields))
    }

    static func get(_ client: AuthorizedClient, _ f: AccountFixtures, _ who: AccountFixtures.Who, _ path: String) async throws -> TestResponse {
        try await client.anonymous.execute(uri: path, method: .get, headers: f.headers(who))
    }

    @Test("A VietGAP certificate shows on the origin page of the farm's lots until it is revoked")
    func originPage() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await Self.farm(client, f)
            #expect(!(try await client.anonymous.execute(uri: farm.lotPath, method: .get).text.contains("VietGAP")))
            let recorded = try await Self.post(client, f, .commune, "/quan-tri/co-so/\(farm.facilityID)/chung-nhan", [
                ("kind", "vietgap"), ("number", "VG-0123/2026"), ("issuer", "Trung tâm Chứng nhận Phù hợp"),
                ("issuedOn", "2026-06-01"), ("expiresOn", "2029-05-31"),
            ])
            #expect(recorded.status == .seeOther)
            let path = String(try #require(recorded.headers[.location]).prefix { $0 != "?" })
            let page = try await client.anonymous.execute(uri: farm.lotPath, method: .get).text
            #expect(page.contains("VietGAP số VG-0123/2026 (Trung tâm Chứng nhận Phù hợp, đến 31/05/2029)"))
            // The facility's page lists it; the list finds it as valid.
            #expect(try await Self.get(client, f, .business, "/quan-tri/co-so/\(farm.facilityID)").text.contains("VietGAP VG-0123/2026"))
            let valid = try await Self.get(client, f, .department, "/quan-tri/chung-nhan?tinh-trang=valid&loai=vietgap")
            #expect(valid.status == .ok && valid.text.contains("VG-0123/2026"))
            #expect(!(try await Self.get(client, f, .department, "/quan-tri/chung-nhan?tinh-trang=expired").text.contains("VG-0123/2026")))

            // Revoking needs a reason; once revoked, the page stops showing it at once.
            let noReason = try await Self.post(client, f, .commune, path + "/trang-thai", [("state", "revoked"), ("stateOn", "2026-11-20")])
            #expect(noReason.status == .badRequest && noReason.text.contains("Ghi lý do"))
            #expect(try await Self.post(client, f, .commune, path + "/trang-thai", [
                ("state", "revoked"), ("stateOn", "2026-11-20"), ("stateReason", "QĐ 12/QĐ-CCQLCL: vi phạm quy trình"),
            ]).status == .seeOther)
            #expect(!(try await client.anonymous.execute(uri: farm.lotPath, method: .get).text.contains("VG-0123/2026")))
            #expect(try await Self.get(client, f, .department, "/quan-tri/chung-nhan?tinh-trang=revoked").text.contains("VG-0123/2026"))
            // Every change is in the audit log.
            let log = try await Self.get(client, f, .admin, "/quan-tri/nhat-ky")
            #expect(log.text.contains("certificate.create") && log.text.contains("certificate.revoked"))
        }
    }

    @Test("A food-safety certificate runs three years by law: a later expiry is refused by name, an empty one is computed, and renewal is reminded")
    func lawfulExpiryAndReminders() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await Self.farm(client, f)
            let path = "/quan-tri/co-so/\(farm.facilityID)/chung-nhan"
            let tooLong = try await Self.post(client, f, .department, path, [
                ("kind", "food_safety"), ("number", "01/2026/NNMT-ATTP"), ("issuer", "Chi cục QLCL Quảng Ninh"),
                ("issuedOn", "15/01/2026"), ("expiresOn", "2029-01-16"),
            ])
            #expect(tooLong.status == .badRequest && tooLong.text.contains("15/01/2029"))
            #expect(try await Self.get(client, f, .department, "/quan-tri/chung-nhan").text.contains("01/2026/NNMT-ATTP") == false)
            let badDate = try await Self.post(client, f, .department, path, [
                ("kind", "food_safety"), ("number", "01/2026/NNMT-ATTP"), ("issuer", "Chi cục QLCL Quảng Ninh"), ("issuedOn", "31/04/2026"),
            ])
            #expect(badDate.status == .badRequest && badDate.text.contains("Ngày không hợp lệ"))

            // Issued so that it expires in 30 days: inside the six-month renewal window.
            let today = CivilDate.today
            let issued = today.adding(days: 30).adding(months: -36)
            let saved = try await Self.post(client, f, .department, path, [
                ("kind", "food_safety"), ("number", "02/2023/NNMT-ATTP"), ("issuer", "Chi cục QLCL Quảng Ninh"), ("issuedOn", issued.description),
            ])
            #expect(saved.status == .seeOther)
            let certificate = try await Self.get(client, f, .department, String(try #require(saved.headers[.location])))
            let expiry = FoodSafetyRules.inForce(on: issued).certificateExpiry(issued: issued)
            #expect(certificate.text.contains(expiry.vietnamese) && certificate.text.contains("Sắp hết hạn"))
            // The officer's and the business's home pages, the digest and its CSV all remind of it.
            for who in [AccountFixtures.Who.department, .commune, .business] {
                let home = try await Self.get(client, f, who, "/quan-tri")
                #expect(home.text.contains("Cần gia hạn") && home.text.contains("02/2023/NNMT-ATTP"), "\(who)")
            }
            #expect(!(try await Self.get(client, f, .admin, "/quan-tri/chung-nhan/nhac-han").text.contains("Không có giấy tờ nào")))
            let csv = try await Self.get(client, f, .department, "/quan-tri/chung-nhan/nhac-han/xuat")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("02/2023/NNMT-ATTP") && csv.text.contains("Nộp hồ sơ cấp lại"))
            // The auditor reads the whole system's digest.
            #expect(try await Self.get(client, f, .auditor, "/quan-tri/chung-nhan/nhac-han").text.contains("02/2023/NNMT-ATTP"))
        }
    }

    @Test("Scope: a business reads its own papers and writes none; another organisation's papers are not found")
    func scope() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await Self.farm(client, f)
            let fields = [("kind", "haccp"), ("number", "HACCP-77"), ("issuer", "Bureau Veritas"), ("issuedOn", "2026-02-01"), ("expiresOn", "2029-02-01")]
            // A business cannot certify itself; an inspector reads but does not write.
            #expect(try await Self.post(client, f, .business, "/quan-tri/co-so/\(farm.facilityID)/chung-nhan", fields).status == .forbidden)
            #expect(try await Self.post(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/chung-nhan", fields).status == .forbidden)
            let saved = try await Self.post(client, f, .commune, "/quan-tri/co-so/\(farm.facilityID)/chung-nhan", fields)
            let path = String(try #require(saved.headers[.location]).prefix { $0 != "?" })
            #expect(try await Self.get(client, f, .business, path).status == .ok)
            #expect(try await Self.get(client, f, .inspector, path).status == .ok)
            #expect(try await Self.post(client, f, .business, path, fields).status == .forbidden)
            #expect(try await Self.get(client, f, .business, "/quan-tri/chung-nhan").text.contains("HACCP-77"))
            #expect(try await Self.get(client, f, .anonymous, path).status == .seeOther)
            #expect(try await Self.get(client, f, .business, "/quan-tri/chung-nhan/khong-co").status == .notFound)

            // Organisation B's pond in Đầm Hà, certified by the province: neither A's business nor Đông Triều's officer finds it.
            let pond = try await Self.post(client, f, .department, "/quan-tri/to-chuc/\(f.orgB)/co-so", [
                ("name", "Ao nuôi tôm Đầm Hà"), ("unit", "06895"), ("activity-aquaculture", "on"), ("state", "active"),
            ])
            let pondID = String(try #require(pond.headers[.location]).dropFirst("/quan-tri/co-so/".count).prefix { $0 != "?" })
            let other = try await Self.post(client, f, .department, "/quan-tri/co-so/\(pondID)/chung-nhan", [
                ("kind", "vietgap"), ("number", "VG-DH-9"), ("issuer", "Trung tâm X"), ("issuedOn", "2026-02-01"), ("expiresOn", "2029-02-01"),
            ])
            let otherPath = String(try #require(other.headers[.location]).prefix { $0 != "?" })
            for who in [AccountFixtures.Who.business, .commune] {
                #expect(try await Self.get(client, f, who, otherPath).status == .notFound, "\(who)")
                #expect(try await Self.get(client, f, who, otherPath + "/ban-quet").status == .notFound, "\(who)")
                // (a business writes no certificate anywhere: its route group refuses it before any lookup)
                #expect(try await Self.post(client, f, who, otherPath, fields).status == (who == .business ? .forbidden : .notFound), "\(who)")
                #expect(!(try await Self.get(client, f, who, "/quan-tri/chung-nhan").text.contains("VG-DH-9")), "\(who)")
            }
            #expect(try await Self.get(client, f, .department, "/quan-tri/chung-nhan").text.contains("VG-DH-9"))
        }
    }

    @Test("A scanned certificate is checked by its bytes, kept, and served only to those who may read the certificate")
    func scannedDocument() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await Self.farm(client, f)
            let saved = try await Self.post(client, f, .commune, "/quan-tri/co-so/\(farm.facilityID)/chung-nhan", [
                ("kind", "organic"), ("number", "HC-5"), ("issuer", "Control Union"), ("issuedOn", "2026-03-01"),
            ])
            let path = String(try #require(saved.headers[.location]).prefix { $0 != "?" })
            func upload(_ bytes: [UInt8], _ name: String) async throws -> TestResponse {
                let (headers, body) = f.multipart(.commune, file: "document", name, bytes)
                return try await client.anonymous.execute(uri: path + "/ban-quet", method: .post, headers: headers, body: body)
            }
            let text = try await upload(Array("không phải bản quét".utf8), "ghi-chu.txt")
            #expect(text.status == .badRequest && text.text.contains("Chỉ nhận tệp PDF, JPEG hoặc PNG"))
            // Larger than the quarter-megabyte pieces the download is read in, and not a multiple of them.
            let pdf = Array("%PDF-1.4\n".utf8) + (0..<600_001).map { UInt8(truncatingIfNeeded: $0 &* 31) } + Array("\n%%EOF".utf8)
            #expect(try await upload(pdf, "giay-chung-nhan \"HC-5\".pdf").status == .seeOther)
            let scan = try await Self.get(client, f, .business, path + "/ban-quet")
            #expect(scan.status == .ok && scan.headers[.contentType] == "application/pdf")
            #expect(Array(scan.body.readableBytesView) == pdf)
            #expect(scan.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(scan.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            #expect(try await Self.get(client, f, .anonymous, path + "/ban-quet").status == .seeOther)
        }
    }

    @Test("Blank names, days not yet come and reinstating a revoked certificate are refused; a facility's papers move with it")
    func probeFindings() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await Self.farm(client, f)
            let path = "/quan-tri/co-so/\(farm.facilityID)/chung-nhan"
            let blank = try await Self.post(client, f, .commune, path, [("kind", "haccp"), ("number", " \u{200B}\u{00A0}"), ("issuer", "BV"), ("issuedOn", "2026-01-01")])
            #expect(blank.status == .badRequest && blank.text.contains("Thiếu “number”"))
            let future = try await Self.post(client, f, .commune, path, [("kind", "haccp"), ("number", "H-9"), ("issuer", "BV"),
                                                                         ("issuedOn", CivilDate.today.adding(days: 1).description)])
            #expect(future.status == .badRequest && future.text.contains("chưa tới"))
            let saved = try await Self.post(client, f, .commune, path, [("kind", "haccp"), ("number", "H-9"), ("issuer", "BV"), ("issuedOn", "2026-01-01")])
            let certificate = String(try #require(saved.headers[.location]).prefix { $0 != "?" })
            #expect(try await Self.post(client, f, .commune, certificate + "/trang-thai", [("state", "revoked"), ("stateOn", "2026-02-01"),
                                                                                         ("stateReason", "QĐ 5")]).status == .seeOther)
            let back = try await Self.post(client, f, .commune, certificate + "/trang-thai", [("state", "issued"), ("stateOn", "2026-03-01")])
            #expect(back.status == .badRequest && back.text.contains("phải làm hồ sơ cấp mới"))
            let later = try await Self.post(client, f, .commune, certificate, [("kind", "haccp"), ("number", "H-9"), ("issuer", "BV"), ("issuedOn", "2026-03-01")])
            #expect(later.status == .badRequest && later.text.contains("Ngày cấp không thể sau ngày quyết định"))
            // The farm moves to Đầm Hà: Đông Triều's officer no longer reaches its papers; the province's does.
            #expect(try await Self.post(client, f, .department, "/quan-tri/co-so/\(farm.facilityID)", [
                ("name", "Vùng rau thôn Đông Sơn"), ("unit", "06895"), ("activity-crop", "on"), ("state", "active"),
            ]).status == .seeOther)
            #expect(try await Self.get(client, f, .commune, certificate).status == .notFound)
            #expect(try await Self.get(client, f, .department, certificate).status == .ok)
        }
    }

    @Test("A commitment is recorded with its check after signing; a check without a result is refused by name")
    func commitment() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await Self.farm(client, f)
            let path = "/quan-tri/co-so/\(farm.facilityID)/cam-ket"
            let half = try await Self.post(client, f, .commune, path, [
                ("category", "small_primary"), ("receivedBy", "UBND phường Đông Triều"), ("signedOn", "2026-03-01"), ("checkedOn", "2026-09-01"),
            ])
            #expect(half.status == .badRequest && half.text.contains("Nhập cả ngày kiểm tra và kết quả"))
            let saved = try await Self.post(client, f, .commune, path, [
                ("category", "small_primary"), ("receivedBy", "UBND phường Đông Triều"), ("signedOn", "2026-03-01"),
                ("checkedOn", "2026-09-01"), ("checkResult", "pass"), ("checkNote", "Ghi chép nhật ký đầy đủ"),
            ])
            #expect(saved.status == .seeOther)
            let page = try await Self.get(client, f, .business, String(try #require(saved.headers[.location])))
            #expect(page.text.contains("Sản xuất ban đầu nhỏ lẻ") && page.text.contains("01/09/2026: Đạt"))
            #expect(try await Self.get(client, f, .commune, "/quan-tri/co-so/\(farm.facilityID)").text.contains("Bản cam kết ký 01/03/2026"))
        }
    }
}
