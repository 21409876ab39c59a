import Hummingbird
import NguonCore
import Plot

/// `/quan-tri/ma-truy-cap`: API tokens. A business user manages its own organisation's capture
/// tokens; administrators manage all, including read tokens for government integrations.
enum TokensController {
    static func list(_ request: Request, context: AppRequestContext, tokens: APITokenRepository,
                     form: [String: String] = [:], error: AppError? = nil, created: (APIToken, String)? = nil) async throws -> Response {
        let principal = try context.acting
        let all = try await tokens.list(for: principal)
        let lang = context.language
        let fields = FormFields(values: form.isEmpty ? ["days": "365"] : form, error: error, language: lang)
        let now = Millis.now()
        let title = LocalizedText(vi: "Mã truy cập API", en: "API tokens")
        var response = try AdminView.page(title, path: SiteURL.tokens.path, context: context, .group(
            .h1(.text(title(lang))),
            .unwrap(created) { token, secret in
                .div(.class("notice"), .attribute(named: "role", value: "status"),
                     .p(.strong(.text(fields.t("Mã “\(token.name)” đã được tạo. Hãy sao chép ngay: mã chỉ hiện một lần.",
                                              "Token “\(token.name)” created. Copy it now: it is shown only once.")))),
                     .code(.class("secret"), .text(secret)),
                     .p(.class("hint"), .text(fields.t("Gửi kèm tiêu đề: Authorization: Bearer <mã>", "Send it as: Authorization: Bearer <token>"))))
            },
            .div(.class("table-scroll"), .table(
                .thead(.tr(.th(.text(fields.t("Tên", "Name"))), .th(.text(fields.t("Tổ chức", "Organisation"))),
                           .th(.text(fields.t("Quyền", "Scopes"))), .th(.text(fields.t("Hết hạn", "Expires"))),
                           .th(.text(fields.t("Dùng lần cuối", "Last used"))), .th(.text(fields.t("Trạng thái", "State"))), .th())),
                .tbody(.forEach(all) { token in
                    .tr(.td(.text(token.name)), .td(.text(token.organisationID ?? fields.t("(tích hợp nhà nước)", "(government integration)"))),
                        .td(.text(APITokenRepository.scopeText(token.scopes))), .td(.text(AdminView.date(token.expiresAt, lang))),
                        .td(.text(AdminView.date(token.lastUsedAt, lang))),
                        .td(.span(.class(token.isLive(at: now) ? "badge" : "badge off"),
                                  .text(token.revokedAt != nil ? fields.t("Đã thu hồi", "Revoked")
                                        : token.isLive(at: now) ? fields.t("Hiệu lực", "Live") : fields.t("Hết hạn", "Expired")))),
                        .td(.if(token.revokedAt == nil && principal.can(.write, .apiTokens),
                                .form(.class("inline"), .method(.post), .action(SiteURL.tokenRevoke(token.id).path),
                                      fields.csrf(context.session?.csrfToken ?? ""),
                                      .button(.type(.submit), .class("secondary"), .text(fields.t("Thu hồi", "Revoke")))))))
                }))),
            .if(principal.can(.write, .apiTokens), .group(
                .h2(.text(fields.t("Tạo mã mới", "Create a token"))),
                fields.summary,
                .form(.class("stack"), .method(.post), .action(SiteURL.tokens.path),
                      fields.csrf(context.session?.csrfToken ?? ""),
                      fields.text("name", fields.t("Tên gợi nhớ", "Name"), required: true,
                                  hint: fields.t("Ví dụ: “ERP kho Hạ Long”.", "For example “Ha Long warehouse ERP”.")),
                      principal.organisationID.map { own in .input(.type(.hidden), .name("organisation"), .value(own)) }
                        ?? fields.text("organisation", fields.t("Mã tổ chức (để trống cho tích hợp nhà nước)", "Organisation id (empty for a government integration)")),
                      fields.checkbox("capture", fields.t("Gửi dữ liệu EPCIS (capture)", "Send EPCIS data (capture)"), checked: form.isEmpty || form["capture"] == "on"),
                      .if(principal.organisationID == nil,
                          fields.checkbox("read", fields.t("Đọc kho EPCIS và truy xuất (read)", "Read the EPCIS repository and trace (read)"), checked: form["read"] == "on")),
                      fields.text("days", fields.t("Hiệu lực (ngày)", "Valid for (days)"), type: .number, required: true),
                      .button(.type(.submit), .text(fields.t("Tạo mã", "Create token"))))
            )))
        ).response(from: request, context: context)
        if error != nil { response.status = .badRequest }
        return response
    }

    static func create(_ request: Request, context: AppRequestContext, tokens: APITokenRepository) async throws -> Response {
        let principal = try context.acting
        let form = try await Form.read(request, context: context)
        do {
            var scopes = Set<TokenScope>()
            if form["capture"] == "on" { scopes.insert(.capture) }
            if form["read"] == "on" { scopes.insert(.read) }
            let organisation = try form.text("organisation", required: false, maxBytes: 64)?.trimmingCharacters(in: .whitespaces)
            let input = APITokenRepository.Input(
                name: try form.required("name", maxBytes: 200),
                organisationID: principal.organisationID ?? (organisation?.isEmpty == false ? organisation : nil),
                scopes: scopes, days: try form.integer("days", in: 1...APITokenRepository.maxDays) ?? 365)
            let created = try await tokens.create(input, actor: context.actor)
            // Shown in this response only; the page is not cached and the secret is not stored.
            return try await list(request, context: context, tokens: tokens, created: created)
        } catch let error as AppError where error.status == .badRequest {
            return try await list(request, context: context, tokens: tokens, form: form.values, error: error)
        }
    }

    static func revoke(_ request: Request, context: AppRequestContext, tokens: APITokenRepository, id: String) async throws -> Response {
        _ = try await Form.read(request, context: context)
        try await tokens.revoke(id, actor: context.actor)
        return AccountController.redirect(SiteURL.tokens.path)
    }
}

extension TokensController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, tokens: APITokenRepository) {
        group.read(SiteURL.tokens.routePath) { request, context in try await list(request, context: context, tokens: tokens) }
        group.post(SiteURL.tokens.routePath) { request, context in try await create(request, context: context, tokens: tokens) }
        group.post(SiteURL.tokenRevoke("").routePath) { request, context in
            try await revoke(request, context: context, tokens: tokens, id: context.parameters.require("id"))
        }
    }
}
