import Foundation
import XML
import ZIPFoundation

/// Writes a workbook as a minimal .xlsx that Excel, LibreOffice and Google Sheets open without
/// a repair prompt: content types, relationships, workbook, styles, shared strings and one part
/// per sheet, deflated.
///
/// Text is always written as text, never as a formula: a cell only becomes a formula through an
/// `<f>` element, which this writer never emits. Text that starts like a formula (= + - @) also
/// gets Excel's "quote prefix" style, so that someone who later edits the cell in Excel still
/// has text and not a formula (exports of lists people typed must not carry formula injection).
/// Control characters XML 1.0 cannot hold are removed; text longer than Excel's 32,767
/// characters per cell is cut there. Dates are written as date serials with a dd/mm/yyyy format
/// (with hh:mm:ss when they have a time of day), as wall-clock time in `timeZone`.
public struct XLSXWriter: Sendable {
    /// Make the first row of every sheet bold and freeze it, as a header.
    public var boldHeaderRow: Bool
    /// Zone whose wall-clock time date cells show (UTC unless chosen).
    public var timeZone: TimeZone

    public init(boldHeaderRow: Bool = true, timeZone: TimeZone = .gmt) {
        self.boldHeaderRow = boldHeaderRow
        self.timeZone = timeZone
    }

    /// The .xlsx bytes of a workbook with at least one sheet.
    public func write(_ workbook: Workbook) throws(SheetsError) -> Data {
        guard !workbook.sheets.isEmpty else {
            throw SheetsError(.invalidSheet, vi: "Tệp Excel cần ít nhất một trang tính.",
                              en: "A workbook needs at least one sheet.")
        }
        try Self.checkNames(workbook.sheets.map(\.name))
        var strings = SharedStringTable()
        var sheetParts: [[UInt8]] = []
        for (k, sheet) in workbook.sheets.enumerated() {
            sheetParts.append(try worksheet(sheet, selected: k == 0, strings: &strings))
        }
        // A workbook without text has no shared string table at all rather than an empty one.
        let hasStrings = !strings.isEmpty
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Self.contentTypes(sheetCount: sheetParts.count, sharedStrings: hasStrings)),
            ("_rels/.rels", Self.packageRelationships),
            ("xl/workbook.xml", Self.workbookPart(workbook.sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", Self.workbookRelationships(sheetCount: sheetParts.count, sharedStrings: hasStrings)),
            ("xl/styles.xml", Self.stylesPart),
        ]
        if hasStrings { parts.append(("xl/sharedStrings.xml", strings.part())) }
        for (k, part) in sheetParts.enumerated() { parts.append(("xl/worksheets/sheet\(k + 1).xml", part)) }
        return try Self.zip(parts)
    }

    /// The .xlsx bytes of a workbook holding one sheet.
    public func write(_ sheet: Sheet) throws(SheetsError) -> Data {
        try write(Workbook(sheets: [sheet]))
    }

    // MARK: - Sheet names

    /// Excel refuses names longer than 31 characters, with any of : \ / ? * [ ], starting or
    /// ending with an apostrophe, or equal to another sheet's ignoring case.
    static func checkNames(_ names: [String]) throws(SheetsError) {
        var seen: Set<String> = []
        for name in names {
            let forbidden = name.contains { ":\\/?*[]".contains($0) }
                || name.unicodeScalars.contains { !ExcelText.isXMLCharacter($0.value) || $0.value < 0x20 }
            guard !name.isEmpty, name.utf16.count <= 31, !forbidden, !name.hasPrefix("'"), !name.hasSuffix("'") else {
                throw SheetsError(.invalidSheet,
                                  vi: "Tên trang tính \"\(name)\" không hợp lệ: 1–31 ký tự, không chứa : \\ / ? * [ ] và không bắt đầu hay kết thúc bằng dấu '.",
                                  en: "Sheet name \"\(name)\" is not allowed: 1–31 characters, none of : \\ / ? * [ ], not starting or ending with '.")
            }
            guard seen.insert(name.lowercased()).inserted else {
                throw SheetsError(.invalidSheet, vi: "Hai trang tính cùng tên \"\(name)\".",
                                  en: "Two sheets are named \"\(name)\".")
            }
        }
    }

    // MARK: - Zip

    static func zip(_ parts: [(String, [UInt8])]) throws(SheetsError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for (name, bytes) in parts {
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count),
                                     compressionMethod: .deflate, bufferSize: 256 * 1024) { position, size in
                    let start = Int(position)
                    return Data(bytes[start..<min(start + size, bytes.count)])
                }
            }
            guard let data = archive.data else { throw SheetsError.corrupt("the archive has no data") }
            return data
        } catch {
            throw SheetsError(.corrupt, vi: "Không tạo được tệp XLSX (\(error)).",
                              en: "The XLSX file could not be written (\(error)).")
        }
    }
}
