import Foundation
import Testing
@testable import EPCIS

@Suite struct EPCISTimestampTests {
    @Test func parsesOffsetsAndFractions() throws {
        let t = try #require(EPCISTimestamp("2005-04-03T20:33:31.116000-06:00"))
        #expect(t.lexical == "2005-04-03T20:33:31.116000-06:00")
        #expect(t.offsetSeconds == -6 * 3600)
        #expect(t.epochMilliseconds == 1_112_582_011_116)
        #expect(t.utcMillisecondString == "2005-04-04T02:33:31.116Z")
        let z = try #require(EPCISTimestamp("2013-06-08T14:58:56.591Z"))
        #expect(z.offsetSeconds == 0 && z.nanoseconds == 591_000_000)
        #expect(EPCISTimestamp("2024-05-01T08:30:00+07:00")?.utcMillisecondString == "2024-05-01T01:30:00.000Z")
        #expect(EPCISTimestamp("2024-05-01T08:30:00.123456789123+07:00")?.nanoseconds == 123_456_789)
    }

    @Test func agreesWithFoundation() throws {
        let f = ISO8601DateFormatter()
        for s in ["1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2100-03-01T00:00:00+14:00", "1969-12-31T23:59:59-12:00"] {
            let ours = try #require(EPCISTimestamp(s))
            #expect(ours.date == f.date(from: s), "\(s)")
        }
    }

    @Test func zoneIsOptionalInSyntax() throws {
        let t = try #require(EPCISTimestamp("2024-05-01T08:30:00"))
        #expect(t.offsetSeconds == nil)
    }

    @Test(arguments: ["2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01 08:30:00Z",
                      "2024-05-01T25:00:00Z", "2024-05-01T08:60:00Z", "2024-05-01T08:30:00.Z", "2024-05-01T08:30:00+7:00",
                      "2024-05-01T08:30:00+15:00", "24-05-01T08:30:00Z", "2024-05-01T08:30:00Zjunk", ""])
    func rejects(_ s: String) {
        #expect(EPCISTimestamp(s) == nil)
    }

    @Test func formatsInstants() {
        let t = EPCISTimestamp(epochSeconds: 1_714_527_000, nanoseconds: 5_000_000, offsetSeconds: 7 * 3600)
        #expect(t.lexical == "2024-05-01T08:30:00.005+07:00")
        #expect(EPCISTimestamp(t.lexical)?.epochSeconds == 1_714_527_000)
        let d = EPCISTimestamp(date: Date(timeIntervalSince1970: 0.25))
        #expect(d.lexical == "1970-01-01T00:00:00.250Z")
    }

    @Test func ordersByInstant() throws {
        let a = try #require(EPCISTimestamp("2024-05-01T08:00:00+07:00"))
        let b = try #require(EPCISTimestamp("2024-05-01T02:00:00Z"))
        #expect(a < b)
    }

    @Test("Milliseconds since the epoch, before and after it, become the same instant")
    func fromMilliseconds() {
        #expect(EPCISTimestamp(epochMilliseconds: 1_764_000_000_123).utcMillisecondString == "2025-11-24T16:00:00.123Z")
        #expect(EPCISTimestamp(epochMilliseconds: -1).utcMillisecondString == "1969-12-31T23:59:59.999Z")
        #expect(EPCISTimestamp(epochMilliseconds: 0, offsetSeconds: 7 * 3600).lexical.hasPrefix("1970-01-01T07:00:00"))
    }
}
