import GS1
import Testing

@Suite("Company prefixes and the keys they hold")
struct CompanyPrefixTests {
    @Test("A prefix of n digits holds 10^(12−n) keys of each kind, each with its check digit")
    func capacityAndKeys() throws {
        let prefix = try CompanyPrefix("8930000")
        #expect(prefix.capacity == 100_000)
        // 893000000001 + check digit, as GTIN-14 with indicator 0 and as a GLN.
        let gtin = try #require(prefix.key(.gtin, reference: 1))
        #expect(gtin == "0" + GS1.appendingCheckDigit(to: "893000000001")!)
        #expect(try GTIN(gtin).gtin14 == gtin)
        let gln = try #require(prefix.key(.gln, reference: 99_999))
        #expect(gln.utf8.count == 13 && GS1.hasValidCheckDigit(gln) && gln.hasPrefix("893000099999"))
        #expect(prefix.key(.gtin, reference: 100_000) == nil)
        #expect(prefix.key(.gln, reference: -1) == nil)
        #expect(try CompanyPrefix("893123456789").capacity == 1)
    }

    @Test("Every key reads back to its reference; keys of other prefixes, kinds or check digits do not")
    func referenceRoundTrip() throws {
        let prefix = try CompanyPrefix("89312345")
        for reference in [0, 1, 42, 9_999] {
            for kind in CompanyPrefix.KeyKind.allCases {
                let key = try #require(prefix.key(kind, reference: reference))
                #expect(prefix.reference(of: key, as: kind) == reference)
            }
        }
        let gtin = try #require(prefix.key(.gtin, reference: 7))
        #expect(prefix.reference(of: gtin, as: .gln) == nil)
        #expect(try CompanyPrefix("89312346").reference(of: gtin, as: .gtin) == nil)
        let wrongCheck = String(gtin.dropLast()) + String((Int(String(gtin.last!))! + 1) % 10)
        #expect(prefix.reference(of: wrongCheck, as: .gtin) == nil)
    }

    @Test("Prefixes are 6 to 12 digits", arguments: ["89300", "8930000000000", "89300A0", ""])
    func badPrefixes(text: String) {
        #expect(throws: GS1Error.self) { try CompanyPrefix(text) }
    }
}

@Suite("Which company prefix a key was made under")
struct KeyHoldingTests {
    @Test("GTINs of every packaging level belong to the item's holder; SSCCs skip their extension digit")
    func holdingOfKeys() throws {
        let prefix = try CompanyPrefix("8935001")
        let base = try #require(prefix.key(.gtin, reference: 42))
        let case12 = "1" + base.dropFirst().dropLast()
        let caseGTIN = try #require(GS1.appendingCheckDigit(to: String(case12)))
        let item = try #require(KeyHolding(ai: "01", value: base))
        let outer = try #require(KeyHolding(ai: "01", value: caseGTIN))
        #expect(item.isUnder(prefix) && outer.isUnder(prefix))
        #expect(item.allocationKey == base && outer.allocationKey == base)
        #expect(KeyHolding(ai: "00", value: "389350010000000019").map { $0.isUnder(prefix) } == true)
        let gln = try #require(prefix.key(.gln, reference: 3))
        #expect(KeyHolding(ai: "414", value: gln)?.allocationKey == gln)
        #expect(KeyHolding(ai: "414", value: gln)?.candidatePrefixes.first == "893500")
        #expect(try !KeyHolding(ai: "01", value: base)!.isUnder(CompanyPrefix("8935002")))
        #expect(KeyHolding(ai: "10", value: "LOT1") == nil)
        #expect(KeyHolding(ai: "01", value: "123") == nil)
    }
}
