import Foundation
import Testing
@testable import GS1

@Suite("Digital Link, element strings and descriptions")
struct DigitalLinkTests {
    @Test func roundTrip() throws {
        let uri = "https://example.com/some/stem/01/09506000134352/10/AB%2FC?17=261231&other=x"
        let data = try GS1.parse(uri)
        #expect(data.elements.map(\.ai) == ["01", "10", "17"])
        #expect(data["10"] == "AB/C")
        #expect(data.elementString == "^010950600013435210AB/C^17261231")   // no FNC1 after fixed-length (01)
        #expect(data.bracketed == "(01)09506000134352(10)AB/C(17)261231")
        #expect(data.scannerString == "010950600013435210AB/C\u{1D}17261231")
        #expect(try data.digitalLink() == "https://id.gs1.org/01/09506000134352/10/AB%2FC?17=261231")
        #expect(try data.digitalLink(stem: "https://nguon.vn/") == "https://nguon.vn/01/09506000134352/10/AB%2FC?17=261231")
        #expect(try GS1.parse(data.elementString) == ElementString(data.elements))
        #expect(try GS1.parse("\u{1D}0109506000134352\u{1D}10AB/C") == GS1.parse("]d20109506000134352\u{1D}10AB/C"))
    }

    @Test func canonicalOrderFromElementString() throws {
        let data = try GS1.parse("(17)261231(21)S1(01)09506000134352(10)L1(3103)000195")
        #expect(try data.digitalLink() == "https://id.gs1.org/01/09506000134352/10/L1/21/S1?17=261231&3103=000195")
        // A Digital Link keeps its own path choice, (235) here, when regenerated.
        let tpx = try GS1.parse("https://example.com/01/09520123456788/235/XYZ?10=ABC123")
        #expect(try tpx.digitalLink(stem: "https://example.com") == "https://example.com/01/09520123456788/235/XYZ?10=ABC123")
    }

    @Test func escapedBrackets() throws {
        let data = try GS1.parse("(01)09506000134352(10)A\\(B")
        #expect(data["10"] == "A(B")
        #expect(data.bracketed == "(01)09506000134352(10)A\\(B")
    }

    @Test func descriptionsEncodeAsJSON() throws {
        let data = try GS1.parse("https://id.gs1.org/01/09506000134352/10/ABC?17=261200&3103=000195&3932978000999")
        let d = data.descriptions(referenceYear: 2025)
        #expect(d[0].gtin14 == "09506000134352")
        #expect(d[2].date == "2026-12-31")
        #expect(d[3].decimal == "0.195")
        let json = String(decoding: try JSONEncoder().encode(d[2]), as: UTF8.self)
        #expect(json.contains("\"ai\":\"17\""))
        #expect(json.contains("\"title\":\"USE BY or EXPIRY\""))
        #expect(!json.contains("gtin14"))
        #expect(AIDescription.isoDate(yy: 99, mm: 1, dd: 1, referenceYear: 2026) == "1999-01-01")
        #expect(AIDescription.isoDate(yy: 60, mm: 1, dd: 1, referenceYear: 2026) == "2060-01-01")
        let price = AIDescription(AIElement(ai: "3932", value: "97812345"))
        #expect(price.currency == "978")
        #expect(price.decimal == "123.45")
        #expect(AIDescription(AIElement(ai: "7003", value: "2612311530")).time == "15:30")
    }

    @Test func dictionaryFacts() throws {
        let gtin = try #require(ApplicationIdentifier.lookup("01"))
        #expect(gtin.isPrimaryKey && gtin.isPredefinedLength && gtin.isDataAttribute)
        #expect(gtin.keyQualifiers == [["22", "10", "21"], ["235"]])
        #expect(ApplicationIdentifier.lookup("3103")?.title == "NET WEIGHT (kg)")
        #expect(ApplicationIdentifier.lookup("10")?.requiresSeparator == true)
        #expect(ApplicationIdentifier.lookup("8017")?.keyQualifiers == [["8019"]])
        #expect(ApplicationIdentifier.lookup("999") == nil)
        #expect(ApplicationIdentifier.aiLength(forPrefix: "80") == 4)
        #expect(ApplicationIdentifier.all.count > 500)
    }
}
