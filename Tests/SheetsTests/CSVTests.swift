import Foundation
import Testing
@testable import Sheets

@Suite struct CSVTests {
    func read(_ text: String, delimiter: CSVDelimiter? = nil) throws -> [[Cell]] {
        try CSVReader.read(Data(text.utf8), delimiter: delimiter).rows
    }

    @Test func quotingAndEmbeddedLineBreaks() throws {
        let text = "Tên,Ghi chú,Số\r\n\"Hợp tác xã \"\"Tân Phú\"\"\",\"dòng 1\r\ndòng 2\nvà 3\",12\r\n,\"a,b\",\r\n\"\"\r\nx\"y,\"ab\"cd,z"
        #expect(try read(text) == [
            ["Tên", "Ghi chú", "Số"],
            ["Hợp tác xã \"Tân Phú\"", "dòng 1\r\ndòng 2\nvà 3", "12"],
            [.empty, "a,b"],
            [],
            ["x\"y", "abcd", "z"],
        ])
    }

    @Test func lineEndingsAndBlankLines() throws {
        #expect(try read("a\rb\n\nc\r\n") == [["a"], ["b"], [], ["c"]])
        #expect(try read("") == [])
        #expect(try read("\n\n") == [])
        #expect(try read("a,") == [["a"]])
    }

    @Test func byteOrderMarksAndEncodings() throws {
        let bom = Data([0xEF, 0xBB, 0xBF] + Array("Mã;Tên\n1;Đồng".utf8))
        #expect(try CSVReader.read(bom).rows == [["Mã", "Tên"], ["1", "Đồng"]])
        let utf16 = Data([0xFF, 0xFE]) + "Mã\tTên\n1\tĐồng\n".data(using: .utf16LittleEndian)!
        #expect(try CSVReader.read(utf16).rows == [["Mã", "Tên"], ["1", "Đồng"]])
        // Windows-1258 bytes ("Mã" as 0x4D 0xE3) are not UTF-8: refused, with the fix in the message.
        let error = Fixture.sheetsError { _ = try CSVReader.read(Data([0x4D, 0xE3, 0x2C, 0x31, 0x0A])) }
        #expect(error?.code == .unsupportedEncoding)
        #expect(error?.vi.contains("CSV UTF-8") == true)
    }

    @Test func delimiterDetection() throws {
        #expect(CSVReader.detectDelimiter(Data("Tên cơ sở;Địa chỉ (số nhà, đường);Mã\n".utf8)) == .semicolon)
        #expect(CSVReader.detectDelimiter(Data("a,b,c\n1;2;3;4;5\n".utf8)) == .comma, "only the first record counts")
        #expect(CSVReader.detectDelimiter(Data("\"a;b;c\",d,e\n".utf8)) == .comma, "quoted delimiters do not count")
        #expect(CSVReader.detectDelimiter(Data("a\tb\n".utf8)) == .tab)
        #expect(CSVReader.detectDelimiter(Data("một cột\n".utf8)) == .comma)
        #expect(try read("Tên;Diện tích\nLúa;1,5\n") == [["Tên", "Diện tích"], ["Lúa", "1,5"]])
        #expect(try read("sep=;\na,b;c\n") == [["a,b", "c"]], "Excel's sep= line names the delimiter")
        #expect(try read("a;b,c\n", delimiter: .comma) == [["a;b", "c"]])
    }

    @Test func unterminatedQuoteIsAnError() {
        let error = Fixture.sheetsError { _ = try CSVReader.read(Data("a,b\n1,\"2\n3,4\n".utf8)) }
        #expect(error?.code == .malformedCSV)
        #expect(error?.en.contains("line 2") == true)
    }

    @Test func limits() {
        let many = Data(String(repeating: "x\n", count: 11).utf8)
        #expect(Fixture.sheetsError { _ = try CSVReader.read(many, limits: SheetLimits(maxRows: 10)) }?.code == .limitExceeded)
        let wide = Data(String(repeating: "x,", count: 20).utf8)
        #expect(Fixture.sheetsError { _ = try CSVReader.read(wide, limits: SheetLimits(maxColumns: 10)) }?.code == .limitExceeded)
        #expect(Fixture.sheetsError { _ = try CSVReader.read(wide, limits: SheetLimits(maxUncompressedBytes: 10)) }?.code == .limitExceeded)
    }

    @Test func writerAddsBOMQuotesAndCRLF() {
        let data = CSVWriter().write(textRows: [["Tên", "Ghi chú"], ["Hợp tác xã \"Tân Phú\"", "a,b"], ["dòng 1\ndòng 2", " lề "]])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self)
            == "Tên,Ghi chú\r\n\"Hợp tác xã \"\"Tân Phú\"\"\",\"a,b\"\r\n\"dòng 1\ndòng 2\",\" lề \"\r\n")
        let plain = CSVWriter(delimiter: .semicolon, byteOrderMark: false).write(textRows: [["a;b", "c,d"]])
        #expect(String(decoding: plain, as: UTF8.self) == "\"a;b\";\"c,d\"\r\n")
    }

    @Test func writerDefusesFormulas() {
        let rows: [[Cell]] = [["=1+1", "+84 912", "-5 kg", "@SUM(A1)", "\t=x", "an toàn", .number(-5), .date(Fixture.utc(2024, 3, 15)), .bool(true)]]
        let text = String(decoding: CSVWriter(byteOrderMark: false).write(rows: rows), as: UTF8.self)
        #expect(text == "'=1+1,'+84 912,'-5 kg,'@SUM(A1),\"'\t=x\",an toàn,-5,2024-03-15,TRUE\r\n")
        // A field holding another separator is quoted whole, so a reader splitting on ";" (Excel
        // on a Vietnamese Windows) never starts a cell with the "=" inside it.
        let semicolon = String(decoding: CSVWriter(byteOrderMark: false).write(textRows: [["HTX;=cmd|' /C calc'!A0", "a\t=1"]]), as: UTF8.self)
        #expect(semicolon == "\"HTX;=cmd|' /C calc'!A0\",\"a\t=1\"\r\n")
        let raw = String(decoding: CSVWriter(byteOrderMark: false, protectsFormulas: false).write(textRows: [["=1+1"]]), as: UTF8.self)
        #expect(raw == "=1+1\r\n")
    }

    @Test func writerThenReaderRoundTrip() throws {
        let rows: [[Cell]] = [["Mã", "Tên", "Ghi chú"], ["1", "Đồng Tháp", "có \"ngoặc\", dấu phẩy\nvà xuống dòng"], [], ["", "b"]]
        for delimiter in CSVDelimiter.allCases {
            let data = CSVWriter(delimiter: delimiter).write(rows: rows)
            #expect(CSVReader.detectDelimiter(data) == delimiter)
            #expect(try CSVReader.read(data).rows == [["Mã", "Tên", "Ghi chú"], ["1", "Đồng Tháp", "có \"ngoặc\", dấu phẩy\nvà xuống dòng"], [], [.empty, "b"]])
        }
    }
}
