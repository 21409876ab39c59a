import Plot

extension OrganisationShow {
    struct View: AdminFormPage {
        let model: Model
        /// The edit form: the organisation as it is, or as sent back.
        let form: FormFields
        /// Whether the page follows a save.
        let saved: Bool

        var title: LocalizedText { LocalizedText(vi: model.organisation.name, en: model.organisation.name) }
        var path: String { SiteURL.organisation(model.organisation.id).path }

        var main: Node<HTML.BodyContext> {
            let organisation = model.organisation
            return .group(
                AdminView.eyebrow(.organisations, t("Tổ chức, doanh nghiệp", "Organisations")),
                .h1(.text(organisation.name)),
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                AdminView.facts([
                    (t("Mã số thuế", "Tax code"), organisation.taxCode ?? "—"),
                    (t("Tỉnh", "Province"), organisation.provinceCode),
                    (t("Xã, phường", "Commune"), organisation.communeCode ?? "—"),
                    (t("Địa chỉ", "Address"), organisation.address ?? "—"),
                ]),
                .unwrap(model.form) { edit in
                    form.section(t("Sửa thông tin", "Edit"),
                                 OrganisationForm.form(form, model: edit, action: .organisation(organisation.id), submit: t("Lưu", "Save")))
                })
        }
    }
}
