import Foundation
import TestSupport
import Testing
@testable import EPCIS

/// An event's standard elements come in the order of its type's sequence in
/// EPCglobal-epcis-2_0.xsd, and extension elements only where the schema has its `any`
/// wildcard (after the standard ones): anything else is refused, naming the element out of place.
@Suite struct XMLBindingOrderTests {
    static func document(_ event: String) -> String {
        """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:example="https://ns.example.com/epcis/" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody><EventList>
        \(event)
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """
    }

    static let time = "<eventTime>2024-01-01T08:00:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>"
    static let epcs = "<epcList><epc>urn:epc:id:sgtin:8934567.012345.1</epc></epcList>"

    /// The errors decoding gives, or [] when it decodes.
    static func errors(_ event: String) -> [EPCISError] {
        do { _ = try EPCISDocument(xml: document(event)); return [] } catch { return error.errors }
    }

    static func expectOutOfOrder(_ event: String, element: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let errs = errors(event)
        let hit = errs.first { $0.code == .elementOutOfOrder }
        #expect(hit != nil, "expected an out-of-order error, got \(errs)", sourceLocation: sourceLocation)
        #expect(hit?.field.hasSuffix("/" + element) == true, "\(String(describing: hit))", sourceLocation: sourceLocation)
        #expect(hit?.message.contains("<\(element)>") == true, "\(String(describing: hit))", sourceLocation: sourceLocation)
        #expect(hit?.eventIndex == 0, sourceLocation: sourceLocation)
    }

    @Test func schemaOrderIsAccepted() {
        #expect(Self.errors("<ObjectEvent>\(Self.time)\(Self.epcs)<action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep><example:x>1</example:x></ObjectEvent>") == [])
    }

    @Test func actionBeforeEPCList() {
        Self.expectOutOfOrder("<ObjectEvent>\(Self.time)<action>ADD</action>\(Self.epcs)</ObjectEvent>", element: "epcList")
        // The error names the event by its eventID too, wherever the eventID stands.
        let id = "urn:uuid:11111111-1111-4111-8111-111111111111"
        let errs = Self.errors("<ObjectEvent>\(Self.time)<eventID>\(id)</eventID><action>ADD</action>\(Self.epcs)</ObjectEvent>")
        #expect(errs.first { $0.code == .elementOutOfOrder }?.eventID == id)
    }

    @Test func eventTimeZoneOffsetBeforeEventTime() {
        Self.expectOutOfOrder("<ObjectEvent><eventTimeZoneOffset>+07:00</eventTimeZoneOffset><eventTime>2024-01-01T08:00:00Z</eventTime>\(Self.epcs)<action>ADD</action></ObjectEvent>",
                              element: "eventTime")
    }

    /// Each type has its own sequence: in a TransactionEvent bizTransactionList comes first.
    @Test func orderIsPerEventType() {
        let btl = "<bizTransactionList><bizTransaction type=\"urn:epcglobal:cbv:btt:po\">urn:epc:id:gdti:8934567.00001.1</bizTransaction></bizTransactionList>"
        #expect(Self.errors("<TransactionEvent>\(Self.time)\(btl)\(Self.epcs)<action>ADD</action></TransactionEvent>") == [])
        Self.expectOutOfOrder("<TransactionEvent>\(Self.time)\(Self.epcs)<action>ADD</action>\(btl)</TransactionEvent>", element: "bizTransactionList")
        // In an AggregationEvent, childQuantityList comes after bizTransactionList; in an
        // AssociationEvent, right after childEPCs.
        let cql = "<childQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:8934567.012345.L1</epcClass><quantity>5</quantity></quantityElement></childQuantityList>"
        let parent = "<parentID>urn:epc:id:sscc:8934567.0000000001</parentID>"
        #expect(Self.errors("<AssociationEvent>\(Self.time)\(parent)\(cql)<action>ADD</action></AssociationEvent>") == [])
        Self.expectOutOfOrder("<AggregationEvent>\(Self.time)\(parent)\(cql)<action>ADD</action></AggregationEvent>", element: "action")
    }

    @Test func extensionElementsComeLast() {
        Self.expectOutOfOrder("<ObjectEvent>\(Self.time)\(Self.epcs)<example:x>1</example:x><action>ADD</action></ObjectEvent>", element: "action")
    }

    /// EPCIS 1.x put later fields inside <extension> wrappers, where the 1.x schema had them.
    @Test func version1WrappersKeepTheirPlaces() {
        let v1 = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:example="https://ns.example.com/epcis/" schemaVersion="1.2" creationDate="2016-01-01T00:00:00Z">
              <EPCISBody><EventList><ObjectEvent>
                <eventTime>2016-01-01T08:00:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                <baseExtension><eventID>urn:uuid:11111111-1111-4111-8111-111111111111</eventID><extension><example:a>1</example:a></extension></baseExtension>
                \(Self.epcs)<action>ADD</action>
                <extension><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:8934567.012345.L1</epcClass><quantity>5</quantity></quantityElement></quantityList>
                  <ilmd><example:lot>A</example:lot></ilmd></extension>
                <example:b>2</example:b>
              </ObjectEvent></EventList></EPCISBody>
            </epcis:EPCISDocument>
            """
        #expect(throws: Never.self) { try EPCISDocument(xml: v1) }
    }

    /// The event-hash vector SensorDataExamples.xml has a TransformationEvent whose
    /// sensorElementList follows its ilmd, against the schema: refused by default, readable when
    /// the caller asks to ignore element order (as a hash calculator may).
    @Test(.enabled(if: SharedFolder.has("conformance/event-hash/SensorDataExamples.xml"), "needs shared/conformance/event-hash/SensorDataExamples.xml (set NGUON_SHARED to the shared/ folder)"))
    func outOfOrderConformanceVector() throws {
        let url = try #require(SharedFolder.file("conformance/event-hash/SensorDataExamples.xml"))
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect { try EPCISDocument.decodeXML(bytes) } throws: { e in
            (e as? EPCISErrors)?.errors.contains { $0.code == .elementOutOfOrder && $0.field.hasSuffix("TransformationEvent[11]/sensorElementList") } == true
        }
        _ = try EPCISDocument.decodeXML(bytes, requireSchemaOrder: false)
    }
}
