import GS1
import Plot

/// `/gs1`: paste what a scanner read, or a Digital Link, and see each field explained, the
/// canonical Digital Link and its QR code; or exactly what is wrong and where.
struct GS1CheckPage {
    let input: String
    let result: Result<GS1Controller.Analysis, AppError>?
    let language: Language

    private func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    func render() -> String {
        BasePage(
            title: Strings.gs1Check,
            language: language,
            path: SiteURL.gs1Check.path,
            query: [("input", input.isEmpty ? nil : input)],
            main: .group(
                .h1(.text(Strings.gs1Check(language))),
                .p(.class("lead"), .text(t(
                    "Dán dữ liệu máy quét đọc được từ mã vạch GS1-128, DataMatrix hoặc mã QR, hoặc một liên kết GS1 Digital Link. Nguồn đọc từng trường và kiểm tra theo Tiêu chuẩn chung GS1.",
                    "Paste what a scanner read from a GS1-128, DataMatrix or QR code, or a GS1 Digital Link. Nguồn reads each field and checks it against the GS1 General Specifications."))),
                .form(
                    .class("tool"), .method(.get), .action(SiteURL.gs1Check.path),
                    .div(.class("field"),
                         .label(.for("gs1-input"), .text(t("Dữ liệu cần kiểm tra", "Data to check"))),
                         .input(.type(.text), .id("gs1-input"), .name("input"), .value(input),
                                .placeholder("(01)08930000000019(10)LO-2026(17)261231"),
                                .attribute(named: "autocomplete", value: "off"), .attribute(named: "spellcheck", value: "false"))),
                    .button(.type(.submit), .text(t("Kiểm tra", "Check")))
                ),
                .p(.class("hint"), .text(t("Dùng ^ thay cho ký tự FNC1 khi gõ chuỗi phần tử, ví dụ ^0108930000000019^10LO-2026.",
                                           "Type ^ for FNC1 in element strings, e.g. ^0108930000000019^10LO-2026."))),
                outcome
            )
        ).render()
    }

    private var outcome: Node<HTML.BodyContext> {
        switch result {
        case .none:
            return .empty
        case .failure(let error):
            return .div(.class("error"), .attribute(named: "role", value: "alert"),
                        .p(.strong(.text(error.title(language))), .text(" — " + error.detail(language))))
        case .success(let analysis):
            return .group(
                .h2(.text(t("Các trường dữ liệu", "Data fields"))),
                .table(
                    .thead(.tr(.th("AI"), .th(.text(t("Tên", "Name"))), .th(.text(t("Giá trị", "Value"))), .th(.text(t("Diễn giải", "Meaning"))))),
                    .tbody(.forEach(analysis.elements) { element in
                        .tr(.td(.class("nowrap"), .code(.text(element.ai))),
                            .td(.text(GS1Titles.title(for: element.ai, english: element.title, language: language))),
                            .td(.code(.text(element.value))),
                            .td(.text(meaning(of: element))))
                    })
                ),
                .h2(.text(t("Cách viết khác", "Other notations"))),
                .p(.text(t("Chuỗi có ngoặc: ", "Bracketed: ")), .code(.text(analysis.bracketed))),
                .p(.text(t("Chuỗi phần tử (^ là FNC1): ", "Element string (^ is FNC1): ")), .code(.text(analysis.elementString))),
                .unwrap(analysis.digitalLink) { link in
                    .group(
                        .h2("GS1 Digital Link"),
                        .p(.a(.href(link), .attribute(named: "rel", value: "nofollow"), .code(.text(link)))),
                        .img(.class("qr"), .src(SiteURL.qrSVG.url([("data", link)])), .alt(t("Mã QR của liên kết Digital Link", "QR code of the Digital Link"))),
                        .p(.class("hint"), .a(.href(SiteURL.qrPNG.url([("data", link), ("size", "1024")])), .text(t("Tải ảnh PNG để in", "Download a PNG for printing"))))
                    )
                }
            )
        }
    }

    private func meaning(of element: AIDescription) -> String {
        var parts: [String] = []
        if let gtin = element.gtin14 { parts.append("GTIN-14 \(gtin)") }
        if let date = element.date { parts.append(Formatting.date(date, language)) }
        if let time = element.time { parts.append(time) }
        if let decimal = element.decimal { parts.append(decimal) }
        if let currency = element.currency { parts.append(currency) }
        return parts.joined(separator: " · ")
    }
}

/// Vietnamese names of the AIs that appear on Vietnamese farm and food labels; other AIs show
/// the GS1 title in English, as GS1 Vietnam's own material does.
enum GS1Titles {
    static let vietnamese: [String: String] = [
        "00": "Mã côngtenơ vận chuyển (SSCC)",
        "01": "Mã sản phẩm (GTIN)",
        "02": "GTIN của hàng chứa bên trong",
        "10": "Số lô",
        "11": "Ngày sản xuất",
        "12": "Ngày đến hạn thanh toán",
        "13": "Ngày đóng gói",
        "15": "Sử dụng tốt nhất trước ngày",
        "16": "Hạn bán",
        "17": "Hạn sử dụng",
        "20": "Biến thể sản phẩm",
        "21": "Số sê-ri",
        "22": "Biến thể sản phẩm tiêu dùng (CPV)",
        "235": "Số sê-ri do bên thứ ba cấp (TPX)",
        "240": "Mã sản phẩm bổ sung",
        "30": "Số lượng",
        "37": "Số lượng đơn vị thương mại",
        "400": "Số đơn đặt hàng",
        "410": "Giao đến địa điểm (GLN)",
        "412": "Mua từ (GLN)",
        "414": "Mã địa điểm (GLN)",
        "416": "Địa điểm sản xuất, dịch vụ (GLN)",
        "417": "Mã bên liên quan (GLN)",
        "422": "Nước xuất xứ",
        "423": "Nước chế biến ban đầu",
        "424": "Nước chế biến",
        "425": "Nước tháo dỡ",
        "426": "Nước thực hiện toàn bộ quá trình chế biến",
        "7003": "Ngày giờ hết hạn",
        "7006": "Ngày chế biến đầu tiên",
        "7007": "Ngày thu hoạch",
        "7008": "Loài thủy sản (mã FAO 3-alpha)",
        "7009": "Ngư cụ đánh bắt",
        "7010": "Phương pháp sản xuất thủy sản",
        "8008": "Ngày giờ sản xuất",
    ]

    static func title(for ai: String, english: String, language: Language) -> String {
        guard language == .vi else { return english }
        if let name = vietnamese[ai] { return name }
        // Net weight and other measures: 310n… share a name across the decimal-point digit.
        if ai.count == 4, ai.hasPrefix("310") { return "Khối lượng tịnh (kg)" }
        if ai.count == 4, ai.hasPrefix("330") { return "Khối lượng cả bì (kg)" }
        return english
    }
}
