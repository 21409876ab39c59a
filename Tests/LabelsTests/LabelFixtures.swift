import GS1
@testable import Labels

/// Fixtures shared by the label tests.
enum Fixture {
    static let resolver = "https://truyxuat.quangninh.gov.vn"
    static let gtin = try! GTIN("08931000001006")
    static let produced = try! LabelDate(year: 2025, month: 12, day: 5)
    static let expires = try! LabelDate(year: 2026, month: 12, day: 5)

    static func lot(
        name: String = "Nước mắm Cái Rồng cá cơm 40 độ đạm", producer: String = "HTX Nước mắm Vân Đồn",
        lot: String = "DS-2611", limit: DateLimit? = nil, serial: String? = nil
    ) throws -> LabelContent {
        try LabelContent(
            productName: name, producerName: producer, gtin: gtin, lot: lot, productionDate: produced,
            dateLimit: limit ?? .expiry(expires), serial: serial, resolver: resolver)
    }

    /// A name no label can hold, with every character HTML gives meaning to.
    static let hostileName = "<script>alert('x')</script> & \"Bánh đa\" <b>Đặc sản</b> "
        + String(repeating: "nem chua Thanh Hóa loại đặc biệt ", count: 6)
}

/// Reading rendered documents back.
enum Sheet {
    /// Each page's markup, in order.
    static func pages(_ html: String) -> [Substring] {
        html.split(separator: "<svg class=\"p\"").dropFirst().map { $0 }
    }

    /// The Digital Links of the labels in `markup`, in document order (`data-link` unescaped).
    static func links(_ markup: some StringProtocol) -> [String] {
        markup.split(separator: "data-link=\"").dropFirst().map { part in
            String(part.prefix { $0 != "\"" })
                .replacing("&quot;", with: "\"").replacing("&#39;", with: "'")
                .replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&amp;", with: "&")
        }
    }

    /// The text of every `<text>` element in `markup`, escaped as written.
    static func texts(_ markup: some StringProtocol, class cls: String? = nil) -> [String] {
        markup.split(separator: "<text ").dropFirst().compactMap { part in
            if let cls, !part.hasPrefix("class=\"\(cls)\"") { return nil }
            guard let open = part.firstIndex(of: ">"), let close = part.firstRange(of: "</text>") else { return nil }
            return String(part[part.index(after: open)..<close.lowerBound])
        }
    }
}
