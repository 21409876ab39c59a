import Plot

extension OrganisationList {
    struct View: AdminFormPage {
        let model: Model
        /// The registration form, as sent back or empty.
        let form: FormFields

        var title: LocalizedText { LocalizedText(vi: "Tổ chức, doanh nghiệp", en: "Organisations") }
        var path: String { SiteURL.organisations.path }

        var main: Node<HTML.BodyContext> {
            .group(
                heading,
                AdminView.searchForm(.organisations, label: t("Tìm theo tên", "Search by name"), term: model.search ?? "", submit: t("Tìm", "Search")),
                AdminView.table([t("Tên", "Name"), t("Mã số thuế", "Tax code"), t("Địa bàn", "Area")], model.rows) { row in
                    .tr(.td(.a(.href(SiteURL.organisation(row.organisation.id).path), .text(row.organisation.name))),
                        .td(.text(row.organisation.taxCode ?? "—")), .td(.text(row.area)))
                },
                .unwrap(model.form) { registration in
                    .group(
                        .p(.a(.class("button"), .href(SiteURL.registryImport.path),
                              .text(t("Nhập danh sách từ Excel hoặc CSV", "Import a list from XLSX or CSV")))),
                        form.section(t("Đăng ký tổ chức mới", "Register an organisation"),
                                     OrganisationForm.form(form, model: registration, action: .organisations, submit: t("Đăng ký", "Register"))))
                })
        }
    }
}
