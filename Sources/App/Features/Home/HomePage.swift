import Plot

/// The front door: says what Nguồn is and who it is for, and offers the tools that work
/// without an account. Same for everyone, so it is rendered once per language.
enum HomePage {
    static let rendered: [Language: (html: String, etag: String)] = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
        let html = render(language)
        return (language, (html, "\"home-\(language.rawValue)-\(Asset.fnv1a(html))\""))
    })

    static func render(_ language: Language) -> String {
        let t = { (vi: String, en: String) in language == .vi ? vi : en }
        return BasePage(
            title: LocalizedText(vi: "Truy xuất nguồn gốc", en: "Traceability"),
            language: language,
            path: SiteURL.home.path,
            main: .group(
                .h1(.text(t("Truy xuất nguồn gốc nông, lâm, thủy sản", "Traceability for farm, forest and fishery products"))),
                .p(.class("lead"), .text(t(
                    "Nguồn là nền tảng của tỉnh giúp người tiêu dùng biết sản phẩm đến từ đâu, giúp cơ sở sản xuất ghi nhận và chia sẻ hành trình của sản phẩm, và giúp cơ quan quản lý chứng nhận, kiểm tra, lấy mẫu, thu hồi và báo cáo về an toàn thực phẩm.",
                    "Nguồn is the province's platform that tells consumers where a product comes from, lets producers record and share its journey, and helps the authorities certify, inspect, sample, recall and report on food safety."))),
                .div(
                    .class("cards"),
                    card(t("Người tiêu dùng", "Consumers"), t(
                        "Quét mã QR trên bao bì để xem sản phẩm được sản xuất ở đâu, bởi ai, đi qua những khâu nào, có chứng nhận gì và có bị thu hồi hay không.",
                        "Scan the QR code on the package to see where and by whom a product was made, the steps it went through, its certificates and any recall.")),
                    card(t("Cơ sở sản xuất, kinh doanh", "Producers and businesses"), t(
                        "Khai báo cơ sở và sản phẩm, ghi nhật ký sản xuất và các sự kiện chuỗi cung ứng, in tem QR theo chuẩn GS1.",
                        "Register facilities and products, keep the production diary and supply-chain events, print GS1 QR labels.")),
                    card(t("Cơ quan quản lý", "Authorities"), t(
                        "Sở, ngành và UBND xã quản lý hồ sơ, chứng nhận, kiểm tra, giám sát mẫu, thu hồi, khiếu nại, đánh giá OCOP và theo dõi kế hoạch.",
                        "Departments and communes manage registries, certificates, inspections, sampling, recalls, complaints, OCOP evaluation and plans."))
                ),
                .h2(.text(t("Công cụ dùng ngay", "Tools you can use now"))),
                .div(
                    .class("cards"),
                    .div(
                        .class("card"),
                        .h3(.text(Strings.gs1Check(language))),
                        .form(
                            .class("tool"), .method(.get), .action(SiteURL.gs1Check.path),
                            .div(.class("field"),
                                 .label(.for("gs1-input"), .text(t("Mã vạch, chuỗi GS1 hoặc liên kết Digital Link", "Barcode data, GS1 string or Digital Link"))),
                                 .input(.type(.text), .id("gs1-input"), .name("input"),
                                        .placeholder("(01)08930000000019(10)LO-2026"), .attribute(named: "autocomplete", value: "off"))),
                            .button(.type(.submit), .text(t("Kiểm tra", "Check")))
                        ),
                        .p(.class("hint"), .text(t("Đọc và kiểm tra từng trường dữ liệu theo Tiêu chuẩn chung GS1.",
                                                   "Reads and checks each data field against the GS1 General Specifications.")))
                    ),
                    .div(
                        .class("card"),
                        .h3(.text(t("Tạo mã QR", "Make a QR code"))),
                        .form(
                            .class("tool"), .method(.get), .action(SiteURL.qrSVG.path),
                            .div(.class("field"),
                                 .label(.for("qr-data"), .text(t("Nội dung cần mã hóa", "Text to encode"))),
                                 .input(.type(.text), .id("qr-data"), .name("data"), .required(true),
                                        .placeholder("https://id.gs1.org/01/08930000000019/10/LO-2026"))),
                            .button(.type(.submit), .text(t("Tạo mã", "Create")))
                        ),
                        .p(.class("hint"), .text(t("Ảnh SVG sắc nét khi in ở mọi kích thước.", "A crisp SVG that prints sharply at any size.")))
                    )
                ),
                .h2(.text(t("Theo chuẩn quốc gia và quốc tế", "Built on national and international standards"))),
                .p(.text(t(
                    "Định danh sản phẩm, lô hàng và địa điểm bằng mã GS1 (GTIN, GLN, SSCC); mã QR theo GS1 Digital Link; dữ liệu sự kiện theo EPCIS 2.0; hệ thống truy xuất theo TCVN 12850:2019 và kết nối với Cổng thông tin truy xuất nguồn gốc sản phẩm, hàng hóa quốc gia.",
                    "Products, lots and places are identified with GS1 keys (GTIN, GLN, SSCC); QR codes follow GS1 Digital Link; events follow EPCIS 2.0; the system follows TCVN 12850:2019 and connects to the national traceability portal.")))
            )
        ).render()
    }

    private static func card(_ title: String, _ text: String) -> Node<HTML.BodyContext> {
        .div(.class("card"), .h2(.text(title)), .p(.text(text)))
    }
}
