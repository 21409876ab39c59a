import Foundation
import NguonCore
import Sheets

/// Importing the registry from the sheets offices keep today (issue 9 §6): organisations,
/// facilities or products, one per row, columns found by their Vietnamese headers. Every row is checked
/// before anything is stored; the officer sees the bad rows with their row numbers and rules,
/// and nothing is imported unless they accept skipping them.
package enum RegistryImport {
    package enum Kind: String, Sendable, Codable, CaseIterable {
        case organisations = "to-chuc", facilities = "co-so", products = "san-pham"

        var label: LocalizedText {
            switch self {
            case .organisations: LocalizedText(vi: "Tổ chức (hợp tác xã, doanh nghiệp, hộ kinh doanh)", en: "Organisations")
            case .facilities: LocalizedText(vi: "Cơ sở sản xuất, kinh doanh", en: "Facilities")
            case .products: LocalizedText(vi: "Sản phẩm", en: "Products")
            }
        }

        /// What the officer must hold: organisations are their own resource, the rest the registry.
        var resource: Resource { self == .organisations ? .organisations : .registry }

        /// The header a field is shown by in the preview.
        func header(of key: String) -> String { fields.first { $0.key == key }?.headers[0] ?? key }

        var fields: [HeaderField] {
            switch self {
            case .organisations: [
                HeaderField("name", headers: ["Tên tổ chức", "Tên", "Tên cơ sở", "Tên hợp tác xã", "Tên doanh nghiệp", "Tên đơn vị"]),
                HeaderField("taxCode", headers: ["Mã số thuế", "MST", "Mã số doanh nghiệp"], required: false),
                HeaderField("kind", headers: ["Loại hình", "Loại hình tổ chức", "Loại"], required: false),
                HeaderField("unit", headers: ["Mã xã", "Mã đơn vị hành chính", "Mã xã phường", "Xã", "Xã phường", "Xã, phường, đặc khu", "Đơn vị hành chính", "Địa bàn"]),
                HeaderField("address", headers: ["Địa chỉ", "Địa chỉ trụ sở"], required: false),
                HeaderField("representative", headers: ["Người đại diện", "Đại diện", "Chủ cơ sở", "Giám đốc"], required: false),
                HeaderField("phone", headers: ["Điện thoại", "Số điện thoại", "SĐT"], required: false),
                HeaderField("email", headers: ["Email", "Thư điện tử"], required: false),
            ]
            case .facilities: [
                HeaderField("name", headers: ["Tên cơ sở", "Tên", "Tên vùng trồng", "Tên cơ sở sản xuất"]),
                HeaderField("organisationTaxCode", headers: ["Mã số thuế", "MST", "Mã số thuế tổ chức", "Mã số thuế chủ cơ sở"]),
                HeaderField("unit", headers: ["Mã xã", "Mã đơn vị hành chính", "Xã", "Xã phường", "Xã, phường, đặc khu", "Đơn vị hành chính", "Địa bàn"]),
                HeaderField("address", headers: ["Địa chỉ", "Địa chỉ cơ sở"], required: false),
                HeaderField("activities", headers: ["Hoạt động", "Loại hình sản xuất", "Lĩnh vực"], required: false),
                HeaderField("scale", headers: ["Quy mô", "Diện tích", "Quy mô sản xuất"], required: false),
                HeaderField("growingArea", headers: ["Mã số vùng trồng", "Mã vùng trồng"], required: false),
                HeaderField("latitude", headers: ["Vĩ độ", "Latitude"], required: false),
                HeaderField("longitude", headers: ["Kinh độ", "Longitude"], required: false),
            ]
            case .products: [
                HeaderField("name", headers: ["Tên sản phẩm", "Tên", "Tên hàng hóa", "Tên hàng"]),
                HeaderField("organisationTaxCode", headers: ["Mã số thuế", "MST", "Mã số thuế tổ chức", "Mã số thuế cơ sở sản xuất"]),
                // Left empty, a GTIN is given from the province's pool when the import is stored.
                HeaderField("gtin", headers: ["GTIN", "Mã GTIN", "Mã vạch", "Mã số mã vạch"], required: false),
                HeaderField("nameEn", headers: ["Tên tiếng Anh", "Tên tiếng Anh (nếu có)"], required: false),
                HeaderField("category", headers: ["Nhóm sản phẩm", "Nhóm hàng", "Nhóm", "Loại sản phẩm"], required: false),
                HeaderField("packaging", headers: ["Quy cách đóng gói", "Quy cách", "Bao bì"], required: false),
                HeaderField("netContent", headers: ["Khối lượng tịnh", "Khối lượng", "Định lượng", "Dung tích", "Thể tích thực"], required: false),
                HeaderField("netUnit", headers: ["Đơn vị tính", "Đơn vị"], required: false),
                HeaderField("shelfLife", headers: ["Hạn sử dụng", "Thời hạn sử dụng", "Hạn sử dụng (ngày)", "HSD"], required: false),
                HeaderField("brand", headers: ["Nhãn hiệu", "Thương hiệu"], required: false),
                HeaderField("selfDeclaration", headers: ["Số bản tự công bố", "Tự công bố", "Bản tự công bố"], required: false),
                HeaderField("standards", headers: ["Tiêu chuẩn áp dụng", "Tiêu chuẩn", "Chứng nhận"], required: false),
            ]
            }
        }
    }

    /// A row that passed every check, ready to be stored.
    package struct Row: Sendable, Codable, Equatable {
        var number: Int
        var name: String
        var taxCode: String?
        var kind: String?
        var provinceCode: String
        var communeCode: String?
        var address: String?
        var representative: String?
        var phone: String?
        var email: String?
        /// Facilities: the owning organisation.
        var organisationID: String?
        var activities: [String] = []
        var scale: String?
        var growingArea: String?
        var latitude: Double?
        var longitude: Double?
        /// Products: what the product form would have received (its GTIN empty when one is to be given).
        var product: ProductRepository.Input?
    }

    package struct Problem: Error, Sendable, Codable, Equatable {
        package var row: Int
        package var field: String
        package var message: String
    }

    package struct Checked: Sendable, Codable, Equatable {
        var kind: Kind
        package var rows: [Row]
        package var problems: [Problem]
        /// Rows read, header excluded, blank rows skipped.
        package var total: Int

        var preview: Preview {
            Preview(kind: kind, total: total, good: rows.count, problems: problems, sample: Array(rows.prefix(Preview.sampleRows)))
        }
    }

    /// What the officer is shown of a checked import before accepting it.
    package struct Preview: Sendable {
        static let sampleRows = 20
        let kind: Kind
        let total: Int
        /// Rows that will be imported.
        let good: Int
        let problems: [Problem]
        /// The first good rows.
        let sample: [Row]
    }

    /// What a row is checked against: the administrative units and who may import where.
    package struct Context: Sendable {
        /// Units by code, and communes by folded name per province (for sheets that name the commune).
        var units: [String: AdminArea]
        var communesByName: [String: [String: String]]
        var principal: Principal
        /// Organisations the principal reaches, by tax code (facilities name their owner so).
        var organisationsByTaxCode: [String: (id: String, area: AdminArea)]
        /// Tax codes already registered (organisations must be new).
        var takenTaxCodes: Set<String>
        /// Product category codes by their code and folded name.
        var categories: [String: String] = [:]
    }

    static let maxRows = 200_000

    /// What an import reads of a file: its rows and a few columns more than any kind has, and
    /// metadata parts no office file comes near, so a small crafted file cannot cost gigabytes.
    static let limits = SheetLimits(maxUncompressedBytes: 200 * 1_048_576, maxMetadataPartBytes: 4 * 1_048_576,
                                    maxRows: maxRows + 10_000, maxColumns: 100, maxCells: 4_000_000)

    /// Text of the imported columns an import holds at most: 200,000 rows of a few hundred bytes.
    static let maxTextBytes = 96 * 1_048_576

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
    }

    /// Reads an XLSX or CSV file (by its bytes) and checks every row.
    package static func check(_ data: Data, kind: Kind, context: Context) throws(AppError) -> Checked {
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        var match: HeaderMatch?
        var result = Checked(kind: kind, rows: [], problems: [], total: 0)
        var seen: [String: Int] = [:]
        var textBytes = 0
        func handle(_ number: Int, _ cells: [String]) throws(AppError) {
            guard let columns = match else {
                let found = HeaderMatcher.match(cells, fields: kind.fields)
                guard found.isComplete else {
                    throw AppError.invalid(field: "file", rule: "columns", LocalizedText(
                        vi: "Dòng \(number) (dòng tiêu đề) thiếu cột: \(found.missing.map { $0.headers[0] }.joined(separator: ", ")). Các cột được nhận: \(kind.fields.map { $0.headers[0] }.joined(separator: ", ")).",
                        en: "Row \(number) (the header) lacks: \(found.missing.map { $0.headers[0] }.joined(separator: ", "))."))
                }
                match = found
                return
            }
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
            result.total += 1
            guard result.total <= maxRows else {
                throw AppError.invalid(field: "file", rule: "max-rows", LocalizedText(
                    vi: "Tệp có hơn \(maxRows) dòng; hãy chia thành nhiều tệp.", en: "More than \(maxRows) rows; split the file."))
            }
            // Control characters are never text a registry holds (PostgreSQL refuses NUL outright).
            for (key, column) in columns.columns where column < cells.count && cells[column].unicodeScalars.contains(where: isControl) {
                result.problems.append(Problem(row: number, field: key, message: "Ô có ký tự điều khiển (không phải chữ, số hay dấu); hãy xóa ký tự đó."))
                return
            }
            func value(_ key: String) -> String? {
                guard let column = columns[key], column < cells.count else { return nil }
                let text = cells[column].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : String(text.prefix(500))
            }
            // A small XLSX can name one long shared string in every cell: what is kept is bounded.
            for column in columns.columns.values where column < cells.count { textBytes += min(cells[column].utf8.count, 1_500) }
            guard textBytes <= maxTextBytes else {
                throw AppError.invalid(field: "file", rule: "max-text", LocalizedText(
                    vi: "Tệp chứa hơn \(maxTextBytes / 1_048_576) MB chữ trong các cột được nhập; hãy chia thành nhiều tệp.",
                    en: "The file holds more than \(maxTextBytes / 1_048_576) MB of text in the imported columns; split it."))
            }
            switch row(number, value: value, kind: kind, context: context, seen: &seen) {
            case .success(let row): result.rows.append(row)
            case .failure(let problem): result.problems.append(problem)
            }
        }
        do {
            if isZip {
                let reader = try XLSXReader(data: data, limits: limits, timeZone: TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt)
                guard !reader.sheetNames.isEmpty else { throw SheetsError(.invalidSheet, vi: "Tệp không có trang tính nào.", en: "No worksheet.") }
                try reader.forEachRow(inSheet: 0) { row in
                    try handle(row.number, row.cells.map { $0.text(in: TimeZone(secondsFromGMT: 7 * 3600) ?? .gmt) })
                }
            } else {
                var number = 0
                try CSVReader.forEachRecord(data, limits: limits) { record in
                    number += 1
                    try handle(number, record)
                }
            }
        } catch let error as AppError {
            throw error
        } catch let error as SheetsError {
            throw AppError.invalid(field: "file", rule: "sheet", LocalizedText(vi: error.vi, en: error.en))
        } catch {
            throw AppError.invalid(field: "file", rule: "sheet", LocalizedText(vi: "Không đọc được tệp.", en: "The file could not be read."))
        }
        guard match != nil else {
            throw AppError.invalid(field: "file", rule: "empty", LocalizedText(vi: "Tệp trống.", en: "The file is empty."))
        }
        return result
    }

    /// One row checked: the row, or the first rule it breaks. `seen` holds the tax codes and
    /// GTINs of the rows before, by their row number.
    static func row(_ number: Int, value: (String) -> String?, kind: Kind, context: Context,
                    seen: inout [String: Int]) -> Result<Row, Problem> {
        func problem(_ field: String, _ message: String) -> Result<Row, Problem> { .failure(Problem(row: number, field: field, message: message)) }
        guard let name = value("name") else { return problem("name", "Thiếu tên.") }
        // As the registry's forms allow.
        guard name.utf8.count <= 300 else { return problem("name", "Tên dài hơn 300 byte (khoảng 100 chữ có dấu); hãy rút gọn.") }
        var row = Row(number: number, name: name, provinceCode: "", address: value("address"))
        var area = AdminArea(province: "")
        if kind != .products {
            guard let unitText = value("unit") else { return problem("unit", "Thiếu xã, phường, đặc khu (mã 5 số hoặc tên).") }
            guard let found = unit(unitText, context: context) else {
                return problem("unit", "Không có xã, phường, đặc khu “\(unitText)” trong danh mục\(context.principal.jurisdiction.map { " của tỉnh \($0.province)" } ?? "") (ghi mã 5 số để chắc chắn).")
            }
            area = found
            row.provinceCode = area.province
            row.communeCode = area.commune
        }
        switch kind {
        case .organisations:
            guard context.principal.reaches(.organisations, .write, area: area, organisationID: nil) else {
                return problem("unit", "Xã “\(value("unit") ?? "")” nằm ngoài địa bàn bạn phụ trách.")
            }
            if let taxCode = value("taxCode") {
                switch TaxCode.problem(taxCode) {
                case .shape?: return problem("taxCode", "Mã số thuế “\(taxCode)” không đúng dạng (10 số, 10 số-3 số, hoặc 12 số).")
                case .checkDigit(let expected)?: return problem("taxCode", "Mã số thuế \(taxCode) sai chữ số kiểm tra (chữ số thứ 10 phải là \(expected)).")
                case nil: break
                }
                if context.takenTaxCodes.contains(taxCode) { return problem("taxCode", "Mã số thuế \(taxCode) đã được đăng ký.") }
                if let earlier = seen["tax " + taxCode] { return problem("taxCode", "Mã số thuế \(taxCode) trùng với dòng \(earlier).") }
                seen["tax " + taxCode] = number
                row.taxCode = taxCode
            }
            if let kindText = value("kind") {
                let folded = SearchText.fold(kindText)
                guard let match = foldedKinds.first(where: { $0.name == folded || $0.kind.rawValue == folded })?.kind else {
                    return problem("kind", "Loại hình “\(kindText)” không có; dùng: \(Organisation.Kind.allCases.map(\.label.vi).joined(separator: ", ")).")
                }
                row.kind = match.rawValue
            }
            row.representative = value("representative")
            if let phone = value("phone") {
                let digits = phone.filter(\.isNumber).count
                guard (8...15).contains(digits) else { return problem("phone", "Số điện thoại “\(phone)” phải có 8 đến 15 chữ số.") }
                row.phone = phone
            }
            if let email = value("email") {
                guard OrganisationsController.looksLikeEmail(email) else { return problem("email", "Thư điện tử “\(email)” không đúng dạng.") }
                row.email = email
            }
        case .facilities, .products:
            guard let taxCode = value("organisationTaxCode") else { return problem("organisationTaxCode", "Thiếu mã số thuế của tổ chức.") }
            guard let owner = context.organisationsByTaxCode[taxCode] else {
                return problem("organisationTaxCode", "Không có tổ chức mã số thuế \(taxCode) trong phạm vi của bạn; hãy nhập tổ chức trước.")
            }
            // A facility may lie in another commune than its owner's seat; either must be the officer's.
            guard context.principal.reaches(.registry, .write, area: owner.area, organisationID: owner.id)
                    || kind == .facilities && context.principal.reaches(.registry, .write, area: area, organisationID: owner.id) else {
                return kind == .facilities ? problem("unit", "Xã “\(value("unit") ?? "")” nằm ngoài địa bàn bạn phụ trách.")
                    : problem("organisationTaxCode", "Tổ chức mã số thuế \(taxCode) nằm ngoài địa bàn bạn phụ trách.")
            }
            row.organisationID = owner.id
            if kind == .products {
                row.provinceCode = owner.area.province
                row.communeCode = owner.area.commune
                switch product(value, context: context) {
                case .success(let input):
                    if !input.gtin.isEmpty {
                        if let earlier = seen["gtin " + input.gtin] { return problem("gtin", "GTIN \(input.gtin) trùng với dòng \(earlier).") }
                        seen["gtin " + input.gtin] = number
                    }
                    row.product = input
                case .failure(let error):
                    let field = error.fieldErrors.first?.field ?? "name"
                    return problem(field, error.detail.vi.replacingOccurrences(of: "“\(field)”", with: "“\(kind.header(of: field))”"))
                }
                return .success(row)
            }
            if let text = value("activities") {
                for part in text.split(whereSeparator: { ",;/".contains($0) }) {
                    let folded = SearchText.fold(part.trimmingCharacters(in: .whitespaces))
                    guard let activity = foldedActivities.first(where: {
                        $0.name == folded || $0.activity.rawValue == folded || $0.name.hasPrefix(folded) && folded.count >= 4
                    })?.activity else {
                        return problem("activities", "Hoạt động “\(part)” không có; dùng: \(Facility.Activity.allCases.map(\.label.vi).joined(separator: ", ")).")
                    }
                    if !row.activities.contains(activity.rawValue) { row.activities.append(activity.rawValue) }
                }
            }
            row.scale = value("scale")
            row.growingArea = value("growingArea")
            let latitude = value("latitude").map { Double($0.replacingOccurrences(of: ",", with: ".")) }
            let longitude = value("longitude").map { Double($0.replacingOccurrences(of: ",", with: ".")) }
            if latitude != nil || longitude != nil {
                // Vietnam's land and islands, as the facility form checks.
                guard let lat = latitude ?? nil, let lon = longitude ?? nil, (6...24).contains(lat), (102...118).contains(lon) else {
                    return problem("latitude", "Tọa độ phải có cả vĩ độ (6–24) và kinh độ (102–118).")
                }
                row.latitude = lat
                row.longitude = lon
            }
        }
        return .success(row)
    }

    /// Labels folded once, not once per row: folding is what a 100,000-row check spends most on.
    private static let foldedKinds = Organisation.Kind.allCases.map { (name: SearchText.fold($0.label.vi), kind: $0) }
    private static let foldedActivities = Facility.Activity.allCases.map { (name: SearchText.fold($0.label.vi), activity: $0) }

    /// A product row read as the product form reads its fields, so the two hold one set of rules;
    /// sheets write "500 g" in one cell, "12 tháng" for a shelf life and the category by name.
    static func product(_ value: (String) -> String?, context: Context) -> Result<ProductRepository.Input, AppError> {
        var fields: [String: String] = [:]
        for key in ["name", "gtin", "nameEn", "packaging", "brand", "selfDeclaration", "standards"] { fields[key] = value(key) }
        if let text = value("category") {
            guard let code = context.categories[SearchText.fold(text)] else {
                return .failure(AppError.invalid(field: "category", rule: "one-of", LocalizedText(
                    vi: "Không có nhóm sản phẩm “\(text)” trong danh mục của tỉnh.", en: "No product category “\(text)”.")))
            }
            fields["category"] = code
        }
        if let text = value("netContent") {
            // "1,5 kg": the number, then the unit when no column of its own gives it.
            let number = text.prefix { $0.isNumber || $0 == "," || $0 == "." }
            fields["netContent"] = String(number)
            let unit = value("netUnit") ?? text.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
            if !unit.isEmpty { fields["netUnit"] = netUnit(unit) ?? unit }
        } else if let unit = value("netUnit") {
            fields["netUnit"] = netUnit(unit) ?? unit
        }
        if let text = value("shelfLife") {
            guard let days = shelfLifeDays(text) else {
                return .failure(AppError.invalid(field: "shelfLife", rule: "duration", LocalizedText(
                    vi: "Hạn sử dụng “\(text)” phải là số ngày, tháng hoặc năm (ví dụ “180 ngày”, “12 tháng”).",
                    en: "The shelf life must be days, months or years.")))
            }
            fields["shelfLifeDays"] = String(days)
        }
        do throws(AppError) {
            return .success(try ProductsController.input(Query(values: fields), gtinOptional: true))
        } catch {
            return .failure(error)
        }
    }

    /// A unit as sheets spell it ("gam", "Kg", "lít") in the form's own symbols.
    static func netUnit(_ text: String) -> String? {
        let folded = SearchText.fold(text)
        let spelled = ["gam": "g", "gram": "g", "kilogam": "kg", "kilogram": "kg", "lit": "l", "mililit": "ml"]
        return spelled[folded] ?? ProductRepository.netUnits.first { SearchText.fold($0) == folded }
    }

    /// "180", "180 ngày", "12 tháng", "2 năm" in days. A month counts 30 days and a year 365, so
    /// a label's "HSD 12 tháng" never reads longer than the producer meant.
    static func shelfLifeDays(_ text: String) -> Int? {
        let folded = SearchText.fold(text)
        let digits = folded.prefix { $0.isNumber }
        guard let count = Int(digits), count > 0, digits.count <= 5 else { return nil }
        switch folded.dropFirst(digits.count).trimmingCharacters(in: .whitespaces) {
        case "", "ngay": return count
        case "thang": return count * 30
        case "nam": return count * 365
        default: return nil
        }
    }

    /// A commune by its code, or by its name within the officer's province.
    static func unit(_ text: String, context: Context) -> AdminArea? {
        let code = text.filter(\.isNumber)
        if code.count == text.count, let area = context.units[code.count == 4 ? "0" + code : code] { return area }
        let folded = SearchText.fold(text).replacingOccurrences(of: "xa ", with: "").replacingOccurrences(of: "phuong ", with: "")
            .replacingOccurrences(of: "dac khu ", with: "").trimmingCharacters(in: .whitespaces)
        guard let province = context.principal.jurisdiction?.province, let code = context.communesByName[province]?[folded] else { return nil }
        return context.units[code]
    }
}
