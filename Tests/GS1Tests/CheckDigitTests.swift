import Testing
@testable import GS1

@Suite("Check digits and GTIN normalisation")
struct CheckDigitTests {
    @Test(arguments: [
        ("0950600013435", 2),        // GTIN-14 payload
        ("950600013435", 2),         // same digits as GTIN-13 payload
        ("0234567", 3),              // GTIN-8
        ("41600033610", 8),          // GTIN-12
        ("952012345678", 8),         // GLN 9520123456788
        ("00614141123456789", 0),    // SSCC
        ("79526064668851463", 4),    // GSRN (8017)
        ("952606400002", 8),         // GDTI (253) key part
    ])
    func knownCheckDigits(payload: String, digit: Int) {
        #expect(GS1.checkDigit(of: payload) == digit)
    }

    @Test func keysThatCarryCheckDigits() {
        #expect(GS1.hasValidCheckDigit("09506000134352"))          // GTIN-14
        #expect(GS1.hasValidCheckDigit("9520123456788"))           // GTIN-13 / GLN
        #expect(GS1.hasValidCheckDigit("416000336108"))            // GTIN-12
        #expect(GS1.hasValidCheckDigit("02345673"))                // GTIN-8
        #expect(GS1.hasValidCheckDigit("006141411234567890"))      // SSCC
        #expect(GS1.hasValidCheckDigit("795260646688514634"))      // GSRN provider
        #expect(GS1.hasValidCheckDigit("123456789012345675"))      // GSRN recipient
        #expect(GS1.hasValidCheckDigit("9526064000028"))           // GDTI key part
        #expect(GS1.hasValidCheckDigit("12345678901234560"))       // GSIN (402) 17 digits
        #expect(!GS1.hasValidCheckDigit("09506000134353"))
        #expect(GS1.checkDigit(of: "12A") == nil)
        #expect(GS1.checkDigit(of: "") == nil)
        #expect(GS1.appendingCheckDigit(to: "0950600013435") == "09506000134352")
    }

    @Test func checkDigitsAreEnforcedPerAI() throws {
        // GRAI keeps a leading zero, then 13 digits with check digit, then an optional serial.
        _ = try GS1.parse("(8003)02112345678900ABC", options: .init(validateAssociations: false))
        #expect(throws: GS1Error.badCheckDigit(ai: "8003", position: 19)) {
            try GS1.parse("(8003)02112345678901ABC", options: .init(validateAssociations: false))
        }
        #expect(throws: GS1Error.badCheckDigit(ai: "402", position: 21)) {
            try GS1.parse("(402)12345678901234561")
        }
        _ = try GS1.parse("(402)12345678901234560")
        _ = try GS1.parse("(8013)1987654Ad4X4bL5ttr2310c2K")
        #expect(throws: GS1Error.badCheckDigit(ai: "8013", position: 29)) {
            try GS1.parse("(8013)1987654Ad4X4bL5ttr2310cXK")
        }
        // GINC has no check digit, only CSET 82.
        _ = try GS1.parse("(401)9520123ABC-1")
    }

    @Test func gtinNormalisation() throws {
        #expect(try GTIN("9520123456788").gtin14 == "09520123456788")
        #expect(try GTIN("416000336108").gtin14 == "00416000336108")
        #expect(try GTIN("02345673").gtin14 == "00000002345673")
        #expect(try GTIN("09506000134352").gtin14 == "09506000134352")
        #expect(try GTIN("00000002345673").gtin8 == "02345673")
        #expect(try GTIN("09520123456788").gtin13 == "9520123456788")
        #expect(try GTIN("09520123456788").gtin12 == nil)
        #expect(throws: GS1Error.invalidKey("GTIN check digit is wrong: 9520123456789")) { try GTIN("9520123456789") }
        #expect(throws: GS1Error.invalidKey("GTIN check digit is wrong: 952012345678")) { try GTIN("952012345678") }
        #expect(throws: GS1Error.invalidKey("GTIN must be 8, 12, 13 or 14 digits: 95201234567AB")) { try GTIN("95201234567AB") }
    }
}
