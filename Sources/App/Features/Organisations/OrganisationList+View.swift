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
                RegistryList.View(model: model.list, language: language).listing,
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
