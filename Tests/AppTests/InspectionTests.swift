@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// Inspections, violations and poisoning outbreaks (issue 10 §2) as officers and inspectors record them.
@Suite("Food safety: inspections and violations", .serialized)
struct InspectionTests {
    typealias T = CertificateTests

    static func inspection(_ day: CivilDate, result: String, due: CivilDate? = nil, grade: String? = nil,
                           extra: [(String, String)] = []) -> [(String, String)] {
        [("kind", "periodic"), ("inspectedOn", day.description), ("team", "Đoàn Chi cục QLCL"), ("result", result),
         ("item-0", "Nguồn nước"), ("ok-0", result == "pass" ? "yes" : "no"), ("finding-0", "Chưa xét nghiệm nước")]
            + (due.map { [("remediationDue", $0.description)] } ?? []) + (grade.map { [("grade", $0)] } ?? []) + extra
    }

    @Test("A failure gets at most 30 days to remedy; past its deadline it is overdue until a re-check is recorded")
    func remediation() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await T.farm(client, f)
            let path = "/quan-tri/co-so/\(farm.facilityID)/kiem-tra"
            let day = CivilDate.today.adding(days: -40)
            let late = try await T.post(client, f, .inspector, path, Self.inspection(day, result: "fail", due: day.adding(days: 31)))
            #expect(late.status == .badRequest && late.text.contains("Thời hạn khắc phục tối đa 30 ngày"))
            #expect(late.text.contains(day.adding(days: 30).vietnamese))
            let failed = try await T.post(client, f, .inspector, path, Self.inspection(day, result: "fail", due: day.adding(days: 30)))
            #expect(failed.status == .seeOther)
            let failedPath = String(try #require(failed.headers[.location]).prefix { $0 != "?" })
            let failedID = String(failedPath.dropFirst("/quan-tri/kiem-tra/".count))
            let record = try await T.get(client, f, .business, failedPath)
            #expect(record.text.contains("Chưa xét nghiệm nước") && record.text.contains("đã quá hạn"))
            #expect(try await T.get(client, f, .commune, "/quan-tri/kiem-tra?qua-han=1").text.contains(failedID))

            // The re-check form starts from the points that failed, and closes the failure.
            let form = try await T.get(client, f, .inspector, path + "?tai-kiem-tra=" + failedID)
            #expect(form.text.contains("Tái kiểm tra lần kiểm tra ngày \(day.vietnamese)") && form.text.contains("Nguồn nước"))
            let recheck = try await T.post(client, f, .inspector, path,
                                           Self.inspection(.today, result: "pass", extra: [("rechecks", failedID), ("kind", "recheck")]))
            #expect(recheck.status == .seeOther)
            #expect(!(try await T.get(client, f, .commune, "/quan-tri/kiem-tra?qua-han=1").text.contains(failedID)))
            // The failure that was re-checked stays a failure; a re-check form names only this facility's inspections.
            let flip = try await T.post(client, f, .inspector, failedPath, Self.inspection(day, result: "pass"))
            #expect(flip.status == .badRequest && flip.text.contains("đã có tái kiểm tra"))
            // A re-check of something that did not fail is refused by name.
            let wrong = try await T.post(client, f, .inspector, path, Self.inspection(.today, result: "pass",
                                                                                          extra: [("rechecks", String(try #require(recheck.headers[.location]).dropFirst("/quan-tri/kiem-tra/".count).prefix { $0 != "?" }))]))
            #expect(wrong.status == .badRequest && wrong.text.contains("Chỉ tái kiểm tra"))
        }
    }

    @Test("A/B/C grades are kept on records dated before Circular 17/2024 and refused after it")
    func grades() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await T.farm(client, f)
            let path = "/quan-tri/co-so/\(farm.facilityID)/kiem-tra"
            let old = try await T.post(client, f, .department, path, Self.inspection(CivilDate("2024-06-01")!, result: "pass", grade: "B"))
            #expect(old.status == .seeOther)
            #expect(try await T.get(client, f, .department, String(try #require(old.headers[.location]))).text.contains("loại B"))
            let new = try await T.post(client, f, .department, path, Self.inspection(CivilDate("2025-01-15")!, result: "pass", grade: "B"))
            #expect(new.status == .badRequest && new.text.contains("Xếp loại A/B/C chỉ ghi cho biên bản trước 15/01/2025"))
        }
    }

    @Test("Two fines on food-safety conditions within 12 months, or one fatal outbreak, raise the revocation grounds")
    func revocationGrounds() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await T.farm(client, f)
            #expect(try await T.post(client, f, .department, "/quan-tri/co-so/\(farm.facilityID)/chung-nhan", [
                ("kind", "food_safety"), ("number", "07/2025/ATTP"), ("issuer", "Chi cục QLCL"), ("issuedOn", CivilDate.today.adding(months: -6).description),
            ]).status == .seeOther)
            let violation = "/quan-tri/co-so/\(farm.facilityID)/vi-pham"
            func fine(_ day: CivilDate, conditions: Bool) async throws -> TestResponse {
                try await T.post(client, f, .inspector, violation, [
                    ("foundOn", day.description), ("legalBasis", "Nghị định 115/2018/NĐ-CP điều 6"), ("description", "Không bảo đảm điều kiện vệ sinh"),
                    ("fineVND", "7.000.000"), ("status", "open"),
                ] + (conditions ? [("onConditions", "on")] : []))
            }
            #expect(try await fine(.today.adding(days: -100), conditions: true).status == .seeOther)
            #expect(try await fine(.today.adding(days: -10), conditions: false).status == .seeOther)
            #expect(!(try await T.get(client, f, .commune, "/quan-tri/co-so/\(farm.facilityID)").text.contains("Đủ căn cứ")))
            #expect(try await fine(.today.adding(days: -5), conditions: true).status == .seeOther)
            let page = try await T.get(client, f, .commune, "/quan-tri/co-so/\(farm.facilityID)").text
            #expect(page.contains("Đủ căn cứ xem xét thu hồi giấy chứng nhận ATTP") && page.contains("2 lần xử phạt"))
            // The facility with fines comes first among those to inspect, with why.
            let proposal = try await T.get(client, f, .department, "/quan-tri/kiem-tra/de-xuat").text
            #expect(proposal.contains("3 vi phạm") && proposal.contains("Vùng rau thôn Đông Sơn"))
            let list = try await T.get(client, f, .department, "/quan-tri/vi-pham").text
            #expect(list.contains("07/2025/ATTP") && list.contains("7.000.000"))
            let badFine = try await T.post(client, f, .inspector, violation, [
                ("foundOn", CivilDate.today.description), ("legalBasis", "NĐ 115/2018"), ("description", "x"), ("fineVND", "bảy triệu"),
            ])
            #expect(badFine.status == .badRequest && badFine.text.contains("Tiền phạt là số đồng"))
            for typed in ["5.000.000,5", "1..2", "50.00"] {
                let wrong = try await T.post(client, f, .inspector, violation, [
                    ("foundOn", CivilDate.today.description), ("legalBasis", "NĐ 115/2018"), ("description", "x"), ("fineVND", typed),
                ])
                #expect(wrong.status == .badRequest, "\(typed)")
            }

            // Organisation B's pond: one outbreak with a death is enough there.
            let pond = try await T.post(client, f, .department, "/quan-tri/to-chuc/\(f.orgB)/co-so", [
                ("name", "Ao nuôi tôm Đầm Hà"), ("unit", "06895"), ("activity-aquaculture", "on"), ("state", "active"),
            ])
            let pondID = String(try #require(pond.headers[.location]).dropFirst("/quan-tri/co-so/".count).prefix { $0 != "?" })
            let tooMany = try await T.post(client, f, .inspector, "/quan-tri/co-so/\(pondID)/ngo-doc", [
                ("occurredOn", CivilDate.today.description), ("cases", "3"), ("deaths", "4"), ("description", "Ăn gỏi tôm"),
            ])
            #expect(tooMany.status == .badRequest)
            #expect(try await T.post(client, f, .inspector, "/quan-tri/co-so/\(pondID)/ngo-doc", [
                ("occurredOn", CivilDate.today.description), ("cases", "12"), ("hospitalised", "5"), ("deaths", "1"), ("description", "Ăn gỏi tôm"),
            ]).status == .seeOther)
            #expect(try await T.get(client, f, .department, "/quan-tri/vi-pham").text.contains("Vụ ngộ độc có người chết"))
            // The commune officer of Đông Triều does not see Đầm Hà's outbreak.
            #expect(!(try await T.get(client, f, .commune, "/quan-tri/vi-pham").text.contains("Ao nuôi tôm Đầm Hà")))
        }
    }

    @Test("A business reads its own inspections and writes none; photos are checked by their bytes")
    func businessAndPhotos() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await T.farm(client, f)
            let path = "/quan-tri/co-so/\(farm.facilityID)/kiem-tra"
            #expect(try await T.post(client, f, .business, path, Self.inspection(.today, result: "pass")).status == .forbidden)
            #expect(try await T.post(client, f, .auditor, path, Self.inspection(.today, result: "pass")).status == .forbidden)
            let saved = try await T.post(client, f, .inspector, path, Self.inspection(.today, result: "pass"))
            let inspectionPath = String(try #require(saved.headers[.location]).prefix { $0 != "?" })
            #expect(try await T.get(client, f, .business, inspectionPath).status == .ok)
            #expect(try await T.post(client, f, .business, inspectionPath, Self.inspection(.today, result: "fail")).status == .forbidden)
            func upload(_ bytes: [UInt8], _ name: String) async throws -> TestResponse {
                let (headers, body) = f.multipart(.inspector, file: "document", name, bytes)
                return try await client.anonymous.execute(uri: inspectionPath + "/tai-lieu", method: .post, headers: headers, body: body)
            }
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32)
            #expect(try await upload(png, "anh-kho.png").status == .seeOther)
            #expect(try await upload(Array("<html>".utf8), "anh.png").status == .badRequest)
            let page = try await T.get(client, f, .business, inspectionPath).text
            let link = try #require(page.components(separatedBy: "href=\"\(inspectionPath)/tai-lieu/").dropFirst().first?.prefix { $0 != "\"" })
            let photo = try await T.get(client, f, .business, inspectionPath + "/tai-lieu/" + link)
            #expect(photo.status == .ok && photo.headers[.contentType] == "image/png" && Array(photo.body.readableBytesView) == png)
            #expect(try await T.get(client, f, .business, "/quan-tri/kiem-tra/khong-co/tai-lieu/" + link).status == .notFound)
        }
    }
}
