import HTTPTypes

/// The one error type handlers throw. It carries a stable machine code, an HTTP status, a message
/// in both languages and, for invalid input, the field and the rule it broke. `ErrorMiddleware`
/// renders it as RFC 9457 problem+json under /api and /epcis and as a Vietnamese page elsewhere.
public struct AppError: Error, Sendable, CustomStringConvertible {
    public struct FieldError: Sendable, Equatable, Encodable {
        /// Name of the field as the client sent it (query parameter, JSON member, form field).
        public let field: String
        /// Stable code of the rule broken, e.g. `required`, `too-long`, `one-of`.
        public let rule: String
        public let message: LocalizedText

        public init(field: String, rule: String, message: LocalizedText) {
            self.field = field
            self.rule = rule
            self.message = message
        }

        enum CodingKeys: String, CodingKey { case field, rule, message }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(field, forKey: .field)
            try container.encode(rule, forKey: .rule)
            try container.encode(message.vi, forKey: .message)
        }
    }

    public let status: HTTPResponse.Status
    /// Stable identifier clients can switch on; also the last segment of the problem `type`.
    public let code: String
    public let title: LocalizedText
    public let detail: LocalizedText
    public let fieldErrors: [FieldError]
    /// Full problem type URI when a standard defines one (EPCIS exceptions); otherwise derived from `code`.
    public let problemType: String?
    public let headers: HTTPFields

    public init(status: HTTPResponse.Status, code: String, title: LocalizedText? = nil, detail: LocalizedText,
                fieldErrors: [FieldError] = [], problemType: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.title = title ?? Self.defaultTitle(for: status)
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.problemType = problemType
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(detail.en)" }

    /// A 400 for one bad input field: the most common error, so it gets a short spelling.
    public static func invalid(field: String, rule: String, _ message: LocalizedText) -> AppError {
        AppError(status: .badRequest, code: "invalid-input",
                 detail: message, fieldErrors: [FieldError(field: field, rule: rule, message: message)])
    }

    public static func notFound(_ detail: LocalizedText = LocalizedText(
        vi: "Không tìm thấy địa chỉ này. Có thể đường dẫn đã bị gõ sai hoặc nội dung đã được gỡ bỏ.",
        en: "Nothing lives at this address. The link may be mistyped or the content removed.")) -> AppError {
        AppError(status: .notFound, code: "not-found", detail: detail)
    }

    static func defaultTitle(for status: HTTPResponse.Status) -> LocalizedText {
        switch status.code {
        case 400: LocalizedText(vi: "Yêu cầu không hợp lệ", en: "Invalid request")
        case 401: LocalizedText(vi: "Cần đăng nhập", en: "Sign-in required")
        case 403: LocalizedText(vi: "Không có quyền truy cập", en: "Access denied")
        case 404: LocalizedText(vi: "Không tìm thấy", en: "Not found")
        case 405: LocalizedText(vi: "Phương thức không được hỗ trợ", en: "Method not allowed")
        case 406: LocalizedText(vi: "Không có định dạng phù hợp", en: "Not acceptable")
        case 413: LocalizedText(vi: "Dữ liệu gửi lên quá lớn", en: "Content too large")
        case 415: LocalizedText(vi: "Định dạng dữ liệu không được hỗ trợ", en: "Unsupported media type")
        case 429: LocalizedText(vi: "Quá nhiều yêu cầu", en: "Too many requests")
        case 503: LocalizedText(vi: "Hệ thống tạm thời không sẵn sàng", en: "Service unavailable")
        case 500...: LocalizedText(vi: "Đã có lỗi xảy ra", en: "Something went wrong")
        default: LocalizedText(stringLiteral: status.reasonPhrase)
        }
    }
}
