import Foundation
import NguonCore

/// A unit of the two-tier administration: a province or centrally-run city, or a commune,
/// ward or special zone inside one. Codes are strings: their leading zeros matter.
struct AdminUnit: Sendable, Equatable, Codable {
    enum Kind: String, Sendable, Codable, CaseIterable {
        case province = "tinh"
        case city = "thanh_pho"
        case commune = "xa"
        case ward = "phuong"
        case specialZone = "dac_khu"

        var isProvinceLevel: Bool { self == .province || self == .city }

        var vietnamese: String {
            switch self {
            case .province: "Tỉnh"
            case .city: "Thành phố"
            case .commune: "Xã"
            case .ward: "Phường"
            case .specialZone: "Đặc khu"
            }
        }

        /// The kind a full name starts with ("Phường Ba Đình", "Đặc khu Vân Đồn").
        static func from(fullName: String) -> Kind? {
            let lowered = fullName.lowercased()
            for kind in [Kind.specialZone, .city, .province, .commune, .ward] where lowered.hasPrefix(kind.vietnamese.lowercased() + " ") {
                return kind
            }
            return nil
        }
    }

    /// A name or code the unit had before a boundary change. Labels printed before the change
    /// stay valid for two years (Decree 37/2026/NĐ-CP art. 98), so search still finds the unit by them.
    struct Former: Sendable, Equatable, Codable, Hashable {
        var code: String?
        var name: String
    }

    var code: String
    var name: String
    var fullName: String
    var nameEn: String?
    var kind: Kind
    var parentCode: String?
    var former: [Former]

    /// The area this unit is, for jurisdiction checks.
    var area: AdminArea {
        kind.isProvinceLevel ? AdminArea(province: code) : AdminArea(province: parentCode ?? "", commune: code)
    }

    /// Lower-case, accent-free text every search form matches against: "Đặc khu Vân Đồn" and
    /// "dac khu van don" find the same unit.
    static func searchText(name: String, fullName: String, former: [Former]) -> String {
        ([name, fullName] + former.flatMap { [$0.name, $0.code].compactMap { $0 } })
            .map(SearchText.fold).joined(separator: " | ")
    }

}

/// Reads a list of administrative units from a file: the nested JSON of the public dataset
/// (provinces with their `Wards`), a flat JSON list, or CSV with a header row. Every problem
/// names the row and the field; nothing is imported from a file with problems.
enum AdminUnitFile {
    struct Problem: Error, CustomStringConvertible, Equatable {
        let location: String
        let message: String
        var description: String { "\(location): \(message)" }
    }

    static let maxBytes = 32 << 20

    static func parse(_ data: Data, fileName: String) throws -> [AdminUnit] {
        guard data.count <= maxBytes else {
            throw Problem(location: fileName, message: "tệp lớn hơn \(maxBytes >> 20) MB (file larger than \(maxBytes >> 20) MB)")
        }
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        let units: [AdminUnit]
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
            units = try parseJSON(data, fileName: fileName)
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw Problem(location: fileName, message: "không phải văn bản UTF-8 (not UTF-8 text)")
            }
            units = try parseCSV(text, fileName: fileName)
        }
        try validate(units, fileName: fileName)
        return units
    }

    private static func parseJSON(_ data: Data, fileName: String) throws -> [AdminUnit] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw Problem(location: fileName, message: "không phải JSON hợp lệ (not valid JSON)")
        }
        guard let list = root as? [[String: Any]] else {
            throw Problem(location: fileName, message: "phải là một mảng JSON các đơn vị (must be a JSON array of units)")
        }
        var units: [AdminUnit] = []
        for (index, item) in list.enumerated() {
            let unit = try unit(from: item, location: "\(fileName)[\(index)]", parent: nil)
            units.append(unit)
            for key in ["Wards", "wards", "children"] {
                guard let children = item[key] else { continue }
                guard let wards = children as? [[String: Any]] else {
                    throw Problem(location: "\(fileName)[\(index)].\(key)", message: "phải là một mảng (must be an array)")
                }
                for (wardIndex, ward) in wards.enumerated() {
                    units.append(try self.unit(from: ward, location: "\(fileName)[\(index)].\(key)[\(wardIndex)]", parent: unit.code))
                }
            }
        }
        return units
    }

    private static func unit(from item: [String: Any], location: String, parent: String?) throws -> AdminUnit {
        func text(_ keys: String...) throws -> String? {
            for key in keys {
                guard let value = item[key], !(value is NSNull) else { continue }
                guard let string = value as? String else {
                    throw Problem(location: "\(location).\(key)", message: "phải là chuỗi (must be a string)")
                }
                let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { return trimmed }
            }
            return nil
        }
        guard let code = try text("Code", "code") else { throw Problem(location: "\(location).code", message: "thiếu mã đơn vị (code is required)") }
        guard let name = try text("Name", "name") else { throw Problem(location: "\(location).name", message: "thiếu tên (name is required)") }
        let fullName = try text("FullName", "fullName", "full_name") ?? name
        let parentCode = try text("ProvinceCode", "parentCode", "parent_code") ?? parent
        let kind: AdminUnit.Kind
        if let raw = try text("kind", "Kind", "type") {
            guard let parsed = AdminUnit.Kind(rawValue: raw) else {
                throw Problem(location: "\(location).kind", message: "phải là một trong \(AdminUnit.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (must be one of those)")
            }
            kind = parsed
        } else if let inferred = AdminUnit.Kind.from(fullName: fullName) {
            kind = inferred
        } else {
            throw Problem(location: "\(location).kind", message: "không suy ra được loại đơn vị từ tên đầy đủ “\(fullName)”; hãy ghi rõ kind (cannot tell the kind from the full name; give kind)")
        }
        var former: [AdminUnit.Former] = []
        if let list = item["former"] ?? item["Former"] {
            guard let entries = list as? [Any] else { throw Problem(location: "\(location).former", message: "phải là một mảng (must be an array)") }
            for (index, entry) in entries.enumerated() {
                if let name = entry as? String { former.append(.init(code: nil, name: name)); continue }
                guard let object = entry as? [String: Any], let name = object["name"] as? String else {
                    throw Problem(location: "\(location).former[\(index)]", message: "phải là tên hoặc {code, name} (must be a name or {code, name})")
                }
                former.append(.init(code: object["code"] as? String, name: name))
            }
        }
        return AdminUnit(code: code, name: name, fullName: fullName, nameEn: try text("NameEn", "nameEn", "name_en"),
                         kind: kind, parentCode: kind.isProvinceLevel ? nil : parentCode, former: former)
    }

    /// CSV: `code,name,full_name,kind,parent_code,name_en,former_names` (header required; the
    /// last three optional; former names separated by `;`). Quoted fields may hold commas.
    private static func parseCSV(_ text: String, fileName: String) throws -> [AdminUnit] {
        var rows = CSV.parse(text)
        guard !rows.isEmpty else { throw Problem(location: fileName, message: "tệp trống (empty file)") }
        let header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for required in ["code", "name"] where !header.contains(required) {
            throw Problem(location: "\(fileName):1", message: "thiếu cột “\(required)” ở dòng tiêu đề (header lacks “\(required)”)")
        }
        return try rows.enumerated().compactMap { index, row -> AdminUnit? in
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
            var item: [String: Any] = [:]
            for (column, name) in header.enumerated() where column < row.count { item[name] = row[column] }
            if let former = item.removeValue(forKey: "former_names") as? String, !former.isEmpty {
                item["former"] = former.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            return try unit(from: item, location: "\(fileName):\(index + 2)", parent: nil)
        }
    }

    private static func validate(_ units: [AdminUnit], fileName: String) throws {
        var seen: [String: Int] = [:]
        let provinces = Set(units.filter { $0.kind.isProvinceLevel }.map(\.code)).union(SeedProvinces.provinces.map(\.code))
        for (index, unit) in units.enumerated() {
            let location = "\(fileName) (\(unit.code) \(unit.name))"
            if unit.kind.isProvinceLevel {
                guard AdminArea.isProvinceCode(unit.code) else {
                    throw Problem(location: location, message: "mã tỉnh phải gồm 2 chữ số (a province code has 2 digits)")
                }
            } else {
                guard AdminArea.isCommuneCode(unit.code) else {
                    throw Problem(location: location, message: "mã xã, phường, đặc khu phải gồm 5 chữ số (a commune code has 5 digits)")
                }
                guard let parent = unit.parentCode, provinces.contains(parent) else {
                    throw Problem(location: location, message: "thiếu mã tỉnh cha hoặc mã tỉnh không có (parent province missing or unknown)")
                }
            }
            if let earlier = seen[unit.code] {
                throw Problem(location: location, message: "mã \(unit.code) xuất hiện hai lần (mục \(earlier + 1) và \(index + 1)) (code appears twice)")
            }
            seen[unit.code] = index
            guard unit.name.utf8.count <= 200, unit.fullName.utf8.count <= 240 else {
                throw Problem(location: location, message: "tên quá dài (name too long)")
            }
        }
    }
}
