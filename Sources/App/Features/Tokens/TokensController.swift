import Hummingbird
import NguonCore

/// `/quan-tri/ma-truy-cap`: API tokens. A business user manages its own organisation's capture
/// tokens; administrators manage all, including read tokens for government integrations
/// (`TokenList`, `TokenForm`).
enum TokensController {
    static func list(_ request: Request, context: AppRequestContext, tokens: APITokenRepository, form: [String: String] = [:],
                     error: AppError? = nil, created: (token: APIToken, secret: String)? = nil) async throws -> Response {
        let model = try await TokenList.Model.query(principal: context.acting, tokens: tokens, created: created)
        let fields = context.form(form.isEmpty ? TokenForm.defaults : form, error: error)
        return try TokenList.View(model: model, form: fields).response(request, context: context)
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
