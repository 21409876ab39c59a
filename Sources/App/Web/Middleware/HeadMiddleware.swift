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
