import Plot

extension UserList {
    struct View: AdminFormPage {
        let model: Model
        /// The create form, as sent back (without the password) or empty.
        let form: FormFields

        var title: LocalizedText { LocalizedText(vi: "Tài khoản", en: "Accounts") }
        var path: String { SiteURL.users.path }

        var main: Node<HTML.BodyContext> {
            .group(
                heading,
                AdminView.table([t("Tên đăng nhập", "User name"), t("Họ tên", "Name"), t("Vai trò", "Role"),
                                 t("Địa bàn / tổ chức", "Scope"), t("Trạng thái", "State")], model.rows) { row in
                    .tr(.td(.a(.href(SiteURL.user(row.user.id).path), .text(row.user.username))), .td(.text(row.user.displayName)),
                        .td(.text(row.user.role.name(language))), .td(.text(row.scope ?? "—")),
                        .td(AdminView.badge(row.user.active ? t("Hoạt động", "Active") : t("Đã khóa", "Disabled"), on: row.user.active)))
                },
                .unwrap(model.form) { create in
                    form.section(t("Tạo tài khoản", "Create an account"), UserForm.create(form, model: create))
                })
        }
    }
}
