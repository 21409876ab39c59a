import Testing
@testable import Labels

@Suite("Label lists as CSV")
struct LabelSheetCSVTests {
    @Test("BOM, header, CRLF rows in label order")
    func structure() throws {
        let labels = try Fixture.lot().serialised(.counting(from: 1, count: 3, width: 4))
        let csv = LabelSheet.csv(labels)
        #expect(csv.unicodeScalars.first == "\u{FEFF}")
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lines = String(csv.dropFirst()).split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.count == 5 && lines.last == "")
        #expect(lines[0] == "serial,digital_link,gtin,lot,expiry,product_name")
        #expect(lines[1] == "0001,https://truyxuat.quangninh.gov.vn/01/08931000001006/10/DS-2611/21/0001?17=261205,08931000001006,DS-2611,05/12/2026,Nước mắm Cái Rồng cá cơm 40 độ đạm")
        #expect(lines[3].hasPrefix("0003,"))
        let bytes = Array(csv.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 0x0A || ($0 > 0 && bytes[$0 - 1] == 0x0D) }, "every line ends in CRLF")
    }

    @Test("Fields with commas or quotes are quoted, quotes doubled; a lot label has no serial")
    func quoting() throws {
        let label = try Fixture.lot(name: "Gạo ST25, túi 5 kg \"đặc biệt\"", lot: "A,B\"C")
        let csv = LabelSheet.csv([label])
        let row = String(csv.dropFirst()).split(separator: "\r\n")[1]
        #expect(row.hasPrefix(",https://"))
        #expect(row.contains(",08931000001006,\"A,B\"\"C\",05/12/2026,"))
        #expect(row.hasSuffix(",\"Gạo ST25, túi 5 kg \"\"đặc biệt\"\"\""))
    }

    @Test("Best-before dates fill the expiry column; an empty list is just the header")
    func edges() throws {
        let csv = LabelSheet.csv([try Fixture.lot(limit: .bestBefore(Fixture.produced))])
        #expect(csv.contains(",05/12/2025,"))
        #expect(LabelSheet.csv([]) == "\u{FEFF}serial,digital_link,gtin,lot,expiry,product_name\r\n")
    }

    @Test("A name a spreadsheet would run as a formula is written as text")
    func formulaInjection() throws {
        let label = try Fixture.lot(name: "=HYPERLINK(\"http://x\")")
        let row = String(LabelSheet.csv([label]).dropFirst()).split(separator: "\r\n")[1]
        #expect(row.hasSuffix(",\" =HYPERLINK(\"\"http://x\"\")\""))
    }
}
