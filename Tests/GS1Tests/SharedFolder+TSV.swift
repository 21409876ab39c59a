import Foundation
import TestSupport

/// The Digital Link and AI vectors are TSV files extracted from C tests.
extension SharedFolder {
    /// Undoes C string-literal escaping (backslash + character), which the vectors keep from
    /// the C tests they were extracted from: a file field (10)12345\\( is the input (10)12345\(.
    static func cUnescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaping = false
        for ch in s {
            if escaping { out.append(ch); escaping = false }
            else if ch == "\\" { escaping = true }
            else { out.append(ch) }
        }
        if escaping { out.append("\\") }
        return out
    }

    struct MissingVectors: Error, CustomStringConvertible {
        let relative: String
        var description: String { "shared/\(relative) is missing or has no rows" }
    }

    /// TSV rows as dictionaries keyed by the header line's column names, fields C-unescaped.
    /// Throws when the file is absent or empty, so a test over its rows cannot pass having
    /// checked none (the suites are skipped, visibly, when the whole folder is absent).
    static func rows(_ relative: String) throws -> [[String: String]] {
        guard let f = file(relative) else { throw MissingVectors(relative: relative) }
        let text = try String(contentsOf: f, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        guard lines.count > 1, let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else {
            throw MissingVectors(relative: relative)
        }
        return lines.dropFirst().map { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (i, name) in header.enumerated() { row[name] = i < cols.count ? cUnescape(cols[i]) : "" }
            return row
        }
    }
}
