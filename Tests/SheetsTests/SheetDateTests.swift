import Foundation
import Testing
@testable import Sheets

@Suite struct SheetDateTests {
    @Test func civilDaysRoundTripOverFourCenturies() {
        var mismatches: [Int] = []
        var previous = (year: 1899, month: 12, day: 31)
        for days in stride(from: -25_567, through: 120_000, by: 1) {
            let date = SheetDate.civil(fromDays: days)
            if SheetDate.days(fromCivil: date.year, date.month, date.day) != days { mismatches.append(days) }
            // Consecutive days are consecutive dates.
            if (date.year, date.month, date.day) <= (previous.year, previous.month, previous.day) { mismatches.append(days) }
            previous = date
        }
        #expect(mismatches.isEmpty)
        #expect(SheetDate.civil(fromDays: 0) == (1970, 1, 1))
        #expect(SheetDate.days(fromCivil: 2000, 2, 29) == 11_016)
    }

    @Test func serialsAroundTheMissingLeapDay() {
        for (serial, date) in [(1.0, Fixture.utc(1900, 1, 1)), (59, Fixture.utc(1900, 2, 28)), (61, Fixture.utc(1900, 3, 1)),
                               (45366.5, Fixture.utc(2024, 3, 15, 12)), (2_958_465, Fixture.utc(9999, 12, 31))] {
            #expect(SheetDate.date(serial: serial, date1904: false, timeZone: .gmt) == date)
            #expect(SheetDate.serial(date, timeZone: .gmt) == serial)
        }
        #expect(SheetDate.date(serial: 0.5, date1904: false, timeZone: .gmt) == nil, "a time of day alone is no date")
        #expect(SheetDate.date(serial: -1, date1904: false, timeZone: .gmt) == nil)
        #expect(SheetDate.date(serial: 3_000_000, date1904: false, timeZone: .gmt) == nil)
        #expect(SheetDate.serial(Fixture.utc(1899, 12, 31), timeZone: .gmt) == nil)
    }

    @Test func isoTextAndParsing() {
        let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        #expect(SheetDate.isoText(Fixture.utc(2024, 3, 15), timeZone: .gmt) == "2024-03-15")
        #expect(SheetDate.isoText(Fixture.utc(2024, 3, 15, 8, 5, 9), timeZone: .gmt) == "2024-03-15 08:05:09")
        #expect(SheetDate.isoText(Fixture.utc(2024, 3, 15, 20), timeZone: hanoi) == "2024-03-16 03:00:00")
        #expect(SheetDate.parseISO("2024-03-15", timeZone: .gmt) == Fixture.utc(2024, 3, 15))
        #expect(SheetDate.parseISO("2024-03-15T08:05", timeZone: hanoi) == Fixture.utc(2024, 3, 15, 1, 5))
        #expect(SheetDate.parseISO("2024-03-15 08:05:09.5+07:00", timeZone: .gmt) == Fixture.utc(2024, 3, 15, 1, 5, 9).addingTimeInterval(0.5))
        for bad in ["2024-02-30", "2024-3-15", "15/03/2024", "2024-03-15T25:00", "2024-03-15Zx", ""] {
            #expect(SheetDate.parseISO(bad, timeZone: .gmt) == nil, "\(bad)")
        }
    }

    @Test func cellReferences() {
        #expect(CellReference("A1") == CellReference(row: 1, column: 1))
        #expect(CellReference("xfd1048576") == CellReference(row: 1_048_576, column: 16_384))
        #expect(CellReference(row: 12, column: 28).description == "AB12")
        for bad in ["", "A", "1", "A0", "XFE1", "A1048577", "ZZZZZZ999999999", "A-1", "Ă1"] {
            #expect(CellReference(bad) == nil, "\(bad)")
        }
        #expect((1...16_384).allSatisfy { CellReference("\(CellReference.columnName($0))7")?.column == $0 })
    }
}
