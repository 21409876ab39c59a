import Foundation
import GS1
import Hummingbird
import Plot

/// Checking GS1 data: the `/gs1` page for people holding a label, and `/api/v1/gs1/…` for
/// programs. Both call `analyse`, which is where the work is done.
enum GS1Controller {
    /// What Nguồn can say about one piece of GS1 data. The API returns it as JSON.
    struct Analysis: Encodable, Sendable {
        let input: String
        /// `bracketed`, `elementString` or `digitalLink`: how the input was written.
        let kind: String
        let elementString: String
        let bracketed: String
        /// Canonical Digital Link URI, when the data has a primary key to build one from.
        let digitalLink: String?
        let elements: [AIDescription]
    }

    /// Longest input taken: the longest GS1 element string is far shorter, and a Digital Link
    /// URI with every attribute fits easily.
    static let maxInputBytes = 2048

    static func analyse(_ input: String, domain: String = DigitalLink.canonicalStem) throws(AppError) -> Analysis {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let parsed = try GS1.parse(trimmed)
            let link = try? parsed.digitalLink(stem: domain)
            return Analysis(
                input: trimmed, kind: (GS1.kind(of: trimmed) ?? .elementString).rawValue,
                elementString: parsed.elementString, bracketed: parsed.bracketed,
                digitalLink: link, elements: parsed.descriptions())
        } catch {
            throw invalidGS1(error, field: "input")
        }
    }

    /// A GS1 error as a 400 naming the field; the rule is the library's stable error code.
    static func invalidGS1(_ error: GS1Error, field: String) -> AppError {
        AppError(status: .badRequest, code: "invalid-gs1", title: LocalizedText(vi: "Mã GS1 không hợp lệ", en: "Invalid GS1 data"),
                 detail: error.localized, fieldErrors: [.init(field: field, rule: error.code, message: error.localized)])
    }

    /// `domain` for Digital Link output: an absolute http(s) URL with an optional path stem.
    static func domain(from query: Query) throws(AppError) -> String {
        guard var domain = try query.text("domain", required: false, maxBytes: 512) else { return DigitalLink.canonicalStem }
        while domain.hasSuffix("/") { domain.removeLast() }
        guard let components = URLComponents(string: domain), ["http", "https"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, components.query == nil, components.fragment == nil else {
            throw AppError.invalid(field: "domain", rule: "absolute-url", LocalizedText(
                vi: "“domain” phải là địa chỉ tuyệt đối http(s)://… không có ?query, ví dụ https://id.gs1.org.",
                en: "“domain” must be an absolute http(s) URL without a query, e.g. https://id.gs1.org."))
        }
        return domain
    }

    // MARK: handlers

    static func apiParse(request: Request) throws -> Response {
        let query = try Query(request.uri.query)
        let input = try query.required("input", maxBytes: maxInputBytes)
        return try JSONResponse(value: analyse(input, domain: domain(from: query))).response()
    }

    static func apiDigitalLink(request: Request) throws -> Response {
        let query = try Query(request.uri.query)
        let input = try query.required("input", maxBytes: maxInputBytes)
        let analysis = try analyse(input, domain: domain(from: query))
        guard let link = analysis.digitalLink else {
            throw invalidGS1(.noPrimaryKey, field: "input")
        }
        return try JSONResponse(value: ["digitalLink": link]).response()
    }

    static func page(request: Request, context: AppRequestContext) throws -> HTMLResponse {
        let query = try Query(request.uri.query, form: true)
        let input = query["input"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var result: Result<Analysis, AppError>?
        if !input.isEmpty {
            do {
                _ = try query.text("input", required: true, maxBytes: maxInputBytes)
                result = .success(try analyse(input))
            } catch {
                result = .failure(error)
            }
        }
        let html = GS1CheckPage(input: input, result: result, language: context.language).render()
        // Invalid data is the visitor's to fix, so the page says so with a 400 but keeps the form.
        let status: HTTPResponse.Status = if case .failure = result { .badRequest } else { .ok }
        return HTMLResponse(html: html, status: status)
    }
}

extension GS1Controller {
    static func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.read(SiteURL.gs1Check.routePath) { request, context in try page(request: request, context: context) }
        group.read(SiteURL.apiGS1Parse.routePath) { request, _ in try apiParse(request: request) }
        group.read(SiteURL.apiGS1DigitalLink.routePath) { request, _ in try apiDigitalLink(request: request) }
    }
}
