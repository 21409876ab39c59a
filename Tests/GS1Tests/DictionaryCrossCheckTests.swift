import TestSupport
import Foundation
import Testing
@testable import GS1

/// Compares the built-in AI table with shared/conformance/gs1/gs1-syntax-dictionary.txt:
/// same AIs, titles, flags, components, linters, pair rules and Digital Link key qualifiers.
@Suite("AI table vs. GS1 Barcode Syntax Dictionary", .enabled(if: SharedFolder.has("conformance/gs1/gs1-syntax-dictionary.txt"), "needs shared/conformance/gs1/gs1-syntax-dictionary.txt (set NGUON_SHARED to the shared/ folder)"))
struct DictionaryCrossCheckTests {
    struct Entry { var flags = "", spec: [String] = [], req: [String] = [], ex: [String] = [], key: String?, title = "" }

    static func load() throws -> [String: Entry] {
        let f = try #require(SharedFolder.file("conformance/gs1/gs1-syntax-dictionary.txt"))
        var out: [String: Entry] = [:]
        for raw in try String(contentsOf: f, encoding: .utf8).split(separator: "\n") {
            guard let c = raw.first, c != "#" else { continue }
            var line = String(raw), title = ""
            if let hash = line.firstIndex(of: "#") {
                title = line[line.index(after: hash)...].trimmingCharacters(in: .whitespaces)
                line = String(line[..<hash])
            }
            var toks = line.split(separator: " ").map(String.init)
            let ais = toks.removeFirst()
            var e = Entry(title: title)
            if let f = toks.first, f.allSatisfy({ "*?".contains($0) }) { e.flags = toks.removeFirst() }
            for t in toks {
                if t.hasPrefix("req=") { e.req.append(String(t.dropFirst(4))) }
                else if t.hasPrefix("ex=") { e.ex += t.dropFirst(3).split(separator: ",").map(String.init) }
                else if t.hasPrefix("dlpkey") { e.key = t.hasPrefix("dlpkey=") ? String(t.dropFirst(7)) : "" }
                else { e.spec.append(t) }
            }
            let bounds = ais.split(separator: "-").map(String.init)
            let width = bounds[0].count
            for n in Int(bounds[0])!...Int(bounds.last!)! {
                let code = String(repeating: "0", count: width - String(n).count) + String(n)
                out[code] = e
            }
        }
        return out
    }

    @Test func everyAIMatches() throws {
        let dict = try Self.load()
        #expect(dict.count == ApplicationIdentifier.all.count)
        for (code, e) in dict {
            guard let ai = ApplicationIdentifier.lookup(code) else { Issue.record("missing AI \(code)"); continue }
            #expect(ai.title == e.title, "\(code) title")
            #expect(ai.isPredefinedLength == e.flags.contains("*"), "\(code) predefined length")
            #expect(ai.isDataAttribute == e.flags.contains("?"), "\(code) data attribute")
            let ours = ai.components.map { c in
                ([c.notation] + c.linters.map(\.rawValue)).joined(separator: ",")
            }
            #expect(ours == e.spec, "\(code) components")
            #expect(ai.requisites.map { $0.joined(separator: ",") } == e.req, "\(code) req")
            #expect(ai.exclusions == e.ex, "\(code) ex")
            let key = ai.keyQualifiers.map { $0.map { $0.joined(separator: ",") }.joined(separator: "|") }
            #expect(key == e.key, "\(code) dlpkey")
        }
    }

    @Test func prefixesDetermineLength() {
        for ai in ApplicationIdentifier.all {
            #expect(ApplicationIdentifier.aiLength(forPrefix: String(ai.code.prefix(2))) == ai.code.count)
        }
    }
}
