import Hummingbird

/// Settles the interface language: `?lang=en|vi` (remembered in a cookie), else the cookie,
/// else Vietnamese. The browser's Accept-Language is deliberately ignored: Vietnamese comes first.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "nguon_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let chosen = request.uri.queryParameters["lang"].map { String($0) }
        if let chosen {
            context.language = Language(code: chosen)
        } else {
            context.language = Language(code: request.cookies[Self.cookieName]?.value)
        }
        var response = try await next(request, context)
        if chosen != nil {
            response.setCookie(.init(name: Self.cookieName, value: context.language.rawValue,
                                     maxAge: 365 * 24 * 3600, path: "/", httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
