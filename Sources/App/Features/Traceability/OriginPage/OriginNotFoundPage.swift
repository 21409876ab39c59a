import Plot

/// The page for a code nobody recorded. Anyone can make up endless such codes, so scanning them
/// must cost about what a cached page costs: the page is rendered once per language with slots,
/// and each miss only fills in the code and the path, escaped.
enum OriginNotFoundPage {
    private static let pathSlot = "\u{E000}path\u{E000}"
    private static let codeSlot = "\u{E000}code\u{E000}"

    /// The rendered page cut at its slots: text, slot, text, slot, …
    private struct Template {
        let parts: [(text: String, slot: String?)]
    }

    private static let templates: [Language: Template] = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
        (language, template(language))
    })

    private static func template(_ language: Language) -> Template {
        let t = { (vi: String, en: String) in language == .vi ? vi : en }
        let html = BasePage(
            title: LocalizedText(vi: "Chưa có dữ liệu truy xuất", en: "No traceability data"),
            language: language,
            path: pathSlot,
            main: .group(
                .p(.class("eyebrow"), .text(t("Thông tin truy xuất nguồn gốc", "Traceability information"))),
                .h1(.text(t("Chưa có dữ liệu truy xuất", "No traceability data"))),
                .div(.class("error"), .attribute(named: "role", value: "status"),
                     .p(.text(t("Chưa có dữ liệu truy xuất cho mã này. Nếu mã được in trên bao bì, hãy báo cho cơ quan quản lý qua đường dây nóng an toàn thực phẩm.",
                                "No traceability data exists for this code yet. If it is printed on a package, please tell the food-safety authority.")))),
                .p(.class("hint"), .text(t("Mã đã quét: ", "Scanned code: ")), .code(.text(codeSlot))),
                .p(.a(.href(SiteURL.home.path), .text(Strings.backHome(language))))
            )
        ).render()
        var parts: [(String, String?)] = []
        var rest = Substring(html)
        while let range = rest.range(of: "\u{E000}") {
            let text = String(rest[..<range.lowerBound])
            let afterOpen = rest[range.upperBound...]
            guard let close = afterOpen.range(of: "\u{E000}") else { break }
            parts.append((text, String(afterOpen[..<close.lowerBound])))
            rest = afterOpen[close.upperBound...]
        }
        parts.append((String(rest), nil))
        return Template(parts: parts)
    }

    /// The page for `code` (the Digital Link's path, shown as scanned) at `path`.
    static func render(language: Language, path: String, code: String) -> String {
        guard let template = templates[language] else { return "" }
        var html = ""
        html.reserveCapacity(template.parts.reduce(0) { $0 + $1.text.utf8.count } + 2 * path.utf8.count + code.utf8.count)
        for part in template.parts {
            html += part.text
            switch part.slot {
            case "path"?: html += String(path.drop { $0 == "/" }).attributeEscaped
            case "code"?: html += code.attributeEscaped
            default: break
            }
        }
        return html
    }
}
