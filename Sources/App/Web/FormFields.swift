import Plot

/// Building blocks of the administration forms: labelled fields that show the value sent back
/// and the error for that field, so a rejected form keeps what was typed and says what is wrong.
struct FormFields {
    let values: [String: String]
    let error: AppError?
    let language: Language

    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// The message for `name`, when the last submission broke a rule there.
    func message(for name: String) -> String? {
        error?.fieldErrors.first { $0.field == name }?.message(language)
    }

    func csrf(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(Form.fieldName), .value(token))
    }

    func text(_ name: String, _ label: String, type: HTMLInputType = .text, required: Bool = false,
              autocomplete: String = "off", hint: String? = nil, value: String? = nil) -> Node<HTML.FormContext> {
        let id = "f-" + name
        let current = value ?? (type == .password ? "" : values[name] ?? "")
        return .div(.class("field"),
                    .label(.for(id), .text(label)),
                    .input(.type(type), .id(id), .name(name), .value(current),
                           .attribute(named: "autocomplete", value: autocomplete),
                           .required(required),
                           message(for: name) != nil ? .attribute(named: "aria-invalid", value: "true") : .empty),
                    .unwrap(hint) { .p(.class("hint"), .text($0)) },
                    .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) })
    }

    func select(_ name: String, _ label: String, options: [(value: String, label: String)], selected: String? = nil,
                hint: String? = nil) -> Node<HTML.FormContext> {
        let id = "f-" + name
        let current = selected ?? values[name] ?? ""
        return .div(.class("field"),
                    .label(.for(id), .text(label)),
                    .element(named: "select", nodes: [.attribute(named: "id", value: id), .attribute(named: "name", value: name)]
                        + options.map { option in
                            .element(named: "option", nodes: [
                                .attribute(named: "value", value: option.value),
                                option.value == current ? .attribute(named: "selected", value: "selected") : .empty,
                                .text(option.label),
                            ])
                        }),
                    .unwrap(hint) { .p(.class("hint"), .text($0)) },
                    .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) })
    }

    func checkbox(_ name: String, _ label: String, checked: Bool) -> Node<HTML.FormContext> {
        .div(.class("checks"),
             .label(.input(.type(.checkbox), .name(name), .value("on"), .checked(checked)),
                    .text(label)),
             .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) })
    }

    /// The error above the form, for problems that are not about one field.
    var summary: Node<HTML.BodyContext> {
        guard let error else { return .empty }
        return .div(.class("error"), .attribute(named: "role", value: "alert"),
                    .p(.strong(.text(error.title(language))), .text(" — " + error.detail(language))))
    }
}

/// Shared parts of the administration pages.
enum AdminView {
    static func page(_ title: LocalizedText, path: String, query: [(String, String?)] = [], context: AppRequestContext,
                     _ main: Node<HTML.BodyContext>) -> HTMLResponse {
        let account = context.session.map {
            BasePage.AccountNav(name: $0.user.displayName, csrfToken: $0.csrfToken)
        }
        let html = BasePage(title: title, language: context.language, path: path, query: query, account: account, main: main).render()
        return HTMLResponse(html: html, cacheControl: "no-store")
    }

    static func notice(_ text: String?) -> Node<HTML.BodyContext> {
        guard let text else { return .empty }
        return .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.text(text)))
    }

    static func date(_ millis: Int64?, _ language: Language) -> String {
        guard let millis else { return "—" }
        return Formatting.dateTime(millis: millis, language)
    }
}
