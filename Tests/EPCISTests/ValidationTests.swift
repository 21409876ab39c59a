import Testing
@testable import EPCIS

/// Each validation rule, broken on purpose: the error must name the event (index, eventID),
/// the field and a stable code.
@Suite struct ValidationTests {
    /// A document whose event 0 is a valid ObjectEvent and event 1 is `event` (JSON members).
    static func document(_ event: String) -> String {
        """
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"example": "https://ns.example.com/epcis/"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00.000+07:00",
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "eventTime": "2024-05-01T08:00:00.000+07:00", "eventTimeZoneOffset": "+07:00",
            "eventID": "urn:uuid:00000000-0000-4000-8000-000000000000",
            "epcList": ["urn:epc:id:sgtin:8934567.012345.1"], "action": "ADD", "bizStep": "commissioning",
            "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"}},
           {\(event)}
         ]}}
        """
    }

    static let eventID = "urn:uuid:11111111-1111-4111-8111-111111111111"
    static let head = #""eventTime": "2024-05-02T09:30:00.000+07:00", "eventTimeZoneOffset": "+07:00", "eventID": "urn:uuid:11111111-1111-4111-8111-111111111111""#

    /// All errors for the document (decoding and validation).
    static func errors(_ event: String) -> [EPCISError] {
        do {
            _ = try EPCISDocument(json: Array(document(event).utf8), validate: true)
            return []
        } catch {
            return error.errors
        }
    }

    /// Expects exactly the event at index 1 to fail with `code` on `field`.
    static func expectError(_ event: String, _ code: EPCISError.Code, field: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let errs = errors(event)
        let match = errs.first { $0.code == code && $0.field == field }
        #expect(match != nil, "expected \(code.rawValue) on \(field), got: \(errs)", sourceLocation: sourceLocation)
        if let match {
            #expect(match.eventIndex == 1, sourceLocation: sourceLocation)
            if event.contains(eventID) { #expect(match.eventID == eventID, sourceLocation: sourceLocation) }
            #expect(match.description.contains("event[1]"), sourceLocation: sourceLocation)
        }
        #expect(errs.allSatisfy { $0.eventIndex == 1 }, "event 0 is valid, got: \(errs)", sourceLocation: sourceLocation)
    }

    static let obj = #""type": "ObjectEvent", "# + head
    static let epc = #""epcList": ["urn:epc:id:sgtin:8934567.012345.2"]"#

    @Test func validBaselineHasNoErrors() {
        #expect(Self.errors(Self.obj + ", \"action\": \"OBSERVE\", " + Self.epc) == [])
    }

    // MARK: required fields per type

    @Test func actionRequired() {
        Self.expectError(Self.obj + ", " + Self.epc, .missingField, field: "action")
        Self.expectError(#""type": "AggregationEvent", "# + Self.head + #", "parentID": "urn:epc:id:sscc:8934567.0000000001", "childEPCs": ["urn:epc:id:sgtin:8934567.012345.2"]"#,
                         .missingField, field: "action")
    }

    @Test func actionValues() {
        Self.expectError(Self.obj + ", \"action\": \"UPDATE\", " + Self.epc, .invalidAction, field: "action")
        Self.expectError(Self.obj + ", \"action\": \"add\", " + Self.epc, .invalidAction, field: "action")
    }

    @Test func objectEventNeedsWhat() {
        Self.expectError(Self.obj + ", \"action\": \"OBSERVE\"", .missingField, field: "epcList")
    }

    @Test func aggregationParentRules() {
        let agg = #""type": "AggregationEvent", "# + Self.head
        let children = #""childEPCs": ["urn:epc:id:sgtin:8934567.012345.2"]"#
        Self.expectError(agg + ", \"action\": \"ADD\", " + children, .missingField, field: "parentID")
        Self.expectError(agg + ", \"action\": \"DELETE\", " + children, .missingField, field: "parentID")
        // OBSERVE may omit parentID.
        #expect(Self.errors(agg + ", \"action\": \"OBSERVE\", " + children) == [])
        // DELETE may omit children (all are removed).
        #expect(Self.errors(agg + ", \"action\": \"DELETE\", \"parentID\": \"urn:epc:id:sscc:8934567.0000000001\"") == [])
        Self.expectError(agg + ", \"action\": \"ADD\", \"parentID\": \"urn:epc:id:sscc:8934567.0000000001\"", .missingField, field: "childEPCs")
    }

    @Test func associationNeedsParent() {
        Self.expectError(#""type": "AssociationEvent", "# + Self.head + #", "action": "ADD", "childEPCs": ["urn:epc:id:giai:8934567.1"]"#,
                         .missingField, field: "parentID")
    }

    @Test func transactionNeedsBizTransaction() {
        Self.expectError(#""type": "TransactionEvent", "# + Self.head + ", \"action\": \"ADD\", " + Self.epc,
                         .missingField, field: "bizTransactionList")
    }

    @Test func transformationInputsAndOutputs() {
        let tr = #""type": "TransformationEvent", "# + Self.head
        Self.expectError(tr + #", "outputEPCList": ["urn:epc:id:sgtin:8934567.012345.9"]"#, .missingField, field: "inputEPCList")
        Self.expectError(tr + #", "inputEPCList": ["urn:epc:id:sgtin:8934567.012345.9"]"#, .missingField, field: "outputEPCList")
        // With a transformationID, inputs alone are fine.
        #expect(Self.errors(tr + #", "transformationID": "urn:uuid:22222222-2222-4222-8222-222222222222", "inputEPCList": ["urn:epc:id:sgtin:8934567.012345.9"]"#) == [])
        Self.expectError(tr + #", "action": "ADD", "inputEPCList": ["urn:epc:id:sgtin:8934567.012345.9"], "outputEPCList": ["urn:epc:id:sgtin:8934567.012345.8"]"#,
                         .fieldNotAllowed, field: "action")
    }

    @Test func fieldsOfOtherTypesAreRejected() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "childEPCs": ["urn:epc:id:sgtin:8934567.012345.3"]"#,
                         .fieldNotAllowed, field: "childEPCs")
        Self.expectError(Self.obj + ", \"action\": \"OBSERVE\", " + Self.epc + #", "ilmd": {"example:lot": "A"}"#,
                         .fieldNotAllowed, field: "ilmd")
    }

    @Test func unknownEventType() {
        Self.expectError(#""type": "FooEvent", "# + Self.head, .unknownEventType, field: "type")
    }

    // MARK: time

    @Test func eventTimeNeedsZone() {
        Self.expectError(#""type": "ObjectEvent", "eventTime": "2024-05-02T09:30:00", "eventTimeZoneOffset": "+07:00", "action": "ADD", "# + Self.epc,
                         .missingTimeZone, field: "eventTime")
    }

    @Test func eventTimeMustParse() {
        Self.expectError(#""type": "ObjectEvent", "eventTime": "2024-02-30T09:30:00Z", "eventTimeZoneOffset": "+07:00", "action": "ADD", "# + Self.epc,
                         .invalidTimestamp, field: "eventTime")
        Self.expectError(#""type": "ObjectEvent", "eventTimeZoneOffset": "+07:00", "action": "ADD", "# + Self.epc,
                         .missingField, field: "eventTime")
    }

    @Test func timeZoneOffsetFormat() {
        for bad in ["+7:00", "07:00", "+15:00", "+14:30", "+07:60", "Z"] {
            Self.expectError(#""type": "ObjectEvent", "eventTime": "2024-05-02T09:30:00Z", "eventTimeZoneOffset": "\#(bad)", "action": "ADD", "# + Self.epc,
                             .invalidTimeZoneOffset, field: "eventTimeZoneOffset")
        }
        Self.expectError(#""type": "ObjectEvent", "eventTime": "2024-05-02T09:30:00Z", "action": "ADD", "# + Self.epc,
                         .missingField, field: "eventTimeZoneOffset")
    }

    @Test func declarationTimeNeedsZone() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "errorDeclaration": {"declarationTime": "2024-05-03T00:00:00", "reason": "incorrect_data"}"#,
                         .missingTimeZone, field: "errorDeclaration.declarationTime")
    }

    // MARK: vocabularies

    @Test func bizStepAndDisposition() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "bizStep": "shipped""#, .invalidVocabulary, field: "bizStep")
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "bizStep": "urn:epcglobal:cbv:bizstep:shipped""#, .invalidVocabulary, field: "bizStep")
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "disposition": "https://ref.gs1.org/cbv/Disp-broken""#, .invalidVocabulary, field: "disposition")
        // A private vocabulary URI is fine.
        #expect(Self.errors(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "bizStep": "https://nguon.example.vn/bizstep/harvesting""#) == [])
    }

    @Test func bizTransactionType() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "bizTransactionList": [{"type": "order", "bizTransaction": "urn:epc:id:gdti:8934567.00001.1"}]"#,
                         .invalidVocabulary, field: "bizTransactionList[0].type")
    }

    @Test func sourceDestinationType() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "sourceList": [{"type": "owner", "source": "urn:epc:id:pgln:8934567.00001"}]"#,
                         .invalidVocabulary, field: "sourceList[0].type")
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "destinationList": [{"type": "location", "destination": "not a uri"}]"#,
                         .invalidIdentifier, field: "destinationList[0].destination")
    }

    @Test func errorReason() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "errorDeclaration": {"declarationTime": "2024-05-03T00:00:00Z", "reason": "typo"}"#,
                         .invalidVocabulary, field: "errorDeclaration.reason")
    }

    @Test func persistentDispositionValues() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "persistentDisposition": {"set": ["frozen"]}"#,
                         .invalidVocabulary, field: "persistentDisposition.set[0]")
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "persistentDisposition": {"set": ["recalled"], "unset": ["recalled"]}"#,
                         .invalidValue, field: "persistentDisposition")
    }

    // MARK: identifiers

    @Test func epcIdentifiers() {
        Self.expectError(Self.obj + #", "action": "ADD", "epcList": ["urn:epc:id:sgtin:8934567.01234.1"]"#, .invalidIdentifier, field: "epcList[0]")
        Self.expectError(Self.obj + #", "action": "ADD", "epcList": ["urn:epc:id:sgtin:8934567.012345.1", "https://id.gs1.org/01/08934567123459/21/1"]"#,
                         .invalidIdentifier, field: "epcList[1]")
        Self.expectError(Self.obj + #", "action": "ADD", "epcList": ["urn:epc:class:lgtin:8934567.012345.L1"]"#, .invalidIdentifier, field: "epcList[0]")
        Self.expectError(Self.obj + #", "action": "ADD", "epcList": ["https://id.gs1.org/01/08934567123457"]"#, .invalidIdentifier, field: "epcList[0]")
        Self.expectError(Self.obj + #", "action": "ADD", "epcList": ["sgtin 1"]"#, .invalidIdentifier, field: "epcList[0]")
        // A valid Digital Link with a serial is an EPC.
        #expect(Self.errors(Self.obj + #", "action": "ADD", "epcList": ["https://id.gs1.org/01/08934567123457/21/1"]"#) == [])
    }

    @Test func parentIdentifier() {
        Self.expectError(#""type": "AggregationEvent", "# + Self.head + #", "action": "ADD", "parentID": "urn:epc:id:sscc:8934567.000000001", "childEPCs": ["urn:epc:id:sgtin:8934567.012345.2"]"#,
                         .invalidIdentifier, field: "parentID")
    }

    @Test func classIdentifiers() {
        func q(_ cls: String) -> String { Self.obj + #", "action": "OBSERVE", "quantityList": [{"epcClass": "\#(cls)", "quantity": 5}]"# }
        Self.expectError(q("urn:epc:id:sgtin:8934567.012345.1"), .invalidClassIdentifier, field: "quantityList[0].epcClass")
        Self.expectError(q("https://id.gs1.org/414/8934567000017"), .invalidClassIdentifier, field: "quantityList[0].epcClass")
        Self.expectError(q("https://id.gs1.org/01/08934567123457/21/7"), .invalidClassIdentifier, field: "quantityList[0].epcClass")
        Self.expectError(q("urn:epc:idpat:sgtin:8934567.012345.5"), .invalidClassIdentifier, field: "quantityList[0].epcClass")
        for good in ["urn:epc:class:lgtin:8934567.012345.L1", "urn:epc:idpat:sgtin:8934567.012345.*",
                     "https://id.gs1.org/01/08934567123457", "https://id.gs1.org/01/08934567123457/10/L1"] {
            #expect(Self.errors(q(good)) == [], "\(good)")
        }
    }

    @Test func quantityAndUOM() {
        Self.expectError(Self.obj + #", "action": "OBSERVE", "quantityList": [{"epcClass": "urn:epc:class:lgtin:8934567.012345.L1", "quantity": -1, "uom": "KGM"}]"#,
                         .invalidQuantity, field: "quantityList[0].quantity")
        Self.expectError(Self.obj + #", "action": "OBSERVE", "quantityList": [{"epcClass": "urn:epc:class:lgtin:8934567.012345.L1", "quantity": 2.5}]"#,
                         .invalidQuantity, field: "quantityList[0].quantity")
        Self.expectError(Self.obj + #", "action": "OBSERVE", "quantityList": [{"epcClass": "urn:epc:class:lgtin:8934567.012345.L1", "quantity": 2.5, "uom": "kg"}]"#,
                         .invalidUOM, field: "quantityList[0].uom")
        Self.expectError(Self.obj + #", "action": "OBSERVE", "quantityList": [{"epcClass": "urn:epc:class:lgtin:8934567.012345.L1", "quantity": "2"}]"#,
                         .wrongType, field: "quantityList[0].quantity")
        Self.expectError(Self.obj + #", "action": "OBSERVE", "quantityList": [{"epcClass": "urn:epc:class:lgtin:8934567.012345.L1", "uom": "KGM"}]"#,
                         .missingField, field: "quantityList[0].quantity")
    }

    @Test func locations() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "readPoint": {"id": "urn:epc:id:sgln:8934567.0001.0"}"#,
                         .invalidIdentifier, field: "readPoint.id")
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "bizLocation": {"example:x": 1}"#,
                         .missingField, field: "bizLocation.id")
        #expect(Self.errors(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "readPoint": {"id": "https://id.gs1.org/414/8934567000017"}"#) == [])
    }

    // MARK: sensors, extensions

    @Test func sensorReports() {
        let base = Self.obj + ", \"action\": \"OBSERVE\", " + Self.epc
        Self.expectError(base + #", "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 5, "uom": "celsius"}]}]"#,
                         .invalidUOM, field: "sensorElementList[0].sensorReport[0].uom")
        Self.expectError(base + #", "sensorElementList": [{"sensorReport": [{"type": "Warmth", "value": 5}]}]"#,
                         .invalidVocabulary, field: "sensorElementList[0].sensorReport[0].type")
        Self.expectError(base + #", "sensorElementList": [{"sensorReport": [{"type": "Temperature", "hexBinaryValue": "abc"}]}]"#,
                         .invalidValue, field: "sensorElementList[0].sensorReport[0].hexBinaryValue")
        Self.expectError(base + #", "sensorElementList": [{"sensorReport": [{"type": "Temperature", "time": "2024-05-02T09:30:00"}]}]"#,
                         .missingTimeZone, field: "sensorElementList[0].sensorReport[0].time")
        Self.expectError(base + #", "sensorElementList": [{"sensorReport": []}]"#,
                         .missingField, field: "sensorElementList[0].sensorReport")
    }

    @Test func extensionNamesNeedPrefix() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "bizstep": "shipping""#,
                         .fieldNotAllowed, field: "bizstep")
    }

    @Test func wrongJSONTypes() {
        Self.expectError(Self.obj + ", \"action\": \"ADD\", \"epcList\": \"urn:epc:id:sgtin:8934567.012345.2\"",
                         .wrongType, field: "epcList")
        Self.expectError(Self.obj + ", \"action\": \"ADD\", " + Self.epc + #", "readPoint": "urn:epc:id:sgln:8934567.00001.0""#,
                         .wrongType, field: "readPoint")
    }

    // MARK: whole document

    @Test func allErrorsAreCollected() {
        let errs = Self.errors(#""type": "AggregationEvent", "eventTime": "2024-05-02T09:30:00", "eventTimeZoneOffset": "7", "bizStep": "x", "childEPCs": ["bad"]"#)
        let codes = Set(errs.map(\.code))
        #expect(codes.isSuperset(of: [.missingTimeZone, .invalidTimeZoneOffset, .missingField, .invalidVocabulary, .invalidIdentifier]), "\(errs)")
        #expect(errs.count >= 5)
    }

    @Test func errorsInSeveralEventsKeepTheirIndex() throws {
        var doc = try EPCISDocument(json: Array(Self.document(Self.obj + ", \"action\": \"ADD\", " + Self.epc).utf8))
        doc.events[0].bizStep = "nonsense"
        doc.events[1].action = nil
        let errs = doc.validate()
        #expect(errs.map(\.eventIndex) == [0, 1])
        #expect(errs[0].field == "bizStep" && errs[0].eventID == "urn:uuid:00000000-0000-4000-8000-000000000000")
        #expect(errs[1].field == "action" && errs[1].eventID == Self.eventID)
        #expect(throws: EPCISErrors(errs)) { try doc.validated() }
    }

    @Test func documentLevelErrors() {
        let bad = #"{"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:00:00"}"#
        do {
            _ = try EPCISDocument(json: Array(bad.utf8), validate: true)
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.contains { $0.field == "epcisBody" && $0.code == .missingField && $0.eventIndex == nil })
            #expect(error.errors.contains { $0.field == "creationDate" && $0.code == .missingTimeZone })
        }
        do {
            _ = try EPCISDocument(json: Array("{\"type\": ".utf8))
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.first?.code == .malformedDocument)
        }
    }
}
