import NguonCore
import Plot

extension UserForm {
    static func create(_ fields: FormFields, model: Model) -> Node<HTML.BodyContext> {
        fields.post(.users, submit: fields.t("Tạo tài khoản", "Create account"),
            fields.text("username", fields.t("Tên đăng nhập", "User name"), required: true,
                        hint: fields.t("Chữ thường không dấu, số, dấu chấm hoặc gạch: ví dụ nguyen.van.an", "a–z, 0–9, dot or dash")),
            fields.text("displayName", fields.t("Họ tên", "Full name"), required: true),
            access(fields, model: model),
            fields.text("password", fields.t("Mật khẩu tạm", "Temporary password"), type: .password, required: true,
                        autocomplete: "new-password",
                        hint: fields.t("Người dùng phải đổi mật khẩu ở lần đăng nhập đầu.", "The user must change it at first sign-in.")))
    }

    static func edit(_ fields: FormFields, model: Model, user id: String) -> Node<HTML.BodyContext> {
        fields.post(.user(id), submit: fields.t("Lưu", "Save"),
            fields.text("displayName", fields.t("Họ tên", "Full name"), required: true),
            access(fields, model: model),
            fields.checkbox("active", fields.t("Tài khoản đang hoạt động", "Account active"), checked: fields.values["active"] == "on"))
    }

    static func resetPassword(_ fields: FormFields, user id: String) -> Node<HTML.BodyContext> {
        fields.post(.userPasswordReset(id), submit: fields.t("Đặt lại", "Reset"), submitClass: "danger",
            fields.text("password", fields.t("Mật khẩu tạm mới", "New temporary password"), type: .password, required: true,
                        autocomplete: "new-password"))
    }

    /// Role, department, jurisdiction and organisation: what the account may do, and where.
    private static func access(_ fields: FormFields, model: Model) -> Node<HTML.FormContext> {
        .group(
            fields.select("role", fields.t("Vai trò", "Role"),
                          options: Role.allCases.map { ($0.rawValue, $0.name(fields.language)) }),
            fields.select("department", fields.t("Sở, ngành (với cán bộ sở)", "Department (department officers)"),
                          options: [("", "—")] + Department.allCases.map { ($0.rawValue, $0.name(fields.language)) }),
            fields.text("unit", fields.t("Địa bàn: mã tỉnh (2 số) hoặc mã xã, phường, đặc khu (5 số)", "Jurisdiction: province (2 digits) or commune (5 digits) code"),
                        hint: fields.t("Bắt buộc với cán bộ và thanh tra.", "Required for officers and inspectors.")),
            fields.select("organisation", fields.t("Tổ chức (với người dùng doanh nghiệp)", "Organisation (business users)"),
                          options: [("", "—")] + model.organisations.map { ($0.id, $0.name + ($0.taxCode.map { " · MST " + $0 } ?? "")) }))
    }
}
