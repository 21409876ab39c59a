import FluentKit
import Foundation
import SQLKit

/// 004: the 34 provinces and centrally-run cities of the two-tier administration in force
/// since 1 July 2025 (Resolution 202/2025/QH15; codes from Decision 19/2025/QĐ-TTg). Communes,
/// wards and special zones are loaded with `nguon admin-units import`.
struct SeedProvinces: AsyncMigration {
    var name: String { "004_SeedProvinces" }

    static let provinces: [(code: String, name: String, fullName: String, nameEn: String, kind: Kind)] = [
        ("01", "Hà Nội", "Thành phố Hà Nội", "Hanoi", .city),
        ("04", "Cao Bằng", "Tỉnh Cao Bằng", "Cao Bang", .province),
        ("08", "Tuyên Quang", "Tỉnh Tuyên Quang", "Tuyen Quang", .province),
        ("11", "Điện Biên", "Tỉnh Điện Biên", "Dien Bien", .province),
        ("12", "Lai Châu", "Tỉnh Lai Châu", "Lai Chau", .province),
        ("14", "Sơn La", "Tỉnh Sơn La", "Son La", .province),
        ("15", "Lào Cai", "Tỉnh Lào Cai", "Lao Cai", .province),
        ("19", "Thái Nguyên", "Tỉnh Thái Nguyên", "Thai Nguyen", .province),
        ("20", "Lạng Sơn", "Tỉnh Lạng Sơn", "Lang Son", .province),
        ("22", "Quảng Ninh", "Tỉnh Quảng Ninh", "Quang Ninh", .province),
        ("24", "Bắc Ninh", "Tỉnh Bắc Ninh", "Bac Ninh", .province),
        ("25", "Phú Thọ", "Tỉnh Phú Thọ", "Phu Tho", .province),
        ("31", "Hải Phòng", "Thành phố Hải Phòng", "Haiphong", .city),
        ("33", "Hưng Yên", "Tỉnh Hưng Yên", "Hung Yen", .province),
        ("37", "Ninh Bình", "Tỉnh Ninh Bình", "Ninh Binh", .province),
        ("38", "Thanh Hoá", "Tỉnh Thanh Hoá", "Thanh Hoa", .province),
        ("40", "Nghệ An", "Tỉnh Nghệ An", "Nghe An", .province),
        ("42", "Hà Tĩnh", "Tỉnh Hà Tĩnh", "Ha Tinh", .province),
        ("44", "Quảng Trị", "Tỉnh Quảng Trị", "Quang Tri", .province),
        ("46", "Huế", "Thành phố Huế", "Hue", .city),
        ("48", "Đà Nẵng", "Thành phố Đà Nẵng", "Da Nang", .city),
        ("51", "Quảng Ngãi", "Tỉnh Quảng Ngãi", "Quang Ngai", .province),
        ("52", "Gia Lai", "Tỉnh Gia Lai", "Gia Lai", .province),
        ("56", "Khánh Hoà", "Tỉnh Khánh Hoà", "Khanh Hoa", .province),
        ("66", "Đắk Lắk", "Tỉnh Đắk Lắk", "Dak Lak", .province),
        ("68", "Lâm Đồng", "Tỉnh Lâm Đồng", "Lam Dong", .province),
        ("75", "Đồng Nai", "Thành phố Đồng Nai", "Dong Nai", .city),
        ("79", "Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Ho Chi Minh", .city),
        ("80", "Tây Ninh", "Tỉnh Tây Ninh", "Tay Ninh", .province),
        ("82", "Đồng Tháp", "Tỉnh Đồng Tháp", "Dong Thap", .province),
        ("86", "Vĩnh Long", "Tỉnh Vĩnh Long", "Vinh Long", .province),
        ("91", "An Giang", "Tỉnh An Giang", "An Giang", .province),
        ("92", "Cần Thơ", "Thành phố Cần Thơ", "Can Tho", .city),
        ("96", "Cà Mau", "Tỉnh Cà Mau", "Ca Mau", .province),
    ]

    /// The unit kinds as this migration stores them, frozen: later changes to `AdminUnit.Kind`
    /// must not change what an old migration wrote.
    enum Kind: String {
        case province = "tinh"
        case city = "thanh_pho"
    }

    /// The search text as it was computed when this migration landed (a frozen copy of the
    /// folding that now lives in `SearchText`), so changing the live rule never changes what
    /// this migration does.
    static func searchText(name: String, fullName: String) -> String {
        [name, fullName].map { text in
            text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
                .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "vi_VN"))
                .lowercased()
        }.joined(separator: " | ")
    }

    func prepare(on database: any Database) async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await (database as! any SQLDatabase).insert(into: "admin_units")
            .columns("code", "name", "full_name", "name_en", "kind", "parent_code", "former", "search_text", "updated_at")
            .rows(Self.provinces.map { p -> [any SQLExpression] in
                [SQLBind(p.code), SQLBind(p.name), SQLBind(p.fullName), SQLBind(p.nameEn), SQLBind(p.kind.rawValue),
                 SQLLiteral.null, SQLLiteral.null, SQLBind(Self.searchText(name: p.name, fullName: p.fullName)),
                 SQLBind(now)]
            })
            .run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).delete(from: "admin_units").where("parent_code", .is, SQLLiteral.null).run()
    }
}
