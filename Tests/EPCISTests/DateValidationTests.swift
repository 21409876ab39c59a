import Foundation
import Testing
@testable import EPCIS

/// Dates no real event has: event times outside 1970 … 100 years from now, and ILMD master-data
/// date attributes (cbvmda:bestBeforeDate and friends) that are not xsd:date/xsd:dateTime values.
/// Errors name the event and field as every validation error does.
@Suite struct DateValidationTests {
    static let obj = #""type": "ObjectEvent", "eventTimeZoneOffset": "+07:00", "eventID": "urn:uuid:11111111-1111-4111-8111-111111111111", "action": "ADD", "epcList": ["urn:epc:id:sgtin:8934567.012345.2"]"#

    static func event(time: String = "2024-05-02T09:30:00.000+07:00", _ more: String = "") -> String {
        Self.obj + #", "eventTime": "\#(time)""# + more
    }

    @Test(arguments: ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z"])
    func eventTimeOutsideTheWindow(_ time: String) {
        ValidationTests.expectError(Self.event(time: time), .dateOutOfRange, field: "eventTime")
    }

    @Test func otherEventTimesToo() {
        ValidationTests.expectError(Self.event(#", "recordTime": "9999-01-01T00:00:00Z""#), .dateOutOfRange, field: "recordTime")
        ValidationTests.expectError(Self.event(#", "errorDeclaration": {"declarationTime": "0001-01-01T00:00:00Z"}"#),
                                    .dateOutOfRange, field: "errorDeclaration.declarationTime")
        ValidationTests.expectError(Self.event(#", "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"}, "sensorElementList": [{"sensorMetadata": {"time": "9999-01-01T00:00:00Z"}, "sensorReport": [{"type": "Temperature", "value": 4, "uom": "CEL", "time": "0001-01-01T00:00:00Z"}]}]"#),
                                    .dateOutOfRange, field: "sensorElementList[0].sensorMetadata.time")
        ValidationTests.expectError(Self.event(#", "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"}, "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 4, "uom": "CEL", "time": "0001-01-01T00:00:00Z"}]}]"#),
                                    .dateOutOfRange, field: "sensorElementList[0].sensorReport[0].time")
    }

    @Test func windowEdges() {
        let now = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15
        func errors(_ t: String) -> [EPCISError] {
            var e = EPCISEvent(eventType: .object, eventTime: EPCISTimestamp(t)!, eventTimeZoneOffset: "+00:00",
                               epcList: ["urn:epc:id:sgtin:8934567.012345.2"], action: .observe)
            e.eventID = nil
            return e.validate(now: now).filter { $0.code == .dateOutOfRange }
        }
        #expect(errors("1970-01-01T00:00:00Z").isEmpty)
        #expect(errors("2126-12-31T00:00:00Z").isEmpty)
        #expect(!errors("2127-02-01T00:00:00Z").isEmpty)
        #expect(!errors("1969-12-31T23:59:59.999Z").isEmpty)
    }

    // MARK: ILMD dates

    static func ilmd(_ members: String) -> String { Self.event(#", "ilmd": {\#(members)}"#) }

    @Test(arguments: ["cbvmda:itemExpirationDate", "cbvmda:bestBeforeDate", "cbvmda:sellByDate", "cbvmda:harvestStartDate",
                      "cbvmda:harvestEndDate", "cbvmda:firstFreezeDate", "cbvmda:productionDate"])
    func masterDataDatesMustBeDates(_ key: String) {
        for bad in ["31/12/2025", "2025-02-30", "soon", "20251231", "2025-12-31T25:00:00Z"] {
            ValidationTests.expectError(Self.ilmd(#""\#(key)": "\#(bad)""#), .invalidDate, field: "ilmd." + key)
        }
        ValidationTests.expectError(Self.ilmd(#""\#(key)": 20251231"#), .invalidDate, field: "ilmd." + key)
        ValidationTests.expectError(Self.ilmd(#""\#(key)": "0001-01-01""#), .dateOutOfRange, field: "ilmd." + key)
        for good in ["2025-12-31", "2025-12-31+07:00", "2025-12-31Z", "2025-12-31T08:00:00+07:00"] {
            #expect(ValidationTests.errors(Self.ilmd(#""\#(key)": "\#(good)""#)) == [], "\(good)")
        }
    }

    /// The attribute is known by its namespace, whatever prefix the document chose (or a full IRI).
    @Test func masterDataDatesByNamespace() {
        let doc = """
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"mda": "urn:epcglobal:cbv:mda:"}],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00.000+07:00",
             "epcisBody": {"eventList": [{\(Self.ilmd(#""mda:bestBeforeDate": "soon", "urn:epcglobal:cbv:mda:sellByDate": "later", "example:bestBeforeDate": "whenever""#))}]}}
            """
        do {
            _ = try EPCISDocument(json: Array(doc.utf8), validate: true)
            Issue.record("accepted")
        } catch {
            let fields = error.errors.filter { $0.code == .invalidDate }.map(\.field).sorted()
            #expect(fields == ["ilmd.mda:bestBeforeDate", "ilmd.urn:epcglobal:cbv:mda:sellByDate"])
            #expect(error.errors.allSatisfy { $0.eventIndex == 0 })
        }
    }

    /// From XML the values arrive as element text.
    @Test func masterDataDatesFromXML() {
        let xml = """
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:cbvmda="urn:epcglobal:cbv:mda" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
              <EPCISBody><EventList><ObjectEvent>
                <eventTime>2024-01-01T08:00:00Z</eventTime><eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                <epcList><epc>urn:epc:id:sgtin:8934567.012345.1</epc></epcList><action>ADD</action>
                <ilmd><cbvmda:itemExpirationDate>31.12.2025</cbvmda:itemExpirationDate><cbvmda:bestBeforeDate> 2025-06-30 </cbvmda:bestBeforeDate></ilmd>
              </ObjectEvent></EventList></EPCISBody>
            </epcis:EPCISDocument>
            """
        do {
            _ = try EPCISDocument(xml: xml, validate: true)
            Issue.record("accepted")
        } catch {
            #expect(error.errors.map(\.field) == ["ilmd.cbvmda:itemExpirationDate"])
            #expect(error.errors.first?.code == .invalidDate)
        }
    }
}
