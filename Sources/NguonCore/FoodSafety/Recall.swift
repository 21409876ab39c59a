/// Recalls of unsafe agricultural food (Circular 17/2021/TT-BNNPTNT, in force 2 February 2022:
/// art. 10 voluntary recall, art. 11 mandatory recall, art. 13 the ways the goods are dealt with).
public enum RecallMode: String, Sendable, CaseIterable, Codable {
    case voluntary, mandatory

    public var vietnameseName: String { self == .voluntary ? "Tự nguyện" : "Bắt buộc" }
    public var englishName: String { self == .voluntary ? "Voluntary" : "Mandatory" }
}

/// Why the recall was started (the bases EU RASFF notifications name).
public enum RecallBasis: String, Sendable, CaseIterable, Codable {
    case officialControl = "official_control"
    case ownCheck = "own_check"
    case consumerComplaint = "consumer_complaint"
    case foodPoisoning = "food_poisoning"

    public var vietnameseName: String {
        switch self {
        case .officialControl: "Kiểm tra, giám sát của cơ quan quản lý"
        case .ownCheck: "Cơ sở tự kiểm tra"
        case .consumerComplaint: "Phản ánh của người tiêu dùng"
        case .foodPoisoning: "Ngộ độc thực phẩm"
        }
    }
}

/// How urgent it is for others (RASFF's notification types).
public enum RecallType: String, Sendable, CaseIterable, Codable {
    case alert, information
    case borderRejection = "border_rejection"

    public var vietnameseName: String {
        switch self {
        case .alert: "Cảnh báo (sản phẩm đang lưu thông)"
        case .information: "Thông tin"
        case .borderRejection: "Từ chối tại cửa khẩu"
        }
    }
}

/// How recalled goods are dealt with (Circular 17/2021 art. 13).
public enum DisposalMethod: String, Sendable, CaseIterable, Codable {
    case relabel, changeOfUse = "change_of_use", reexport, destroy

    public var vietnameseName: String {
        switch self {
        case .relabel: "Khắc phục lỗi ghi nhãn"
        case .changeOfUse: "Chuyển mục đích sử dụng"
        case .reexport: "Tái xuất"
        case .destroy: "Tiêu hủy"
        }
    }
}

/// The deadlines of a recall, from the moments it reached. Each is stated with the rule it
/// comes from; where the agricultural circular's text was not yet read, the figure is the one
/// the issue and the Ministry of Health's Circular 23/2018/TT-BYT set, and says so.
public enum RecallRules {
    /// Notice to the whole chain and the authority: 24 hours after the recall starts (issue 10
    /// §3; Circular 23/2018/TT-BYT art. 4 for health-sector food).
    public static let noticeHours: Int64 = 24
    /// A mandatory recall's decision: 24 hours after the finding (issue 10 §3).
    public static let decisionHours: Int64 = 24
    /// The report: 3 working days after the recall ends (issue 10 §3).
    public static let reportWorkingDays = 3
    /// Approval of how the goods are dealt with: 3 working days after the report (Circular
    /// 17/2021 art. 11, read from its text).
    public static let disposalApprovalWorkingDays = 3
    /// The goods dealt with: within 3 months of the approval (issue 10 §3).
    public static let disposalMonths = 3

    public static func noticeDue(openedAt millis: Int64) -> Int64 { millis + noticeHours * 3_600_000 }
    public static func decisionDue(openedAt millis: Int64) -> Int64 { millis + decisionHours * 3_600_000 }
    public static func reportDue(closedOn day: CivilDate) -> CivilDate { WorkingDays.adding(reportWorkingDays, to: day) }
    public static func disposalApprovalDue(reportOn day: CivilDate) -> CivilDate { WorkingDays.adding(disposalApprovalWorkingDays, to: day) }
    public static func disposalDue(approvedOn day: CivilDate) -> CivilDate { day.adding(months: disposalMonths) }
}

/// Working days: Monday to Friday, less the public holidays of fixed solar date (Labour Code
/// 45/2019/QH14 art. 112: 1 January, 30 April, 1 May, 2 September). Tết, the Hùng Kings'
/// day and the day added to 2 September move every year; they are not known here yet, so a
/// deadline across them comes out early, never late.
public enum WorkingDays {
    public static func isWorkingDay(_ day: CivilDate) -> Bool {
        guard day.weekday <= 5 else { return false }
        let (_, month, date) = day.parts
        return ![(1, 1), (4, 30), (5, 1), (9, 2)].contains { $0 == (month, date) }
    }

    /// The `count`-th working day after `day`.
    public static func adding(_ count: Int, to day: CivilDate) -> CivilDate {
        var current = day
        var left = count
        while left > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { left -= 1 }
        }
        return current
    }
}
