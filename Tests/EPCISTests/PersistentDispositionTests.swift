import Foundation
import TestSupport
import Testing
@testable import EPCIS

/// persistentDisposition is allowed on every event type: the EPCIS 2.0 XSD declares it in the
/// sequence of ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent and
/// AssociationEvent, and the event hash places it (rule 17) whatever the type.
@Suite struct PersistentDispositionTests {
    static let pd = #""persistentDisposition": {"set": ["completeness_inferred"], "unset": ["completeness_verified"]}"#

    @Test(arguments: [
        #""type": "AggregationEvent", "action": "ADD", "parentID": "urn:epc:id:sscc:8934567.0000000001", "childEPCs": ["urn:epc:id:sgtin:8934567.012345.2"]"#,
        #""type": "AssociationEvent", "action": "ADD", "parentID": "urn:epc:id:grai:8934567.00001.1", "childEPCs": ["urn:epc:id:giai:8934567.1"]"#,
        #""type": "TransactionEvent", "action": "ADD", "epcList": ["urn:epc:id:sgtin:8934567.012345.2"], "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epc:id:gdti:8934567.00001.1"}]"#,
        #""type": "TransformationEvent", "inputEPCList": ["urn:epc:id:sgtin:8934567.012345.2"], "outputEPCList": ["urn:epc:id:sgtin:8934567.012345.3"]"#,
        #""type": "ObjectEvent", "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:8934567.012345.2"]"#,
    ])
    func acceptedOnEveryEventType(_ members: String) throws {
        let json = members + ", " + ValidationTests.head + ", " + Self.pd
        #expect(ValidationTests.errors(json) == [])
        // The XML binding writes it back and reads it again, in the schema's place.
        let doc = try EPCISDocument(json: Array(ValidationTests.document(json).utf8))
        let xml = try doc.xmlString()
        let back = try EPCISDocument(xml: xml, validate: true)
        #expect(back.events[1].persistentDisposition == PersistentDisposition(set: ["completeness_inferred"], unset: ["completeness_verified"]))
        // And the hash covers it for this type too.
        let withPD = EventHash.preHashString(back.events[1])
        #expect(withPD.contains("persistentDispositionset=https://ref.gs1.org/cbv/Disp-completeness_inferred"
                                + "unset=https://ref.gs1.org/cbv/Disp-completeness_verified"))
        var without = back.events[1]
        without.persistentDisposition = nil
        #expect(EventHash.compute(without) != EventHash.compute(back.events[1]))
    }

    /// The published example is two AggregationEvents with persistentDisposition.
    @Test(.enabled(if: SharedFolder.has("conformance/epcis/XML/Example-PersistentDisposition.xml"), "needs shared/conformance/epcis/XML/Example-PersistentDisposition.xml (set NGUON_SHARED to the shared/ folder)"))
    func publishedAggregationExampleValidates() throws {
        let url = try #require(SharedFolder.file("conformance/epcis/XML/Example-PersistentDisposition.xml"))
        let doc = try EPCISDocument(xml: [UInt8](try Data(contentsOf: url)))
        #expect(doc.events.count == 2)
        #expect(doc.events.allSatisfy { $0.eventType == .aggregation && $0.persistentDisposition != nil })
        let errors = doc.validate().filter { $0.field.hasPrefix("persistentDisposition") }
        #expect(errors == [])
    }
}
