import Foundation
import Testing
import XML
import ZIPFoundation
@testable import Sheets

/// What the writer writes, the reader reads back unchanged; and what it writes is safe to open.
@Suite struct XLSXRoundTripTests {
    static let longText = String(repeating: "Hợp tác xã nông nghiệp Tân Phú – rau an toàn VietGAP. ", count: 200)

    static let registry = Sheet(name: "Cơ sở", rows: [
        ["Tên cơ sở", "Mã số", "Diện tích (ha)", "Ngày cấp", "Ghi chú", "Đạt"],
        ["Hợp tác xã Đồng Tháp Mười", "HTX-001", 12.5, .date(Fixture.utc(2024, 3, 15)), "Lúa, tôm", .bool(true)],
        ["Cơ sở chế biến Phước Hưng", "CS 002", 0.75, .date(Fixture.utc(1999, 12, 31, 8, 30)), .empty, .bool(false)],
        [],
        ["=HYPERLINK(\"http://x\",\"bấm\")", "+84 912 345 678", -3, .date(Fixture.utc(1900, 2, 28)), "-5 kg", "@admin"],
        ["  khoảng trắng  ", "dòng 1\ndòng 2", 1e-5, 123_456_789_012.0, "tab\there", "_x0041_ giữ nguyên"],
        [.empty, .empty, .number(-0.1), .error("#N/A"), .text(longText)],
    ])

    static let second = Sheet(name: "Lô hàng", rows: [
        ["Mã lô", "Số lượng"],
        ["L-01", 100],
        ["L-02", 2.25],
    ])

    @Test func workbookReadsBackIdentically() throws {
        let data = try XLSXWriter().write(Workbook(sheets: [Self.registry, Self.second]))
        let reader = try XLSXReader(data: data)
        #expect(reader.sheetNames == ["Cơ sở", "Lô hàng"])
        let back = try reader.workbook()
        #expect(back.sheets.count == 2)
        for (written, read) in zip([Self.registry, Self.second], back.sheets) {
            #expect(read.name == written.name)
            #expect(read.rows.count == written.rows.count)
            for (k, (w, r)) in zip(written.rows, read.rows).enumerated() {
                #expect(r == w, "row \(k + 1)")
            }
        }
        #expect(back == Workbook(sheets: [Self.registry, Self.second]))
    }

    @Test func formulaLookingTextStaysText() throws {
        let data = try XLSXWriter().write(Self.registry)
        let xml = try Fixture.part("xl/worksheets/sheet1.xml", of: data)
        #expect(!xml.contains("<f>") && !xml.contains("<f "), "no formula element is ever written")
        // Row 5 starts with "=": a shared string with the quote-prefix style (4).
        #expect(xml.contains("<c r=\"A5\" s=\"4\" t=\"s\">"))
        #expect(xml.contains("<c r=\"E5\" s=\"4\" t=\"s\">"), "\"-5 kg\" is quote-prefixed too")
        let styles = try Fixture.part("xl/styles.xml", of: data)
        #expect(styles.contains("quotePrefix=\"1\""))
        let strings = try Fixture.part("xl/sharedStrings.xml", of: data)
        #expect(strings.contains("=HYPERLINK(\"http://x\",\"bấm\")"))
        #expect(strings.contains("_x005F_x0041_ giữ nguyên"), "a literal _xHHHH_ is protected")
        #expect(strings.contains("<t xml:space=\"preserve\">  khoảng trắng  </t>"))
    }

    @Test func headerRowIsBoldAndFrozen() throws {
        let data = try XLSXWriter().write(Self.registry)
        let xml = try Fixture.part("xl/worksheets/sheet1.xml", of: data)
        #expect(xml.contains("<c r=\"A1\" s=\"1\" t=\"s\">"))
        #expect(xml.contains("state=\"frozen\""))
        #expect(xml.contains("<dimension ref=\"A1:F7\"/>"))
        let plain = try XLSXWriter(boldHeaderRow: false).write(Self.registry)
        let plainXML = try Fixture.part("xl/worksheets/sheet1.xml", of: plain)
        #expect(!plainXML.contains("frozen") && plainXML.contains("<c r=\"A1\" t=\"s\">"))
    }

    @Test func controlCharactersAreRemovedAndLongTextIsCut() throws {
        let tooLong = String(repeating: "ă", count: 40_000)
        let sheet = Sheet(name: "S", rows: [["a\u{1}b\u{0}c\u{1F}d\u{FFFF}", .text(tooLong), "\u{7}"]])
        let back = try XLSXReader.read(try XLSXWriter().write(sheet))
        #expect(back.sheets[0].rows == [["abcd", .text(String(repeating: "ă", count: 32_767))]])
    }

    @Test func datesFollowTheTimeZone() throws {
        let hanoi = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        // 17:30 UTC is 00:30 the next day in Hà Nội.
        let instant = Fixture.utc(2024, 3, 15, 17, 30)
        let data = try XLSXWriter(timeZone: hanoi).write(Sheet(name: "S", rows: [[.date(instant)]]))
        let xml = try Fixture.part("xl/worksheets/sheet1.xml", of: data)
        #expect(xml.contains("<c r=\"A1\" s=\"3\"><v>45367.0208333"), "00:30 on 16 March as a serial with a time format")
        #expect(try XLSXReader(data: data, timeZone: hanoi).sheet(at: 0).rows == [[.date(instant)]])
        // Read as UTC, the same serial is that wall-clock time in UTC.
        #expect(try XLSXReader(data: data).sheet(at: 0).rows == [[.date(Fixture.utc(2024, 3, 16, 0, 30))]])
        #expect(Cell.date(instant).text(in: hanoi) == "2024-03-16 00:30:00")
    }

    /// Every part is well-formed, namespace-correct XML that the project's own XML reader accepts.
    @Test func writtenPartsAreWellFormedXML() throws {
        let data = try XLSXWriter().write(Workbook(sheets: [Self.registry, Self.second]))
        let archive = try Archive(data: data, accessMode: .read)
        var roots: [String: XMLTree.Name] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            roots[entry.path] = try XMLReader.parse(bytes).name
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        #expect(roots == [
            "[Content_Types].xml": XMLTree.Name("Types", namespace: "http://schemas.openxmlformats.org/package/2006/content-types"),
            "_rels/.rels": XMLTree.Name("Relationships", namespace: "http://schemas.openxmlformats.org/package/2006/relationships"),
            "xl/_rels/workbook.xml.rels": XMLTree.Name("Relationships", namespace: "http://schemas.openxmlformats.org/package/2006/relationships"),
            "xl/workbook.xml": XMLTree.Name("workbook", namespace: main),
            "xl/styles.xml": XMLTree.Name("styleSheet", namespace: main),
            "xl/sharedStrings.xml": XMLTree.Name("sst", namespace: main),
            "xl/worksheets/sheet1.xml": XMLTree.Name("worksheet", namespace: main),
            "xl/worksheets/sheet2.xml": XMLTree.Name("worksheet", namespace: main),
        ])
        #expect(archive.makeIterator().next()?.path == "[Content_Types].xml", "content types come first, as Excel writes them")
    }

    @Test func numbersOnlyNeedNoSharedStrings() throws {
        let sheet = Sheet(name: "Số", rows: [[1, 2.5], [.date(Fixture.utc(2024, 1, 31)), .bool(true)]])
        let data = try XLSXWriter().write(sheet)
        let archive = try Archive(data: data, accessMode: .read)
        #expect(archive["xl/sharedStrings.xml"] == nil)
        #expect(!(try Fixture.part("[Content_Types].xml", of: data)).contains("sharedStrings"))
        #expect(try XLSXReader.read(data).sheets == [sheet])
    }

    @Test func emptyAndOddWorkbooks() throws {
        let empty = try XLSXReader.read(try XLSXWriter().write(Sheet(name: "Trống")))
        #expect(empty == Workbook(sheets: [Sheet(name: "Trống")]))
        let infinite = try XLSXReader.read(try XLSXWriter().write(Sheet(name: "S", rows: [[.number(.infinity), .error("lỗi")]])))
        #expect(infinite.sheets[0].rows == [[.error("#NUM!"), "lỗi"]])
    }

    @Test func sheetNamesExcelRefusesAreRefused() {
        for bad in ["", "a/b", "Sheet[1]", "'quoted'", String(repeating: "x", count: 32)] {
            let error = Fixture.sheetsError { _ = try XLSXWriter().write(Sheet(name: bad)) }
            #expect(error?.code == .invalidSheet, "\(bad)")
        }
        let duplicate = Fixture.sheetsError {
            _ = try XLSXWriter().write(Workbook(sheets: [Sheet(name: "Lô"), Sheet(name: "lô")]))
        }
        #expect(duplicate?.code == .invalidSheet)
        #expect(Fixture.sheetsError { _ = try XLSXWriter().write(Workbook()) }?.code == .invalidSheet)
    }

    /// Many rows cross many 64 KB chunk boundaries of the streamed worksheet.
    @Test func twentyThousandRowsStream() throws {
        var rows: [[Cell]] = [["Mã", "Tên", "Số", "Ngày"]]
        for k in 1...20_000 {
            rows.append([.text("M\(k)"), .text("Sản phẩm số \(k % 97)"), .number(Double(k) / 8), .date(Fixture.utc(2020, 1, 1 + k % 28))])
        }
        let sheet = Sheet(name: "Lớn", rows: rows)
        let reader = try XLSXReader(data: try XLSXWriter().write(sheet))
        var count = 0
        var last: SheetRow?
        try reader.forEachRow(inSheet: 0) { row in
            count += 1
            last = row
        }
        #expect(count == 20_001)
        #expect(last == SheetRow(number: 20_001, cells: rows[20_000]))
        #expect(try reader.sheet(at: 0) == sheet)
    }
}
