import Testing
@testable import EPCIS

/// Extension elements read from XML: differently named children become members, repeated
/// ones an array, whatever their number.
@Suite struct XMLExtensionMappingTests {
    static func document(_ extensionXML: String) -> String {
        """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="http://ex.com/ns/" schemaVersion="2.0" creationDate="2026-11-20T00:00:00Z">
          <EPCISBody><EventList><ObjectEvent>
            <eventTime>2026-11-20T09:00:00+07:00</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
            <epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList><action>OBSERVE</action>
            \(extensionXML)
          </ObjectEvent></EventList></EPCISBody>
        </epcis:EPCISDocument>
        """
    }

    @Test("Thousands of distinct and repeated child elements all arrive, in order")
    func manyChildren() throws {
        let distinct = (0..<5_000).map { "<ex:b\($0)>\($0)</ex:b\($0)>" }.joined()
        let repeated = (0..<5_000).map { "<ex:r>\($0)</ex:r>" }.joined()
        let payload = try EPCISDocument.decodeXML(Array(Self.document("<ex:a>\(distinct)\(repeated)</ex:a>").utf8))
        guard case .document(let document) = payload, let event = document.events.first,
              case .object(let a)? = event.extensions["ex:a"] else {
            Issue.record("no ex:a object"); return
        }
        #expect(a.members.count == 5_001)
        #expect(a["ex:b0"] == .string("0") && a["ex:b4999"] == .string("4999"))
        guard case .array(let r)? = a["ex:r"] else { Issue.record("ex:r is not an array"); return }
        #expect(r.count == 5_000 && r.first == .string("0") && r.last == .string("4999"))
    }

    @Test("Children straight under the event, in its ILMD and under the document merge the same way, interleaved repeats included")
    func manyChildrenAtEveryLevel() throws {
        let mixed = (0..<5_000).map { "<ex:r>\($0)</ex:r><ex:b\($0)>\($0)</ex:b\($0)>" }.joined()
        let xml = Self.document("<ilmd>\(mixed)</ilmd>" + mixed)
            .replacingOccurrences(of: "<EPCISBody>", with: "<ex:top>1</ex:top><ex:top>2</ex:top><EPCISBody>")
        let payload = try EPCISDocument.decodeXML(Array(xml.utf8))
        guard case .document(let document) = payload, let event = document.events.first, let ilmd = event.ilmd else {
            Issue.record("no event with ILMD"); return
        }
        for object in [event.extensions, ilmd] {
            #expect(object.members.count == 5_001)
            #expect(object.members.first?.key == "ex:r" && object.members[1].key == "ex:b0")
            guard case .array(let r)? = object["ex:r"] else { Issue.record("ex:r is not an array"); continue }
            #expect(r.count == 5_000 && r.first == .string("0") && r.last == .string("4999"))
        }
        #expect(document.extensions["ex:top"] == .array([.string("1"), .string("2")]))
    }
}
