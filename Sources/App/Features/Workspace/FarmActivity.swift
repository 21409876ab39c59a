/// What a farm diary records (issue 9 §4). Each entry is an EPCIS ObjectEvent at the facility,
/// naming the product grown there, with a business step of Nguồn's own vocabulary (CBV has none
/// for farm work) and the details as extension fields, so trace, queries and the origin page
/// read the diary like any other event.
enum FarmActivity: String, CaseIterable, Sendable {
    case planting, stocking, fertilising, spraying, irrigating, feeding, treating, other

    /// Nguồn's vocabulary: business steps and the extension fields of diary entries.
    static let namespace = "https://nguon.vn/voc/"
    static let bizStepPrefix = namespace + "bizstep/"

    var bizStep: String { Self.bizStepPrefix + rawValue }

    init?(bizStep: String) {
        guard bizStep.hasPrefix(Self.bizStepPrefix) else { return nil }
        self.init(rawValue: String(bizStep.dropFirst(Self.bizStepPrefix.count)))
    }

    var label: LocalizedText {
        switch self {
        case .planting: LocalizedText(vi: "Gieo trồng", en: "Planting")
        case .stocking: LocalizedText(vi: "Thả giống", en: "Stocking")
        case .fertilising: LocalizedText(vi: "Bón phân", en: "Fertilising")
        case .spraying: LocalizedText(vi: "Phun thuốc bảo vệ thực vật", en: "Spraying")
        case .irrigating: LocalizedText(vi: "Tưới nước", en: "Irrigating")
        case .feeding: LocalizedText(vi: "Cho ăn", en: "Feeding")
        case .treating: LocalizedText(vi: "Dùng thuốc thú y, thủy sản", en: "Veterinary treatment")
        case .other: LocalizedText(vi: "Công việc khác", en: "Other work")
        }
    }

    /// Entries that name what was applied (a fertiliser, a pesticide, a feed, a medicine).
    var usesInput: Bool { [.fertilising, .spraying, .feeding, .treating].contains(self) }

    /// Entries after which the crop or the animals may not be harvested for some days: a
    /// pesticide's pre-harvest interval (thời gian cách ly) or a medicine's withdrawal time
    /// (thời gian ngừng thuốc), both printed on the product's label.
    var hasWaitingPeriod: Bool { self == .spraying || self == .treating }
}
