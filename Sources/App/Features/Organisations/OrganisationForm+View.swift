import Plot

extension OrganisationForm {
    /// The form posted to `action` (the list to register, the organisation to edit).
    static func form(_ fields: FormFields, model: Model, action: SiteURL, submit: String) -> Node<HTML.BodyContext> {
        fields.post(action, submit: submit,
            fields.text("name", fields.t("Tên tổ chức", "Name"), required: true),
            fields.select("kind", fields.t("Loại hình", "Kind"),
                          options: [("", fields.t("— chọn —", "— choose —"))] + Organisation.Kind.allCases.map { ($0.rawValue, $0.label(fields.language)) }),
            fields.text("taxCode", fields.t("Mã số thuế (nếu có)", "Tax code (if any)"),
                        hint: fields.t("10 chữ số, hoặc 13 ký tự dạng 0123456789-001 cho chi nhánh.", "10 digits, or 0123456789-001 for a branch.")),
            model.units.map { units in
                fields.select("unit", fields.t("Xã, phường, đặc khu", "Commune, ward or special zone"),
                              options: units.map { ($0.code, "\($0.fullName) (\($0.code))") })
            } ?? fields.text("unit", fields.t("Mã xã, phường, đặc khu (5 số)", "Commune code (5 digits)"), required: true,
                             hint: fields.t("Tra mã ở trang Đơn vị hành chính.", "Look the code up on the administrative units page.")),
            fields.text("address", fields.t("Địa chỉ", "Address")),
            fields.text("representative", fields.t("Người đại diện", "Representative")),
            fields.text("phone", fields.t("Điện thoại", "Phone"), type: .tel, autocomplete: "tel"),
            fields.text("email", fields.t("Thư điện tử", "E-mail"), type: .email, autocomplete: "email"))
    }
}
