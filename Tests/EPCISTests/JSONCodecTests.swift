import Testing
@testable import EPCIS

/// Decoding and encoding of EPCIS 2.0 JSON: normalisation, lossless extensions, all three payloads.
@Suite struct JSONCodecTests {
    static let event = #"""
    {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"nguon": "https://nguon.example.vn/epcis/"}],
     "type": "ObjectEvent", "eventTime": "2024-05-01T08:30:00.000+07:00", "eventTimeZoneOffset": "+07:00",
     "epcList": ["urn:epc:id:sgtin:8934567.012345.1"], "action": "ADD",
     "bizStep": "urn:epcglobal:cbv:bizstep:commissioning", "disposition": "https://ref.gs1.org/cbv/Disp-active",
     "bizTransactionList": [{"type": "urn:epcglobal:cbv:btt:po", "bizTransaction": "urn:epc:id:gdti:8934567.00001.1"}],
     "sourceList": [{"type": "cbv:SDT-owning_party", "source": "urn:epc:id:pgln:8934567.00001"}],
     "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0", "nguon:gate": "B"},
     "ilmd": {"nguon:harvestDate": "2024-04-30", "nguon:weight": 12.50},
     "nguon:note": {"nguon:farmer": "Nguyễn Văn A", "nguon:tags": ["organic", 3, 1.0e2, null, true]}}
    """#

    @Test func decodesBareEventAndNormalisesVocabulary() throws {
        let e = try EPCISEvent(json: Array(Self.event.utf8))
        #expect(e.eventType == .object && e.action == .add)
        #expect(e.bizStep == "commissioning" && e.disposition == "active")
        #expect(e.bizTransactionList == [BizTransaction(type: "po", value: "urn:epc:id:gdti:8934567.00001.1")])
        #expect(e.sourceList.first?.type == "owning_party")
        #expect(e.readPoint?.extensions["nguon:gate"] == "B")
        #expect(e.context?.namespace(forPrefix: "nguon") == "https://nguon.example.vn/epcis/")
        #expect(e.extensions.keys == ["nguon:note"])
        #expect(e.validate() == [])
    }

    @Test func writesCompactFormAndKeepsExtensionsExactly() throws {
        let e = try EPCISEvent(json: Array(Self.event.utf8))
        let out = try #require(e.jsonValue().objectValue)
        #expect(out["bizStep"] == "commissioning")
        #expect(out["disposition"] == "active")
        #expect(out["bizTransactionList"]?.arrayValue?.first?.objectValue?["type"] == "po")
        let src = try #require(JSONValue.parse(Self.event).objectValue)
        #expect(out["nguon:note"] == src["nguon:note"])
        #expect(out["ilmd"] == src["ilmd"])
        #expect(out["ilmd"]?.objectValue?["nguon:weight"] == .number("12.50"))
        #expect(out["@context"] == src["@context"])
        #expect(try EPCISEvent(json: e.jsonBytes()) == e)
    }

    @Test func documentRoundTripWithMasterData() throws {
        let json = #"""
        {"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", "type": "EPCISDocument",
         "schemaVersion": "2.0", "creationDate": "2024-05-01T08:30:00Z", "sender": "urn:epc:id:pgln:8934567.00001",
         "epcisHeader": {"epcisMasterData": {"vocabularyList": [{"type": "urn:epcglobal:epcis:vtype:BusinessLocation",
           "vocabularyElementList": [{"id": "urn:epc:id:sgln:8934567.00001.0",
             "attributes": [{"id": "urn:epcglobal:cbv:mda#name", "attribute": "Kho Đà Lạt"},
                            {"id": "urn:epcglobal:cbv:mda#address", "attribute": {"streetAddress": "1 Trần Phú"}}],
             "children": ["urn:epc:id:sgln:8934567.00001.1"]}]}]}},
         "epcisBody": {"eventList": []}}
        """#
        let d = try EPCISDocument(json: Array(json.utf8), validate: true)
        let loc = try #require(d.vocabularyList.first)
        #expect(loc.type == Vocabulary.businessLocationType)
        #expect(loc.elements.first?.attribute("urn:epcglobal:cbv:mda#name") == "Kho Đà Lạt")
        #expect(loc.elements.first?.children == ["urn:epc:id:sgln:8934567.00001.1"])
        #expect(d.extensions["sender"] == "urn:epc:id:pgln:8934567.00001")
        // Lookup by any spelling of the same GLN.
        #expect(d.vocabularyList.element(id: "https://id.gs1.org/414/8934567000017")?.name == "Kho Đà Lạt")
        #expect(d.vocabularyList.element(id: "urn:epc:id:sgln:8934567.00001.0", type: Vocabulary.epcClassType) == nil)
        #expect(try EPCISDocument(json: d.jsonBytes()) == d)
    }

    @Test func queryDocumentRoundTrip() throws {
        var q = EPCISQueryDocument(queryName: "SimpleEventQuery", subscriptionID: "sub-1")
        q.events = [try EPCISEvent(json: Array(Self.event.utf8))]
        q.queryResultsExtensions = ["nguon:page": 2]
        let again = try EPCISQueryDocument(json: q.jsonBytes(), validate: true)
        #expect(again == q)
        guard case .queryDocument(let viaPayload) = try EPCISJSON.decode(q.jsonBytes()) else {
            Issue.record("expected a query document"); return
        }
        #expect(viaPayload == q)
    }

    @Test func payloadKinds() throws {
        guard case .event = try EPCISJSON.decode(Array(Self.event.utf8)) else { Issue.record("expected an event"); return }
        let doc = EPCISDocument(events: [try EPCISEvent(json: Array(Self.event.utf8))])
        guard case .document(let d) = try EPCISJSON.decode(doc.jsonBytes()) else { Issue.record("expected a document"); return }
        #expect(d.events.count == 1)
    }

    @Test func certificationInfoStringOrArray() throws {
        var e = try EPCISEvent(json: Array(Self.event.utf8))
        e.certificationInfo = ["https://cert.example/1"]
        #expect(e.jsonValue().objectValue?["certificationInfo"] == "https://cert.example/1")
        e.certificationInfo = ["https://cert.example/1", "https://cert.example/2"]
        #expect(e.jsonValue().objectValue?["certificationInfo"] == ["https://cert.example/1", "https://cert.example/2"])
        #expect(try EPCISEvent(json: e.jsonBytes()) == e)
    }

    @Test func builtInCodeEncodesValidJSON() throws {
        let t = try #require(EPCISTimestamp("2024-05-01T08:30:00.000+07:00"))
        let e = EPCISEvent(eventType: .aggregation, eventTime: t, eventTimeZoneOffset: "+07:00",
                           parentID: "urn:epc:id:sscc:8934567.0000000001",
                           childQuantityList: [QuantityElement(epcClass: "urn:epc:class:lgtin:8934567.012345.L1", quantity: 12.5, uom: "KGM")],
                           action: .add, bizStep: "packing", persistentDisposition: nil,
                           sensorElementList: [SensorElement(sensorMetadata: SensorMetadata(time: t),
                                                             sensorReport: [SensorReport(type: "Temperature", value: 4, uom: "CEL")])])
        #expect(e.validate() == [])
        let back = try EPCISEvent(json: e.jsonBytes())
        #expect(back == e)
        #expect(back.childQuantityList[0].quantity?.lexical == "12.5")
    }
}
