@testable import App
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import NguonCore
import Sheets
import TestSupport
import Testing

/// Imports from the sheets offices keep (issue 9 §6): columns by their Vietnamese headers, a
/// preview naming every bad row and its rule, nothing stored unless the officer accepts
/// skipping the bad rows; files LibreOffice writes import, and what Nguồn exports opens there.
@Suite("Registry imports from XLSX and CSV", .serialized)
struct ImportTests {
    static func upload(_ client: AuthorizedClient, _ f: AccountFixtures, kind: String, file: Data, name: String,
                       by who: AccountFixtures.Who = .department) async throws -> TestResponse {
        let (headers, body) = f.multipart(who, fields: [("kind", kind)], file: "file", name, file)
        return try await client.anonymous.execute(uri: "/quan-tri/nhap", method: .post, headers: headers, body: body)
    }

    static func confirmPath(in html: String) -> String? {
        html.components(separatedBy: "action=\"/quan-tri/nhap/").dropFirst().first.map { "/quan-tri/nhap/" + $0.prefix { $0 != "\"" } }
    }

    @Test("A sheet of thousands of facilities is kept in parts and stored whole; two confirmations at once store it once")
    func largeSheetInParts() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seed($0)) }) { client in
            let f = box.get()
            let owner = try await Self.upload(client, f, kind: "to-chuc", file: Data("Tên tổ chức;Mã số thuế;Mã xã\nHTX Gà đồi Tiên Yên;0300588569;07093\n".utf8), name: "htx.csv")
            #expect(try await client.anonymous.execute(uri: try #require(Self.confirmPath(in: owner.text)), method: .post,
                                                       headers: f.headers(.department, form: true), body: f.form(.department, [])).status == .seeOther)
            let count = RegistryImport.partRows + 500
            var csv = "Tên cơ sở;Mã số thuế;Mã xã\n"
            for number in 1...count { csv += "Trại gà số \(number);0300588569;07093\n" }
            csv += String(repeating: "Trại gà rất dài ", count: 30) + ";0300588569;07093\n"
            let preview = try await Self.upload(client, f, kind: "co-so", file: Data(csv.utf8), name: "trai.csv")
            #expect(preview.text.contains("Tên dài hơn 300 byte"))
            #expect(preview.text.contains("\(count + 1) dòng: \(count) dòng hợp lệ, 1 dòng lỗi") && preview.text.contains("Trại gà số 20<"))
            let confirm = try #require(Self.confirmPath(in: preview.text))
            let answers = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.department, form: true),
                                                           body: f.form(.department, [("skipBad", "on")])).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(answers.sorted { $0.code < $1.code } == [.seeOther, .notFound])
            for number in [1, RegistryImport.partRows + 1, count] {
                let list = try await client.anonymous.execute(uri: "/quan-tri/co-so?q=trai+ga+so+\(number)", method: .get, headers: f.headers(.department))
                #expect(list.text.contains("Trại gà số \(number)<"), "\(number)")
            }
            let all = try await client.anonymous.execute(uri: "/quan-tri/co-so?q=trai+ga", method: .get, headers: f.headers(.department))
            #expect(all.text.contains("\(AdminView.number(count, .vi)) kết quả"))
        }
    }

    @Test("An officer's sheet of cooperatives: bad rows named, nothing stored until accepted, then the good rows at once")
    func organisations() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seed($0)) }) { client in
            let f = box.get()
            let rows: [[Cell]] = [
                ["TT", "Tên hợp tác xã", "Mã số thuế", "Loại hình", "Mã xã", "Địa chỉ", "Người đại diện", "Điện thoại"],
                [1, "HTX Nông nghiệp Yên Đức", "0300588569", "Hợp tác xã", "07093", "Thôn Yên Khánh", "Nguyễn Văn An", "0912 345 678"],
                [2, "Tổ hợp tác rau Đầm Hà", .empty, "Tổ hợp tác", "Đầm Hà", .empty, .empty, .empty],
                [3, "HTX sai mã số thuế", "0300588568", "Hợp tác xã", "07093", .empty, .empty, .empty],
                [4, "HTX ở Hà Nội", .empty, "Hợp tác xã", "00004", .empty, .empty, .empty],
                [5, "HTX không có xã", .empty, "Hợp tác xã", "99999", .empty, .empty, .empty],
                [6, "Trang trại gà đồi", .empty, "Trang trại", "6895", .empty, .empty, .empty],
            ]
            let file = try XLSXWriter().write(Sheet(name: "Danh sách", rows: rows))
            let preview = try await Self.upload(client, f, kind: "to-chuc", file: file, name: "htx.xlsx")
            #expect(preview.status == .ok)
            for problem in ["chữ số kiểm tra", "ngoài địa bàn", "99999"] { #expect(preview.text.contains(problem), "\(problem)") }
            #expect(preview.text.contains("6 dòng: 3 dòng hợp lệ, 3 dòng lỗi"))
            let confirm = try #require(Self.confirmPath(in: preview.text))

            // Not accepted: nothing imported.
            let refused = try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.department, form: true),
                                                             body: f.form(.department, []))
            #expect(refused.status == .badRequest)
            #expect(try await client.anonymous.execute(uri: "/quan-tri/to-chuc?q=yen+duc", method: .get, headers: f.headers(.department)).text
                .contains("Yên Đức") == false)
            // Accepted: the three good rows, found by search at once; a second click imports nothing more.
            let accepted = try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.department, form: true),
                                                              body: f.form(.department, [("skipBad", "on")]))
            #expect(accepted.status == .seeOther && accepted.headers[.location]?.contains("done=3") == true)
            let list = try await client.anonymous.execute(uri: "/quan-tri/to-chuc?q=yen+duc", method: .get, headers: f.headers(.department)).text
            #expect(list.contains("HTX Nông nghiệp Yên Đức"))
            #expect(try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.department, form: true),
                                                       body: f.form(.department, [("skipBad", "on")])).status == .notFound)
            // A commune officer of another commune cannot take over the import.
            #expect(try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.commune, form: true),
                                                       body: f.form(.commune, [("skipBad", "on")])).status == .notFound)

            // Facilities by their owner's tax code, from a CSV with semicolons as Vietnamese Excel writes it.
            let csv = "Tên cơ sở;Mã số thuế;Mã xã;Hoạt động;Mã số vùng trồng\nVùng lúa Yên Đức;0300588569;07093;Trồng trọt;VN-QN-001\nKho;0000000000;07093;;\n"
            let facilities = try await Self.upload(client, f, kind: "co-so", file: Data(csv.utf8), name: "co-so.csv")
            #expect(facilities.text.contains("2 dòng: 1 dòng hợp lệ, 1 dòng lỗi"))
        }
    }

    @Test("A sheet of products: GTINs checked against their holder, empty ones given from the pool, described at once")
    func products() async throws {
        let box = FixtureBox()
        let config = try await TestApp.config()
        let given = try await TestApp.run(config: config, prepare: { box.set(try await AccountFixtures.seedWithProvincePool($0)) }) { client in
            let f = box.get()
            // HTX Đông Triều (tax code 5700100009) holds prefix 8935001; 8935002 is nobody's.
            let own = try #require(try CompanyPrefix("8935001").key(.gtin, reference: 1))
            let others = try #require(try CompanyPrefix("8935002").key(.gtin, reference: 1))
            let rows: [[Cell]] = [
                ["TT", "Tên sản phẩm", "Mã số thuế", "Mã vạch", "Nhóm sản phẩm", "Khối lượng tịnh", "Hạn sử dụng", "Nhãn hiệu"],
                [1, "Rau muống Đông Triều", "5700100009", .text(own), "Rau, củ tươi", "500 g", "7 ngày", "Rau sạch Đông Triều"],
                [2, "Cải bẹ xanh", "5700100009", .empty, "rau-cu", "1,5 kg", "12 tháng", .empty],
                [3, "Sai chữ số kiểm tra", "5700100009", "8935001000010", .empty, .empty, .empty, .empty],
                [4, "Mã của người khác", "5700100009", .text(others), .empty, .empty, .empty, .empty],
                [5, "Nhóm lạ", "5700100009", .empty, "Đồ chơi", .empty, .empty, .empty],
                [6, "Trùng mã", "5700100009", .text(own), .empty, .empty, .empty, .empty],
                [7, "Đơn vị lạ", "5700100009", .empty, .empty, "500 tấn", .empty, .empty],
                [8, "Hạn lạ", "5700100009", .empty, .empty, .empty, "khi còn tươi", .empty],
            ]
            let preview = try await Self.upload(client, f, kind: "san-pham", file: try XLSXWriter().write(Sheet(name: "SP", rows: rows)), name: "sp.xlsx")
            #expect(preview.status == .ok)
            #expect(preview.text.contains("8 dòng: 2 dòng hợp lệ, 6 dòng lỗi"), "\(preview.text.prefix(3_000))")
            for problem in ["kiểm tra", "không thuộc tổ chức này", "Đồ chơi", "trùng với dòng 2", "“Đơn vị tính” phải là một trong", "khi còn tươi",
                            "cấp từ kho mã"] {
                #expect(preview.text.contains(problem), "\(problem)")
            }
            let confirm = try #require(Self.confirmPath(in: preview.text))
            let accepted = try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.department, form: true),
                                                              body: f.form(.department, [("skipBad", "on")]))
            #expect(accepted.status == .seeOther && accepted.headers[.location]?.contains("done=2") == true)

            // Found by search without accents; the second got a GTIN from the province's pool.
            let list = try await client.anonymous.execute(uri: "/quan-tri/san-pham?q=cai+be", method: .get, headers: f.headers(.department)).text
            let given = try #require(list.components(separatedBy: "<code>").dropFirst().first?.prefix { $0 != "<" })
            #expect(given.hasPrefix("08931000001") && (try? GTIN(String(given))) != nil, "\(given)")
            // A second import of the same sheet: the GTIN is taken now, and the pool gives the next number.
            let again = try await Self.upload(client, f, kind: "san-pham", file: try XLSXWriter().write(Sheet(name: "SP", rows: Array(rows.prefix(3)))),
                                              name: "sp.xlsx")
            #expect(again.text.contains("đã dùng cho một sản phẩm khác"))
            return String(given)
        }
        // Described at once, as a product saved in the form is: what its labels' origin pages read.
        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            let row = try await database.sql.raw("SELECT attributes FROM epcis_master_data WHERE element_id = \(bind: "https://id.gs1.org/01/" + given)").first()
            let attributes = try #require(try row?.decode(column: "attributes", as: String.self))
            #expect(attributes.contains("Cải bẹ xanh") && attributes.contains("HTX Rau an toàn Đông Triều") && attributes.contains("360"), "\(attributes)")
        }
    }

    @Test("Hostile sheets: control characters refused by column, a tax code taken between check and answer, a new upload replaces the last")
    func hostileSheets() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seed($0)) }) { client in
            let f = box.get()
            let nul = "Tên tổ chức,Mã xã\nHTX\u{0}ẩn,07093\nHTX Tốt,07093\n"
            let preview = try await Self.upload(client, f, kind: "to-chuc", file: Data(nul.utf8), name: "nul.csv")
            #expect(preview.text.contains("2 dòng: 1 dòng hợp lệ, 1 dòng lỗi") && preview.text.contains("ký tự điều khiển"))

            // Two officers check sheets holding one new tax code; the second to accept is told the
            // registry changed, and nothing of its sheet is stored.
            let sheet = Data("Tên tổ chức,Mã số thuế,Mã xã\nHTX Chè Yên Đức,0300588569,07093\nHTX Chè Mới Lập,,07093\n".utf8)
            let first = try #require(Self.confirmPath(in: try await Self.upload(client, f, kind: "to-chuc", file: sheet, name: "a.csv").text))
            let second = try #require(Self.confirmPath(in: try await Self.upload(client, f, kind: "to-chuc", file: sheet, name: "a.csv", by: .admin).text))
            #expect(try await client.anonymous.execute(uri: first, method: .post, headers: f.headers(.department, form: true),
                                                       body: f.form(.department, [])).status == .seeOther)
            let stale = try await client.anonymous.execute(uri: second, method: .post, headers: f.headers(.admin, form: true), body: f.form(.admin, []))
            #expect(stale.status == .conflict && stale.text.contains("đã thay đổi"))
            let list = try await client.anonymous.execute(uri: "/quan-tri/to-chuc?q=che+moi+lap", method: .get, headers: f.headers(.admin)).text
            #expect(list.contains("1 kết quả"))

            // One waiting import per person: a new upload replaces the one before.
            let older = try #require(Self.confirmPath(in: try await Self.upload(client, f, kind: "to-chuc", file: Data(nul.utf8), name: "b.csv").text))
            _ = try await Self.upload(client, f, kind: "to-chuc", file: Data(nul.utf8), name: "c.csv")
            #expect(try await client.anonymous.execute(uri: older, method: .post, headers: f.headers(.department, form: true),
                                                       body: f.form(.department, [("skipBad", "on")])).status == .notFound)
        }
    }

    @Test("The organisations list pages, filters by commune and exports what it shows")
    func organisationsList() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seed($0)) }) { client in
            let f = box.get()
            let csv = "Tên tổ chức,Mã xã,Loại hình\n" + (1...60).map { String(format: "Tổ hợp tác rau số %02d,07093,Tổ hợp tác\n", $0) }.joined()
            let preview = try await Self.upload(client, f, kind: "to-chuc", file: Data(csv.utf8), name: "thop.csv")
            let confirm = try #require(Self.confirmPath(in: preview.text))
            _ = try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.department, form: true), body: f.form(.department, []))

            let first = try await client.anonymous.execute(uri: "/quan-tri/to-chuc?don-vi=07093", method: .get, headers: f.headers(.department)).text
            #expect(first.contains("61 kết quả") && first.contains("Trang 1/2") && first.contains("Tổ hợp tác"))
            let second = try await client.anonymous.execute(uri: "/quan-tri/to-chuc?don-vi=07093&trang=2", method: .get, headers: f.headers(.department)).text
            #expect(second.contains("Tổ hợp tác rau số 60") && !second.contains("Tổ hợp tác rau số 01"))
            let newest = try await client.anonymous.execute(uri: "/quan-tri/to-chuc?sap-xep=moi&q=to+hop+tac", method: .get, headers: f.headers(.department)).text
            #expect(newest.contains("60 kết quả"))
            let other = try await client.anonymous.execute(uri: "/quan-tri/to-chuc?don-vi=06895", method: .get, headers: f.headers(.department)).text
            #expect(other.contains("1 kết quả") && other.contains("HTX Thủy sản Đầm Hà"))
            // The export carries what the list shows; a business exports only its own organisation.
            let export = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/xuat?dinh-dang=csv&don-vi=07093", method: .get,
                                                            headers: f.headers(.department))
            #expect(export.status == .ok && export.headers[.contentDisposition]?.contains("to-chuc.csv") == true)
            #expect(export.text.split(whereSeparator: \.isNewline).count == 62 && export.text.contains("Mã số thuế") && export.text.contains("Tổ hợp tác"))
            let business = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/xuat?dinh-dang=csv", method: .get, headers: f.headers(.business))
            #expect(business.text.split(whereSeparator: \.isNewline).count == 2 && business.text.contains("HTX Rau an toàn Đông Triều"))
        }
    }

    @Test("A sheet LibreOffice wrote imports; an export of ours opens in LibreOffice")
    func libreOffice() async throws {
        let office = try LibreOffice()
        defer { office.remove() }
        let box = FixtureBox()
        try await TestApp.run(prepare: { box.set(try await AccountFixtures.seed($0)) }) { client in
            let f = box.get()
            let csv = office.folder.appendingPathComponent("htx.csv")
            try "Tên tổ chức,Mã xã,Loại hình\nHTX Chè Đông Triều,07093,Hợp tác xã\n".write(to: csv, atomically: true, encoding: .utf8)
            let xlsx = try office.convert(csv, to: "xlsx", inputFilter: "CSV:44,34,76")
            let preview = try await Self.upload(client, f, kind: "to-chuc", file: try Data(contentsOf: xlsx), name: "htx.xlsx")
            #expect(preview.text.contains("1 dòng: 1 dòng hợp lệ, 0 dòng lỗi"), "\(preview.text.prefix(2_000))")
            let confirm = try #require(Self.confirmPath(in: preview.text))
            #expect(try await client.anonymous.execute(uri: confirm, method: .post, headers: f.headers(.department, form: true),
                                                       body: f.form(.department, [])).status == .seeOther)

            let export = try await client.anonymous.execute(uri: "/quan-tri/co-so/xuat?dinh-dang=xlsx", method: .get, headers: f.headers(.department))
            let file = office.folder.appendingPathComponent("co-so.xlsx")
            try Data(export.body.readableBytesView).write(to: file)
            let opened = try String(contentsOf: try office.convert(file, to: "csv:Text - txt - csv (StarCalc):44,34,76"), encoding: .utf8)
            #expect(opened.contains("Tên cơ sở") && opened.contains("GLN"))
        }
    }
}
