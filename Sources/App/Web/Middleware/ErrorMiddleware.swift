import AsyncKit
import Foundation
import Hummingbird

/// Turns every error into a response a person or a program can act on: RFC 9457 problem+json
/// for machine clients (/api, /epcis), a Vietnamese page for people. Unknown errors become a
/// 500 that names the request id and nothing else: no stack traces, SQL or paths leave the server.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError = Self.appError(from: error, context: context)
            if appError.status == .serviceUnavailable {
                // Shedding load is the server working as meant; at error level a flood of cheap
                // requests would also flood the log.
                context.logger.debug("request refused: busy", metadata: ["code": "\(appError.code)"])
            } else if appError.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return Self.render(appError, request: request, context: context)
        }
    }

    static func appError(from error: any Error, context: Context) -> AppError {
        known(error) ?? AppError(status: .internalServerError, code: "internal", detail: LocalizedText(
            vi: "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu của bạn không bị thay đổi. Mã yêu cầu: \(context.id).",
            en: "The server failed to handle this request. Nothing was changed. Request id: \(context.id)."))
    }

    /// The answer to an error the server knows; nil for one it does not (a 500).
    static func known(_ error: any Error) -> AppError? {
        switch error {
        case let error as AppError:
            return error
        case let error as any ProblemConvertible:
            return error.appError
        case let error as HTTPError:
            switch error.status.code {
            case 404: return .notFound()
            case 413: return AppError(status: .contentTooLarge, code: "too-large", detail: LocalizedText(
                vi: "Dữ liệu gửi lên vượt quá giới hạn cho phép.", en: "The request body exceeds the allowed size."))
            default:
                let message = error.body ?? error.status.reasonPhrase
                return AppError(status: error.status, code: "http-\(error.status.code)",
                                detail: LocalizedText(vi: message, en: message), headers: error.headers)
            }
        case is ConnectionPoolTimeoutError:
            // Every database connection stayed busy (a long import holding the write lock): the
            // request changed nothing and can be tried again.
            return WorkLimiter.busy(retryAfter: 5)
        case is DecodingError:
            return AppError(status: .badRequest, code: "malformed-body", detail: LocalizedText(
                vi: "Nội dung gửi lên không đúng định dạng JSON mong đợi.", en: "The body is not the JSON this endpoint expects."))
        default:
            return nil
        }
    }

    /// Machine clients get JSON; everyone else a page.
    static func wantsProblemJSON(_ request: Request) -> Bool {
        let path = request.uri.path
        return path.hasPrefix("/api/") || path == "/api" || path.hasPrefix("/epcis/") || path == "/epcis"
            || path == SiteURL.healthz.path
    }

    static func render(_ error: AppError, request: Request, context: Context) -> Response {
        var headers = error.headers
        headers[.cacheControl] = "no-store"
        if wantsProblemJSON(request) {
            headers[.contentType] = "application/problem+json; charset=utf-8"
            let body = ProblemDetails(error, instance: request.uri.path, language: context.language)
            let data = (try? ProblemDetails.encoder.encode(body)) ?? Data("{}".utf8)
            return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        headers[.contentType] = "text/html; charset=utf-8"
        let html = ErrorPage(error: error, path: request.uri.path).render(language: context.language)
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// RFC 9457 problem details, with the field errors Nguồn adds for invalid input.
struct ProblemDetails: Encodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let instance: String
    let code: String
    let errors: [AppError.FieldError]?

    init(_ error: AppError, instance: String, language: Language) {
        self.type = error.problemType ?? "urn:nguon:problem:\(error.code)"
        self.title = error.title(language)
        self.status = Int(error.status.code)
        self.detail = error.detail(language)
        self.instance = instance
        self.code = error.code
        self.errors = error.fieldErrors.isEmpty ? nil : error.fieldErrors
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
