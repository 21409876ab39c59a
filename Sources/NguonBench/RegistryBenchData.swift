import Foundation
import GS1

/// Made-up registry records that read like a Quảng Ninh officer's sheets: cooperatives, farms,
/// ponds and packhouses with Vietnamese names, valid tax codes and GS1 keys, and products named
/// as their labels name them. Deterministic (seeded), so every run measures the same data.
struct RegistryBenchData {
    /// A commune of the province the data is placed in, as the admin_units table holds it.
    struct Commune: Sendable {
        let code: String
        let name: String
        let fullName: String
    }

    var random: SplitMix

    init(seed: UInt64) { random = SplitMix(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
    mutating func chance(_ percent: Int) -> Bool { random.next() % 100 < UInt64(percent) }

    // MARK: - Tax codes

    /// The `serial`-th enterprise tax code of Quảng Ninh's range (57…): nine digits and the check
    /// digit of Circular 105/2020/TT-BTC (weights 31, 29, 23, 19, 17, 13, 7, 5, 3;
    /// check = (10 − sum mod 11) mod 10), as `TaxCode` verifies it.
    static func taxCode(_ serial: Int) -> String {
        let nine = "57" + String(1_000_000 + serial % 9_000_000).suffix(7)
        let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
        let sum = zip(nine.utf8.map { Int($0) - 48 }, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return nine + String((10 - sum % 11) % 10)
    }

    // MARK: - People and places

    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Đinh", "Lương"]
    static let middleNames = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hữu", "Thu", "Xuân"]
    static let givenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
                             "Linh", "Long", "Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Việt", "Yến"]
    /// Villages and hamlets (thôn, khu, bản) as addresses name them.
    static let villages = ["Đông Sơn", "Yên Khánh", "Khe Tiền", "Nà Ếch", "Đồng Tâm", "Tân Lập", "Bắc Sơn", "Hải Yến", "Cái Bầu", "Đồng Rui",
                           "Vạn Yên", "Quan Lạn", "Minh Châu", "Ngọc Vừng", "Đài Xuyên", "Bình Ngọc", "Tràng Bạch", "Vĩnh Trung", "Khe Mằn", "Pò Hèn"]

    mutating func person() -> String { "\(pick(Self.familyNames)) \(pick(Self.middleNames)) \(pick(Self.givenNames))" }

    mutating func address(in commune: Commune) -> String {
        chance(70) ? "Thôn \(pick(Self.villages)), \(commune.fullName)" : "Khu \(number(1...12)), \(commune.fullName)"
    }

    mutating func phone() -> String { "0\(pick(["912", "983", "868", "203", "335", "977"])) \(number(100...999)) \(number(100...999))" }

    // MARK: - Organisations

    /// An organisation's name and its kind as the import's "Loại hình" column spells it.
    mutating func organisation(in commune: Commune) -> (name: String, kind: String) {
        let place = commune.name
        switch number(0...5) {
        case 0: return ("HTX \(pick(["Nông nghiệp", "Rau an toàn", "Chè", "Thủy sản", "Dịch vụ nông nghiệp", "Miến dong", "Ba kích", "Mật ong"])) \(place)", "Hợp tác xã")
        case 1: return ("Công ty TNHH \(pick(["Thực phẩm", "Nông sản", "Hải sản", "Thương mại", "Chế biến thủy sản"])) \(place)", "Doanh nghiệp")
        case 2: return ("Công ty Cổ phần \(pick(["Nông nghiệp xanh", "Thủy sản", "Chè", "Thực phẩm sạch"])) \(place)", "Doanh nghiệp")
        case 3: return ("Tổ hợp tác \(pick(["rau", "nuôi ngao", "nuôi hàu", "chè"])) \(place)", "Tổ hợp tác")
        case 4: return ("Hộ kinh doanh \(person())", "Hộ kinh doanh")
        default: return ("Trang trại \(pick(["gà đồi", "lợn sạch", "bò", "vịt", "cá"])) \(place)", "Trang trại")
        }
    }

    // MARK: - Facilities

    /// One row of a facilities sheet, as the officer's spreadsheet holds it.
    struct FacilityRow {
        var name: String
        var activities: String
        var scale: String?
        var growingArea: String?
    }

    mutating func facility(in commune: Commune, serial: Int) -> FacilityRow {
        let village = pick(Self.villages)
        let place = commune.name
        let hectares = "\(number(0...12)),\(number(1...9)) ha"
        switch number(0...9) {
        case 0, 1, 2:
            let crop = pick(["rau cải ngọt", "rau muống", "rau cải xanh", "bắp cải", "su hào", "cà chua", "dưa chuột"])
            return FacilityRow(name: "Vùng trồng \(crop) thôn \(village)", activities: pick(["Trồng trọt", "Trồng trọt; Sơ chế"]),
                               scale: hectares, growingArea: growingAreaCode(commune, serial))
        case 3:
            return FacilityRow(name: "Đồi chè \(place) lô \(number(1...40))", activities: "Trồng trọt", scale: hectares,
                               growingArea: growingAreaCode(commune, serial))
        case 4:
            return FacilityRow(name: "Vùng trồng ba kích tím \(place)", activities: "Trồng trọt", scale: hectares,
                               growingArea: growingAreaCode(commune, serial))
        case 5:
            return FacilityRow(name: "Ao nuôi tôm thẻ chân trắng số \(number(1...300)) \(place)", activities: "Nuôi trồng thủy sản",
                               scale: "\(number(2...40)) ao, \(hectares)")
        case 6:
            return FacilityRow(name: "Trang trại \(pick(["gà đồi", "lợn", "bò", "vịt"])) thôn \(village)", activities: "Chăn nuôi",
                               scale: "\(number(2...60)).\(number(100...999)) con")
        case 7:
            return FacilityRow(name: "Cơ sở sơ chế \(pick(["rau", "hải sản", "nông sản"])) \(place)", activities: pick(["Sơ chế", "Sơ chế, Bảo quản"]),
                               scale: "\(number(100...2_000)) m²")
        case 8:
            return FacilityRow(name: "Xưởng chế biến \(pick(["nước mắm", "chả mực", "miến dong", "sá sùng khô"])) \(place)",
                               activities: pick(["Chế biến", "Chế biến; Kinh doanh"]), scale: "\(number(100...5_000)) m²")
        default:
            return FacilityRow(name: "\(pick(["Kho lạnh", "Cửa hàng nông sản", "Điểm thu mua"])) \(place) \(number(1...50))",
                               activities: pick(["Bảo quản", "Kinh doanh", "Bảo quản; Kinh doanh"]), scale: nil)
        }
    }

    /// A growing-area code as the plant-protection office issues them: country, province and
    /// commune initials, a serial ("VN-QNDT-0012").
    func growingAreaCode(_ commune: Commune, _ serial: Int) -> String {
        let initials = commune.name.split(separator: " ").compactMap(\.first).map { $0 == "Đ" ? "D" : String($0) }.joined()
        let folded = initials.folding(options: .diacriticInsensitive, locale: nil).uppercased()
        return "VN-QN\(folded)-" + String(10_000 + serial % 10_000).suffix(4)
    }

    /// A point in Quảng Ninh (about 20.9–21.6 N, 106.4–107.9 E).
    mutating func coordinates() -> (Double, Double) {
        (20.9 + Double(number(0...7_000)) / 10_000, 106.4 + Double(number(0...15_000)) / 10_000)
    }

    // MARK: - Products

    /// A product as its label names it, with a brand and a net content, and (sometimes) an
    /// English name: the words search finds it by.
    struct ProductText {
        var name: String
        var nameEn: String?
        var brand: String?
        var category: String
        var netContent: Double?
        var netUnit: String?
        var shelfLifeDays: Int?
    }

    static let productPlaces = ["Đông Triều", "Cái Rồng", "Vân Đồn", "Hạ Long", "Quảng Yên", "Tiên Yên", "Bình Liêu", "Ba Chẽ", "Đầm Hà",
                                "Cô Tô", "Móng Cái", "Uông Bí", "Quan Lạn", "Phúc Trạch", "Hải Hậu", "Sóc Trăng", "Tân Cương", "Cát Hải"]

    mutating func product() -> ProductText {
        let place = pick(Self.productPlaces)
        switch number(0...11) {
        case 0, 1:
            let vegetable = pick(["cải ngọt", "cải xanh", "muống", "ngót", "dền", "bắp cải", "xà lách", "cải thảo", "mồng tơi"])
            let grams = pick([300, 500, 1_000])
            return ProductText(name: "Rau \(vegetable) \(pick(["VietGAP", "hữu cơ", "an toàn", "sạch"])) \(place) túi \(grams) g",
                               nameEn: chance(20) ? "Vegetables \(vegetable.folding(options: .diacriticInsensitive, locale: nil))" : nil,
                               brand: "Rau \(place)", category: "rau-cu", netContent: Double(grams), netUnit: "g", shelfLifeDays: number(3...7))
        case 2:
            let millilitres = pick([500, 750, 1_000])
            return ProductText(name: "Nước mắm \(place) \(pick([25, 30, 35, 40])) độ đạm chai \(millilitres) ml",
                               nameEn: chance(30) ? "Fish sauce \(place)" : nil, brand: "Nước mắm \(place)", category: "nuoc-mam",
                               netContent: Double(millilitres), netUnit: "ml", shelfLifeDays: 720)
        case 3:
            let fish = pick(["song", "giò", "chim", "thu", "mú", "trắm", "hồng", "nục"])
            return ProductText(name: "Cá \(fish) \(pick(["tươi", "đông lạnh", "một nắng", "phi lê"])) \(place)", nameEn: nil,
                               brand: chance(50) ? "Hải sản \(place)" : nil, category: "thuy-san", netContent: pick([0.5, 1]), netUnit: "kg",
                               shelfLifeDays: number(2...180))
        case 4:
            return ProductText(name: "Tôm \(pick(["thẻ chân trắng", "sú", "hùm", "he"])) \(pick(["đông lạnh", "tươi", "khô", "nõn"])) \(place) hộp \(pick([250, 500])) g",
                               nameEn: chance(30) ? "Shrimp \(place)" : nil, brand: "Tôm \(place)", category: "thuy-san",
                               netContent: Double(pick([250, 500])), netUnit: "g", shelfLifeDays: number(2...365))
        case 5:
            return ProductText(name: "Bưởi \(pick(["Phúc Trạch", "Diễn", "da xanh", "Đoan Hùng", "Năm Roi"])) OCOP \(pick([3, 4, 5])) sao hộp \(pick([2, 4])) quả",
                               nameEn: chance(30) ? "Pomelo" : nil, brand: "Bưởi \(place)", category: "trai-cay", netContent: Double(pick([2, 4])),
                               netUnit: "quả", shelfLifeDays: number(20...45))
        case 6:
            return ProductText(name: "Chè \(pick(["Tân Cương", "Đông Triều", "Shan tuyết", "xanh", "Bình Liêu"])) \(pick(["búp", "móc câu", "nõn tôm"])) gói \(pick([100, 200, 500])) g",
                               nameEn: chance(30) ? "Green tea" : nil, brand: "Chè \(place)", category: "che", netContent: Double(pick([100, 200, 500])),
                               netUnit: "g", shelfLifeDays: 365)
        case 7:
            return ProductText(name: "Gạo \(pick(["ST25", "ST24", "tám thơm", "nếp cái hoa vàng", "Bắc Hương", "Japonica"])) \(place) túi \(pick([2, 5, 10])) kg",
                               nameEn: chance(30) ? "Rice ST25" : nil, brand: "Gạo \(place)", category: "lua-gao", netContent: Double(pick([2, 5, 10])),
                               netUnit: "kg", shelfLifeDays: 365)
        case 8:
            return ProductText(name: "Mật ong \(pick(["rừng", "hoa nhãn", "hoa vải", "bạc hà"])) \(place) chai \(pick([250, 500])) ml",
                               nameEn: nil, brand: "Mật ong \(place)", category: "mat-ong", netContent: Double(pick([250, 500])), netUnit: "ml",
                               shelfLifeDays: 720)
        case 9:
            return ProductText(name: "\(pick(["Chả mực", "Sá sùng khô", "Ruốc hàu", "Ngán"])) \(place) \(pick(["hộp", "túi"])) \(pick([200, 500])) g",
                               nameEn: nil, brand: "Đặc sản \(place)", category: "che-bien", netContent: Double(pick([200, 500])), netUnit: "g",
                               shelfLifeDays: number(5...180))
        case 10:
            return ProductText(name: "\(pick(["Miến dong", "Ba kích tím", "Trà hoa vàng", "Sâm cau"])) \(place) gói \(pick([200, 500])) g",
                               nameEn: nil, brand: chance(50) ? "OCOP \(place)" : nil, category: pick(["ocop", "duoc-lieu"]),
                               netContent: Double(pick([200, 500])), netUnit: "g", shelfLifeDays: 365)
        default:
            return ProductText(name: "Gà đồi \(place) \(pick(["nguyên con", "thịt mát", "đông lạnh"]))", nameEn: nil, brand: "Gà đồi \(place)",
                               category: "thit", netContent: 1, netUnit: "con", shelfLifeDays: number(2...90))
        }
    }

    /// The GTIN-14 of item `reference` under a 7-digit company prefix (indicator 0).
    static func gtin(prefix: String, reference: Int) -> String {
        GS1.appendingCheckDigit(to: "0" + prefix + String(100_000 + reference).suffix(5))!
    }
}
