@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// Monitoring programmes and samples (issue 10 §2).
@Suite("Food safety: monitoring samples", .serialized)
struct SampleTests {
    typealias T = CertificateTests

    static func programme(_ client: AuthorizedClient, _ f: AccountFixtures, unit: String = "22", who: AccountFixtures.Who = .department) async throws -> TestResponse {
        try await T.post(client, f, who, "/quan-tri/giam-sat", [
            ("name", "Giám sát ATTP nông lâm thủy sản \(CivilDate.today.year)"), ("year", String(CivilDate.today.year)), ("planned", "500"), ("unit", unit),
        ])
    }

    static func programmeID(_ response: TestResponse) throws -> String {
        String(try #require(response.headers[.location]).dropFirst("/quan-tri/giam-sat/".count))
    }

    @Test("A sample over one limit fails, leads to its lot, and counts in the year's violation rate; one awaiting results does not")
    func failingSample() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await T.farm(client, f)
            let programme = try Self.programmeID(try await Self.programme(client, f))
            let products = try await T.get(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/mau").text
            let productID = try #require(products.components(separatedBy: "<option value=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
                .first { $0.count == 36 && $0 != programme })
            let sample = try await T.post(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/mau", [
                ("programme", programme), ("code", "QN-26-001"), ("sampledOn", CivilDate.today.description), ("product", String(productID)),
                ("lotNumber", "DS-2611"), ("place", "Chợ Đông Triều"), ("laboratory", "Trung tâm Kiểm nghiệm QN"),
                ("analyte-0", "Chlorpyrifos"), ("result-0", "0,05"), ("limit-0", "0,01"), ("unit-0", "mg/kg"),
                ("analyte-1", "Cypermethrin"), ("result-1", "KPH"), ("limit-1", "0,7"), ("unit-1", "mg/kg"),
            ])
            #expect(sample.status == .seeOther)
            let page = try await T.get(client, f, .business, String(try #require(sample.headers[.location])))
            #expect(page.status == .ok && page.text.contains("Vượt giới hạn") && page.text.contains("Không đạt"))
            #expect(page.text.contains(farm.lotPath))
            let pending = try await T.post(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/mau", [
                ("programme", programme), ("code", "QN-26-002"), ("sampledOn", CivilDate.today.description), ("productName", "Rau muống chợ"),
                ("laboratory", "Trung tâm Kiểm nghiệm QN"), ("analyte-0", "Coliforms"), ("limit-0", "100"), ("unit-0", "CFU/g"),
            ])
            #expect(pending.status == .seeOther)
            #expect(try await T.get(client, f, .inspector, String(try #require(pending.headers[.location]))).text.contains("Chờ kết quả"))
            let list = try await T.get(client, f, .department, "/quan-tri/giam-sat").text
            #expect(list.contains("100%") && list.contains("(1/1)") && list.contains("2 / 500"))
            // The same code twice in a programme is refused by name.
            let again = try await T.post(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/mau", [
                ("programme", programme), ("code", "QN-26-001"), ("sampledOn", CivilDate.today.description), ("productName", "Rau"),
                ("laboratory", "Lab"), ("analyte-0", "Pb"),
            ])
            #expect(again.status == .badRequest && again.text.contains("Mã mẫu QN-26-001 đã có"))
            // A lot number as no label prints it, and a move of the sample out of its programme's year, are refused.
            let oddLot = try await T.post(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/mau", [
                ("programme", programme), ("code", "QN-26-003"), ("sampledOn", CivilDate.today.description), ("productName", "Rau"),
                ("lotNumber", "a b/<>"), ("laboratory", "Lab"), ("analyte-0", "Pb"),
            ])
            #expect(oddLot.status == .badRequest && oddLot.text.contains("Số lô chỉ gồm"))
            let samplePath = String(try #require(sample.headers[.location]).prefix { $0 != "?" })
            let moved = try await T.post(client, f, .inspector, samplePath, [
                ("code", "QN-26-001"), ("sampledOn", CivilDate.today.adding(months: -13).description), ("productName", "Rau"),
                ("laboratory", "Lab"), ("analyte-0", "Pb"),
            ])
            #expect(moved.status == .badRequest && moved.text.contains("ngày lấy mẫu phải trong năm đó"))
        }
    }

    @Test("Samples are refused outside their programme's year and area, with another organisation's product, or from a business")
    func refusals() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await T.farm(client, f)
            // A commune officer plans only in their commune.
            let outside = try await Self.programme(client, f, unit: "06895", who: .commune)
            #expect(outside.status == .badRequest && outside.text.contains("nằm ngoài địa bàn"))
            let elsewhere = try Self.programmeID(try await Self.programme(client, f, unit: "06895"))
            let programme = try Self.programmeID(try await Self.programme(client, f, unit: "07093", who: .commune))
            let path = "/quan-tri/co-so/\(farm.facilityID)/mau"
            let base = [("code", "X-1"), ("productName", "Rau"), ("laboratory", "Lab"), ("analyte-0", "Pb"), ("result-0", "0.1"), ("limit-0", "0.3")]
            let lastYear = try await T.post(client, f, .inspector, path, base + [("programme", programme), ("sampledOn", CivilDate.today.adding(months: -13).description)])
            #expect(lastYear.status == .badRequest && lastYear.text.contains("ngày lấy mẫu phải trong năm đó"))
            let wrongArea = try await T.post(client, f, .inspector, path, base + [("programme", elsewhere), ("sampledOn", CivilDate.today.description)])
            #expect(wrongArea.status == .badRequest && wrongArea.text.contains("không thuộc địa bàn"))
            let foreign = try await T.post(client, f, .inspector, path, base + [("programme", programme), ("sampledOn", CivilDate.today.description),
                                                                                ("product", "00000000-0000-0000-0000-000000000000")])
            #expect(foreign.status == .badRequest && foreign.text.contains("Chọn sản phẩm của tổ chức"))
            #expect(try await T.post(client, f, .business, path, base + [("programme", programme), ("sampledOn", CivilDate.today.description)]).status == .forbidden)
            // A business sees no programmes (they are the authorities' plans), only its own samples.
            #expect(try await T.get(client, f, .business, "/quan-tri/giam-sat/" + programme).status == .notFound)
            #expect(try await T.get(client, f, .commune, "/quan-tri/giam-sat/" + elsewhere).status == .notFound)
        }
    }
}
