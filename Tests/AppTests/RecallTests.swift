@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import NguonCore
import Sheets
import Testing

/// Recalls (issue 10 §3): scope from the trace, the consumer's warning, each holder's progress.
@Suite("Food safety: recalls", .serialized)
struct RecallTests {
    typealias T = CertificateTests

    @Test("A recall reaches the shops holding the lot, warns on its page and linkset, tracks each holder, and ends")
    func recallFromTrace() async throws {
        let box = FixtureBox()
        let chain = DemoSupplyChain(variant: 411)
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seed($0)) }) { client in
            let f = box.get()
            _ = try await EPCISCaptureTests.capture(client, chain.document)
            let lotPage = ResolverTests.lotPath(chain)
            #expect(!(try await client.anonymous.execute(uri: lotPage, method: .get).text.contains("đang bị thu hồi")))

            let bad = try await T.post(client, f, .department, "/quan-tri/thu-hoi", [
                ("title", "Thu hồi rau cải"), ("reason", "Dư lượng Chlorpyrifos vượt giới hạn"), ("lots", "không phải mã"),
                ("mode", "mandatory"), ("basis", "official_control"), ("type", "alert"),
            ])
            #expect(bad.status == .badRequest && bad.text.contains("không phải mã lô hàng GS1"))
            // A whole product line, a place or any URN is not a lot.
            for notALot in ["(01)\(chain.packGTIN)", "urn:foo:bar", chain.supermarketA, "urn:a b"] {
                let refused = try await T.post(client, f, .department, "/quan-tri/thu-hoi", [
                    ("title", "Thu hồi"), ("reason", "x"), ("lots", notALot), ("mode", "voluntary"), ("basis", "own_check"), ("type", "alert"),
                ])
                #expect(refused.status == .badRequest, "\(notALot)")
            }
            let opened = try await T.post(client, f, .department, "/quan-tri/thu-hoi", [
                ("title", "Thu hồi rau cải ngọt lô \(chain.packLotCode)"), ("reason", "Dư lượng Chlorpyrifos vượt giới hạn"),
                ("lots", "(01)\(chain.packGTIN)(10)\(chain.packLotCode)"), ("mode", "mandatory"), ("basis", "official_control"), ("type", "alert"),
            ])
            #expect(opened.status == .seeOther)
            let path = String(try #require(opened.headers[.location]).prefix { $0 != "?" })
            let page = try await T.get(client, f, .department, path).text
            #expect(page.contains(chain.scenario.shopA.name) && page.contains(chain.scenario.shopB.name))
            #expect(page.contains("Quyết định thu hồi bắt buộc trong 24 giờ"))
            let code = try #require(page.components(separatedBy: "/thu-hoi/TH-").dropFirst().first?.prefix { $0 != "\"" }).description

            // The consumer scanning a pack of the lot is warned at once; programs find the recall in the linkset.
            let consumer = try await client.anonymous.execute(uri: lotPage, method: .get).text
            #expect(consumer.contains("Sản phẩm đang bị thu hồi") && consumer.contains("Dư lượng Chlorpyrifos"))
            let linkset = try await client.anonymous.execute(uri: lotPage, method: .get, headers: [.accept: "application/linkset+json"]).text
            #expect(linkset.contains("https://gs1.org/voc/recallStatus") && linkset.contains("/thu-hoi/TH-" + code))
            let notice = try await client.anonymous.execute(uri: "/thu-hoi/TH-" + code, method: .get)
            #expect(notice.status == .ok && notice.text.contains("Thông báo thu hồi sản phẩm"))

            // Each holder: notified, then confirmed with what it returned.
            let holder = try #require(page.components(separatedBy: "name=\"holder\" value=\"").dropFirst().first?.prefix { $0 != "\"" }).description
            #expect(try await T.post(client, f, .department, path + "/noi-nhan", [("holder", holder), ("step", "notified")]).status == .seeOther)
            #expect(try await T.post(client, f, .department, path + "/noi-nhan", [("holder", holder), ("step", "confirmed"), ("returned", "12,5")]).status == .seeOther)
            #expect(try await T.get(client, f, .department, path).text.contains("trả lại 12,5"))
            // Confirming again without a quantity keeps the one recorded.
            #expect(try await T.post(client, f, .department, path + "/noi-nhan", [("holder", holder), ("step", "confirmed")]).status == .seeOther)
            #expect(try await T.get(client, f, .department, path).text.contains("trả lại 12,5"))
            let hex = try await T.post(client, f, .department, path + "/noi-nhan", [("holder", holder), ("step", "confirmed"), ("returned", "0x10")])
            #expect(hex.status == .badRequest)
            let stranger = try await T.post(client, f, .department, path + "/noi-nhan", [("holder", "https://id.gs1.org/414/0000000000000"), ("step", "notified")])
            #expect(stranger.status == .badRequest)
            // A province's recall is the province's (a commune officer does not find it); a business cannot open one.
            #expect(try await T.get(client, f, .commune, path).status == .notFound)
            #expect(try await T.post(client, f, .business, "/quan-tri/thu-hoi", [("title", "x")]).status == .forbidden)

            // The tracking events, one row each, as a spreadsheet.
            let export = try await T.get(client, f, .department, path + "/xuat")
            let rows = try #require(try XLSXReader.read(Data(export.body.readableBytesView)).sheets.first).rows
            #expect(rows.first?.first == .text("Thời gian") && rows.count > 5)

            // Closed: the warning leaves the page; the report is due in three working days.
            #expect(try await T.post(client, f, .department, path + "/ket-thuc", []).status == .seeOther)
            #expect(!(try await client.anonymous.execute(uri: lotPage, method: .get).text.contains("Sản phẩm đang bị thu hồi")))
            #expect(try await T.get(client, f, .department, path).text.contains("Báo cáo kết quả trong 3 ngày làm việc"))
            #expect(try await client.anonymous.execute(uri: "/thu-hoi/TH-" + code, method: .get).text.contains("Đợt thu hồi đã kết thúc"))
            let early = try await T.post(client, f, .department, path + "/ket-thuc", [("reportedOn", "2020-01-01")])
            #expect(early.status == .badRequest && early.text.contains("không thể trước ngày kết thúc"))
            // What is recorded stays when the form is sent again empty; a closed recall's scope is not recomputed.
            #expect(try await T.post(client, f, .department, path + "/ket-thuc", [("reportedOn", CivilDate.today.description),
                                                                               ("disposal", "destroy")]).status == .seeOther)
            #expect(try await T.post(client, f, .department, path + "/ket-thuc", []).status == .seeOther)
            let closed = try await T.get(client, f, .department, path).text
            #expect(closed.contains("value=\"\(CivilDate.today.description)\"") && closed.contains("<option value=\"destroy\" selected"))
            #expect(try await T.post(client, f, .department, path + "/pham-vi", []).status == .badRequest)
        }
    }

    @Test("A failed sample opens the recall form with its lot and reason filled in")
    func fromSample() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            let farm = try await T.farm(client, f)
            let programme = try SampleTests.programmeID(try await SampleTests.programme(client, f))
            let form = try await T.get(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/mau").text
            let product = try #require(form.components(separatedBy: "<option value=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
                .first { $0.count == 36 && $0 != programme })
            let sample = try await T.post(client, f, .inspector, "/quan-tri/co-so/\(farm.facilityID)/mau", [
                ("programme", programme), ("code", "QN-1"), ("sampledOn", CivilDate.today.description), ("product", String(product)),
                ("lotNumber", "DS-2611"), ("laboratory", "Lab"), ("analyte-0", "Chlorpyrifos"), ("result-0", "0,05"), ("limit-0", "0,01"), ("unit-0", "mg/kg"),
            ])
            let samplePage = try await T.get(client, f, .inspector, String(try #require(sample.headers[.location]))).text
            let link = try #require(samplePage.components(separatedBy: "href=\"/quan-tri/thu-hoi?mau=").dropFirst().first?.prefix { $0 != "\"" })
            let recallForm = try await T.get(client, f, .inspector, "/quan-tri/thu-hoi?mau=" + link).text
            #expect(recallForm.contains("Chlorpyrifos 0,05 mg/kg") && recallForm.contains(farm.lotPath.replacingOccurrences(of: "/01/", with: "https://id.gs1.org/01/")))
        }
    }
}
