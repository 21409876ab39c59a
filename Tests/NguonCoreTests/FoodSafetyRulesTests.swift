import NguonCore
import Testing

@Suite("Calendar days")
struct CivilDateTests {
    @Test("Dates are read in both forms, and days that do not exist are refused", arguments: [
        ("2026-01-15", "2026-01-15"), ("15/01/2026", "2026-01-15"), ("29/02/2028", "2028-02-29"),
        ("31/04/2026", nil), ("29/02/2027", nil), ("2026-13-01", nil), ("2026-1-5", nil), ("15.01.2026", nil), ("", nil),
    ] as [(String, String?)])
    func parse(text: String, expected: String?) {
        #expect(CivilDate(text)?.description == expected)
    }

    @Test("Day numbers, weekdays and month steps follow the calendar")
    func arithmetic() throws {
        let epoch = try #require(CivilDate(year: 1970, month: 1, day: 1))
        #expect(epoch.dayNumber == 0)
        let day = try #require(CivilDate("2026-11-29"))
        #expect(day.weekday == 7)  // a Sunday
        #expect(CivilDate(dayNumber: day.dayNumber).description == "2026-11-29")
        #expect(day.adding(days: 33).description == "2027-01-01")
        // A month without the day ends on its last day.
        #expect(try #require(CivilDate("2026-08-31")).adding(months: 6).description == "2027-02-28")
        #expect(try #require(CivilDate("2027-08-31")).adding(months: 6).description == "2028-02-29")
        #expect(day.adding(months: -12).description == "2025-11-29")
        // Every day of four centuries round-trips.
        var previous = try #require(CivilDate(year: 1900, month: 1, day: 1))
        var mismatches: [CivilDate] = []
        for _ in 0..<146_097 {
            let next = previous.adding(days: 1)
            let (y, m, d) = next.parts
            if CivilDate(year: y, month: m, day: d) != next || CivilDate(next.description) != next { mismatches.append(next) }
            previous = next
        }
        #expect(mismatches.isEmpty)
        #expect(CivilDate.vietnam(millis: 1_795_910_400_000 - 7 * 3_600_000).description == "2026-11-29")  // 00:00 in Hà Nội
        #expect(CivilDate.vietnam(millis: 1_795_910_400_000 - 7 * 3_600_000 - 1).description == "2026-11-28")
    }
}

@Suite("Food-safety rules")
struct FoodSafetyRulesTests {
    func day(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test("The rules in force follow the day a record is dated")
    func inForce() {
        #expect(FoodSafetyRules.inForce(on: day("2025-01-14")).gradesFacilities)
        #expect(!FoodSafetyRules.inForce(on: day("2025-01-15")).gradesFacilities)
        #expect(FoodSafetyRules.inForce(on: day("2010-01-01")).effective == FoodSafetyRules.book[0].effective)
        #expect(FoodSafetyRules.inForce(on: day("2026-11-29")).citation.hasPrefix("17/2024/TT-BNNPTNT"))
    }

    @Test("A food-safety certificate is valid three years to the corresponding day")
    func validity() {
        let rules = FoodSafetyRules.inForce(on: day("2026-01-15"))
        #expect(rules.certificateExpiry(issued: day("2026-01-15")) == day("2029-01-15"))
        #expect(rules.certificateExpiry(issued: day("2024-02-29")) == day("2027-02-28"))
        #expect(rules.expiryProblem(kind: .foodSafety, issued: day("2026-01-15"), expiry: day("2029-01-15")) == nil)
        #expect(rules.expiryProblem(kind: .foodSafety, issued: day("2026-01-15"), expiry: day("2029-01-16")) == "beyond-validity")
        #expect(rules.expiryProblem(kind: .vietGAP, issued: day("2026-01-15"), expiry: day("2031-01-16")) == nil)
        #expect(rules.expiryProblem(kind: .vietGAP, issued: day("2026-01-15"), expiry: day("2026-01-14")) == "before-issue")
    }

    @Test("Status at the boundaries: renewal window six months before expiry, expired the day after", arguments: [
        ("2028-07-14", CertificateStatus.valid), ("2028-07-15", .expiring), ("2029-01-15", .expiring), ("2029-01-16", .expired),
    ])
    func foodSafetyStatus(on: String, expected: CertificateStatus) {
        let status = FoodSafetyRules.status(kind: .foodSafety, state: .issued, issued: day("2026-01-15"), expiry: day("2029-01-15"), on: day(on))
        #expect(status == expected)
    }

    @Test("Other certificates warn 90 days ahead; suspension and revocation win over dates", arguments: [
        ("2028-03-31", CertificateState.issued, CertificateStatus.valid), ("2028-04-01", .issued, .expiring),
        ("2028-06-30", .issued, .expiring), ("2028-07-01", .issued, .expired),
        ("2027-01-01", .suspended, .suspended), ("2029-01-01", .revoked, .revoked),
    ])
    func otherStatus(on: String, state: CertificateState, expected: CertificateStatus) {
        let status = FoodSafetyRules.status(kind: .vietGAP, state: state, issued: day("2025-07-01"), expiry: day("2028-06-30"), on: day(on))
        #expect(status == expected)
    }

    @Test("Commitments without an end date stay valid; with one they are watched like certificates")
    func commitments() {
        #expect(FoodSafetyRules.commitmentStatus(signed: day("2026-01-01"), validUntil: nil, on: day("2040-01-01")) == .valid)
        #expect(FoodSafetyRules.commitmentStatus(signed: day("2026-01-01"), validUntil: day("2029-01-01"), on: day("2028-10-02")) == .valid)
        #expect(FoodSafetyRules.commitmentStatus(signed: day("2026-01-01"), validUntil: day("2029-01-01"), on: day("2028-10-03")) == .expiring)
        #expect(FoodSafetyRules.commitmentStatus(signed: day("2026-01-01"), validUntil: day("2029-01-01"), on: day("2029-01-02")) == .expired)
    }

    @Test("A fixable failure gets at most 30 days")
    func remediation() {
        #expect(FoodSafetyRules.inForce(on: day("2026-11-29")).latestRemediation(found: day("2026-11-29")) == day("2026-12-29"))
    }

    @Test("Revocation grounds count the 12 months that end on the day")
    func revocation() {
        let rules = FoodSafetyRules.inForce(on: day("2026-11-29"))
        let today = day("2026-11-29")
        #expect(rules.revocationGrounds(fines: [day("2025-11-30"), day("2026-11-29")], outbreaks: [], on: today)
                == [.fines([day("2025-11-30"), day("2026-11-29")])])
        #expect(rules.revocationGrounds(fines: [day("2025-11-29"), day("2026-11-29")], outbreaks: [], on: today).isEmpty)
        #expect(rules.revocationGrounds(fines: [day("2026-12-01"), day("2026-11-01")], outbreaks: [], on: today).isEmpty)
        #expect(rules.revocationGrounds(fines: [], outbreaks: [(day("2026-03-01"), 0)], on: today).isEmpty)
        #expect(rules.revocationGrounds(fines: [], outbreaks: [(day("2026-03-01"), 1)], on: today) == [.fatalOutbreak(day("2026-03-01"))])
        #expect(rules.revocationGrounds(fines: [], outbreaks: [(day("2026-03-01"), 0), (day("2026-06-01"), 0)], on: today)
                == [.outbreaks([day("2026-03-01"), day("2026-06-01")])])
    }
}

@Suite("Inspection risk score")
struct RiskScoreTests {
    @Test("A facility with nothing against it and fresh records scores zero; the unknown and the failing rank higher")
    func ordering() {
        let clean = RiskScore(.init(daysSinceLastEvent: 3, daysSinceInspection: 30))
        #expect(clean.total == 0)
        let silent = RiskScore(.init())
        #expect(silent.total == 25 && silent.parts[.traceability] == 15 && silent.parts[.inspection] == 10)
        let failing = RiskScore(.init(failedSamples: 1, daysSinceLastEvent: 3, daysSinceInspection: 30))
        #expect(failing.total == 20)
        // Parts are capped: ten failed samples count as two, and the total never passes 100.
        let worst = RiskScore(.init(failedSamples: 10, violations: 10, lacksPapers: true))
        #expect(worst.parts[.samples] == 35 && worst.parts[.violations] == 25 && worst.total == 100)
    }

    @Test("Silence steps at 60 and 180 days", arguments: [(60, 0), (61, 5), (180, 5), (181, 10)])
    func silence(days: Int, points: Int) {
        #expect(RiskScore(.init(daysSinceLastEvent: days, daysSinceInspection: 0)).parts[.traceability] == points)
    }

    @Test("Inspection age steps at 180 and 365 days", arguments: [(180, 0), (181, 5), (365, 5), (366, 10)])
    func inspectionAge(days: Int, points: Int) {
        #expect(RiskScore(.init(daysSinceLastEvent: 0, daysSinceInspection: days)).parts[.inspection] == points)
    }
}

@Suite("Inspection outcomes")
struct InspectionRulesTests {
    func day(_ text: String) -> CivilDate { CivilDate(text)! }

    @Test("Grades A/B/C are kept for inspections dated before Circular 17/2024 and refused after", arguments: [
        ("2025-01-14", FacilityGrade.b, InspectionResult.pass, nil as String?), ("2025-01-15", .b, .pass, "grades-abolished"),
        ("2024-06-01", .c, .pass, "grade-mismatch"), ("2024-06-01", .c, .fail, nil),
    ])
    func grades(date: String, grade: FacilityGrade, result: InspectionResult, rule: String?) {
        let rules = FoodSafetyRules.inForce(on: day(date))
        #expect(rules.inspectionProblem(on: day(date), result: result, grade: grade, remediationDue: nil)?.rule == rule)
    }

    @Test("A failure may get up to 30 days to remedy; a pass gets none", arguments: [
        ("2026-12-29", InspectionResult.fail, nil as String?), ("2026-12-30", .fail, "max-days"),
        ("2026-11-29", .fail, "after-inspection"), ("2026-12-10", .pass, "pass-needs-none"),
    ])
    func remediation(due: String, result: InspectionResult, rule: String?) {
        let rules = FoodSafetyRules.inForce(on: day("2026-11-29"))
        #expect(rules.inspectionProblem(on: day("2026-11-29"), result: result, grade: nil, remediationDue: day(due))?.rule == rule)
    }
}

@Suite("Samples and year-on-year targets")
struct SampleRulesTests {
    @Test("Laboratory results are read as written, and break the limit only above it", arguments: [
        ("0,05", 0.1 as Double?, false as Bool?), ("0.11", 0.1, true), ("0.1", 0.1, false), ("KPH", 0.01, false), ("nd", nil, false),
        ("<0,01", 0.01, false), ("0.002", nil, true), ("0", nil, false), ("âm tính", 1, nil), ("-1", 1, nil), ("", 1, nil),
        ("0x10", 1, nil), ("1e-3", 1, nil),
    ])
    func verdict(result: String, limit: Double?, exceeds: Bool?) {
        #expect(Analyte(name: "Chlorpyrifos", result: result, limit: limit, unit: "mg/kg").exceeds == exceeds)
    }

    @Test("The violation rate falls 10% from last year when its relative change is −10% or lower")
    func yearOnYear() {
        // 2024: 50 of 500 samples (10%); 2025: 45 of 500 (9%) is −10%: met; 46 (9.2%) is −8%: not met.
        #expect(YearOnYear(part: 45, whole: 500, previousPart: 50, previousWhole: 500).meets(-0.10) == true)
        #expect(YearOnYear(part: 46, whole: 500, previousPart: 50, previousWhole: 500).meets(-0.10) == false)
        #expect(YearOnYear(part: 0, whole: 100, previousPart: 0, previousWhole: 80).meets(-0.10) == true)
        #expect(YearOnYear(part: 1, whole: 100, previousPart: 0, previousWhole: 80).meets(-0.10) == nil)
        #expect(YearOnYear(part: 11, whole: 100, previousPart: 10, previousWhole: 100).meets(0.10) == true)
        #expect(YearOnYear(part: 3, whole: 0, previousPart: 1, previousWhole: 10).rate == nil)
    }
}

@Suite("Recall deadlines")
struct RecallRulesTests {
    @Test("Working days skip weekends and fixed holidays", arguments: [
        ("2026-11-26", "2026-12-01"),  // Thursday + 3: Friday, Monday, Tuesday
        ("2026-11-27", "2026-12-02"),  // Friday + 3
        ("2026-04-28", "2026-05-05"),  // Tuesday + 3: Wednesday 29, (30/4 and 1/5 holidays), Monday 4, Tuesday 5
        ("2026-12-30", "2027-01-05"),  // Wednesday + 3: Thursday 31, (1/1 holiday), Monday 4, Tuesday 5
    ])
    func workingDays(from: String, expected: String) {
        #expect(WorkingDays.adding(3, to: CivilDate(from)!).description == expected)
    }

    @Test("Notice and decision within 24 hours; disposal within 3 months of its approval")
    func deadlines() {
        #expect(RecallRules.noticeDue(openedAt: 1_000) == 1_000 + 86_400_000)
        #expect(RecallRules.decisionDue(openedAt: 0) == 86_400_000)
        #expect(RecallRules.disposalDue(approvedOn: CivilDate("2026-11-30")!).description == "2027-02-28")
        #expect(RecallRules.reportDue(closedOn: CivilDate("2026-11-27")!).description == "2026-12-02")
    }
}
