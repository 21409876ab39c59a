import Foundation
import TestSupport
import Testing
import Sheets

/// Our files against a real spreadsheet program: LibreOffice converts what the writer made,
/// and the reader reads what LibreOffice made. CI installs LibreOffice (.ci/run), so a missing
/// `soffice` fails these tests instead of skipping them. Serialised: each conversion starts a
/// whole office process, and two at once only compete for the same two cores.
@Suite(.serialized) struct LibreOfficeTests {
    static let sheet = Sheet(name: "Cơ sở", rows: [
        ["Tên cơ sở", "Số lượng", "Ngày cấp", "Ghi chú"],
        ["Hợp tác xã Đồng Tháp", 12.5, .date(Fixture.utc(2024, 3, 15)), "=1+1"],
        ["Cơ sở \"Phước Hưng\"", -3, .date(Fixture.utc(1999, 12, 31)), "a, b"],
        ["Trà Shan tuyết", 1_000_000, .empty, "@admin"],
    ])

    @Test func libreOfficeReadsWhatTheWriterWrote() throws {
        let office = try LibreOffice()
        defer { office.remove() }
        let xlsx = office.folder.appendingPathComponent("danh-sach.xlsx")
        try XLSXWriter().write(Self.sheet).write(to: xlsx)
        let csv = try office.convert(xlsx, to: "csv:Text - txt - csv (StarCalc):44,34,76,1")
        let rows = try CSVReader.read(Data(contentsOf: csv)).rows.map { $0.map(\.text) }
        // LibreOffice writes values as the cells show them: dates in our dd/mm/yyyy format, and
        // the formula-looking text as text (a formula would have shown "2").
        #expect(rows == [
            ["Tên cơ sở", "Số lượng", "Ngày cấp", "Ghi chú"],
            ["Hợp tác xã Đồng Tháp", "12.5", "15/03/2024", "=1+1"],
            ["Cơ sở \"Phước Hưng\"", "-3", "31/12/1999", "a, b"],
            ["Trà Shan tuyết", "1000000", "", "@admin"],
        ])
    }

    @Test func theReaderReadsWhatLibreOfficeWrote() throws {
        let office = try LibreOffice()
        defer { office.remove() }
        let csv = office.folder.appendingPathComponent("nhap.csv")
        let rows: [[Cell]] = [
            ["Mã lô", "Tên sản phẩm", "Khối lượng (kg)", "Ngày thu hoạch", "Đạt"],
            ["L-01", "Lúa Đài Thơm 8", 1250.5, .date(Fixture.utc(2024, 3, 15)), .bool(true)],
            ["L-02", "Bưởi da xanh, loại 1", 80, .date(Fixture.utc(2023, 12, 1)), .bool(false)],
            [],
            ["L-04", "dòng 1\ndòng 2", -0.25, .empty, .empty],
        ]
        try CSVWriter().write(rows: rows).write(to: csv)
        let xlsx = try office.convert(csv, to: "xlsx:Calc MS Excel 2007 XML", inputFilter: "CSV:44,34,76,1,,0,false,true")
        let reader = try XLSXReader(data: Data(contentsOf: xlsx))
        #expect(reader.sheetNames.count == 1)
        let sheet = try reader.sheet(at: 0)
        #expect(sheet.rows == Sheet(name: "", rows: rows).trimmed().rows)
    }
}

/// One LibreOffice with its own profile folder, so it neither touches nor waits for a user's.
