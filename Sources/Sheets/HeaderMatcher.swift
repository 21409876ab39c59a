import Foundation

/// A column an import expects, with the header spellings people actually type for it.
public struct HeaderField: Hashable, Sendable {
    /// The program's name for the field ("facilityName").
    public var key: String
    /// Accepted headers ("Tên cơ sở", "Tên cơ sở sản xuất"); the first is the one to show.
    public var headers: [String]
    public var isRequired: Bool

    public init(_ key: String, headers: [String], required: Bool = true) {
        self.key = key
        self.headers = headers
        self.isRequired = required
    }
}

/// Where each field's column is, and what is wrong with the header row.
public struct HeaderMatch: Hashable, Sendable {
    /// 0-based column of each field found, by key.
    public var columns: [String: Int]
    /// Required fields with no column, in the order they were given.
    public var missing: [HeaderField]
    /// Fields found in more than one column: the first column is used, the later ones are listed.
    public var duplicates: [String: [Int]]
    /// Non-empty header columns that matched no field.
    public var unmatched: [Int]

    public subscript(key: String) -> Int? { columns[key] }
    /// Every required field was found.
    public var isComplete: Bool { missing.isEmpty }
}

/// Finds columns by their headers as people write them: without regard to case, accents
/// (Vietnamese tone and vowel marks, and đ read as d), spacing or punctuation, so "Tên cơ sở",
/// "TEN CO SO" and "Tên  cơ sở (*)" are one header.
public enum HeaderMatcher {
    public static func match(_ header: [String], fields: [HeaderField]) -> HeaderMatch {
        var fieldBySpelling: [String: Int] = [:]
        for (f, field) in fields.enumerated() {
            for spelling in field.headers {
                let key = normalize(spelling)
                if !key.isEmpty, fieldBySpelling[key] == nil { fieldBySpelling[key] = f }
            }
        }
        var result = HeaderMatch(columns: [:], missing: [], duplicates: [:], unmatched: [])
        for (column, text) in header.enumerated() {
            let key = normalize(text)
            guard !key.isEmpty else { continue }
            guard let f = fieldBySpelling[key] else { result.unmatched.append(column); continue }
            let fieldKey = fields[f].key
            if result.columns[fieldKey] == nil {
                result.columns[fieldKey] = column
            } else {
                result.duplicates[fieldKey, default: []].append(column)
            }
        }
        result.missing = fields.filter { $0.isRequired && result.columns[$0.key] == nil }
        return result
    }

    /// As `match(_:fields:)` for a header row read from a sheet.
    public static func match(_ header: [Cell], fields: [HeaderField]) -> HeaderMatch {
        match(header.map(\.text), fields: fields)
    }

    /// The comparable form of a header: lower case, accents removed (đ → d), every run of
    /// characters that are not letters or digits one space, trimmed. "Tên  cơ sở (*)" → "ten co so".
    public static func normalize(_ text: String) -> String {
        var out: [Unicode.Scalar] = []
        var pendingSpace = false
        // No header is this long; a cell that is gets read no further (a megabyte of header
        // would otherwise cost the check minutes).
        let head = text.unicodeScalars.prefix(maxHeaderScalars)
        // Canonical decomposition splits "ộ" into "o" and its marks, which are then dropped.
        for scalar in String(String.UnicodeScalarView(head)).decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar == "đ" || scalar == "Đ" {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append("d")
                continue
            }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: out)
        return String(view)
    }

    /// Header text beyond this many characters is not compared.
    static let maxHeaderScalars = 200
}
