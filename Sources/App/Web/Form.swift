import Foundation
import Hummingbird

/// An HTML form post: the url-encoded body read within a limit, parsed with the same typed
/// accessors as query strings, and checked against cross-site request forgery.
///
/// Signed-in forms carry the session's CSRF token; forms shown before sign-in carry a token
/// that must equal the one in the short-lived `nguon_csrf` cookie (double submit). Together
/// with SameSite cookies this keeps another site from posting forms in the user's name.
enum Form {
    static let maxBytes = 64 * 1024
    static let fieldName = "_csrf"
    static let preSessionCookie = "nguon_csrf"

    static func read(_ request: Request, context: AppRequestContext) async throws -> Query {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw AppError(status: .unsupportedMediaType, code: "form-expected", detail: LocalizedText(
                vi: "Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded.",
                en: "Forms must be sent as application/x-www-form-urlencoded."))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw AppError(status: .contentTooLarge, code: "form-too-large", detail: LocalizedText(
                vi: "Biểu mẫu gửi lên lớn hơn \(maxBytes / 1024) KB.", en: "The form is larger than \(maxBytes / 1024) KB."))
        }
        let form = try Query(String(buffer: buffer), form: true)
        let expected = context.session?.csrfToken ?? request.cookies[preSessionCookie]?.value
        guard let expected, let sent = form[fieldName], Secret.constantTimeEqual(sent, expected) else {
            throw AppError(status: .forbidden, code: "csrf", detail: LocalizedText(
                vi: "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của Nguồn. Hãy tải lại trang và thử lại.",
                en: "The form has expired or was not sent from a Nguồn page. Reload the page and try again."))
        }
        return form
    }

    /// The token a page's forms carry, and the cookie to set when it is a pre-session one.
    static func token(for request: Request, context: AppRequestContext, secure: Bool) -> (token: String, cookie: Cookie?) {
        if let session = context.session { return (session.csrfToken, nil) }
        if let existing = request.cookies[preSessionCookie]?.value, existing.utf8.count == 32 { return (existing, nil) }
        let token = Secret.random(bytes: 24)
        return (token, Cookie(name: preSessionCookie, value: token, maxAge: 3_600, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }
}
