import NguonCore
import Plot

extension AccountShow {
    struct View: AdminFormPage {
        let model: Model
        /// The password form: empty, with the error of its last sending if any.
        let form: FormFields
        /// Whether the page follows a password change.
        let changed: Bool

        var title: LocalizedText { LocalizedText(vi: "Tài khoản của tôi", en: "My account") }
        var path: String { SiteURL.account.path }

        var main: Node<HTML.BodyContext> {
            let user = model.user
            return .group(
                heading,
                AdminView.notice(changed ? t("Đã đổi mật khẩu.", "Password changed.") : nil),
                .if(user.mustChangePassword, .div(.class("error"), .p(.text(t(
                    "Mật khẩu của bạn do quản trị viên đặt tạm. Hãy đổi mật khẩu mới trước khi làm việc.",
                    "Your password was set by an administrator. Choose a new one before you go on."))))),
                AdminView.facts([
                    (t("Tên đăng nhập", "User name"), user.username),
                    (t("Họ tên", "Name"), user.displayName),
                    (t("Vai trò", "Role"), user.role.name(language)),
                    (t("Địa bàn", "Jurisdiction"), user.jurisdiction?.code ?? "—"),
                ]),
                form.section(t("Đổi mật khẩu", "Change password"), passwordForm))
        }

        private var passwordForm: Node<HTML.BodyContext> {
            form.post(.accountPassword, submit: t("Đổi mật khẩu", "Change password"),
                form.text("current", t("Mật khẩu hiện tại", "Current password"), type: .password, required: true, autocomplete: "current-password"),
                form.text("new", t("Mật khẩu mới", "New password"), type: .password, required: true, autocomplete: "new-password",
                          hint: t("Ít nhất \(PasswordPolicy.minimumLength) ký tự; nên dùng một câu dễ nhớ. Mật khẩu phổ biến sẽ bị từ chối.",
                                  "At least \(PasswordPolicy.minimumLength) characters; a memorable phrase works well. Common passwords are refused.")),
                form.text("repeat", t("Nhập lại mật khẩu mới", "Repeat the new password"), type: .password, required: true, autocomplete: "new-password"))
        }
    }
}
