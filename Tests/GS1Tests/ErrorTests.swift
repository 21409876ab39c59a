import Testing
@testable import GS1

@Suite("Each GS1Error kind")
struct ErrorTests {
    func error(_ input: String, _ options: ParseOptions = .default) -> GS1Error? {
        do { _ = try GS1.parse(input, options: options); return nil } catch { return error }
    }

    @Test func syntaxErrors() {
        #expect(error("") == .emptyInput)
        #expect(error("xyz") == .unrecognisedFormat)
        #expect(error("(1A)12345") == .malformedAI(position: 1))
        #expect(error("(10)12345(11") == .malformedAI(position: 9))
        #expect(error("(89)1234") == .unknownAI("89", position: 1))
        #expect(error("^891234") == .unknownAI("8912", position: 1))
        #expect(error("(10)(11)98765") == .emptyValue(ai: "10", position: 1))
        #expect(error("(01)1234567890123") == .valueTooShort(ai: "01", position: 4))
        #expect(error("(01)123456789012312") == .valueTooLong(ai: "01", position: 4))
        #expect(error("^99~ABC") == .invalidCharacter(ai: "99", position: 3, charset: "X"))
        #expect(error("(01)1234567890123A")?.code == "invalid_character")
        #expect(error("(01)12345678901234") == .badCheckDigit(ai: "01", position: 17))
    }

    @Test func contentRules() {
        let syntax = ParseOptions(validateAssociations: false)
        #expect(error("(11)201300", syntax) == .invalidDate(ai: "11", position: 6))
        #expect(error("(17)250230", syntax) == .invalidDate(ai: "17", position: 8))   // 30 February
        #expect(error("(17)251200", syntax) == nil)                                     // DD=00 allowed for (17)
        #expect(error("(4326)251200", syntax)?.code == "invalid_date")                 // ...not for (4326)
        #expect(error("(4324)2012252400", syntax)?.code == "invalid_date")             // hour 24
        #expect(error("(426)987", syntax) == .invalidContent(ai: "426", position: 5, rule: "iso3166"))
        #expect(error("(3910)9870", syntax) == .invalidContent(ai: "3910", position: 6, rule: "iso4217"))
        #expect(error("(4307)AA", syntax)?.ai == "4307")
        #expect(error("(4300)ABC%0g", syntax) == .invalidContent(ai: "4300", position: 9, rule: "pcenc"))
        #expect(error("(8007)FR12345678901234", syntax)?.code == "invalid_content")
        #expect(error("(8026)123456789012310302", syntax)?.code == "invalid_content")
        #expect(error("(8030)123=", syntax)?.code == "invalid_character")
        #expect(error("(7040)1AB=", syntax)?.code == "invalid_content")
        #expect(error("(8110)012345612345611110123900000", syntax)?.code == "invalid_content")
        #expect(error("(7258)2/1", syntax)?.code == "invalid_content")
    }

    @Test func pairRules() {
        #expect(error("(10)ABC") == .missingRequisite(ai: "10", requires: "01,02,03,8006,8026"))
        #expect(error("(01)09520123456788(02)09520123456788(37)1") == .mutuallyExclusive(ai: "01", with: "37"))
        #expect(error("(01)09520123456788(3103)000195(3102)000195") == .mutuallyExclusive(ai: "3103", with: "3102"))
        #expect(error("(01)09520123456788(10)A(10)B") == .duplicateAI(ai: "10", position: 2))
        #expect(error("(01)09520123456788(10)A(10)A") == nil)
        #expect(error("(01)09520123456788(21)A(235)B")?.code == "mutually_exclusive_ais")
    }

    @Test func digitalLinkErrors() {
        #expect(error("ftp://a/01/09520123456788") == .unrecognisedFormat)
        #expect(error("HtTp://a/01/09520123456788")?.code == "invalid_uri")
        #expect(error("https://a$/01/09520123456788") == .invalidURI(position: 9, reason: "character not allowed in the domain"))
        #expect(error("https://a/01/09520123456788^x")?.code == "invalid_uri")
        #expect(error("https://a/b/c") == .noPrimaryKey)
        #expect(error("https://a/01/09520123456788/21/X/10/Y") == .qualifierOrder(ai: "10", position: 33))
        #expect(error("https://a/01/09520123456788?10=ABC") == .qualifierInQuery(ai: "10", position: 28))
        #expect(error("https://a/01/09520123456788?235=ABC") == .notDataAttribute(ai: "235", position: 28))
        #expect(error("https://a/01/09520123456788/10/A?10=A") == .duplicateAI(ai: "10", position: 33))
        #expect(error("https://a/01/09520123456788?99=") == .emptyValue(ai: "99", position: 28))
        #expect(error("https://a/01/9520123456788", .strict)?.code == "value_too_short")
        #expect(error("https://a/01/9520123456788") == nil)                         // GTIN-13 padded by default
        #expect(throws: GS1Error.noPrimaryKey) { try DigitalLink.uri(for: ElementString([AIElement(ai: "99", value: "X")])) }
    }

    @Test func codesAndMessagesAreStable() {
        let e = GS1Error.badCheckDigit(ai: "01", position: 17)
        #expect(e.code == "bad_check_digit")
        #expect(e.ai == "01")
        #expect(e.position == 17)
        #expect(e.description == "AI (01): incorrect check digit at position 17")
    }
}
