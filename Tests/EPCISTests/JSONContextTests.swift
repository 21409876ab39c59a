import Testing
@testable import EPCIS

/// EPCIS 2.0 JSON-LD documents (and a bare event sent on its own) must carry "@context": the
/// JSON schema requires it, and without it the members have no defined meaning.
@Suite struct JSONContextTests {
    static let body = #""epcisBody": {"eventList": [{"type": "ObjectEvent", "eventTime": "2024-05-01T08:30:00.000+07:00", "eventTimeZoneOffset": "+07:00", "epcList": ["urn:epc:id:sgtin:8934567.012345.1"], "action": "OBSERVE"}]}"#

    static func expectContextError(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) { try EPCISJSON.decode(Array(json.utf8)) } throws: { e in
            guard let errors = (e as? EPCISErrors)?.errors else { return false }
            return errors.contains { $0.code == .missingField && $0.field == "@context" && $0.message.contains("@context") }
        }
    }

    @Test func documentWithoutContextIsRefused() {
        Self.expectContextError(#"{"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:30:00.000+07:00", "# + Self.body + "}")
        #expect {
            try EPCISDocument(json: Array(#"{"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:30:00Z", "#.utf8) + Array(Self.body.utf8) + [0x7D])
        } throws: { e in
            (e as? EPCISErrors)?.errors.map(\.field) == ["@context"]
        }
    }

    @Test func queryDocumentWithoutContextIsRefused() {
        Self.expectContextError(#"{"type": "EPCISQueryDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:30:00Z", "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {"eventList": []}}}}"#)
    }

    @Test func bareEventWithoutContextIsRefused() {
        Self.expectContextError(#"{"type": "ObjectEvent", "eventTime": "2024-05-01T08:30:00.000+07:00", "eventTimeZoneOffset": "+07:00", "epcList": ["urn:epc:id:sgtin:8934567.012345.1"], "action": "OBSERVE"}"#)
    }

    @Test func withContextTheSameDocumentDecodes() throws {
        let json = #"{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-05-01T08:30:00Z", "# + Self.body + "}"
        guard case .document(let d) = try EPCISJSON.decode(Array(json.utf8), validate: true) else {
            Issue.record("not decoded as a document")
            return
        }
        #expect(d.events.count == 1)
    }

    /// Events inside a document take the document's context; a stored event read back on its
    /// own (EPCISEvent(json:)) is not a JSON-LD document and needs none.
    @Test func eventsInsideDocumentsAndStoredEventsNeedNone() throws {
        let stored = #"{"type": "ObjectEvent", "eventTime": "2024-05-01T08:30:00.000+07:00", "eventTimeZoneOffset": "+07:00", "epcList": ["urn:epc:id:sgtin:8934567.012345.1"], "action": "OBSERVE"}"#
        #expect(try EPCISEvent(json: Array(stored.utf8)).action == .observe)
    }
}
