import Foundation
import Testing
@testable import EPCIS

/// The EPCIS XML binding on hand-written documents: EPCIS 1.2 input, every field, extensions,
/// headers, encoding, and errors.
@Suite struct XMLBindingTests {
    static let v12 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:1" xmlns:ex="http://ex.com/ns/"
            xmlns:sbdh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
            schemaVersion="1.2" creationDate="2016-03-15T10:11:12Z">
          <EPCISHeader>
            <sbdh:StandardBusinessDocumentHeader>
              <sbdh:HeaderVersion>1.0</sbdh:HeaderVersion>
              <sbdh:Sender><sbdh:Identifier Authority="SGLN">urn:epc:id:sgln:0353579.00001.0</sbdh:Identifier></sbdh:Sender>
              <sbdh:Receiver><sbdh:Identifier Authority="SGLN">urn:epc:id:sgln:5012345.00001.0</sbdh:Identifier></sbdh:Receiver>
              <sbdh:DocumentIdentification>
                <sbdh:Standard>EPCglobal</sbdh:Standard>
                <sbdh:TypeVersion>1.0</sbdh:TypeVersion>
                <sbdh:InstanceIdentifier>1234567890</sbdh:InstanceIdentifier>
                <sbdh:Type>Events</sbdh:Type>
                <sbdh:CreationDateAndTime>2016-03-15T10:11:12Z</sbdh:CreationDateAndTime>
              </sbdh:DocumentIdentification>
            </sbdh:StandardBusinessDocumentHeader>
            <extension>
              <EPCISMasterData>
                <VocabularyList>
                  <Vocabulary type="urn:epcglobal:epcis:vtype:ReadPoint">
                    <VocabularyElementList>
                      <VocabularyElement id="urn:epc:id:sgln:0614141.07346.1234">
                        <attribute id="urn:epcglobal:cbv:mda#name">Dock 1</attribute>
                      </VocabularyElement>
                    </VocabularyElementList>
                  </Vocabulary>
                </VocabularyList>
              </EPCISMasterData>
            </extension>
          </EPCISHeader>
          <EPCISBody>
            <EventList>
              <ObjectEvent>
                <eventTime>2016-03-15T10:00:00.000+07:00</eventTime>
                <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                <baseExtension>
                  <eventID>urn:uuid:0b4c1dc4-7f53-4a04-9e36-3e8a4a7a8c30</eventID>
                  <errorDeclaration>
                    <declarationTime>2016-03-16T00:00:00Z</declarationTime>
                    <reason>urn:epcglobal:cbv:er:incorrect_data</reason>
                    <correctiveEventIDs><correctiveEventID>urn:uuid:1</correctiveEventID></correctiveEventIDs>
                    <ex:who>QA</ex:who>
                  </errorDeclaration>
                </baseExtension>
                <epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList>
                <action>ADD</action>
                <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
                <disposition>urn:epcglobal:cbv:disp:active</disposition>
                <readPoint><id>urn:epc:id:sgln:0614141.07346.1234</id><extension><ex:door>3</ex:door></extension></readPoint>
                <bizTransactionList>
                  <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:0614141073467:PO1</bizTransaction>
                </bizTransactionList>
                <extension>
                  <quantityList>
                    <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>200.5</quantity><uom>KGM</uom></quantityElement>
                  </quantityList>
                  <sourceList><source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:4012345.00000</source></sourceList>
                  <destinationList><destination type="urn:epcglobal:cbv:sdt:location">urn:epc:id:sgln:0614141.00777.0</destination></destinationList>
                  <ilmd><ex:bestBefore>2016-09-01</ex:bestBefore></ilmd>
                </extension>
                <ex:batch shift="night">B-7</ex:batch>
              </ObjectEvent>
              <AggregationEvent>
                <eventTime>2016-03-15T11:00:00Z</eventTime>
                <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                <parentID>urn:epc:id:sscc:0614141.1234567890</parentID>
                <childEPCs><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></childEPCs>
                <action>ADD</action>
                <extension>
                  <childQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.1</epcClass><quantity>3</quantity></quantityElement></childQuantityList>
                </extension>
              </AggregationEvent>
              <QuantityEvent>
                <eventTime>2016-03-15T12:00:00Z</eventTime>
                <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                <epcClass>urn:epc:idpat:sgtin:0614141.107346.*</epcClass>
                <quantity>12</quantity>
              </QuantityEvent>
              <extension>
                <TransformationEvent>
                  <eventTime>2016-03-15T13:00:00Z</eventTime>
                  <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                  <inputEPCList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></inputEPCList>
                  <outputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.2</epcClass><quantity>1</quantity></quantityElement></outputQuantityList>
                  <transformationID>urn:epc:id:gdti:0614141.12345.400</transformationID>
                  <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
                </TransformationEvent>
              </extension>
            </EventList>
          </EPCISBody>
        </epcis:EPCISDocument>
        """

    @Test func epcis12DocumentBecomesTheModel() throws {
        let d = try EPCISDocument(xml: Self.v12)
        #expect(d.schemaVersion == "2.0")
        #expect(d.events.map(\.eventType) == [.object, .aggregation, .object, .transformation])
        let o = d.events[0]
        #expect(o.eventID == "urn:uuid:0b4c1dc4-7f53-4a04-9e36-3e8a4a7a8c30")
        #expect(o.errorDeclaration?.reason == "incorrect_data")
        #expect(o.errorDeclaration?.correctiveEventIDs == ["urn:uuid:1"])
        #expect(o.errorDeclaration?.extensions["ex:who"] == .string("QA"))
        #expect(o.bizStep == "commissioning")
        #expect(o.disposition == "active")
        #expect(o.readPoint?.extensions["ex:door"] == .string("3"))
        #expect(o.bizTransactionList == [BizTransaction(type: "po", value: "urn:epcglobal:cbv:bt:0614141073467:PO1")])
        #expect(o.quantityList.first?.quantity == EPCISNumber(lexical: "200.5"))
        #expect(o.sourceList == [SourceDestination(type: "owning_party", value: "urn:epc:id:pgln:4012345.00000")])
        #expect(o.destinationList.first?.type == "location")
        #expect(o.ilmd?["ex:bestBefore"] == .string("2016-09-01"))
        // An unqualified attribute stays an attribute ("@"), the text beside it is "#text".
        #expect(o.extensions["ex:batch"] == .object(["@shift": "night", "#text": "B-7"]))
        #expect(d.events[1].childQuantityList.count == 1)
        // EPCIS 1.1 deprecated QuantityEvent; it reads as an ObjectEvent with a quantityList.
        #expect(d.events[2].quantityList == [QuantityElement(epcClass: "urn:epc:idpat:sgtin:0614141.107346.*", quantity: 12)])
        #expect(d.events[2].action == .observe)
        #expect(d.events[3].transformationID == "urn:epc:id:gdti:0614141.12345.400")
        #expect(d.vocabularyList.first?.elements.first?.attribute("urn:epcglobal:cbv:mda#name") == .string("Dock 1"))
        let sbdh = d.epcisHeader?.extensions["sbdh:StandardBusinessDocumentHeader"]?.objectValue
        #expect(sbdh?["sbdh:Sender"]?.objectValue?["sbdh:Identifier"] == .object(["@Authority": "SGLN", "#text": "urn:epc:id:sgln:0353579.00001.0"]))
        #expect(d.context.namespace(forPrefix: "ex") == "http://ex.com/ns/")
    }

    @Test func epcis12RoundTripsAs20() throws {
        let d = try EPCISDocument(xml: Self.v12)
        let xml = try d.xmlString()
        #expect(xml.contains("xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\""))
        #expect(xml.contains("<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>"))
        #expect(xml.contains("<sbdh:Identifier Authority=\"SGLN\">urn:epc:id:sgln:0353579.00001.0</sbdh:Identifier>"))
        #expect(xml.contains("<ex:batch shift=\"night\">B-7</ex:batch>"))
        #expect(!xml.contains("<baseExtension>"))
        let again = try EPCISDocument(xml: xml)
        #expect(again == d)
        #expect(try again.xmlString() == xml)
    }

    @Test func jsonValuesKeepTheirTypesThroughXML() throws {
        var e = EPCISEvent(eventType: .object, eventTime: EPCISTimestamp("2024-05-01T08:30:00.000+07:00")!,
                           eventTimeZoneOffset: "+07:00", epcList: ["urn:epc:id:sgtin:0614141.107346.2017"], action: .observe)
        e.extensions = [
            "ex:count": 12, "ex:ratio": .number("1.50"), "ex:big": .number("1e3"), "ex:ok": true, "ex:none": nil,
            "ex:list": ["a", "b"], "ex:obj": ["@unit": "KGM", "#text": "3.5", "ex:inner": "x & <y>"],
            "ex:text": "  spaced\nlines\r\n  ",
        ]
        e.ilmd = ["ex:lot": "L1"]
        e.sensorElementList = [SensorElement(sensorMetadata: SensorMetadata(time: EPCISTimestamp("2024-05-01T08:00:00Z"), extensions: ["ex:sm": "1"]),
                                             sensorReport: [SensorReport(type: "Temperature", exception: "ALARM_CONDITION", value: 26, component: "latitude",
                                                                         booleanValue: false, uom: "CEL", extensions: ["ex:cv": "123"])])]
        e.persistentDisposition = PersistentDisposition(set: ["recalled"], unset: ["completeness_inferred"])
        let d = EPCISDocument(context: EPCISContext(namespaces: [("ex", "https://ex.example/ns#")]), creationDate: EPCISTimestamp("2024-05-01T09:00:00Z"),
                              events: [e], extensions: ["id": "urn:uuid:doc-1", "ex:docNote": "n"])
        let xml = try d.xmlString()
        #expect(xml.contains("xmlns:ex=\"https://ex.example/ns#\""))
        #expect(xml.contains("<ex:count xsi:type=\"xsd:decimal\">12</ex:count>"))
        #expect(xml.contains("<ex:obj unit=\"KGM\">3.5<ex:inner>x &amp; &lt;y&gt;</ex:inner></ex:obj>"))
        #expect(xml.contains("id=\"urn:uuid:doc-1\""))
        #expect(xml.contains("type=\"https://gs1.org/voc/Temperature\""))
        #expect(xml.contains("<unset>urn:epcglobal:cbv:disp:completeness_inferred</unset>"))
        let back = try EPCISDocument(xml: xml)
        #expect(back.events == d.events)
        #expect(back.extensions == d.extensions)
        #expect(back.context.namespace(forPrefix: "ex") == "https://ex.example/ns#")
    }

    @Test func queryDocumentRoundTrips() throws {
        let xml = """
            <epcisq:EPCISQueryDocument xmlns:epcisq="urn:epcglobal:epcis-query:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody><epcisq:QueryResults>
                <queryName>SimpleEventQuery</queryName><subscriptionID>s-1</subscriptionID>
                <resultsBody><EventList><AssociationEvent>
                  <eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
                  <certificationInfo>https://cert.example/1</certificationInfo>
                  <parentID>urn:epc:id:grai:4012345.55555.987</parentID>
                  <childEPCs><epc>urn:epc:id:giai:4000001.12345</epc></childEPCs>
                  <action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:assembling</bizStep>
                </AssociationEvent></EventList></resultsBody>
              </epcisq:QueryResults></EPCISBody>
            </epcisq:EPCISQueryDocument>
            """
        let q = try EPCISQueryDocument(xml: xml)
        #expect(q.subscriptionID == "s-1")
        #expect(q.events.first?.eventType == .association)
        #expect(q.events.first?.certificationInfo == ["https://cert.example/1"])
        #expect(try EPCISQueryDocument(xml: try q.xmlBytes()) == q)
        // The wrong entry point says which one to use.
        #expect { try EPCISDocument(xml: xml) } throws: { e in
            (e as? EPCISErrors)?.errors.contains { $0.code == .unknownDocumentType && $0.message.contains("EPCISQueryDocument(xml:)") } == true
        }
    }

    @Test func contentErrorsNameLineAndPath() throws {
        let xml = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody><EventList>
                <ObjectEvent>
                  <eventTime>2024-13-01T00:00:00Z</eventTime>
                  <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                  <action>WATCH</action>
                  <quantityList><quantityElement><epcClass>urn:x</epcClass><quantity>lots</quantity></quantityElement></quantityList>
                </ObjectEvent>
                <ex:Mystery xmlns:ex="urn:ex"/>
              </EventList></EPCISBody>
            </epcis:EPCISDocument>
            """
        let errors = Self.errors(xml)
        let byCode = Dictionary(grouping: errors, by: \.code)
        let time = try #require(byCode[.invalidTimestamp]?.first)
        #expect(time.message.hasPrefix("line 4:"))
        #expect(time.field == "EPCISDocument/EPCISBody/EventList/ObjectEvent[0]")
        #expect(time.eventIndex == 0)
        #expect(byCode[.invalidAction]?.first?.message.hasPrefix("line 6:") == true)
        #expect(byCode[.invalidValue]?.first?.message.contains("'lots' is not a number") == true)
        #expect(byCode[.unknownEventType]?.first?.message.contains("{urn:ex}Mystery") == true)
    }

    /// The errors decoding `xml` gives; none when it decodes.
    static func errors(_ xml: String) -> [EPCISError] {
        do {
            _ = try EPCISDocument.decodeXML(Array(xml.utf8))
            return []
        } catch {
            return error.errors
        }
    }

    @Test func documentLevelRefusals() {
        func message(_ xml: String) -> String {
            do { _ = try EPCISDocument.decodeXML(Array(xml.utf8)); return "" } catch { return error.description }
        }
        #expect(message("<EPCISCaptureJob xmlns=\"urn:epcglobal:epcis:xsd:2\" running=\"false\" success=\"true\" captureID=\"1\"/>")
            .contains("capture job"))
        #expect(message("<html/>").contains("expected EPCISDocument"))
        #expect(message("<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\"/>").contains("no <EPCISBody>"))
        let xxe = "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\"><EPCISBody>&x;</EPCISBody></epcis:EPCISDocument>"
        let m = message(xxe)
        #expect(m.contains("DTDs are refused"))
        #expect(m.contains("line 1"))
        #expect(message("<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\"><EPCISBody>").contains("ends inside"))
    }

    @Test func unencodableModelsGiveErrors() {
        var e = EPCISEvent(eventType: .object, eventTime: EPCISTimestamp("2024-05-01T08:30:00Z")!, eventTimeZoneOffset: "+00:00", action: .observe)
        e.extensions = ["nope:field": "x"]
        #expect { try EPCISDocument(events: [e]).xmlBytes() } throws: { err in
            (err as? EPCISErrors)?.errors.contains { $0.message.contains("prefix \"nope\"") && $0.eventIndex == 0 } == true
        }
        e.extensions = ["ex:field": "bell \u{7}"]
        #expect {
            try EPCISDocument(context: EPCISContext(namespaces: [("ex", "urn:ex:")]), events: [e]).xmlBytes()
        } throws: { err in
            (err as? EPCISErrors)?.errors.contains { $0.message.contains("control character 0x7") } == true
        }
    }

    /// Found by Fuzz/run epcis-json: a JSON document repeating a header member ("sender") was
    /// written as XML with that attribute twice, which no XML reader accepts.
    @Test func repeatedDocumentMembersAreUnencodableNotMalformed() throws {
        let json = #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2024-01-01T00:00:00Z","sender":"a","sender":"b","epcisBody":{"eventList":[]}}"#
        let document = try EPCISDocument(json: Array(json.utf8))
        #expect(throws: EPCISErrors.self) { try document.xmlBytes() }
        let once = #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2024-01-01T00:00:00Z","sender":"a","epcisBody":{"eventList":[]}}"#
        let xml = try EPCISDocument(json: Array(once.utf8)).xmlBytes()
        #expect(String(decoding: xml, as: UTF8.self).contains(#"sender="a""#))
        _ = try EPCISDocument(xml: xml)
    }

    /// Found by Fuzz/run epcis-xml: an unqualified element straight under EPCISBody was kept as a
    /// body extension that the JSON binding refuses ("epcisBody has only eventList and namespaced
    /// extensions"), so the document's own JSON did not decode. Refused in XML too, naming it.
    @Test func unqualifiedBodyElementsAreRefusedAsInJSON() throws {
        func document(_ extra: String) -> String {
            """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://example.org/ex" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody>\(extra)<EventList/></EPCISBody>
            </epcis:EPCISDocument>
            """
        }
        #expect {
            _ = try EPCISDocument.decodeXML(Array(document("<eventTime>2019-11-01T14:00:00Z</eventTime>").utf8))
        } throws: { error in
            (error as? EPCISErrors)?.errors.contains { $0.code == .fieldNotAllowed && $0.message.contains("<eventTime>") } == true
        }
        // A namespaced extension there is kept, and survives JSON.
        guard case .document(let kept) = try EPCISDocument.decodeXML(Array(document("<ex:note>x</ex:note>").utf8)) else {
            Issue.record("not a document"); return
        }
        #expect(kept.bodyExtensions["ex:note"] == .string("x"))
        _ = try EPCISDocument(json: kept.jsonBytes())
    }

    /// Found by Fuzz/run epcis-xml: XML decimals such as "06.7" were copied into JSON as they
    /// were spelt, and the JSON writer's output did not parse.
    @Test func xmlDecimalsBecomeJSONNumbers() throws {
        let xml = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody><EventList><ObjectEvent>
                <eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                <epcList/><action>OBSERVE</action>
                <quantityList>
                  <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998877</epcClass><quantity>+5</quantity><uom>KGM</uom></quantityElement>
                  <quantityElement><epcClass>urn:epc:class:lgtin:4012345.012345.998878</epcClass><quantity>007.50</quantity><uom>KGM</uom></quantityElement>
                </quantityList>
                <sensorElementList><sensorElement><sensorMetadata/>
                  <sensorReport type="gs1:Temperature" value=".5" minValue="-00.25" maxValue="5." percValue="06.7" meanValue="+1.5E+01" uom="CEL"/>
                </sensorElement></sensorElementList>
              </ObjectEvent></EventList></EPCISBody>
            </epcis:EPCISDocument>
            """
        let document = try EPCISDocument(xml: xml)
        let json = String(decoding: document.jsonBytes(), as: UTF8.self)
        for expected in [#""quantity":5"#, #""quantity":7.50"#, #""value":0.5"#, #""minValue":-0.25"#, #""maxValue":5"#,
                         #""percValue":6.7"#, #""meanValue":1.5E+01"#] {
            #expect(json.contains(expected), "\(expected) not in \(json)")
        }
        let back = try EPCISDocument(json: Array(json.utf8))
        #expect(back.events == document.events)
    }

    @Test func validateFlagAddsValidationErrors() throws {
        let xml = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody><EventList><ObjectEvent>
                <eventTime>2024-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                <epcList><epc>urn:epc:id:sgtin:0614141.107346.2017</epc></epcList>
              </ObjectEvent></EventList></EPCISBody>
            </epcis:EPCISDocument>
            """
        _ = try EPCISDocument(xml: xml)
        #expect { try EPCISDocument(xml: xml, validate: true) } throws: { e in
            (e as? EPCISErrors)?.errors.map(\.code) == [.missingField] && (e as? EPCISErrors)?.errors.first?.field == "action"
        }
    }

    /// Truncations and byte flips of a real document never crash the binding: each either
    /// decodes or throws EPCISErrors. (XMLTests does the same for the bare reader.)
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
            _ = try? EPCISDocument(xml: Array(doc[..<cut]))
        }
        let specials: [UInt8] = [0x3C, 0x3E, 0x26, 0x22, 0x27, 0x2F, 0x3A, 0x00, 0xFF, 0x5D, 0x21, 0x3F, 0x3D]
        for _ in 0..<2000 {
            var d = doc
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                d[Int.random(in: 0..<d.count, using: &rng)] = specials[Int.random(in: 0..<specials.count, using: &rng)]
            }
            _ = try? EPCISDocument(xml: d)
        }
    }
}
