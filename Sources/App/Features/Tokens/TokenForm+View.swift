import Plot

/// The form that creates an API token.
enum TokenForm {
    /// What a fresh form holds: a year, capture only.
    static let defaults = ["days": "365", "capture": "on"]

    /// A business user's tokens are for its own organisation and capture only; administrators
    /// name the organisation, or none for a government integration that reads.
    static func create(_ fields: FormFields, ownOrganisation: String?) -> Node<HTML.BodyContext> {
        fields.post(.tokens, submit: fields.t("Tạo mã", "Create token"),
            fields.text("name", fields.t("Tên gợi nhớ", "Name"), required: true,
                        hint: fields.t("Ví dụ: “ERP kho Hạ Long”.", "For example “Ha Long warehouse ERP”.")),
            ownOrganisation.map { fields.hidden("organisation", $0) }
                ?? fields.text("organisation", fields.t("Mã tổ chức (để trống cho tích hợp nhà nước)", "Organisation id (empty for a government integration)")),
            fields.checkbox("capture", fields.t("Gửi dữ liệu EPCIS (capture)", "Send EPCIS data (capture)"), checked: fields.values["capture"] == "on"),
            .if(ownOrganisation == nil,
                fields.checkbox("read", fields.t("Đọc kho EPCIS và truy xuất (read)", "Read the EPCIS repository and trace (read)"),
                                checked: fields.values["read"] == "on")),
            fields.text("days", fields.t("Hiệu lực (ngày)", "Valid for (days)"), type: .number, required: true))
    }
}
