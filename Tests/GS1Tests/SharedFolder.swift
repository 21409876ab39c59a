import Foundation

/// Locates the project's `shared/` folder (conformance vectors, syntax dictionary):
/// `$NGUON_SHARED` if set, else `<package root>/../shared` with the root three levels above this file.
enum SharedFolder {
    static let url: URL? = {
        if let env = ProcessInfo.processInfo.environment["NGUON_SHARED"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// The file at `relative` inside shared/, or nil (after printing why) when it is missing.
    static func file(_ relative: String) -> URL? {
        guard let base = url else { return nil }
        let f = base.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: f.path) { return f }
        print("SKIP: \(f.path) not found; set NGUON_SHARED to the shared/ folder to run these tests")
        return nil
    }

    static func has(_ relative: String) -> Bool { file(relative) != nil }

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

    /// TSV rows as dictionaries keyed by the header line's column names, fields C-unescaped.
    static func rows(_ relative: String) throws -> [[String: String]] {
        guard let f = file(relative) else { return [] }
        let text = try String(contentsOf: f, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (i, name) in header.enumerated() { row[name] = i < cols.count ? cUnescape(cols[i]) : "" }
            return row
        }
    }
}
