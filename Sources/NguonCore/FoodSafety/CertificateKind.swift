/// The papers an officer records for a facility. Only the food-safety eligibility certificate
/// has its validity and renewal set by law (`FoodSafetyRules`); the others carry the dates their
/// certification body wrote on them.
public enum CertificateKind: String, Sendable, CaseIterable, Codable {
    /// Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm.
    case foodSafety = "food_safety"
    case vietGAP = "vietgap"
    case globalGAP = "globalgap"
    case organic
    case haccp
    case iso22000 = "iso22000"
    case gmp
    case fssc22000 = "fssc22000"
    /// Giấy chứng nhận điều kiện vệ sinh thú y (slaughterhouses).
    case veterinaryHygiene = "veterinary_hygiene"

    public var vietnameseName: String {
        switch self {
        case .foodSafety: "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"
        case .vietGAP: "VietGAP"
        case .globalGAP: "GlobalGAP"
        case .organic: "Hữu cơ"
        case .haccp: "HACCP"
        case .iso22000: "ISO 22000"
        case .gmp: "GMP"
        case .fssc22000: "FSSC 22000"
        case .veterinaryHygiene: "Giấy chứng nhận điều kiện vệ sinh thú y"
        }
    }

    public var englishName: String {
        switch self {
        case .foodSafety: "Food-safety eligibility certificate"
        case .vietGAP: "VietGAP"
        case .globalGAP: "GlobalGAP"
        case .organic: "Organic"
        case .haccp: "HACCP"
        case .iso22000: "ISO 22000"
        case .gmp: "GMP"
        case .fssc22000: "FSSC 22000"
        case .veterinaryHygiene: "Veterinary hygiene certificate"
        }
    }

    /// Short name for badges and lists.
    public var shortName: String {
        switch self {
        case .foodSafety: "ATTP"
        case .veterinaryHygiene: "VSTY"
        default: vietnameseName
        }
    }

    /// Good agricultural practice (the plan's GAP indicator).
    public var isGAP: Bool { self == .vietGAP || self == .globalGAP }
    /// Food-safety management systems (the plan's HACCP / ISO 22000 indicator).
    public var isManagementSystem: Bool { [.haccp, .iso22000, .gmp, .fssc22000].contains(self) }
}

/// What an officer recorded about a certificate beyond its dates.
public enum CertificateState: String, Sendable, CaseIterable, Codable {
    case issued, suspended, revoked
}

/// Where a certificate stands on a given day.
public enum CertificateStatus: String, Sendable, CaseIterable, Codable {
    case valid, expiring, expired, suspended, revoked

    public var vietnameseName: String {
        switch self {
        case .valid: "Còn hiệu lực"
        case .expiring: "Sắp hết hạn"
        case .expired: "Hết hạn"
        case .suspended: "Đình chỉ"
        case .revoked: "Thu hồi"
        }
    }

    public var englishName: String {
        switch self {
        case .valid: "Valid"
        case .expiring: "Expiring"
        case .expired: "Expired"
        case .suspended: "Suspended"
        case .revoked: "Revoked"
        }
    }

    /// Whether the certificate may be shown to consumers (origin pages).
    public var isInForce: Bool { self == .valid || self == .expiring }
}
