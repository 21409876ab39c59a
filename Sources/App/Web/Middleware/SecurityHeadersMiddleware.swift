import HTTPTypes
import Hummingbird

/// Headers every response carries. The CSP allows only our own scripts, styles and images
/// (plus data: images for inline QR codes), which the pages satisfy because they use no inline code.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    private static let policy = HTTPField(name: .contentSecurityPolicy, value: contentSecurityPolicy)
    private static let fixed = [
        HTTPField(name: .xContentTypeOptions, value: "nosniff"),
        HTTPField(name: .referrerPolicy, value: "strict-origin-when-cross-origin"),
        HTTPField(name: .xFrameOptions, value: "DENY"),
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // ErrorMiddleware, further in, turns every error into a response, so this one sees them all.
        var response = try await next(request, context)
        // A response that states its own policy keeps it (the label sheet: inline styles, nothing else).
        // The other three are set nowhere else, so they are appended (a subscript set searches the
        // fields first).
        if response.headers[.contentSecurityPolicy] == nil { response.headers.append(Self.policy) }
        response.headers.append(contentsOf: Self.fixed)
        return response
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
}
