/// Why an officer visited a facility.
public enum InspectionKind: String, Sendable, CaseIterable, Codable {
    /// Thẩm định để cấp giấy chứng nhận ATTP.
    case appraisal
    case periodic
    case unannounced
    /// Kiểm tra sau chứng nhận, sau cam kết.
    case postCertification = "post_certification"
    /// Đoàn liên ngành (Tết, Tháng hành động vì ATTP, Trung thu).
    case interagency
    /// Tái kiểm tra sau thời hạn khắc phục.
    case recheck

    public var vietnameseName: String {
        switch self {
        case .appraisal: "Thẩm định cấp giấy chứng nhận"
        case .periodic: "Kiểm tra định kỳ"
        case .unannounced: "Kiểm tra đột xuất"
        case .postCertification: "Kiểm tra sau chứng nhận, cam kết"
        case .interagency: "Đoàn liên ngành"
        case .recheck: "Tái kiểm tra"
        }
    }

    public var englishName: String {
        switch self {
        case .appraisal: "Appraisal for certification"
        case .periodic: "Periodic inspection"
        case .unannounced: "Unannounced inspection"
        case .postCertification: "Check after certification or commitment"
        case .interagency: "Inter-agency team"
        case .recheck: "Re-check"
        }
    }
}

public enum InspectionResult: String, Sendable, CaseIterable, Codable {
    case pass, fail
}

/// The grades of Circular 38/2018/TT-BNNPTNT: A good, B pass, C fail (`FoodSafetyRules.gradesFacilities`).
public enum FacilityGrade: String, Sendable, CaseIterable, Codable {
    case a = "A", b = "B", c = "C"

    public var result: InspectionResult { self == .c ? .fail : .pass }
}

extension FoodSafetyRules {
    /// What is wrong with an inspection's outcome as recorded, as (field, rule), or nil. Grades
    /// only while the rules of its date grade facilities, and then the result follows the grade;
    /// a remediation deadline only for a failure, after the inspection and at most
    /// `remediationMaxDays` later.
    public func inspectionProblem(on date: CivilDate, result: InspectionResult, grade: FacilityGrade?,
                                  remediationDue: CivilDate?) -> (field: String, rule: String)? {
        if let grade {
            guard gradesFacilities else { return ("grade", "grades-abolished") }
            guard grade.result == result else { return ("result", "grade-mismatch") }
        }
        if let due = remediationDue {
            guard result == .fail else { return ("remediationDue", "pass-needs-none") }
            guard due > date else { return ("remediationDue", "after-inspection") }
            guard due <= latestRemediation(found: date) else { return ("remediationDue", "max-days") }
        }
        return nil
    }
}
