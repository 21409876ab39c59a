import HTTPTypes
import Plot

extension ProductPage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var status: HTTPResponse.Status { form.status }
        var title: LocalizedText {
            model.product.map { LocalizedText(vi: $0.name, en: $0.nameEn ?? $0.name) } ?? LocalizedText(vi: "Thêm sản phẩm", en: "New product")
        }
        var path: String { model.product.map { SiteURL.product($0.id).path } ?? SiteURL.organisationProducts(model.organisation.id).path }

        var main: Node<HTML.BodyContext> {
            let organisation = model.organisation
            return .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.organisation(organisation.id).path), .text(organisation.name))),
                .h1(.text(title(language))),
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.product) { product in
                    .group(
                        .unwrap(product.imageID) { .img(.class("product-image"), .src(SiteURL.productImage($0).path), .alt(product.name)) },
                        AdminView.facts([
                            ("GTIN", product.gtin),
                            (t("Nhóm", "Category"), model.categories.first { $0.code == product.category }?.name ?? "—"),
                            (t("Khối lượng tịnh", "Net content"), product.netContentText ?? "—"),
                            (t("Hạn sử dụng", "Shelf life"), product.shelfLifeDays.map { t("\($0) ngày", "\($0) days") } ?? "—"),
                            (t("Nhãn hiệu", "Brand"), product.brand ?? "—"),
                        ]))
                },
                .if(model.canWrite, form.section(model.product == nil ? t("Thông tin sản phẩm", "Product") : t("Sửa thông tin", "Edit"),
                    form.post(model.product.map { .product($0.id) } ?? .organisationProducts(organisation.id),
                              submit: model.product == nil ? t("Thêm sản phẩm", "Add product") : t("Lưu", "Save"),
                        form.text("gtin", t("GTIN (mã sản phẩm, 14 số)", "GTIN (14 digits)"), required: true,
                                  hint: model.freeGTINs.isEmpty
                                    ? t("Chưa có GTIN? Xin cấp ở trang tổ chức (mục Mã GS1 được cấp).", "No GTIN yet? Ask for one on the organisation's page.")
                                    : t("Chọn một GTIN đã được cấp: ", "Pick one given to you: ") + model.freeGTINs.prefix(3).joined(separator: ", "),
                                  list: "gtin-options"),
                        .element(named: "datalist", nodes: [.attribute(named: "id", value: "gtin-options")]
                            + model.freeGTINs.map { .element(named: "option", nodes: [.attribute(named: "value", value: $0)]) }),
                        form.text("name", t("Tên sản phẩm", "Name"), required: true, hint: t("Như in trên nhãn: Rau cải ngọt VietGAP túi 500 g.", "As the label says.")),
                        form.text("nameEn", t("Tên tiếng Anh (nếu có)", "English name (optional)")),
                        form.select("category", t("Nhóm sản phẩm", "Category"),
                                    options: [("", t("— chọn —", "— choose —"))] + model.categories.map { ($0.code, $0.name) }),
                        form.text("packaging", t("Quy cách đóng gói", "Packaging"), hint: t("Ví dụ: túi PE hút chân không, hộp giấy.", "e.g. vacuum bag")),
                        .div(.class("row"),
                             form.text("netContent", t("Khối lượng, thể tích tịnh", "Net content")),
                             form.select("netUnit", t("Đơn vị", "Unit"), options: [("", "—")] + ProductRepository.netUnits.map { ($0, $0) })),
                        form.text("shelfLifeDays", t("Hạn sử dụng (số ngày kể từ ngày sản xuất)", "Shelf life (days)"), type: .number),
                        form.text("brand", t("Nhãn hiệu", "Brand")),
                        form.text("selfDeclaration", t("Số bản tự công bố sản phẩm", "Self-declaration number")),
                        form.text("standards", t("Tiêu chuẩn áp dụng", "Standards applied"), hint: t("Ví dụ: TCVN 11892-1:2017 (VietGAP).", "e.g. VietGAP"))))),
                .if(model.canWrite && model.product != nil, imageForm))
        }

        /// A photo taken on the phone: JPEG, PNG or WebP up to 10 MB; it is shrunk and its location data removed.
        private var imageForm: Node<HTML.BodyContext> {
            guard let product = model.product else { return .empty }
            return .group(
                .h2(.text(t("Ảnh sản phẩm", "Product photo"))),
                form.upload(.productImageUpload(product.id), name: "image",
                            label: t("Chụp hoặc chọn ảnh (JPEG, PNG, WebP; tối đa 10 MB)", "Take or choose a photo (JPEG, PNG, WebP; up to 10 MB)"),
                            accept: "image/jpeg,image/png,image/webp",
                            hint: t("Ảnh được thu nhỏ và xóa thông tin vị trí trước khi lưu.", "The photo is shrunk and its location data removed."),
                            submit: t("Tải ảnh lên", "Upload")))
        }
    }
}
