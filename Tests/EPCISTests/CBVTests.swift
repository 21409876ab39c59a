import Testing
@testable import EPCIS

/// CBV 2.0 vocabulary spellings normalise to one form and convert back.
@Suite struct CBVTests {
    @Test(arguments: ["shipping", "urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping",
                      "cbv:BizStep-shipping", "https://gs1.org/voc/BizStep-shipping", "http://ns.gs1.org/cbv/BizStep-shipping"])
    func bizStepSpellings(_ s: String) {
        #expect(CBV.normalize(s, .bizStep) == "shipping")
        #expect(CBV.urn(s, .bizStep) == "urn:epcglobal:cbv:bizstep:shipping")
        #expect(CBV.webURI(s, .bizStep) == "https://ref.gs1.org/cbv/BizStep-shipping")
    }

    @Test func otherVocabularies() {
        #expect(CBV.normalize("urn:epcglobal:cbv:disp:in_transit", .disposition) == "in_transit")
        #expect(CBV.normalize("urn:epcglobal:cbv:btt:po", .bizTransactionType) == "po")
        #expect(CBV.normalize("urn:epcglobal:cbv:sdt:owning_party", .sourceDestinationType) == "owning_party")
        #expect(CBV.normalize("urn:epcglobal:cbv:er:did_not_occur", .errorReason) == "did_not_occur")
        #expect(CBV.normalize("gs1:Temperature", .measurementType) == "Temperature")
        #expect(CBV.webURI("Temperature", .measurementType) == "https://gs1.org/voc/Temperature")
        #expect(CBV.normalize("cbv:Comp-latitude", .component) == "latitude")
        #expect(CBV.webURI("ALARM_CONDITION", .sensorAlertType) == "https://gs1.org/voc/ALARM_CONDITION")
        #expect(CBV.urn("Temperature", .measurementType) == "https://gs1.org/voc/Temperature")
    }

    @Test func nonStandardValuesAreKept() {
        #expect(CBV.normalize("https://nguon.example.vn/bizstep/harvesting", .bizStep) == "https://nguon.example.vn/bizstep/harvesting")
        #expect(CBV.normalize("urn:epcglobal:cbv:bizstep:harvesting", .bizStep) == "urn:epcglobal:cbv:bizstep:harvesting")
        // A term of another vocabulary is not silently accepted.
        #expect(CBV.normalize("urn:epcglobal:cbv:disp:shipping", .bizStep) == "urn:epcglobal:cbv:disp:shipping")
        #expect(CBV.urn("example:custom", .bizStep) == "example:custom")
    }

    @Test func tablesHaveCBV2Sizes() {
        #expect(CBV.bizSteps.count == 41)
        #expect(CBV.dispositions.count == 33)
        #expect(CBV.bizTransactionTypes.count == 13)
        #expect(CBV.sourceDestinationTypes.count == 3)
        #expect(CBV.errorReasons.count == 2)
        #expect(CBV.components.count == 14)
    }
}
