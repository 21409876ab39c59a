import Testing
@testable import EPCIS

/// Standard EPCIS elements qualified with the EPCIS namespace (a prefix, or a default namespace
/// on the root) are the unqualified elements the schema defines: producers write both.
@Suite struct XMLBindingNamespaceTests {
    static let plain = """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody><EventList><ObjectEvent>
            <eventTime>2024-01-01T08:00:00.000+07:00</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
            <epcList><epc>urn:epc:id:sgtin:8934567.012345.1</epc></epcList><action>OBSERVE</action>
            <bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep>
            <readPoint><id>urn:epc:id:sgln:8934567.00001.0</id></readPoint>
          </ObjectEvent></EventList></EPCISBody>
        </epcis:EPCISDocument>
        """

    static let prefixed = """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <epcis:EPCISBody><epcis:EventList><epcis:ObjectEvent>
            <epcis:eventTime>2024-01-01T08:00:00.000+07:00</epcis:eventTime><epcis:eventTimeZoneOffset>+07:00</epcis:eventTimeZoneOffset>
            <epcis:epcList><epcis:epc>urn:epc:id:sgtin:8934567.012345.1</epcis:epc></epcis:epcList><epcis:action>OBSERVE</epcis:action>
            <epcis:bizStep>urn:epcglobal:cbv:bizstep:inspecting</epcis:bizStep>
            <epcis:readPoint><epcis:id>urn:epc:id:sgln:8934567.00001.0</epcis:id></epcis:readPoint>
          </epcis:ObjectEvent></epcis:EventList></epcis:EPCISBody>
        </epcis:EPCISDocument>
        """

    static let defaultNamespace = """
        <EPCISDocument xmlns="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody><EventList><ObjectEvent>
            <eventTime>2024-01-01T08:00:00.000+07:00</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
            <epcList><epc>urn:epc:id:sgtin:8934567.012345.1</epc></epcList><action>OBSERVE</action>
            <bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep>
            <readPoint><id>urn:epc:id:sgln:8934567.00001.0</id></readPoint>
          </ObjectEvent></EventList></EPCISBody>
        </EPCISDocument>
        """

    @Test(arguments: [prefixed, defaultNamespace])
    func qualifiedStandardElementsAreTheFields(_ xml: String) throws {
        let doc = try EPCISDocument(xml: xml, validate: true)
        let e = try #require(doc.events.first)
        #expect(e.eventTime.lexical == "2024-01-01T08:00:00.000+07:00")
        #expect(e.eventTimeZoneOffset == "+07:00")
        #expect(e.action == .observe && e.bizStep == "inspecting")
        #expect(e.epcList == ["urn:epc:id:sgtin:8934567.012345.1"])
        #expect(e.readPoint?.id == "urn:epc:id:sgln:8934567.00001.0")
        #expect(e.extensions.isEmpty && e.readPoint?.extensions.isEmpty == true)
        // The same event as the unqualified spelling, down to its hash.
        let plain = try EPCISDocument(xml: Self.plain)
        #expect(EventHash.compute(doc) == EventHash.compute(plain))
    }

    @Test func qualifiedErrorDeclarationAndSensorElements() throws {
        let xml = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody><EventList><epcis:ObjectEvent>
                <epcis:eventTime>2024-01-01T08:00:00Z</epcis:eventTime><epcis:eventTimeZoneOffset>+07:00</epcis:eventTimeZoneOffset>
                <epcis:errorDeclaration><epcis:declarationTime>2024-01-02T08:00:00Z</epcis:declarationTime><epcis:reason>urn:epcglobal:cbv:er:incorrect_data</epcis:reason></epcis:errorDeclaration>
                <epcis:epcList><epcis:epc>urn:epc:id:sgtin:8934567.012345.1</epcis:epc></epcis:epcList><epcis:action>OBSERVE</epcis:action>
                <epcis:readPoint><epcis:id>urn:epc:id:sgln:8934567.00001.0</epcis:id></epcis:readPoint>
                <epcis:sensorElementList><epcis:sensorElement>
                  <epcis:sensorMetadata time="2024-01-01T07:59:00Z"/>
                  <epcis:sensorReport type="gs1:Temperature" value="4.5" uom="CEL"/>
                </epcis:sensorElement></epcis:sensorElementList>
              </epcis:ObjectEvent></EventList></EPCISBody>
            </epcis:EPCISDocument>
            """
        let e = try #require(try EPCISDocument(xml: xml, validate: true).events.first)
        #expect(e.errorDeclaration?.reason == "incorrect_data")
        #expect(e.errorDeclaration?.extensions.isEmpty == true)
        #expect(e.sensorElementList.first?.sensorReport.first?.type == "Temperature")
        #expect(e.sensorElementList.first?.sensorMetadata?.time?.lexical == "2024-01-01T07:59:00Z")
        #expect(e.extensions.isEmpty)
    }
}
