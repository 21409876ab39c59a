/// Why a spreadsheet could not be read or written, in Vietnamese for the person who made the
/// file and in English for logs. `code` is stable for programs; the texts may be reworded.
/// (App has its own localised text type; this library stays independent of it.)
public struct SheetsError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// Not a zip archive, or not an XLSX workbook inside one.
        case notXLSX
        /// The zip is damaged: bad offsets, a checksum mismatch, data that does not inflate.
        case corrupt
        /// A zip entry whose name could escape a folder ("../", "/etc", "C:").
        case unsafePath
        /// Encrypted or password-protected workbooks, unknown compression, multi-disk zips.
        case unsupported
        /// A part the workbook names (a worksheet, the workbook itself) is not in the file.
        case missingPart
        /// A part is not well-formed XML, or not the SpreadsheetML it should be.
        case malformedXML
        /// A cell reference such as "ZZZZZZ999999999" that is not a cell of the format.
        case invalidCellReference
        /// The file is larger, longer or wider than the reader allows (see `SheetLimits`).
        case limitExceeded
        /// A CSV file that cannot be split into records (an unterminated quote).
        case malformedCSV
        /// Text in an encoding other than UTF-8 / UTF-16 with a byte order mark.
        case unsupportedEncoding
        /// A sheet name or sheet index the workbook does not have, or a name Excel refuses.
        case invalidSheet
    }

    public var code: Code
    /// Vietnamese, for the person who uploaded or will open the file.
    public var vi: String
    /// English, for logs and developers.
    public var en: String

    public init(_ code: Code, vi: String, en: String) {
        self.code = code
        self.vi = vi
        self.en = en
    }

    public var description: String { "\(code.rawValue): \(en)" }
}

extension SheetsError {
    static func limit(vi: String, en: String) -> SheetsError { SheetsError(.limitExceeded, vi: vi, en: en) }

    static func malformed(part: String, _ detail: String) -> SheetsError {
        SheetsError(.malformedXML,
                    vi: "Tệp bị lỗi: phần \(part) không phải XML hợp lệ (\(detail)).",
                    en: "The file is damaged: part \(part) is not well-formed XML (\(detail)).")
    }

    static func corrupt(_ detail: String) -> SheetsError {
        SheetsError(.corrupt,
                    vi: "Tệp XLSX bị hỏng (\(detail)). Hãy mở và lưu lại bằng Excel hoặc LibreOffice.",
                    en: "The XLSX file is damaged (\(detail)). Open and save it again in Excel or LibreOffice.")
    }

    static func missingPart(_ part: String) -> SheetsError {
        SheetsError(.missingPart,
                    vi: "Tệp XLSX thiếu phần \(part).",
                    en: "The XLSX file has no part \(part).")
    }

    /// Megabytes with one decimal, for limits named in messages.
    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return tenths % 10 == 0 ? "\(tenths / 10) MB" : "\(tenths / 10).\(tenths % 10) MB"
    }
}
