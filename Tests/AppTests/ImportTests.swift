@testable import App
import Foundation
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
    static func upload(_ client: AuthorizedClient, _ f: AccountFixtures, kind: String, file: Data, name: String) async throws -> TestResponse {
        let (headers, body) = f.multipart(.department, fields: [("kind", kind)], file: "file", name, file)
        return try await client.anonymous.execute(uri: "/quan-tri/nhap", method: .post, headers: headers, body: body)
    }

    static func confirmPath(in html: String) -> String? {
        html.components(separatedBy: "action=\"/quan-tri/nhap/").dropFirst().first.map { "/quan-tri/nhap/" + $0.prefix { $0 != "\"" } }
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
