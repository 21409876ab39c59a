import Foundation
import Testing
import XML

/// Attributes cost the reader linear time, and an element may carry at most
/// `XMLReader.maxAttributes` of them: 200,000 attributes on one element used to take over a
/// minute of CPU (every new attribute was compared with all earlier ones).
@Suite struct XMLReaderAttributeTests {
    static func element(_ name: String = "r", attributes count: Int, prefix: String = "a") -> String {
        var s = "<\(name)"
        s.reserveCapacity(count * 12)
        for k in 0..<count { s += " \(prefix)\(k)=\"\(k)\"" }
        return s + "/>"
    }

    @Test func hundredThousandAttributesAreRefusedQuickly() {
        let doc = Self.element("huge", attributes: 100_000)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try XMLReader.parse(doc)
            Issue.record("an element with 100,000 attributes was accepted")
        } catch {
            #expect(error.kind == .limitExceeded)
            #expect(error.message.contains("<huge>"), "the error names the element: \(error)")
            #expect(error.message.contains("\(XMLReader.maxAttributes)"), "the error names the limit: \(error)")
            #expect(error.line == 1)
        }
        // Generous for a debug build on a busy machine; the quadratic reader took minutes here.
        #expect(clock.now - start < .seconds(3))
    }

    @Test func twoHundredDistinctAttributesParse() throws {
        let root = try XMLReader.parse(Self.element(attributes: 200))
        #expect(root.attributes.count == 200)
        #expect(root.attribute("a0") == "0")
        #expect(root.attribute("a199") == "199")
    }

    @Test func theLimitItselfIsAllowed() throws {
        #expect(try XMLReader.parse(Self.element(attributes: XMLReader.maxAttributes)).attributes.count == XMLReader.maxAttributes)
        #expect { try XMLReader.parse(Self.element(attributes: XMLReader.maxAttributes + 1)) } throws: {
            ($0 as? XMLError)?.kind == .limitExceeded
        }
    }

    /// Namespace declarations are attributes too, so they count against the limit.
    @Test func namespaceDeclarationsCount() {
        var s = "<r"
        for k in 0...XMLReader.maxAttributes { s += " xmlns:p\(k)=\"urn:p\(k)\"" }
        s += "/>"
        #expect { try XMLReader.parse(s) } throws: { ($0 as? XMLError)?.kind == .limitExceeded }
    }

    @Test func duplicateAttributesAreStillRefused() {
        // The same raw name twice, far apart.
        var s = Self.element(attributes: 150)
        s.removeLast(2)
        s += " a7=\"again\"/>"
        #expect { try XMLReader.parse(s) } throws: { e in
            guard let e = e as? XMLError else { return false }
            return e.kind == .malformed && e.message.contains("a7 appears twice")
        }
        // Two prefixes bound to one namespace: different raw names, one expanded name.
        let aliased = #"<r xmlns:p="urn:same" xmlns:q="urn:same" p:x="1" q:x="2"/>"#
        #expect { try XMLReader.parse(aliased) } throws: { e in
            guard let e = e as? XMLError else { return false }
            return e.kind == .malformed && e.message.contains("duplicates another attribute's expanded name")
        }
    }

    /// Many declarations in scope at once: resolving each prefixed name must not scan them all,
    /// and an element's declarations end with it.
    @Test func manyNamespacesInScope() throws {
        let depth = 100, perLevel = 100
        var s = ""
        for d in 0..<depth {
            s += "<e\(d)"
            for k in 0..<perLevel { s += " xmlns:n\(d)_\(k)=\"urn:n\(d):\(k)\"" }
            s += ">"
        }
        // The innermost element uses prefixes from the outermost level, and one redeclared one.
        s += "<n0_0:leaf xmlns:n0_1=\"urn:shadow\""
        for k in 2..<perLevel { s += " n0_\(k):a=\"\(k)\"" }
        s += " n0_1:b=\"s\"/>"
        for d in (0..<depth).reversed() { s += "</e\(d)>" }
        s += ""
        var node = try XMLReader.parse(s)
        for _ in 0..<(depth - 1) { node = node.elements[0] }
        let leaf = node.elements[0]
        #expect(leaf.name == XMLTree.Name("leaf", namespace: "urn:n0:0"))
        #expect(leaf.attribute("a", namespace: "urn:n0:\(perLevel - 1)") == "\(perLevel - 1)")
        #expect(leaf.attribute("b", namespace: "urn:shadow") == "s")
        // Outside the leaf, the shadowing declaration is gone again.
        #expect { try XMLReader.parse("<r xmlns:p=\"urn:p\"><a xmlns:q=\"urn:q\"/><q:b/></r>") } throws: { e in
            guard let e = e as? XMLError else { return false }
            return e.kind == .malformed && e.message.contains("prefix q of <q:b> is not declared")
        }
    }
}
