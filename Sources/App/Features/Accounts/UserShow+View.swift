import Plot

extension UserShow {
    struct View: AdminFormPage {
        let model: Model
        /// The change form: the account as it is, or as sent back.
        let form: FormFields
        let done: Done?

        var title: LocalizedText { LocalizedText(vi: model.user.username, en: model.user.username) }
        var path: String { SiteURL.user(model.user.id).path }

        var main: Node<HTML.BodyContext> {
            let user = model.user
            return .group(
                AdminView.eyebrow(.users, t("Tài khoản", "Accounts")),
                .h1(.text("\(user.displayName) (\(user.username))")),
                AdminView.notice(notice),
                .unwrap(model.form, { edit in
                    .group(
                        form.summary,
                        UserForm.edit(form, model: edit, user: user.id),
                        .h2(.text(t("Đặt lại mật khẩu", "Reset password"))),
                        UserForm.resetPassword(form, user: user.id))
                }, else: AdminView.facts([
                    (t("Vai trò", "Role"), user.role.name(language)),
                    (t("Địa bàn", "Jurisdiction"), user.jurisdiction?.code ?? "—"),
                ])))
        }

        private var notice: String? {
            switch done {
            case .created: t("Đã tạo tài khoản. Hãy gửi mật khẩu tạm cho người dùng qua kênh an toàn.",
                             "Account created. Send the temporary password through a safe channel.")
            case .saved: t("Đã lưu.", "Saved.")
            case .reset: t("Đã đặt lại mật khẩu; mọi phiên đăng nhập của tài khoản đã kết thúc.",
                           "Password reset; every session of the account has ended.")
            case nil: nil
            }
        }
    }
}
