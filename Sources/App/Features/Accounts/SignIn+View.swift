import Plot

extension SignIn {
    struct View: AdminFormPage {
        let model: Model
        let language: Language
        /// The session's token, or the pre-session one of the `nguon_csrf` cookie.
        let csrf: String

        var form: FormFields { FormFields(values: ["username": model.username], error: model.error, language: language, csrfToken: csrf) }
        var title: LocalizedText { LocalizedText(vi: "Đăng nhập", en: "Sign in") }
        var path: String { SiteURL.signIn.path }

        var main: Node<HTML.BodyContext> {
            .group(
                heading,
                .p(.class("lead"), .text(t("Dành cho cán bộ quản lý, thanh tra và doanh nghiệp đã được cấp tài khoản.",
                                           "For officers, inspectors and businesses with an account."))),
                form.summary,
                form.post(.signIn, submit: t("Đăng nhập", "Sign in"),
                    .unwrap(model.next) { form.hidden("next", $0) },
                    form.text("username", t("Tên đăng nhập", "User name"), required: true, autocomplete: "username"),
                    form.text("password", t("Mật khẩu", "Password"), type: .password, required: true, autocomplete: "current-password")),
                .p(.class("hint"), .text(t("Quên mật khẩu? Hãy liên hệ quản trị viên của đơn vị để được đặt lại.",
                                           "Forgot your password? Ask your administrator to reset it."))))
        }
    }
}
