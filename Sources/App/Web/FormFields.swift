import HTTPTypes
import Plot

/// Building blocks of the administration forms: labelled fields that show the value sent back
/// and the error for that field, so a rejected form keeps what was typed and says what is wrong.
/// Every form built from them carries `csrfToken` (`AppRequestContext.form` fills it in).
struct FormFields {
    let values: [String: String]
    let error: AppError?
    let language: Language
    var csrfToken = ""

    func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// The message for `name`, when the last submission broke a rule there.
    func message(for name: String) -> String? {
        error?.fieldErrors.first { $0.field == name }?.message(language)
    }

    /// The status a page with this form is sent with: the error's, when it was sent back with one.
    var status: HTTPResponse.Status { error?.status ?? .ok }

    func hidden(_ name: String, _ value: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name(name), .value(value))
    }

    /// A form posted to `action`: the CSRF token, the fields, and one submit button.
    func post(_ action: SiteURL, class formClass: String = "stack", submit: String,
              submitClass: String? = nil, _ content: Node<HTML.FormContext>...) -> Node<HTML.BodyContext> {
        .form(.class(formClass), .method(.post), .action(action.path),
              hidden(Form.fieldName, csrfToken),
              .group(content),
              .button(.type(.submit), submitClass.map { .class($0) } ?? .empty, .text(submit)))
    }

    func text(_ name: String, _ label: String, type: HTMLInputType = .text, required: Bool = false,
              autocomplete: String = "off", hint: String? = nil, value: String? = nil, list: String? = nil) -> Node<HTML.FormContext> {
        let id = "f-" + name
        let current = value ?? (type == .password ? "" : values[name] ?? "")
        return .div(.class("field"),
                    .label(.for(id), .text(label)),
                    .input(.type(type), .id(id), .name(name), .value(current),
                           .attribute(named: "autocomplete", value: autocomplete),
                           .required(required),
                           .unwrap(list) { .attribute(named: "list", value: $0) },
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
                                .attribute(named: "value", value: option.value, ignoreIfValueIsEmpty: false),
                                option.value == current ? .attribute(named: "selected", value: "selected") : .empty,
                                .text(option.label),
                            ])
                        }),
                    .unwrap(hint) { .p(.class("hint"), .text($0)) },
                    .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) })
    }

    func textarea(_ name: String, _ label: String, rows: Int = 3, hint: String? = nil) -> Node<HTML.FormContext> {
        let id = "f-" + name
        return .div(.class("field"),
                    .label(.for(id), .text(label)),
                    .element(named: "textarea", nodes: [
                        .attribute(named: "id", value: id), .attribute(named: "name", value: name),
                        .attribute(named: "rows", value: String(rows)),
                        message(for: name) != nil ? .attribute(named: "aria-invalid", value: "true") : .empty,
                        .text(values[name] ?? ""),
                    ]),
                    .unwrap(hint) { .p(.class("hint"), .text($0)) },
                    .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) })
    }

    /// A group of checkboxes under one legend, each its own field (`name-value`).
    func checkboxes(_ name: String, _ legend: String, options: [(value: String, label: String)]) -> Node<HTML.FormContext> {
        .element(named: "fieldset", nodes: [
            .attribute(named: "class", value: "field checks"),
            .element(named: "legend", text: legend),
            .group(options.map { option in
                .label(.input(.type(.checkbox), .name(name + "-" + option.value), .value("on"),
                              .checked(values[name + "-" + option.value] == "on")),
                       .text(option.label))
            }),
            .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) },
        ])
    }

    func checkbox(_ name: String, _ label: String, checked: Bool) -> Node<HTML.FormContext> {
        .div(.class("checks"),
             .label(.input(.type(.checkbox), .name(name), .value("on"), .checked(checked)),
                    .text(label)),
             .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) })
    }

    /// A form under its heading, with the error of its last sending between them.
    /// A form that sends one file (`multipart/form-data`) to `action`.
    func upload(_ action: SiteURL, name: String, label: String, accept: String, hint: String? = nil,
                submit: String) -> Node<HTML.BodyContext> {
        .form(.class("stack"), .method(.post), .action(action.path),
              .attribute(named: "enctype", value: "multipart/form-data"),
              hidden(Form.fieldName, csrfToken),
              .div(.class("field"),
                   .label(.for("f-" + name), .text(label)),
                   .input(.type(.file), .id("f-" + name), .name(name), .attribute(named: "accept", value: accept), .required(true)),
                   .unwrap(hint) { .p(.class("hint"), .text($0)) },
                   .unwrap(message(for: name)) { .p(.class("field-error"), .text($0)) }),
              .button(.type(.submit), .text(submit)))
    }

    func section(_ heading: String, _ form: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .group(.h2(.text(heading)), summary, form)
    }

    /// The error above the form, for problems that are not about one field.
    var summary: Node<HTML.BodyContext> {
        guard let error else { return .empty }
        return .div(.class("error"), .attribute(named: "role", value: "alert"),
                    .p(.strong(.text(error.title(language))), .text(" — " + error.detail(language))))
    }
}
