import Hummingbird

/// Answers HEAD like GET without the body (RFC 9110 §9.3.2): link checkers, `curl -I` and
/// caches ask for headers only, and a 404 there would say the page does not exist.
struct HeadMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .head else { return try await next(request, context) }
        var response = try await next(request, context)
        response.body = ResponseBody()
        return response
    }
}

extension Router where Context == AppRequestContext {
    /// Registers `handler` for GET and for HEAD (whose body `HeadMiddleware` drops); every
    /// readable route in Routes.swift goes through here.
    @discardableResult
    func read(_ path: RouterPath, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(path, use: handler)
        head(path, use: handler)
        return self
    }
}
