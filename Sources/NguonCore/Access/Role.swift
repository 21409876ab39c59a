/// What an account is for. The public (no account) is not a role: it is the absence of a principal.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Runs the system: accounts, organisations, tokens anywhere; no jurisdiction.
    case admin
    /// An officer of a provincial department (the department is an attribute of the account).
    case departmentOfficer = "department_officer"
    /// An officer of one commune, ward or special zone.
    case communeOfficer = "commune_officer"
    /// Inspects and samples within a province or a commune.
    case inspector
    /// A member of one organisation (cooperative, business, household business).
    case business
    /// Reads everything in scope, the audit log included, and changes nothing.
    case auditor

    public var vietnameseName: String {
        switch self {
        case .admin: "Quản trị hệ thống"
        case .departmentOfficer: "Cán bộ sở, ngành"
        case .communeOfficer: "Cán bộ cấp xã"
        case .inspector: "Thanh tra, kiểm tra viên"
        case .business: "Người dùng doanh nghiệp"
        case .auditor: "Kiểm toán (chỉ xem)"
        }
    }

    public var englishName: String {
        switch self {
        case .admin: "System administrator"
        case .departmentOfficer: "Department officer"
        case .communeOfficer: "Commune officer"
        case .inspector: "Inspector"
        case .business: "Business user"
        case .auditor: "Auditor (read-only)"
        }
    }

    /// Roles whose accounts must carry a jurisdiction.
    public var needsJurisdiction: Bool {
        switch self {
        case .departmentOfficer, .communeOfficer, .inspector: true
        case .admin, .business, .auditor: false
        }
    }

    /// Government roles: officers, inspectors, auditors and administrators.
    public var isGovernment: Bool { self != .business }
}

/// The provincial departments that use the system (the two-tier government since 2025).
public enum Department: String, Sendable, CaseIterable, Codable {
    case agricultureEnvironment = "nong_nghiep_moi_truong"
    case scienceTechnology = "khoa_hoc_cong_nghe"
    case industryTrade = "cong_thuong"
    case health = "y_te"

    public var vietnameseName: String {
        switch self {
        case .agricultureEnvironment: "Sở Nông nghiệp và Môi trường"
        case .scienceTechnology: "Sở Khoa học và Công nghệ"
        case .industryTrade: "Sở Công Thương"
        case .health: "Sở Y tế"
        }
    }

    public var englishName: String {
        switch self {
        case .agricultureEnvironment: "Department of Agriculture and Environment"
        case .scienceTechnology: "Department of Science and Technology"
        case .industryTrade: "Department of Industry and Trade"
        case .health: "Department of Health"
        }
    }
}
