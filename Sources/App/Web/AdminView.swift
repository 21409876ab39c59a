import Hummingbird
import Plot

/// The view of one administration or account page: the page's model and the request's
/// presentation state (language, the form sent back and its errors, the CSRF token) in, the
/// `<main>` of the page out. A view renders without HTTP; `response` puts it in the shared frame.
protocol AdminPage {
    var language: Language { get }
    var title: LocalizedText { get }
    /// Path of the page itself, and the query it was asked with that the language switch keeps.
    var path: String { get }
    var query: [(String, String?)] { get }
    /// A form sent back with an error is answered with that error's status.
    var status: HTTPResponse.Status { get }
    var main: Node<HTML.BodyContext> { get }
    /// A script of ours the page loads, if any.
    var script: SiteURL.Asset? { get }
}

extension AdminPage {
    var query: [(String, String?)] { [] }
    var status: HTTPResponse.Status { .ok }
    var script: SiteURL.Asset? { nil }

    /// Text in the page's language.
    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// The page's title as its heading.
    var heading: Node<HTML.BodyContext> { .h1(.text(title(language))) }

    func response(_ request: Request, context: AppRequestContext) throws -> Response {
        try AdminView.page(title, path: path, query: query, context: context, status: status, script: script, main)
            .response(from: request, context: context)
    }
}

/// A page with forms: its language and status are its form's (a form sent back with an error
/// is answered with that error's status).
protocol AdminFormPage: AdminPage {
    var form: FormFields { get }
}

extension AdminFormPage {
    var language: Language { form.language }
    var status: HTTPResponse.Status { form.status }
}

/// Shared parts of the administration pages.
enum AdminView {
    static func page(_ title: LocalizedText, path: String, query: [(String, String?)] = [], context: AppRequestContext,
                     status: HTTPResponse.Status = .ok, script: SiteURL.Asset? = nil, _ main: Node<HTML.BodyContext>) -> HTMLResponse {
        let account = context.session.map {
            BasePage.AccountNav(name: $0.user.displayName, csrfToken: $0.csrfToken, producer: $0.user.organisationID != nil)
        }
        let html = BasePage(title: title, language: context.language, path: path, query: query, account: account, script: script,
                            main: main).render()
        return HTMLResponse(html: html, status: status, cacheControl: "no-store")
    }

    static func notice(_ text: String?) -> Node<HTML.BodyContext> {
        guard let text else { return .empty }
        return .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.text(text)))
    }

    static func date(_ millis: Int64?, _ language: Language) -> String {
        guard let millis else { return "—" }
        return Formatting.dateTime(millis: millis, language)
    }

    /// The link above a record's heading, back to the list it belongs to.
    static func eyebrow(_ list: SiteURL, _ text: String) -> Node<HTML.BodyContext> {
        .p(.class("eyebrow"), .a(.href(list.path), .text(text)))
    }

    /// What is known about one record, as pairs of label and value.
    static func facts(_ facts: [(label: String, value: String)]) -> Node<HTML.BodyContext> {
        .element(named: "dl", nodes: [.class("facts")] + facts.flatMap { fact -> [Node<HTML.BodyContext>] in
            [.element(named: "dt", text: fact.label), .element(named: "dd", text: fact.value)]
        })
    }

    /// A form that asks `page` again with the fields as its query: a list's search or filter.
    static func filterForm(_ page: SiteURL, submit: String, _ fields: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
        .form(.class("tool"), .method(.get), .action(page.path), .group(fields), .button(.type(.submit), .text(submit)))
    }

    /// A list page's search: one term, sent back to the page as `q`.
    static func searchForm(_ page: SiteURL, label: String, term: String, submit: String) -> Node<HTML.BodyContext> {
        filterForm(page, submit: submit,
                   .div(.class("field"), .label(.for("q"), .text(label)),
                        .input(.type(.search), .id("q"), .name("q"), .value(term))))
    }

    /// Records as a table that scrolls sideways on a narrow screen; an empty header is a column without one.
    static func table<Row>(_ headers: [String], _ rows: [Row],
                           _ row: (Row) -> Node<HTML.TableContext>) -> Node<HTML.BodyContext> {
        .div(.class("table-scroll"), .table(
            .thead(.tr(.forEach(headers) { .th(.text($0)) })),
            .tbody(.forEach(rows, row))))
    }

    /// A whole number with its thousands marked as the language writes them: 100.000 / 100,000.
    static func number(_ value: Int, _ language: Language) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(language == .vi ? "." : ",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A list filter's drop-down, "all" first.
    static func choice(_ name: String, _ label: String, language: Language, selected: String?,
                       options: [(value: String, label: String)]) -> Node<HTML.FormContext> {
        .div(.class("field"), .label(.for(name), .text(label)),
             .element(named: "select", nodes: [.attribute(named: "id", value: name), .attribute(named: "name", value: name),
                                               .element(named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false),
                                                                                 .text(language == .vi ? "— tất cả —" : "— all —")])]
                + options.map { option in
                    .element(named: "option", nodes: [.attribute(named: "value", value: option.value),
                                                      option.value == selected ? .attribute(named: "selected", value: "selected") : .empty,
                                                      .text(option.label)])
                }))
    }

    /// Previous and next links of a paged list: `list` asked again with `query` and the page.
    static func pager(page: Int, pages: Int, list: SiteURL, query: [(String, String?)], language: Language) -> Node<HTML.BodyContext> {
        guard pages > 1 else { return .empty }
        let vi = language == .vi
        return .nav(.class("pager"),
                    .if(page > 1, .a(.href(list.url(query + [("trang", String(page - 1))])), .text(vi ? "‹ Trang trước" : "‹ Previous"))),
                    .span(.text(vi ? " Trang \(page)/\(pages) " : " Page \(page) of \(pages) ")),
                    .if(page < pages, .a(.href(list.url(query + [("trang", String(page + 1))])), .text(vi ? "Trang sau ›" : "Next ›"))))
    }

    /// A state in a list (active, live), dimmed when off.
    static func badge(_ text: String, on: Bool) -> Node<HTML.BodyContext> {
        .span(.class(on ? "badge" : "badge off"), .text(text))
    }
}

extension AppRequestContext {
    /// The forms of a page for a signed-in person: in the request's language, carrying the
    /// session's CSRF token (`Form.read` checks it), with what was sent back and what was wrong.
    func form(_ values: [String: String] = [:], error: AppError? = nil) -> FormFields {
        FormFields(values: values, error: error, language: language, csrfToken: session?.csrfToken ?? "")
    }
}
