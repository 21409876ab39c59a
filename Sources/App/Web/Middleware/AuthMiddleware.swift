import Hummingbird
import NguonCore

/// Settles who is acting: a session cookie (browsers) or an `Authorization: Bearer` API token
/// (integrations). A wrong or expired credential leaves the request anonymous; each route then
/// decides, through the repositories, what the anonymous may do.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionStore
    let tokens: APITokenRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Stylesheets and icons are the same for everyone: no session lookup for them.
        if request.uri.path.hasPrefix("/assets/") { return try await next(request, context) }
        var context = context
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            // A bearer token that is wrong is an error; other schemes (a proxy's Basic) are not ours.
            guard let principal = try await tokens.authenticate(String(header.dropFirst(7))) else { throw Self.invalidToken }
            context.principal = principal
        } else if let token = request.cookies[SessionStore.cookieName]?.value, let session = try await sessions.resolve(token) {
            context.session = session
            context.principal = session.user.principal
        }
        return try await next(request, context)
    }

    static let invalidToken = AppError(status: .unauthorized, code: "invalid-token", detail: LocalizedText(
        vi: "Mã truy cập không đúng, đã hết hạn hoặc đã bị thu hồi.",
        en: "The access token is wrong, expired or revoked."),
        problemType: "epcisException:SecurityException", headers: [.wwwAuthenticate: "Bearer realm=\"nguon\", error=\"invalid_token\""])
}

/// What routes require of the principal. Pages send the anonymous to the sign-in page; the API
/// answers 401 with a challenge.
enum Require {
    static func signedIn(_ request: Request, _ context: AppRequestContext) throws -> Principal {
        guard let principal = context.principal else {
            if ErrorMiddleware.wantsProblemJSON(request) {
                throw AppError(status: .unauthorized, code: "unauthenticated", detail: LocalizedText(
                    vi: "Cần đăng nhập hoặc mã truy cập (Authorization: Bearer …).",
                    en: "Sign in or send an access token (Authorization: Bearer …)."),
                    problemType: "epcisException:SecurityException", headers: [.wwwAuthenticate: "Bearer realm=\"nguon\""])
            }
            let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            throw AppError(status: .seeOther, code: "sign-in-required", detail: LocalizedText(
                vi: "Hãy đăng nhập để tiếp tục.", en: "Please sign in to continue."),
                headers: [.location: SiteURL.signIn.url([("next", next)])])
        }
        // A temporary password set by an administrator opens only the page that replaces it.
        if let session = context.session, session.user.mustChangePassword,
           ![SiteURL.account.path, SiteURL.accountPassword.path, SiteURL.signOut.path].contains(request.uri.path) {
            throw AppError(status: .seeOther, code: "password-change-required", detail: LocalizedText(
                vi: "Hãy đổi mật khẩu tạm trước khi tiếp tục.", en: "Change your temporary password first."),
                headers: [.location: SiteURL.account.url([("change", "1")])])
        }
        return principal
    }

    /// Signed in and allowed `mode` on `resource` at all (rows are then filtered by scope).
    static func access(_ resource: Resource, _ mode: AccessMode, _ request: Request, _ context: AppRequestContext) throws -> Principal {
        let principal = try signedIn(request, context)
        guard principal.can(mode, resource) else { throw AccessDenied.forbidden }
        return principal
    }

    /// A signed-in person (not a token): account pages.
    static func user(_ request: Request, _ context: AppRequestContext) throws -> SessionInfo {
        _ = try signedIn(request, context)
        guard let session = context.session else { throw AccessDenied.forbidden }
        return session
    }
}
