import Plot

extension TokenList {
    struct View: AdminFormPage {
        let model: Model
        /// The create form: as sent back, or `TokenForm.defaults`.
        let form: FormFields

        var title: LocalizedText { LocalizedText(vi: "Mã truy cập API", en: "API tokens") }
        var path: String { SiteURL.tokens.path }

        var main: Node<HTML.BodyContext> {
            .group(
                heading,
                .unwrap(model.created) { created(name: $0.token.name, secret: $0.secret) },
                AdminView.table([t("Tên", "Name"), t("Tổ chức", "Organisation"), t("Quyền", "Scopes"), t("Hết hạn", "Expires"),
                                 t("Dùng lần cuối", "Last used"), t("Trạng thái", "State"), ""], model.rows) { row in
                    .tr(.td(.text(row.token.name)), .td(.text(row.token.organisationID ?? t("(tích hợp nhà nước)", "(government integration)"))),
                        .td(.text(APITokenRepository.scopeText(row.token.scopes))), .td(.text(AdminView.date(row.token.expiresAt, language))),
                        .td(.text(AdminView.date(row.token.lastUsedAt, language))),
                        .td(AdminView.badge(stateName(row.state), on: row.state == .live)),
                        .td(.if(row.revocable, form.post(.tokenRevoke(row.token.id), class: "inline", submit: t("Thu hồi", "Revoke"),
                                                         submitClass: "secondary"))))
                },
                .if(model.canWrite, form.section(t("Tạo mã mới", "Create a token"),
                                                 TokenForm.create(form, ownOrganisation: model.ownOrganisation))))
        }

        /// The token just created: its secret, which is shown this once.
        private func created(name: String, secret: String) -> Node<HTML.BodyContext> {
            .div(.class("notice"), .attribute(named: "role", value: "status"),
                 .p(.strong(.text(t("Mã “\(name)” đã được tạo. Hãy sao chép ngay: mã chỉ hiện một lần.",
                                    "Token “\(name)” created. Copy it now: it is shown only once.")))),
                 .code(.class("secret"), .text(secret)),
                 .p(.class("hint"), .text(t("Gửi kèm tiêu đề: Authorization: Bearer <mã>", "Send it as: Authorization: Bearer <token>"))))
        }

        private func stateName(_ state: Model.State) -> String {
            switch state {
            case .live: t("Hiệu lực", "Live")
            case .expired: t("Hết hạn", "Expired")
            case .revoked: t("Đã thu hồi", "Revoked")
            }
        }
    }
}
