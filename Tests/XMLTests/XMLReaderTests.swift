import Foundation
import Testing
import XML

/// The hand-written XML reader and writer: namespaces, character data, well-formedness errors
/// with lines, and refusal of DTDs. Only the public API, as XLSX/DOCX code will use it.
@Suite struct XMLReaderTests {
    func parse(_ s: String) throws -> XMLTree.Element { try XMLReader.parse(s) }

    /// The error a malformed input gives (failing the test if it parses).
    func failure(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) -> XMLError? {
        do {
            _ = try XMLReader.parse(s)
            Issue.record("parsed but should not: \(s.prefix(80))", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func namespacesResolve() throws {
        let root = try parse("""
            <a:root xmlns:a="urn:a" xmlns="urn:default" xmlns:b="urn:b" plain="1" b:q="2">
              <child/>
              <b:x xmlns:b="urn:b2"><b:y/></b:x>
              <b:z/>
              <e xmlns=""/>
            </a:root>
            """)
        #expect(root.name == XMLTree.Name("root", namespace: "urn:a"))
        #expect(root.name.prefix == "a")
        #expect(root.attribute("plain") == "1")
        #expect(root.attribute("q", namespace: "urn:b") == "2")
        let kids = root.elements
        #expect(kids[0].name.namespace == "urn:default")
        #expect(kids[1].name.namespace == "urn:b2")
        #expect(kids[1].elements[0].name.namespace == "urn:b2")
        #expect(kids[2].name.namespace == "urn:b")
        #expect(kids[3].name.namespace == "")
        #expect(kids[0].line == 2)
    }

    @Test func characterData() throws {
        let root = try parse("<r a='x&amp;y&#9;z&#x41;\n'>1 &lt; 2 &gt; 0 &quot;&apos; <![CDATA[<not> & markup]]>&#x1F600;\r\nend</r>")
        #expect(root.attribute("a") == "x&y\tzA ")
        #expect(root.text == "1 < 2 > 0 \"' <not> & markup😀\nend")
    }

    @Test func commentsAndProcessingInstructionsAreDropped() throws {
        let root = try parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><?pi x?><r><!-- inner -->a<?p?>b</r><!-- after -->")
        #expect(root.text == "ab")
    }

    @Test func byteOrderMarksAndLatin1() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<r>é</r>".utf8)
        #expect(try XMLReader.parse(bom).text == "é")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>ư</r>".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(try XMLReader.parse(utf16).text == "ư")
        var utf16BE: [UInt8] = []
        for u in "<r>ư</r>".utf16 { utf16BE += [UInt8(u >> 8), UInt8(u & 0xFF)] }
        #expect(try XMLReader.parse(utf16BE).text == "ư")
        let latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>".utf8) + [0xE9] + Array("</r>".utf8)
        #expect(try XMLReader.parse(latin1).text == "é")
        let e = failure("<?xml version=\"1.0\" encoding=\"EBCDIC\"?><r/>")
        #expect(e?.message.contains("unsupported encoding") == true)
    }

    @Test func malformedInputNamesTheLine() {
        // An undefined entity is kind forbiddenDTD (only a DTD could define it); the rest malformed.
        let cases: [(String, Int, String)] = [
            ("<r>\n<a>\n</b>\n</r>", 3, "does not match <a>"),
            ("<r>\n<a>", 2, "ends inside"),
            ("<r a='1' a='2'/>", 1, "appears twice"),
            ("<r>\n\n<p:x/></r>", 3, "prefix p"),
            ("<r>&nbsp;</r>", 1, "undefined entity"),
            ("<r>&#0;</r>", 1, "not an XML character"),
            ("<r/><s/>", 1, "after the root"),
            ("", 1, "empty"),
            ("text<r/>", 1, "expected the root"),
            ("<r>\u{1}</r>", 1, "control character"),
            ("<r a=\"<\"/>", 1, "not allowed in an attribute"),
            ("<r><!-- a -- b --></r>", 1, "--"),
            ("<r><![CDATA[x</r>", 1, "unterminated CDATA"),
            ("<r>]]></r>", 1, "]]>"),
            ("<r\n   a='1'b='2'/>", 2, "whitespace"),
            ("<1r/>", 1, "element name"),
            ("<r xmlns:p=''/>", 1, "empty namespace"),
        ]
        for (input, line, text) in cases {
            guard let e = failure(input) else { continue }
            #expect(e.line == line, "\(input.debugDescription): \(e)")
            #expect(e.message.contains(text), "\(input.debugDescription): \(e)")
            #expect(e.kind == (text == "undefined entity" ? .forbiddenDTD : .malformed), "\(input.debugDescription): \(e)")
        }
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = Array("<r>\n".utf8) + [0xC3, 0x28] + Array("</r>".utf8)
        do {
            _ = try XMLReader.parse(bytes)
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.line == 2)
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func dtdsAreRefused() {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <r>&xxe;</r>
            """
        let e1 = failure(xxe)
        #expect(e1?.kind == .forbiddenDTD)
        #expect(e1?.line == 2)
        #expect(e1?.message.contains("DTDs are refused") == true)

        let external = "<!DOCTYPE r SYSTEM \"http://example.com/evil.dtd\"><r/>"
        #expect(failure(external)?.kind == .forbiddenDTD)
        let publicID = "<!DOCTYPE r PUBLIC \"-//x//EN\" \"x.dtd\"><r/>"
        #expect(failure(publicID)?.kind == .forbiddenDTD)
        let laughs = "<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><r>&b;</r>"
        #expect(failure(laughs)?.kind == .forbiddenDTD)
        // A bare DOCTYPE declares nothing; published EPCIS examples carry one.
        #expect((try? parse("<!DOCTYPE project>\n<r/>")) != nil)
    }

    @Test func deepNestingIsBounded() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(failure(deep)?.message.contains("nested deeper") == true)
    }

    /// Truncations and byte flips of a real document never crash the reader: each either parses
    /// or throws an XMLError. (EPCISTests does the same through the EPCIS binding.)
    @Test func damagedDocumentsNeverCrash() {
        let doc = Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ex.com/" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody><EventList><ObjectEvent>
                <eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                <epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList><action>OBSERVE</action>
                <ex:note a="1">Trà &amp; cà phê <![CDATA[<x>]]></ex:note>
              </ObjectEvent></EventList></EPCISBody>
            </epcis:EPCISDocument>
            """.utf8)
        var rng = SystemRandomNumberGenerator()
        for cut in stride(from: 0, to: doc.count, by: 7) {
            _ = try? XMLReader.parse(Array(doc[..<cut]))
        }
        let specials: [UInt8] = [0x3C, 0x3E, 0x26, 0x22, 0x27, 0x2F, 0x3A, 0x00, 0xFF, 0x5D, 0x21, 0x3F, 0x3D]
        for _ in 0..<2000 {
            var d = doc
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                d[Int.random(in: 0..<d.count, using: &rng)] = specials[Int.random(in: 0..<specials.count, using: &rng)]
            }
            _ = try? XMLReader.parse(d)
        }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        var root = XMLTree.Element(XMLTree.Name("r", namespace: "urn:x", prefix: "x"))
        root.attributes.append(XMLTree.Attribute(name: XMLTree.Name("a"), value: "q\"<&>\t\n\r'"))
        var child = XMLTree.Element(XMLTree.Name("c", namespace: "urn:y", prefix: "x")) // prefix clash → renamed
        child.append(text: " <tag> & ]]> \r\n é ")
        root.append(child)
        let text = try XMLWriter().string(root)
        let back = try XMLReader.parse(text)
        #expect(back.attribute("a") == "q\"<&>\t\n\r'")
        #expect(back.elements[0].name == XMLTree.Name("c", namespace: "urn:y"))
        #expect(back.elements[0].text == " <tag> & ]]> \r\n é ")
        var bad = XMLTree.Element(XMLTree.Name("r"))
        bad.append(text: "bell \u{7}")
        #expect { try XMLWriter().write(bad) } throws: { ($0 as? XMLError)?.kind == .unencodable }
    }
}
