import Testing
@testable import GS1

/// `GS1.parse` takes whatever a person or a scanner gives it. Scanners in their default setup
/// send a GS1-128 / DataMatrix element string without its leading FNC1 (and without a
/// symbology identifier), e.g. "0178717691753146": that is an element string too, and the
/// `nguon gs1 parse` command reads it the same way whether it comes as an argument or on a line
/// of standard input (both go through this function).
@Suite("GS1.parse input kinds")
struct GS1ParseTests {
    @Test func elementStringWithoutLeadingFNC1() throws {
        let scanned = try GS1.parse("0178717691753146")
        #expect(scanned == (try GS1.parse("^0178717691753146")))
        #expect(scanned.elements.map(\.ai) == ["01"])
        #expect(GS1.kind(of: "0178717691753146") == .elementString)
        // Later separators are still FNC1/GS, as scanners send them.
        let two = try GS1.parse("0109506000134352\u{1D}10ABC123")
        #expect(two.elements.map(\.value) == ["09506000134352", "ABC123"])
    }

    @Test func errorsStillPointIntoTheInputAsGiven() throws {
        // The position is counted in the text the user gave, not in one with "^" put in front.
        let withFNC1 = try #require(#expect(throws: GS1Error.self) { try GS1.parse("^0178717691753147") })
        let without = try #require(#expect(throws: GS1Error.self) { try GS1.parse("0178717691753147") })
        guard case .badCheckDigit(ai: "01", let p1) = withFNC1, case .badCheckDigit(ai: "01", let p2) = without else {
            Issue.record("expected bad check digits, got \(withFNC1) and \(without)")
            return
        }
        #expect(p2 == p1 - 1)
        #expect(without.position == p2)
    }

    /// The element-string parser itself stays strict: GS1's syntax vectors require a leading
    /// FNC1 or symbology identifier there ("991234" must fail).
    @Test func strictElementStringParserIsUnchanged() {
        #expect(throws: GS1Error.malformedAI(position: 0)) { try ElementString.parse(elementString: "0178717691753146") }
    }
}
