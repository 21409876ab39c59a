/// The food-safety rules that come from regulations, each set with the documents it comes from
/// and the day it took effect. `inForce(on:)` picks the set for a record's own date; a new
/// regulation is a new entry at the end of `book`.
public struct FoodSafetyRules: Sendable {
    public let effective: CivilDate
    public let basis: [Regulation]
    /// Validity of the food-safety eligibility certificate, in months from the day of issue.
    public let certificateValidityMonths: Int
    /// The renewal file is due within this many months before the certificate expires.
    public let renewalLeadMonths: Int
    /// The longest remediation deadline an appraisal or inspection may give for a fixable failure.
    public let remediationMaxDays: Int
    /// Revocation grounds: this many administrative fines on food-safety conditions within the window…
    public let revocationFines: Int
    /// …or this many food-poisoning outbreaks within it, or one with a death.
    public let revocationOutbreaks: Int
    public let revocationWindowMonths: Int
    /// Whether inspections still grade facilities A, B or C.
    public let gradesFacilities: Bool
    /// Papers whose dates their issuer sets: counted as expiring this many days before expiry
    /// (the Quảng Ninh plan watches certificates expiring within 90 days).
    public let expiringNoticeDays: Int

    // MARK: the book

    /// Food Safety Law 55/2010/QH12, in force 1 July 2011: art. 37(1) the certificate is valid
    /// 3 years; art. 37(2) the renewal file is due within the 6 months before it expires.
    static let law2010 = Regulation(number: "55/2010/QH12", title: "Luật An toàn thực phẩm", effective: CivilDate(year: 2011, month: 7, day: 1)!)
    /// Decree 15/2018/NĐ-CP of 2 February 2018, in force on signing: art. 12(1) lists the
    /// facilities that need no certificate (`CommitmentCategory`).
    static let decree15of2018 = Regulation(number: "15/2018/NĐ-CP", title: "Quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm",
                                           effective: CivilDate(year: 2018, month: 2, day: 2)!)
    /// Circular 38/2018/TT-BNNPTNT, applied from 7 February 2019: appraisal and certification of
    /// agricultural, forestry and fishery facilities, which it graded A (good), B (pass), C (fail).
    static let circular38of2018 = Regulation(number: "38/2018/TT-BNNPTNT",
                                             title: "Thẩm định, chứng nhận cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản đủ điều kiện an toàn thực phẩm",
                                             effective: CivilDate(year: 2019, month: 2, day: 7)!)
    /// Circular 17/2024/TT-BNNPTNT of 28 November 2024 amended Circular 38/2018 (seed plan 001,
    /// note 2): results are pass or fail, without grades. Its effective date, 15 January 2025, is
    /// from secondary sources and not yet read in its art. 3: check it there.
    static let circular17of2024 = Regulation(number: "17/2024/TT-BNNPTNT",
                                             title: "Sửa đổi, bổ sung một số Thông tư quy định thẩm định, chứng nhận cơ sở đủ điều kiện bảo đảm ATTP",
                                             effective: CivilDate(year: 2025, month: 1, day: 15)!)
    // Decree 46/2026/NĐ-CP of 26 January 2026 would replace Decree 15/2018 (art. 16(3): at most
    // 30 days to remedy a fixable failure; art. 18(2)(b), (đ): revocation after two fines on
    // food-safety conditions, or two poisoning outbreaks, within 12 months, or one outbreak with
    // a death). Resolution 09/2026/NQ-CP suspended it from 4 February 2026 and Resolution
    // 15/2026/NQ-CP until the amended Food Safety Law takes effect, so Decree 15/2018 still
    // applies and 46/2026 is not in the book. The limits above are applied as it states them;
    // when it takes effect, it is a new entry with its own date (and no exemption for GMP,
    // HACCP, ISO 22000 … holders, which Decree 15/2018 art. 12(1)(k) gives).
    public static let book: [FoodSafetyRules] = [
        FoodSafetyRules(effective: circular38of2018.effective, basis: [law2010, decree15of2018, circular38of2018],
                        certificateValidityMonths: 36, renewalLeadMonths: 6, remediationMaxDays: 30,
                        revocationFines: 2, revocationOutbreaks: 2, revocationWindowMonths: 12,
                        gradesFacilities: true, expiringNoticeDays: 90),
        FoodSafetyRules(effective: circular17of2024.effective, basis: [law2010, decree15of2018, circular38of2018, circular17of2024],
                        certificateValidityMonths: 36, renewalLeadMonths: 6, remediationMaxDays: 30,
                        revocationFines: 2, revocationOutbreaks: 2, revocationWindowMonths: 12,
                        gradesFacilities: false, expiringNoticeDays: 90),
    ]

    /// The set in force on `date`; dates before the first set are judged by the first.
    public static func inForce(on date: CivilDate) -> FoodSafetyRules {
        book.last { $0.effective <= date } ?? book[0]
    }

    /// The regulations cited for the set, newest first, as "46/2026/NĐ-CP; 55/2010/QH12".
    public var citation: String { basis.reversed().map(\.number).joined(separator: "; ") }

    // MARK: certificates

    /// The last day a food-safety certificate issued on `issued` is valid. Civil Code 2015
    /// (91/2015/QH13) art. 147–148: a period counts from the day after the event and ends on the
    /// corresponding day of its last month, or that month's last day when it has no such day
    /// (issued 15/01/2026, valid to 15/01/2029; issued 29/02/2024, to 28/02/2027).
    public func certificateExpiry(issued: CivilDate) -> CivilDate {
        issued.adding(months: certificateValidityMonths)
    }

    /// The first day of the renewal window: the renewal file is due from here until expiry.
    public func renewalOpens(expiry: CivilDate) -> CivilDate {
        expiry.adding(months: -renewalLeadMonths)
    }

    /// Where a certificate stands on `day`. Suspension and revocation are recorded acts and win;
    /// then the dates: past the last valid day it has expired; inside the renewal window (the
    /// food-safety certificate) or the notice period (the others) it is expiring.
    public static func status(kind: CertificateKind, state: CertificateState, issued: CivilDate, expiry: CivilDate?,
                              on day: CivilDate) -> CertificateStatus {
        switch state {
        case .revoked: return .revoked
        case .suspended: return .suspended
        case .issued: break
        }
        guard let expiry else { return .valid }
        if day > expiry { return .expired }
        return day >= warnFrom(kind: kind, issued: issued, expiry: expiry) ? .expiring : .valid
    }

    /// The first day a certificate counts as expiring: its renewal window opens (food safety), or
    /// its notice period begins (the others), by the rules of its issue date.
    public static func warnFrom(kind: CertificateKind, issued: CivilDate, expiry: CivilDate) -> CivilDate {
        let rules = inForce(on: issued)
        return kind == .foodSafety ? rules.renewalOpens(expiry: expiry) : expiry.adding(days: -rules.expiringNoticeDays)
    }

    /// Where a commitment stands on `day`: commitments carry the end date the authority that
    /// received them wrote, if any, and are watched like certificates with their own dates.
    public static func commitmentStatus(signed: CivilDate, validUntil: CivilDate?, on day: CivilDate) -> CertificateStatus {
        guard let validUntil else { return .valid }
        if day > validUntil { return .expired }
        return day >= validUntil.adding(days: -inForce(on: signed).expiringNoticeDays) ? .expiring : .valid
    }

    /// Why an expiry typed for a certificate is wrong, or nil: a food-safety certificate cannot
    /// outlive its legal validity, and no certificate expires before it was issued.
    public func expiryProblem(kind: CertificateKind, issued: CivilDate, expiry: CivilDate) -> String? {
        if expiry < issued { return "before-issue" }
        if kind == .foodSafety, expiry > certificateExpiry(issued: issued) { return "beyond-validity" }
        return nil
    }

    // MARK: appraisals and inspections

    /// The latest remediation deadline for a fixable failure found on `found`.
    public func latestRemediation(found: CivilDate) -> CivilDate { found.adding(days: remediationMaxDays) }

    public enum RevocationGround: Sendable, Equatable {
        /// Administrative fines on food-safety conditions within the window (the dates counted).
        case fines([CivilDate])
        /// Food-poisoning outbreaks within the window.
        case outbreaks([CivilDate])
        /// An outbreak in which someone died.
        case fatalOutbreak(CivilDate)
    }

    /// The grounds for revoking a facility's certificate on `day`, from its recorded fines and
    /// outbreaks: counted over the `revocationWindowMonths` that end on `day`.
    public func revocationGrounds(fines: [CivilDate], outbreaks: [(date: CivilDate, deaths: Int)], on day: CivilDate) -> [RevocationGround] {
        let start = day.adding(months: -revocationWindowMonths)
        func inWindow(_ date: CivilDate) -> Bool { date > start && date <= day }
        var grounds: [RevocationGround] = []
        let recentFines = fines.filter(inWindow).sorted()
        if recentFines.count >= revocationFines { grounds.append(.fines(recentFines)) }
        let recent = outbreaks.filter { inWindow($0.date) }.sorted { $0.date < $1.date }
        if recent.count >= revocationOutbreaks { grounds.append(.outbreaks(recent.map(\.date))) }
        if let fatal = recent.first(where: { $0.deaths > 0 }) { grounds.append(.fatalOutbreak(fatal.date)) }
        return grounds
    }
}
