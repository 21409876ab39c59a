import Testing
@testable import GS1

@Suite("EPC URN <-> GS1 Digital Link")
struct EPCTests {
    // (URN, bracketed GS1 data, company prefix length)
    static let cases: [(String, String, Int)] = [
        ("urn:epc:id:sgtin:0614141.812345.6789", "(01)80614141123458(21)6789", 7),
        ("urn:epc:class:lgtin:0614141.012345.998877", "(01)00614141123452(10)998877", 7),
        ("urn:epc:id:sscc:0614141.1234567890", "(00)106141412345678908", 7),
        ("urn:epc:id:sgln:0614141.12345.400", "(414)0614141123452(254)400", 7),
        ("urn:epc:id:sgln:0614141.12345.0", "(414)0614141123452", 7),
        ("urn:epc:id:grai:0614141.12345.400", "(8003)00614141123452400", 7),
        ("urn:epc:id:giai:0614141.12345400", "(8004)061414112345400", 7),
        ("urn:epc:id:gsrn:0614141.1234567890", "(8018)061414112345678902", 7),
        ("urn:epc:id:gdti:0614141.12345.400", "(253)0614141123452400", 7),
        ("urn:epc:id:sgtin:893123456.0123.A%2FB%25", "(01)08931234561239(21)A/B%", 9),
        ("urn:epc:id:sgtin:8931234567.012.1", "(01)08931234567125(21)1", 10),
    ]

    @Test(arguments: cases)
    func urnToGS1AndBack(urn: String, bracketed: String, prefixLength: Int) throws {
        let data = try EPC.elementString(fromURN: urn)
        #expect(data.bracketed == bracketed)
        #expect(try EPC.urn(for: data, companyPrefixLength: prefixLength) == urn)
        let dl = try EPC.digitalLink(fromURN: urn)
        #expect(try EPC.urn(fromDigitalLink: dl, companyPrefixLength: prefixLength) == urn)
    }

    @Test func digitalLinkToURN() throws {
        #expect(try EPC.urn(fromDigitalLink: "https://id.gs1.org/01/09506000134352/21/ABC") == "urn:epc:id:sgtin:9506000.013435.ABC")
        #expect(try EPC.digitalLink(fromURN: "urn:epc:id:sgtin:0614141.812345.6789") == "https://id.gs1.org/01/80614141123458/21/6789")
    }

    @Test func rejects() {
        // Company prefix and item reference together must have 13 digits.
        #expect(throws: GS1Error.invalidEPC("urn:epc:id:sgtin:0614141.81234.6789")) { try EPC.elementString(fromURN: "urn:epc:id:sgtin:0614141.81234.6789") }
        #expect(throws: GS1Error.invalidEPC("urn:epc:id:foo:1.2")) { try EPC.elementString(fromURN: "urn:epc:id:foo:1.2") }
        #expect(throws: GS1Error.invalidCompanyPrefixLength(13)) {
            try EPC.urn(fromDigitalLink: "https://id.gs1.org/01/09506000134352/21/1", companyPrefixLength: 13)
        }
        // A GTIN alone is a class, not an instance: no EPC URN.
        #expect { try EPC.urn(fromDigitalLink: "https://id.gs1.org/01/09506000134352") } throws: { e in
            if case .invalidEPC = e as? GS1Error { return true } else { return false }
        }
    }
}
