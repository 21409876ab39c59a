/// A namespace-resolved XML element tree: just what the EPCIS XML binding needs (elements,
/// attributes, text, source lines), so the binding walks plain values instead of parser callbacks.
/// Nested in an enum so the names never clash with Foundation's XMLElement/XMLNode on macOS.
enum XMLTree {
    /// An expanded name. Two names are equal when namespace URI and local part are; the prefix
    /// is only remembered so extensions can be written back with the prefix they came with.
    struct Name: Hashable, Sendable, CustomStringConvertible {
        /// Namespace URI; "" for none.
        var namespace: String
        var local: String
        /// Prefix used in the source (or wished for on output); "" for none.
        var prefix: String

        init(_ local: String, namespace: String = "", prefix: String = "") {
            self.namespace = namespace
            self.local = local
            self.prefix = prefix
        }

        static func == (a: Name, b: Name) -> Bool { a.local == b.local && a.namespace == b.namespace }
        func hash(into h: inout Hasher) { h.combine(local); h.combine(namespace) }

        /// Clark notation, as the event hash writes extension names: `{uri}local`.
        var clark: String { namespace.isEmpty ? local : "{\(namespace)}\(local)" }
        var qualified: String { prefix.isEmpty ? local : "\(prefix):\(local)" }
        var description: String { qualified }
    }

    struct Attribute: Hashable, Sendable {
        var name: Name
        var value: String
    }

    enum Node: Hashable, Sendable {
        case element(Element)
        case text(String)
    }

    struct Element: Hashable, Sendable {
        var name: Name
        var attributes: [Attribute] = []
        var children: [Node] = []
        /// 1-based line of the start tag in the source; 0 for built trees.
        var line: Int = 0

        init(_ name: Name, attributes: [Attribute] = [], children: [Node] = [], line: Int = 0) {
            self.name = name
            self.attributes = attributes
            self.children = children
            self.line = line
        }

        /// Child elements in document order.
        var elements: [Element] {
            children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
        }

        /// Concatenated character data of the direct children.
        var text: String {
            if children.count == 1, case .text(let t) = children[0] { return t }
            var s = ""
            for c in children { if case .text(let t) = c { s += t } }
            return s
        }

        /// Text with XML whitespace trimmed; what every simple-content EPCIS field means.
        var trimmedText: String { text.trimmingXMLWhitespace() }

        var hasElementChildren: Bool {
            children.contains { if case .element = $0 { return true } else { return false } }
        }

        /// Character data other than whitespace: present in leaf values, absent in containers.
        var hasSignificantText: Bool {
            children.contains { if case .text(let t) = $0 { return !t.isXMLWhitespace } else { return false } }
        }

        func attribute(_ local: String, namespace: String = "") -> String? {
            attributes.first { $0.name.local == local && $0.name.namespace == namespace }?.value
        }

        mutating func append(_ e: Element) { children.append(.element(e)) }
        mutating func append(text: String) { children.append(.text(text)) }
    }
}

extension StringProtocol {
    /// XML whitespace is only space, tab, CR and LF (not the Unicode set Foundation trims).
    var isXMLWhitespace: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }

}

extension String {
    func trimmingXMLWhitespace() -> String {
        // Most values have nothing to trim; answer those without copying.
        if let f = utf8.first, let l = utf8.last, f > 0x20, l > 0x20 { return self }
        let u = Array(utf8)
        var lo = 0, hi = u.count
        func ws(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while lo < hi, ws(u[lo]) { lo += 1 }
        while hi > lo, ws(u[hi - 1]) { hi -= 1 }
        if lo == 0, hi == u.count { return self }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
