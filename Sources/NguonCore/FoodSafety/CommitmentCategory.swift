/// Why a facility signs a commitment (bản cam kết) instead of holding a food-safety
/// certificate: the kinds of Decree 15/2018/NĐ-CP art. 12(1) points a–đ, which Circular
/// 17/2018/TT-BNNPTNT (art. 2) puts under commitments in the agricultural sector.
public enum CommitmentCategory: String, Sendable, CaseIterable, Codable {
    /// Point a: sản xuất ban đầu nhỏ lẻ.
    case smallPrimaryProduction = "small_primary"
    /// Point b: sản xuất, kinh doanh thực phẩm không có địa điểm cố định.
    case noFixedPremises = "no_fixed_premises"
    /// Point c: sơ chế nhỏ lẻ.
    case smallPreprocessing = "small_preprocessing"
    /// Point d: kinh doanh thực phẩm nhỏ lẻ.
    case smallTrading = "small_trading"
    /// Point đ: kinh doanh thực phẩm bao gói sẵn.
    case prepackagedTrading = "prepackaged_trading"

    public var vietnameseName: String {
        switch self {
        case .smallPrimaryProduction: "Sản xuất ban đầu nhỏ lẻ"
        case .noFixedPremises: "Sản xuất, kinh doanh không có địa điểm cố định"
        case .smallPreprocessing: "Sơ chế nhỏ lẻ"
        case .smallTrading: "Kinh doanh thực phẩm nhỏ lẻ"
        case .prepackagedTrading: "Kinh doanh thực phẩm bao gói sẵn"
        }
    }

    public var englishName: String {
        switch self {
        case .smallPrimaryProduction: "Small-scale primary production"
        case .noFixedPremises: "Production or trading without fixed premises"
        case .smallPreprocessing: "Small-scale pre-processing"
        case .smallTrading: "Small-scale food trading"
        case .prepackagedTrading: "Pre-packaged food trading"
        }
    }
}
