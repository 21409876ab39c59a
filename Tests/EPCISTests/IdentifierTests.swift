import GS1
import Testing
@testable import EPCIS

/// The canonical index key (GS1 Digital Link on id.gs1.org) and the role listing of identifiers.
@Suite struct IdentifierTests {
    @Test(arguments: [
        ("urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"),
        ("urn:epc:class:lgtin:4012345.012345.998877", "https://id.gs1.org/01/04012345123456/10/998877"),
        ("urn:epc:idpat:sgtin:4012345.098765.*", "https://id.gs1.org/01/04012345987652"),
        ("urn:epc:id:sscc:0614141.1234567890", "https://id.gs1.org/00/106141412345678908"),
        ("urn:epc:id:sgln:0614141.07346.0", "https://id.gs1.org/414/0614141073467"),
        ("urn:epc:id:sgln:0614141.07346.1234", "https://id.gs1.org/414/0614141073467/254/1234"),
        ("urn:epc:id:pgln:4012345.00225", "https://id.gs1.org/417/4012345002256"),
        ("urn:epc:id:giai:4000001.111", "https://id.gs1.org/8004/4000001111"),
        ("urn:epc:id:grai:0614141.12345.400", "https://id.gs1.org/8003/00614141123452400"),
        ("urn:epc:id:sgtin:0614141.107346.a%2Fb", "https://id.gs1.org/01/10614141073464/21/a%2Fb"),
        // Digital Links on any domain, and with data attributes, key to the same canonical URI.
        ("https://example.com/01/10614141073464/21/2017", "https://id.gs1.org/01/10614141073464/21/2017"),
        ("https://id.gs1.org/01/10614141073464/21/2017?17=250101", "https://id.gs1.org/01/10614141073464/21/2017"),
        ("https://nguon.example.vn/product/01/04012345123456/10/998877", "https://id.gs1.org/01/04012345123456/10/998877"),
        // Non-GS1 identifiers are their own key.
        ("urn:uuid:6f7e0a52-8a5b-4c36-9d2c-0d1a2b3c4d5e", "urn:uuid:6f7e0a52-8a5b-4c36-9d2c-0d1a2b3c4d5e"),
        ("https://example.com/items/42", "https://example.com/items/42"),
    ])
    func canonicalKey(_ input: String, _ key: String) {
        #expect(EPCISIdentifier.canonicalKey(input) == key)
    }

    /// The byte-level fast path must agree with the GS1 library wherever it answers.
    @Test func fastPathAgreesWithLibrary() {
        var inputs: [String] = []
        for cpLen in 6...12 {
            let cp = String("8934567890123".prefix(cpLen))
            let ir = String("0123456789012".prefix(13 - cpLen))
            for serial in ["1", "0", "00042", "ABC-def_9", "12345678901234567890", "123456789012345678901", "a.b", "x%2Fy", ""] {
                inputs.append("urn:epc:id:sgtin:\(cp).\(ir).\(serial)")
                inputs.append("urn:epc:class:lgtin:\(cp).\(ir).\(serial)")
            }
            inputs.append("urn:epc:idpat:sgtin:\(cp).\(ir).*")
            inputs.append("urn:epc:id:sscc:\(cp).\(String("01234567890123456".prefix(17 - cpLen)))")
            let lr = String("012345678901".prefix(12 - cpLen))
            for ext in ["0", "1", "00", "ABC", "x/y"] { inputs.append("urn:epc:id:sgln:\(cp).\(lr).\(ext)") }
            inputs.append("urn:epc:id:pgln:\(cp).\(lr)")
            inputs.append("urn:epc:id:giai:\(cp).A12-b")
            for serial in ["1", "0042", "ABC", "12345678901234567", "a/b", ""] {
                inputs.append("urn:epc:id:grai:\(cp).\(lr).\(serial)")
                inputs.append("urn:epc:id:gdti:\(cp).\(lr).\(serial)")
            }
            inputs.append("urn:epc:id:gsrn:\(cp).\(String("01234567890123456".prefix(17 - cpLen)))")
        }
        inputs += ["urn:epc:id:sgtin:8934567.12345.1", "urn:epc:id:sgtin:8934567.012345", "urn:epc:id:sscc:8934567.1",
                   "urn:epc:id:sgln:8934567.0001.0", "urn:epc:id:giai:893.1", "urn:epc:id:sgtin:893456A.012345.1"]
        var fastHits = 0
        for s in inputs {
            let slow = (try? EPCISIdentifier.gs1Data(s)).flatMap { try? $0.digitalLink() }
            if let fast = EPCISIdentifier.fastCanonicalKey(s) {
                fastHits += 1
                #expect(fast == slow, "\(s): fast \(fast) vs library \(slow ?? "invalid")")
            }
        }
        #expect(fastHits > 60)
    }

    @Test func identifiersWithRoles() throws {
        let e = EPCISEvent(eventType: .transformation, eventTime: EPCISTimestamp("2024-05-01T00:00:00Z")!, eventTimeZoneOffset: "+07:00",
                           inputEPCList: ["urn:epc:id:sgtin:8934567.012345.1"],
                           outputEPCList: ["https://id.gs1.org/01/08934567123457/21/2"],
                           inputQuantityList: [QuantityElement(epcClass: "urn:epc:class:lgtin:8934567.012345.L1", quantity: 2.5, uom: "KGM")],
                           outputQuantityList: [QuantityElement(epcClass: "urn:epc:idpat:sgtin:8934567.012345.*", quantity: 10)])
        let ids = e.identifiers()
        #expect(ids.map(\.role) == [.input, .output, .input, .output])
        #expect(ids.map(\.key) == ["https://id.gs1.org/01/08934567123457/21/1", "https://id.gs1.org/01/08934567123457/21/2",
                                   "https://id.gs1.org/01/08934567123457/10/L1", "https://id.gs1.org/01/08934567123457"])
        #expect(ids.map(\.isClassLevel) == [false, false, true, true])
        #expect(ids[2].quantity == 2.5 && ids[2].uom == "KGM")
        #expect(ids[0].raw == "urn:epc:id:sgtin:8934567.012345.1")
    }

    @Test func referencesAndLocations() {
        var e = EPCISEvent(eventType: .aggregation, eventTime: EPCISTimestamp("2024-05-01T00:00:00Z")!, eventTimeZoneOffset: "+00:00",
                           parentID: "urn:epc:id:sscc:8934567.0000000001", childEPCs: ["urn:epc:id:sgtin:8934567.012345.1"], action: .add)
        e.readPoint = Location(id: "urn:epc:id:sgln:8934567.00001.0")
        e.bizLocation = Location(id: "https://example.com/414/8934567000017")
        e.sourceList = [SourceDestination(type: "owning_party", value: "urn:epc:id:pgln:8934567.00001")]
        e.destinationList = [SourceDestination(type: "location", value: "urn:epc:id:sgln:8934567.00002.0")]
        e.bizTransactionList = [BizTransaction(type: "po", value: "urn:uuid:1")]
        #expect(e.identifiers().map(\.role) == [.parent, .child])
        #expect(e.identifiers()[0].key == "https://id.gs1.org/00/089345670000000017")
        #expect(e.readPointKey == "https://id.gs1.org/414/8934567000017")
        #expect(e.bizLocationKey == "https://id.gs1.org/414/8934567000017")
        #expect(e.sources.first?.key == "https://id.gs1.org/417/8934567000017")
        #expect(e.destinations.first?.key == "https://id.gs1.org/414/8934567000024")
        #expect(e.bizTransactions.first?.key == "urn:uuid:1" && e.bizTransactions.first?.type == "po")
    }

    @Test func kinds() {
        #expect(EPCISIdentifier.kind("urn:epc:id:sgtin:1.2.3") == .epcURN)
        #expect(EPCISIdentifier.kind("urn:epc:class:lgtin:1.2.3") == .epcClassURN)
        #expect(EPCISIdentifier.kind("urn:epc:idpat:sgtin:1.2.*") == .epcPatternURN)
        #expect(EPCISIdentifier.kind("https://id.gs1.org/01/08934567123457") == .digitalLink)
        #expect(EPCISIdentifier.kind("https://example.com/x") == .otherURI)
    }

    @Test func uriSyntax() {
        for good in ["urn:uuid:1", "ni:///sha-256;abc?ver=CBV2.0", "example:x", "geo:22.3,114.1", "https://a.b/c?d=e"] {
            #expect(EPCISIdentifier.isURI(good), "\(good)")
        }
        for bad in ["", "abc", ":x", "1a:b", "a b:c", "urn:has space", "http:"] {
            #expect(!EPCISIdentifier.isURI(bad), "\(bad)")
        }
    }
}
