import Foundation
import Testing
import ZIPFoundation
@testable import Sheets

/// Hand-built workbooks: XML strings zipped with ZIPFoundation, laid out as Excel lays them out
/// unless a test asks otherwise.
enum Fixture {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func zip(_ parts: [(String, String)], method: CompressionMethod = .deflate) throws -> Data {
        try zip(parts.map { ($0.0, Data($0.1.utf8)) }, method: method)
    }

    static func zip(_ parts: [(String, Data)], method: CompressionMethod = .deflate) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: method, bufferSize: 64 * 1024) { position, size in
                let start = Int(position)
                return data.subdata(in: start..<min(start + size, data.count))
            }
        }
        return archive.data!
    }

    /// A worksheet part around the given `<sheetData>` content.
    static func worksheet(_ rows: String, prefix: String = "", namespace: String = main) -> String {
        let p = prefix.isEmpty ? "" : "\(prefix):"
        let ns = prefix.isEmpty ? "xmlns=\"\(namespace)\"" : "xmlns:\(prefix)=\"\(namespace)\""
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<\(p)worksheet \(ns)><\(p)sheetData>\(rows)</\(p)sheetData></\(p)worksheet>"
    }

    /// `<si>` items wrapped as a shared string table.
    static func sharedStrings(_ items: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\">\(items)</sst>"
    }

    /// A styles part with these custom formats and one `<xf>` per numFmtId, in order.
    static func styles(formats: [(Int, String)] = [], cellFormats: [Int]) -> String {
        let numFmts = formats.isEmpty ? "" : "<numFmts count=\"\(formats.count)\">"
            + formats.map { "<numFmt numFmtId=\"\($0.0)\" formatCode=\"\(xmlEscape($0.1))\"/>" }.joined() + "</numFmts>"
        let xfs = cellFormats.map { "<xf numFmtId=\"\($0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" }.joined()
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(main)\">\(numFmts)<cellXfs count=\"\(cellFormats.count)\">\(xfs)</cellXfs></styleSheet>"
    }

    static func xmlEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    /// A complete workbook: sheets named and in order, optional shared strings and styles.
    static func workbook(_ sheets: [(name: String, xml: String)], sharedStrings: String? = nil, styles: String? = nil,
                         workbookProperties: String = "") throws -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"),
            ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ]
        var sheetList = ""
        var rels = ""
        for (k, sheet) in sheets.enumerated() {
            sheetList += "<sheet name=\"\(xmlEscape(sheet.name))\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>"
            rels += "<Relationship Id=\"rId\(k + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\(k + 1).xml\"/>"
            parts.append(("xl/worksheets/sheet\(k + 1).xml", sheet.xml))
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rId100\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            parts.append(("xl/sharedStrings.xml", sharedStrings))
        }
        if let styles {
            rels += "<Relationship Id=\"rId101\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
            parts.append(("xl/styles.xml", styles))
        }
        parts.append(("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\">\(workbookProperties)<sheets>\(sheetList)</sheets></workbook>"))
        parts.append(("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"))
        return try zip(parts)
    }

    /// One sheet, no styles.
    static func sheet(_ rows: String, sharedStrings: String? = nil, styles: String? = nil) throws -> Data {
        try workbook([("Sheet1", worksheet(rows))], sharedStrings: sharedStrings, styles: styles)
    }

    /// The text of one part of a zip.
    static func part(_ name: String, of data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive[name])
        var out = Data()
        _ = try archive.extract(entry) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// An instant from UTC wall-clock fields.
    static func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Date {
        let days = SheetDate.days(fromCivil: y, m, d)
        return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3600 + mi * 60 + s))
    }

    /// The error a throwing call gives, failing the test if it gives none or another type.
    static func sheetsError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> SheetsError? {
        do {
            try body()
            Issue.record("expected a SheetsError, but nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as SheetsError {
            #expect(!error.vi.isEmpty && !error.en.isEmpty, sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected a SheetsError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}
