import Foundation
import TestSupport
import Testing
@testable import EPCIS

/// Sensor report vocabularies: GS1 Web Vocabulary terms written as CURIEs (gs1:…) or full URIs
/// are the terms themselves, and the measurement types are the Web Vocabulary's whole list
/// (plus the legacy names the published EPCIS 2.0 XML examples still use).
@Suite struct SensorVocabularyTests {
    static func event(type: String, exception: String? = nil) -> String {
        let x = exception.map { #", "exception": "\#($0)""# } ?? ""
        return #"{"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "ObjectEvent", "#
            + #""eventTime": "2024-05-01T08:30:00.000+07:00", "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "#
            + #""epcList": ["urn:epc:id:sgtin:8934567.012345.1"], "sensorElementList": [{"sensorReport": [{"type": "\#(type)"\#(x), "value": 1, "uom": "CEL"}]}]}"#
    }

    static func decode(_ json: String) throws -> EPCISEvent {
        guard case .event(let e) = try EPCISJSON.decode(Array(json.utf8), validate: true) else {
            throw EPCISErrors([EPCISError(.unknownDocumentType, field: "", message: "not an event")])
        }
        return e
    }

    // MARK: gs1: prefixed terms (4b)

    @Test(arguments: ["gs1:ALARM_CONDITION", "https://gs1.org/voc/ALARM_CONDITION", "ALARM_CONDITION"])
    func sensorAlertSpellings(_ spelling: String) throws {
        #expect(CBV.normalize(spelling, .sensorAlertType) == "ALARM_CONDITION")
        let e = try Self.decode(Self.event(type: "Temperature", exception: spelling))
        #expect(e.sensorElementList[0].sensorReport[0].exception == "ALARM_CONDITION")
        // One term, one hash: the reference writes https://gs1.org/voc/ALARM_CONDITION.
        #expect(EventHash.preHashString(e).contains("exception=https://gs1.org/voc/ALARM_CONDITION"))
    }

    @Test func alertTypeURIsAreTheWebVocabularyTerms() {
        #expect(CBV.webURI("ERROR_CONDITION", .sensorAlertType) == "https://gs1.org/voc/ERROR_CONDITION")
        #expect(CBV.urn("gs1:ERROR_CONDITION", .sensorAlertType) == "https://gs1.org/voc/ERROR_CONDITION")
        // What this library wrote before (a URI the vocabulary does not define) still reads back.
        #expect(CBV.normalize("https://gs1.org/voc/SensorAlertType-ALARM_CONDITION", .sensorAlertType) == "ALARM_CONDITION")
    }

    @Test func gs1PrefixedMeasurementTypeIsTheTerm() throws {
        let e = try Self.decode(Self.event(type: "gs1:RelativeHumidity"))
        #expect(e.sensorElementList[0].sensorReport[0].type == "RelativeHumidity")
    }

    // MARK: the whole MeasurementType list (4c)

    @Test func everyWebVocabularyMeasurementTypeIsAccepted() throws {
        #expect(CBV.measurementTypes.count == 72)
        for t in CBV.measurementTypes.sorted() {
            #expect(throws: Never.self, "\(t)") { try Self.decode(Self.event(type: t)) }
            #expect(throws: Never.self, "gs1:\(t)") { try Self.decode(Self.event(type: "gs1:" + t)) }
        }
    }

    @Test(arguments: ["gs1:Molar_concentration", "gs1:EffectiveDoseRate", "https://gs1.org/voc/EffectiveDoseRate"])
    func legacyNamesOfPublishedExamplesAreAccepted(_ type: String) throws {
        let e = try Self.decode(Self.event(type: type))
        // Kept as written: a bare "Molar_concentration" would mean nothing to a JSON-LD reader.
        #expect(e.sensorElementList[0].sensorReport[0].type == type)
    }

    @Test func unknownTermsInTheGS1NamespaceAreStillRefused() {
        #expect { try Self.decode(Self.event(type: "gs1:Bogus")) } throws: { e in
            (e as? EPCISErrors)?.errors.contains { $0.code == .invalidVocabulary && $0.field.hasSuffix("sensorReport[0].type") } == true
        }
        // A legacy name has no bare form.
        #expect { try Self.decode(Self.event(type: "Molar_concentration")) } throws: { e in
            (e as? EPCISErrors)?.errors.contains { $0.code == .invalidVocabulary } == true
        }
    }

    /// The published sensor examples (XML) use gs1:Molar_concentration and gs1:EffectiveDoseRate.
    @Test(.enabled(if: SharedFolder.has("conformance/epcis/XML/WithSensorData/SensorDataExamples.xml"), "needs shared/conformance/epcis/XML/WithSensorData/SensorDataExamples.xml (set NGUON_SHARED to the shared/ folder)"))
    func publishedSensorExamplesHaveNoVocabularyErrors() throws {
        let url = try #require(SharedFolder.file("conformance/epcis/XML/WithSensorData/SensorDataExamples.xml"))
        let doc = try EPCISDocument(xml: [UInt8](try Data(contentsOf: url)))
        let errors = doc.validate().filter { $0.field.contains("sensorReport") && ($0.field.hasSuffix(".type") || $0.field.hasSuffix(".exception")) }
        #expect(errors == [])
    }
}
