import GS1
import Testing
@testable import Labels

@Suite("Label content: Digital Links, dates, serials")
struct LabelContentTests {
    @Test("A lot label's link is /01/{gtin}/10/{lot} on the province's resolver, expiry as ?17=")
    func lotLink() throws {
        let label = try Fixture.lot()
        #expect(label.digitalLink == "https://truyxuat.quangninh.gov.vn/01/08931000001006/10/DS-2611?17=261205")
        let data = try DigitalLink.parse(label.digitalLink)
        #expect(data.elements.map(\.ai) == ["01", "10", "17"])
        #expect(data.pathCount == 2)
        #expect(data.gtin == Fixture.gtin)
    }

    @Test("A serialised label puts 21 after 10 in the path; best before goes in ?15=")
    func serialLink() throws {
        let label = try Fixture.lot(limit: .bestBefore(Fixture.expires), serial: "000042")
        #expect(label.digitalLink == "https://truyxuat.quangninh.gov.vn/01/08931000001006/10/DS-2611/21/000042?15=261205")
        let data = try DigitalLink.parse(label.digitalLink)
        #expect(data.elements.map(\.ai) == ["01", "10", "21", "15"])
        #expect(data["21"] == "000042")
    }

    @Test("Lot characters outside GS1 CSET 82 are percent-encoded and round-trip")
    func escapedLot() throws {
        let label = try Fixture.lot(lot: "A<B>&\"'/%")
        #expect(try DigitalLink.parse(label.digitalLink)["10"] == "A<B>&\"'/%")
        #expect(!label.digitalLink.contains("<"))
    }

    @Test("Values GS1 refuses are refused here, with the GS1 reason",
          arguments: [("LÔ 1", nil), ("DS 2611", nil), (String(repeating: "9", count: 21), nil),
                      ("DS-2611", String(repeating: "1", count: 21)), ("DS-2611", "SỐ1")] as [(String, String?)])
    func refusedValues(lot: String, serial: String?) {
        let error = #expect(throws: LabelError.self) { try Fixture.lot(lot: lot, serial: serial) }
        guard case .gs1 = error else {
            Issue.record("expected a GS1 error, got \(String(describing: error))")
            return
        }
    }

    @Test("A resolver that is not an http(s) URL is refused")
    func badResolver() {
        #expect(throws: LabelError.self) {
            try LabelContent(productName: "Chè", producerName: "HTX", gtin: Fixture.gtin, lot: "1",
                             productionDate: Fixture.produced, dateLimit: .expiry(Fixture.expires),
                             resolver: "ftp://example.com")
        }
    }

    @Test("Dates print as DD/MM/YYYY and go into GS1 as YYMMDD")
    func dates() throws {
        let d = try LabelDate(year: 2028, month: 2, day: 29)
        #expect(d.displayed == "29/02/2028")
        #expect(d.gs1 == "280229")
        #expect(try LabelDate(iso8601: "2026-01-07").displayed == "07/01/2026")
        #expect(throws: LabelError.invalidDate("2027-02-29")) { try LabelDate(year: 2027, month: 2, day: 29) }
        #expect(throws: LabelError.invalidDate("2100-02-29")) { try LabelDate(year: 2100, month: 2, day: 29) }
        #expect(throws: LabelError.self) { try LabelDate(iso8601: "2026-13-01") }
        #expect(throws: LabelError.self) { try LabelDate(iso8601: "05/12/2025") }
    }

    @Test("The date limit cannot be before production")
    func limitBeforeProduction() throws {
        let early = try LabelDate(year: 2025, month: 12, day: 4)
        #expect(throws: LabelError.dateLimitBeforeProduction(production: Fixture.produced, limit: early)) {
            try Fixture.lot(limit: .expiry(early))
        }
        _ = try Fixture.lot(limit: .bestBefore(Fixture.produced))  // the same day is allowed
    }

    @Test("Names are tidied: NFC, one space for any white space or control run, no bidi overrides, trimmed")
    func tidyNames() throws {
        let label = try Fixture.lot(name: "  Cha\u{0300}\tca\u{0301}\n\u{0007} La\u{0303} Vo\u{036A}ng ", producer: "HTX\r\nA")
        #expect(label.productName == "Chà cá Lã Vo\u{036A}ng")
        #expect(label.productName.unicodeScalars.first { $0 == "\u{0300}" } == nil)
        #expect(label.producerName == "HTX A")
        #expect(try Fixture.lot(name: "Ch\u{202E}è Thái\u{00AD}Nguyên 👨\u{200D}🌾").productName == "Chè TháiNguyên 👨\u{200D}🌾")
        #expect(throws: LabelError.emptyField("product name")) { try Fixture.lot(name: " \n ") }
        #expect(throws: LabelError.emptyField("lot")) { try Fixture.lot(lot: "") }
        #expect(throws: LabelError.emptyField("serial")) { try Fixture.lot(serial: "") }
    }

    @Test("Counting serials are zero-padded and in order")
    func countingSerials() throws {
        let labels = try Fixture.lot().serialised(.counting(from: 998, count: 4, width: 5))
        #expect(labels.map(\.serial) == ["00998", "00999", "01000", "01001"])
        #expect(try labels.map { try DigitalLink.parse($0.digitalLink)["21"] } == ["00998", "00999", "01000", "01001"])
        #expect(labels.allSatisfy { $0.lot == "DS-2611" && $0.productName == labels[0].productName })
    }

    @Test("Runs are limited to 10 000 serials, within their width, without duplicates")
    func serialLimits() throws {
        #expect(try SerialNumbers.counting(from: 1, count: 10_000, width: 5).values().last == "10000")
        #expect(throws: LabelError.serialCount(10_001)) { try SerialNumbers.counting(from: 1, count: 10_001, width: 6).values() }
        #expect(throws: LabelError.serialCount(0)) { try SerialNumbers.counting(from: 1, count: 0, width: 6).values() }
        #expect(throws: LabelError.serialCount(0)) { try SerialNumbers.list([]).values() }
        #expect(throws: LabelError.serialOutOfRange(start: 9_990, count: 11, width: 4)) {
            try SerialNumbers.counting(from: 9_990, count: 11, width: 4).values()
        }
        #expect(throws: LabelError.self) { try SerialNumbers.counting(from: -1, count: 2, width: 4).values() }
        #expect(throws: LabelError.self) { try SerialNumbers.counting(from: Int.max - 1, count: 5, width: 20).values() }
        #expect(throws: LabelError.duplicateSerial("B7")) { try SerialNumbers.list(["A1", "B7", "C3", "B7"]).values() }
        let listed = try Fixture.lot().serialised(.list(["Z9", "A1", "M5"]))
        #expect(listed.map(\.serial) == ["Z9", "A1", "M5"])
    }

    @Test("Error codes are stable identifiers")
    func errorCodes() {
        #expect(LabelError.serialCount(0).code == "label_serial_count")
        #expect(LabelError.gs1(.noPrimaryKey).code == "label_gs1_no_primary_key")
    }
}
