import Foundation
import Testing
import ZIPFoundation
@testable import Sheets

/// Files made to hurt: each is refused with a SheetsError, quickly, never a crash or a hang.
@Suite struct XLSXReaderHostileTests {
    func refusal(_ data: Data, limits: SheetLimits = .default, sourceLocation: SourceLocation = #_sourceLocation) -> SheetsError? {
        Fixture.sheetsError(sourceLocation: sourceLocation) { _ = try XLSXReader(data: data, limits: limits).workbook() }
    }

    @Test func notAZip() {
        #expect(refusal(Data())?.code == .notXLSX)
        #expect(refusal(Data("Tên,Mã\nA,1\n".utf8))?.code == .notXLSX)
        #expect(refusal(Data(repeating: 0x50, count: 100_000))?.code == .notXLSX)
        let xls = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        let error = refusal(xls)
        #expect(error?.code == .unsupported)
        #expect(error?.vi.contains(".xls") == true)
    }

    @Test func aZipWithoutAWorkbook() throws {
        let data = try Fixture.zip([("word/document.xml", "<document/>"), ("[Content_Types].xml", "<Types/>")])
        let error = refusal(data)
        #expect(error?.code == .notXLSX)
        #expect(error?.en.contains("xl/workbook.xml") == true)
    }

    @Test func aWorkbookNamingAMissingSheet() throws {
        let data = try Fixture.zip([
            ("xl/workbook.xml", "<workbook xmlns=\"\(Fixture.main)\" xmlns:r=\"\(Fixture.rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId9\"/></sheets></workbook>"),
        ])
        #expect(refusal(data)?.code == .missingPart)
        let gone = try Fixture.zip([
            ("xl/workbook.xml", "<workbook xmlns=\"\(Fixture.main)\" xmlns:r=\"\(Fixture.rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Fixture.rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
        ])
        #expect(refusal(gone)?.code == .missingPart)
    }

    @Test(arguments: [
        "<row r=\"1\"><c r=\"A1\"><v>1</v></row>",                  // </row> closes <c>
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c>",                     // ends inside <row>
        "<row r=\"1\"><c r=\"A1\" t=\"s><v>1</v></c></row>",         // unclosed quote
        "<row r=\"1\"><c r=\"A1\"><v>&bogus;</v></c></row>",        // undefined entity
        "<row r=\"1\"><c r=\"A1\"><v>abc</v></c></row>",             // not a number
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>",       // no shared string 7
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><!-- open",      // unterminated comment
        "<row r=\"1\"><c r=\"A1\"><v><![CDATA[1</v></c></row>",      // unterminated CDATA
        "<row r=\"5\"><c r=\"A5\"><v>1</v></c></row><row r=\"5\"><c r=\"A5\"><v>1</v></c></row>",  // one row twice: a tiny file, endless rows
    ])
    func malformedWorksheets(_ rows: String) throws {
        #expect(refusal(try Fixture.sheet(rows))?.code == .malformedXML)
    }

    @Test func malformedWorkbookAndDoctype() throws {
        let broken = try Fixture.zip([("xl/workbook.xml", "<workbook><sheets></workbook>")])
        #expect(refusal(broken)?.code == .malformedXML)
        let entity = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY lol \"lol\">]>"
        let withDTD = try Fixture.workbook([("S", entity + "<worksheet xmlns=\"\(Fixture.main)\"><sheetData/></worksheet>")])
        #expect(refusal(withDTD)?.code == .malformedXML)
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(refusal(try Fixture.workbook([("S", "<worksheet>\(deep)</worksheet>")]))?.code == .malformedXML)
    }

    @Test func cellReferencesPastTheSheet() throws {
        for ref in ["ZZZZZZ999999999", "XFE1", "A1048577", "A0", "1A", "A1B", String(repeating: "Z", count: 5000) + "1"] {
            let error = refusal(try Fixture.sheet("<row r=\"1\"><c r=\"\(ref)\"><v>1</v></c></row>"))
            #expect(error?.code == .invalidCellReference, "\(ref.prefix(20))")
        }
        #expect(refusal(try Fixture.sheet("<row r=\"99999999999999999999\"><c><v>1</v></c></row>"))?.code == .invalidCellReference)
        #expect(refusal(try Fixture.sheet("<row r=\"1048577\"><c><v>1</v></c></row>"))?.code == .invalidCellReference)
        // Within the format but past the caller's limits.
        let narrow = SheetLimits(maxRows: 10, maxColumns: 3)
        #expect(refusal(try Fixture.sheet("<row r=\"11\"><c r=\"A11\"><v>1</v></c></row>"), limits: narrow)?.code == .limitExceeded)
        #expect(refusal(try Fixture.sheet("<row r=\"1\"><c r=\"D1\"><v>1</v></c></row>"), limits: narrow)?.code == .limitExceeded)
        let fewCells = SheetLimits(maxCells: 100)
        let wide = try Fixture.sheet((1...5).map { "<row r=\"\($0)\"><c r=\"Z\($0)\"><v>1</v></c></row>" }.joined())
        #expect(refusal(wide, limits: fewCells)?.code == .limitExceeded, "5 rows × 26 cells counts the gaps")
    }

    @Test func pathTraversalEntries() throws {
        for name in ["../evil.xml", "xl/../../evil.xml", "/etc/passwd", "C:/Windows/evil.xml", "xl\\..\\evil.xml"] {
            var parts: [(String, String)] = [("xl/workbook.xml", "<workbook/>")]
            parts.append((name, "x"))
            let error = refusal(try Fixture.zip(parts))
            #expect(error?.code == .unsafePath, "\(name)")
        }
        let rels = try Fixture.zip([
            ("xl/workbook.xml", "<workbook xmlns=\"\(Fixture.main)\" xmlns:r=\"\(Fixture.rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Fixture.rel)/worksheet\" Target=\"../../../etc/passwd\"/></Relationships>"),
        ])
        #expect(refusal(rels)?.code == .unsafePath)
    }

    /// 210 MB of spaces deflate to about 200 KB; the declared size alone is refused.
    @Test func aBombOverTheLimit() throws {
        let filler = Data(repeating: 0x20, count: 210 * 1_048_576)
        var sheet = Data(Fixture.worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").utf8)
        sheet.insert(contentsOf: filler, at: sheet.count - "</worksheet>".utf8.count)
        let parts: [(String, Data)] = [
            ("xl/workbook.xml", Data("<workbook xmlns=\"\(Fixture.main)\" xmlns:r=\"\(Fixture.rel)\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
            ("xl/_rels/workbook.xml.rels", Data("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Fixture.rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        let data = try Fixture.zip(parts)
        #expect(data.count < 2_000_000)
        let error = refusal(data)
        #expect(error?.code == .limitExceeded)
        #expect(error?.en.contains("200 MB") == true, "the message names the limit: \(error?.en ?? "")")
        #expect(error?.vi.contains("200 MB") == true)
    }

    /// A part that declares a small size but inflates to much more is stopped at the declared size.
    @Test func aPartThatLiesAboutItsSize() throws {
        var data = try Fixture.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + String(repeating: " ", count: 100_000))
        try patchDeclaredSize(of: "xl/worksheets/sheet1.xml", in: &data, to: 1000)
        #expect(refusal(data)?.code == .corrupt)
    }

    /// ZIPFoundation's own extract never returns on this input (a deflate stream that is not
    /// finished when the entry ends); the reader's bounded provider refuses it.
    @Test(.timeLimit(.minutes(1))) func aTruncatedDeflateStreamDoesNotHang() throws {
        var data = try Fixture.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
        let (start, size) = try dataRange(of: "xl/worksheets/sheet1.xml", in: data)
        // A stored, non-final deflate block promising 65,535 bytes, then nothing.
        let payload: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00] + [UInt8](repeating: 0x41, count: max(0, size - 5))
        data.replaceSubrange(start..<(start + size), with: payload.prefix(size))
        let error = refusal(data)
        #expect(error?.code == .corrupt)
    }

    @Test func aDamagedChecksum() throws {
        var data = try Fixture.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")
        let cd = try centralDirectoryRecord(of: "xl/worksheets/sheet1.xml", in: data)
        data[cd + 16] ^= 0xFF
        #expect(refusal(data)?.code == .corrupt)
    }

    @Test func truncatedFiles() throws {
        let data = try XLSXWriter().write(XLSXRoundTripTests.registry)
        for cut in stride(from: 0, to: data.count, by: max(1, data.count / 40)) {
            let error = refusal(data.prefix(cut))
            #expect(error != nil)
        }
    }

    /// Random damage to a real file: every outcome is a value or a SheetsError.
    @Test func randomlyDamagedFiles() throws {
        let original = try XLSXWriter().write(XLSXRoundTripTests.registry)
        var generator = SplitMix(seed: 8)
        for _ in 0..<300 {
            var data = original
            for _ in 0..<(1 + Int(generator.next() % 8)) {
                let k = Int(generator.next() % UInt64(data.count))
                data[k] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try XLSXReader(data: data).workbook()
            } catch is SheetsError {
            } catch {
                Issue.record("not a SheetsError: \(error)")
            }
        }
    }

    /// Damage inside the worksheet XML itself (stored, so the bytes land in the XML).
    @Test func randomlyDamagedWorksheetXML() throws {
        let xml = Array(Fixture.worksheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>45366</v></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x&amp;y</t></is></c></row>").utf8)
        var generator = SplitMix(seed: 3)
        let punctuation: [UInt8] = Array("<>/\"'=&;![]-?:x0 ".utf8)
        for _ in 0..<500 {
            var bytes = xml
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let k = Int(generator.next() % UInt64(bytes.count))
                bytes[k] = punctuation[Int(generator.next() % UInt64(punctuation.count))]
            }
            let data = try Fixture.workbook([("S", String(decoding: bytes, as: UTF8.self))],
                                            sharedStrings: Fixture.sharedStrings("<si><t>a</t></si>"),
                                            styles: Fixture.styles(cellFormats: [0, 14]))
            do {
                _ = try XLSXReader(data: data).workbook()
            } catch is SheetsError {
            } catch {
                Issue.record("not a SheetsError: \(error)")
            }
        }
    }

    // MARK: - Zip surgery

    /// Offset of the central directory record of an entry.
    func centralDirectoryRecord(of name: String, in data: Data) throws -> Int {
        let bytes = [UInt8](data)
        let nameBytes = Array(name.utf8)
        var k = 0
        while k + 46 < bytes.count {
            if bytes[k] == 0x50, bytes[k + 1] == 0x4B, bytes[k + 2] == 0x01, bytes[k + 3] == 0x02 {
                let length = Int(bytes[k + 28]) | Int(bytes[k + 29]) << 8
                if Array(bytes[(k + 46)..<(k + 46 + length)]) == nameBytes { return k }
            }
            k += 1
        }
        throw SheetsError(.missingPart, vi: name, en: name)
    }

    func patchDeclaredSize(of name: String, in data: inout Data, to size: UInt32) throws {
        let cd = try centralDirectoryRecord(of: name, in: data)
        for j in 0..<4 { data[cd + 24 + j] = UInt8(truncatingIfNeeded: size >> (8 * j)) }
    }

    /// Where an entry's compressed bytes are.
    func dataRange(of name: String, in data: Data) throws -> (start: Int, size: Int) {
        guard let cd = try? centralDirectoryRecord(of: name, in: data) else { return (0, 0) }
        let b = [UInt8](data)
        func u16(_ k: Int) -> Int { Int(b[k]) | Int(b[k + 1]) << 8 }
        func u32(_ k: Int) -> Int { u16(k) | u16(k + 2) << 16 }
        let local = u32(cd + 42)
        return (local + 30 + u16(local + 26) + u16(local + 28), u32(cd + 20))
    }
}

/// A small deterministic generator, so a failing case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
