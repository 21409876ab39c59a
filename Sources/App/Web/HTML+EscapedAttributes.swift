import Plot

// Plot writes attribute values as they are given; only text nodes are escaped. These overloads
// have the same names and signatures as Plot's and, being declared in the module that imports
// Plot, shadow them: every `.value(…)`, `.href(…)`, `.id(…)` … written in App escapes its value,
// so no page or form can emit an attribute value that breaks out of its quotes, whoever forgets.
// `HTMLEscapingTests` renders every page with hostile values to hold this.

extension Attribute where Context: HTMLContext {
    static func id(_ id: String) -> Attribute { Attribute(name: "id", value: id.attributeEscaped) }
    static func `class`(_ className: String) -> Attribute { Attribute(name: "class", value: className.attributeEscaped) }
}

extension Node where Context: HTMLContext {
    static func id(_ id: String) -> Node { .attribute(Attribute(name: "id", value: id.attributeEscaped)) }
    static func `class`(_ className: String) -> Node { .attribute(Attribute(name: "class", value: className.attributeEscaped)) }
    static func attribute(named name: String, value: String?, ignoreIfValueIsEmpty: Bool = true) -> Node {
        .attribute(Attribute(name: name, value: value?.attributeEscaped, ignoreIfValueIsEmpty: ignoreIfValueIsEmpty))
    }
}

extension Attribute where Context: HTMLNamableContext {
    static func name(_ name: String) -> Attribute { Attribute(name: "name", value: name.attributeEscaped) }
}

extension Node where Context: HTMLNamableContext {
    static func name(_ name: String) -> Node { .attribute(Attribute(name: "name", value: name.attributeEscaped)) }
}

extension Attribute where Context: HTMLValueContext {
    static func value(_ value: String) -> Attribute {
        Attribute(name: "value", value: value.attributeEscaped, ignoreIfValueIsEmpty: false)
    }
}

extension Node where Context: HTMLValueContext {
    static func value(_ value: String) -> Node {
        .attribute(Attribute(name: "value", value: value.attributeEscaped, ignoreIfValueIsEmpty: false))
    }
}

extension Attribute where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Attribute { Attribute(name: "href", value: url.description.attributeEscaped) }
}

extension Node where Context: HTMLLinkableContext {
    static func href(_ url: URLRepresentable) -> Node { .attribute(Attribute(name: "href", value: url.description.attributeEscaped)) }
}

extension Attribute where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Attribute { Attribute(name: "src", value: url.description.attributeEscaped) }
}

extension Node where Context: HTMLSourceContext {
    static func src(_ url: URLRepresentable) -> Node { .attribute(Attribute(name: "src", value: url.description.attributeEscaped)) }
}

extension Node where Context == HTML.FormContext {
    static func action(_ url: URLRepresentable) -> Node { .attribute(Attribute(name: "action", value: url.description.attributeEscaped)) }
}

extension Attribute where Context == HTML.InputContext {
    static func placeholder(_ placeholder: String) -> Attribute { Attribute(name: "placeholder", value: placeholder.attributeEscaped) }
}

extension Attribute where Context == HTML.MetaContext {
    static func content(_ content: String) -> Attribute { Attribute(name: "content", value: content.attributeEscaped) }
}

extension Attribute where Context == HTML.ImageContext {
    static func alt(_ text: String) -> Attribute { Attribute(name: "alt", value: text.attributeEscaped) }
}

extension String {
    /// The text as an HTML attribute value or text: `&`, quotes and angle brackets as entities.
    var attributeEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
