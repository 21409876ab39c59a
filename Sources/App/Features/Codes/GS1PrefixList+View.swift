import Plot

extension GS1PrefixList {
    struct View: AdminFormPage {
        let model: Model
        /// The add form, as sent back or empty.
        let form: FormFields

        var title: LocalizedText { LocalizedText(vi: "Tiền tố mã GS1", en: "GS1 prefixes") }
        var path: String { SiteURL.gs1Prefixes.path }

        var main: Node<HTML.BodyContext> {
            .group(
                AdminView.eyebrow(.admin, t("Quản trị", "Administration")),
                heading,
                .p(.class("hint"), .text(t(
                    "Kho mã của tỉnh: tiền tố doanh nghiệp GS1 mà tỉnh nắm giữ. Nguồn cấp GTIN và GLN từ đây cho tổ chức chưa có tiền tố riêng; mỗi số chỉ cấp một lần.",
                    "The province's pools: GS1 company prefixes it holds. Nguồn gives GTINs and GLNs from them to organisations without a prefix of their own; each number once."))),
                AdminView.table([t("Tiền tố", "Prefix"), t("Thuộc", "Held by"), t("Đã cấp", "Given"), t("Ghi chú", "Note")], model.rows) { row in
                    .tr(.td(.class("nowrap"), .code(.text(row.prefix.prefix))),
                        .td(.text(row.prefix.organisationID.map { t("Tổ chức ", "Organisation ") + $0 }
                            ?? row.prefix.provinceCode.map { t("Kho mã tỉnh (mã \($0))", "Pool of province \($0)") }
                            ?? t("Kho mã chung", "Operator's pool"))),
                        .td(.text(t("\(AdminView.number(row.gtinsGiven, language)) GTIN, \(AdminView.number(row.glnsGiven, language)) GLN trên \(AdminView.number(row.capacity, language)) mỗi loại",
                                    "\(AdminView.number(row.gtinsGiven, language)) GTINs, \(AdminView.number(row.glnsGiven, language)) GLNs of \(AdminView.number(row.capacity, language)) each"))),
                        .td(.text(row.prefix.note ?? "")))
                },
                .if(model.canAdd, form.section(t("Thêm tiền tố", "Add a prefix"),
                    form.post(.gs1Prefixes, submit: t("Thêm", "Add"),
                              form.text("prefix", t("Tiền tố doanh nghiệp GS1 (6–12 chữ số)", "GS1 company prefix (6–12 digits)"), required: true,
                                        hint: t("Ví dụ 8938500 (tiền tố Việt Nam bắt đầu bằng 893).", "For example 8938500 (Vietnam's start with 893).")),
                              form.text("province", t("Mã tỉnh của kho mã (2 chữ số; để trống: kho chung cho mọi tỉnh)", "Province of the pool (2 digits; empty: for every province)")),
                              form.text("organisation", t("Hoặc mã tổ chức tự nắm giữ tiền tố này", "Or the id of an organisation that holds this prefix itself")),
                              form.text("note", t("Ghi chú", "Note"))))))
        }
    }
}
