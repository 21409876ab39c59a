import Foundation
import Testing
@testable import Sheets

/// Workbooks built by hand the way Excel, LibreOffice and Google Sheets write them.
@Suite struct XLSXReaderFixtureTests {
    @Test func sharedStringsWithRichTextPhoneticsAndEscapes() throws {
        let strings = Fixture.sharedStrings("""
            <si><t>Tên cơ sở</t></si>
            <si><r><rPr><b/></rPr><t>Hợp tác xã </t></r><r><t xml:space="preserve">Tân Phú  </t></r></si>
            <si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>
            <si><t>dòng 1_x000D__x000A_dòng 2 &amp; &lt;3 &#x1EA0;</t></si>
            <si><t><![CDATA[<b>thô</b>]]></t></si>
            <si><t/></si>
            <si><t>_x005F_x0041_ và _xD83D__xDE00_</t></si>
            """)
        let rows = (0...6).map { "<row r=\"\($0 + 1)\"><c r=\"A\($0 + 1)\" t=\"s\"><v>\($0)</v></c></row>" }.joined()
        let sheet = try XLSXReader(data: try Fixture.sheet(rows, sharedStrings: strings)).sheet(at: 0)
        #expect(sheet.rows == [
            ["Tên cơ sở"], ["Hợp tác xã Tân Phú  "], ["漢字"], ["dòng 1\r\ndòng 2 & <3 Ạ"], ["<b>thô</b>"], [], ["_x0041_ và 😀"],
        ])
    }

    @Test func skippedCellsAndRowsAndMissingReferences() throws {
        let rows = """
            <row r="2" spans="1:5"><c r="B2"><v>1</v></c><c r="E2"><v>2</v></c></row>
            <row r="5"><c r="C5" s="0"/><c r="D5"><v>3</v></c></row>
            <row><c><v>4</v></c><c><v>5</v></c><c r="e7"><v>6</v></c><c><v>7</v></c></row>
            <row r="9" ht="30" customHeight="1"/>
            """
        let sheet = try XLSXReader(data: try Fixture.sheet(rows)).sheet(at: 0)
        #expect(sheet.rows == [
            [],
            [.empty, 1, .empty, .empty, 2],
            [], [],
            [.empty, .empty, .empty, 3],
            [4, 5, .empty, .empty, 6, 7],
        ])
        var numbers: [Int] = []
        try XLSXReader(data: try Fixture.sheet(rows)).forEachRow(inSheet: 0) { numbers.append($0.number) }
        #expect(numbers == [2, 5, 6], "empty rows are not streamed; a row without r follows the previous one")
    }

    @Test func inlineStringsBooleansErrorsAndFormulaResults() throws {
        let rows = """
            <row r="1">
              <c r="A1" t="inlineStr"><is><t>Nội tuyến</t></is></c>
              <c r="B1" t="inlineStr"><is><r><t>Giàu </t></r><r><rPr><i/></rPr><t>định dạng</t></r></is></c>
              <c r="C1" t="b"><v>1</v></c>
              <c r="D1" t="b"><v>0</v></c>
              <c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
              <c r="F1" t="str"><f>A1&amp;"!"</f><v>Nội tuyến!</v></c>
              <c r="G1"><f>2*3</f><v>6</v></c>
              <c r="H1" t="n"><v>-1.5E-3</v></c>
              <c r="I1" t="str"><f>""</f><v></v></c>
              <c r="J1" t="d"><v>2024-03-15T10:20:30Z</v></c>
            </row>
            """
        let sheet = try XLSXReader(data: try Fixture.sheet(rows)).sheet(at: 0)
        #expect(sheet.rows == [[
            "Nội tuyến", "Giàu định dạng", .bool(true), .bool(false), .error("#DIV/0!"), "Nội tuyến!", 6, -0.0015,
            .empty, .date(Fixture.utc(2024, 3, 15, 10, 20, 30)),
        ]])
    }

    @Test func datesByBuiltInAndCustomFormats() throws {
        let styles = Fixture.styles(
            formats: [(164, "dd/mm/yyyy"), (165, "[$-42A]d mmmm yyyy;@"), (166, "#,##0.00 \"đ/kg\""), (167, "h:mm"),
                      (168, "\"ngày\" 0"), (169, "[Red]mm:ss"), (170, "yyyy\\-mm\\-dd hh:mm")],
            cellFormats: [0, 14, 22, 164, 165, 166, 167, 168, 169, 170, 2])
        let values = ["45366", "45366.5", "45366.75", "45366", "45366", "45366", "0.5", "45366", "45366", "45366.25", "45366"]
        let cells = values.enumerated().map { "<c r=\"\(CellReference.columnName($0.offset + 1))1\" s=\"\($0.offset)\"><v>\($0.element)</v></c>" }
        let sheet = try XLSXReader(data: try Fixture.sheet("<row r=\"1\">\(cells.joined())</row>", styles: styles)).sheet(at: 0)
        #expect(sheet.rows == [[
            45366, .date(Fixture.utc(2024, 3, 15, 12)), .date(Fixture.utc(2024, 3, 15, 18)),
            .date(Fixture.utc(2024, 3, 15)), .date(Fixture.utc(2024, 3, 15)), 45366, 0.5, 45366, 45366,
            .date(Fixture.utc(2024, 3, 15, 6)), 45366,
        ]])
    }

    @Test func theFictitiousLeapDayAndThe1904System() throws {
        let styles = Fixture.styles(cellFormats: [14])
        let rows = "<row r=\"1\"><c r=\"A1\" s=\"0\"><v>1</v></c><c r=\"B1\" s=\"0\"><v>59</v></c><c r=\"C1\" s=\"0\"><v>61</v></c><c r=\"D1\" s=\"0\"><v>0</v></c></row>"
        let sheet = try XLSXReader(data: try Fixture.sheet(rows, styles: styles)).sheet(at: 0)
        #expect(sheet.rows == [[.date(Fixture.utc(1900, 1, 1)), .date(Fixture.utc(1900, 2, 28)), .date(Fixture.utc(1900, 3, 1)), 0]])

        let mac = try Fixture.workbook([("S", Fixture.worksheet("<row r=\"1\"><c r=\"A1\" s=\"0\"><v>0</v></c><c r=\"B1\" s=\"0\"><v>43904</v></c></row>"))],
                                       styles: styles, workbookProperties: "<workbookPr date1904=\"1\"/>")
        #expect(try XLSXReader(data: mac).sheet(at: 0).rows == [[.date(Fixture.utc(1904, 1, 1)), .date(Fixture.utc(2024, 3, 15))]])
    }

    @Test func prefixedStrictWorksheetsAndAbsoluteTargets() throws {
        let strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let strictRel = "http://purl.oclc.org/ooxml/officeDocument/relationships"
        let sheet = Fixture.worksheet("<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>chặt</x:t></x:is></x:c><x:c r=\"B1\"><x:v>2</x:v></x:c></x:row>",
                                      prefix: "x", namespace: strict)
        let data = try Fixture.zip([
            ("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r\" Type=\"\(strictRel)/officeDocument\" Target=\"/xl/book.xml\"/></Relationships>"),
            ("xl/book.xml", "<workbook xmlns=\"\(strict)\" xmlns:r=\"\(strictRel)\"><sheets><sheet name=\"B\" sheetId=\"2\" r:id=\"rB\"/><sheet name=\"Biểu đồ\" sheetId=\"3\" r:id=\"rC\"/><sheet name=\"A\" sheetId=\"1\" r:id=\"rA\"/></sheets></workbook>"),
            ("xl/_rels/book.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rA\" Type=\"\(strictRel)/worksheet\" Target=\"/xl/worksheets/a.xml\"/><Relationship Id=\"rB\" Type=\"\(strictRel)/worksheet\" Target=\"./worksheets/../worksheets/b.xml\"/><Relationship Id=\"rC\" Type=\"\(strictRel)/chartsheet\" Target=\"chartsheets/c.xml\"/></Relationships>"),
            ("xl/worksheets/a.xml", sheet),
            ("xl/worksheets/b.xml", Fixture.worksheet("<row r=\"3\"><c r=\"C3\"><v>3</v></c></row>")),
        ])
        let reader = try XLSXReader(data: data)
        #expect(reader.sheetNames == ["B", "A"], "tab order, chart sheets left out")
        #expect(try reader.sheet(named: "a").rows == [["chặt", 2]])
        #expect(try reader.sheet(at: 0).rows == [[], [], [.empty, .empty, 3]])
    }

    @Test func storedEntriesAndCaseInsensitivePartNames() throws {
        let data = try Fixture.zip([
            ("XL/Workbook.xml", "<workbook xmlns=\"\(Fixture.main)\" xmlns:r=\"\(Fixture.rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Fixture.rel)/worksheet\" Target=\"worksheets/Sheet1.xml\"/></Relationships>"),
            ("xl/worksheets/sheet1.xml", Fixture.worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")),
        ], method: .none)
        #expect(try XLSXReader.read(data).sheets == [Sheet(name: "S", rows: [[1]])])
    }
}
