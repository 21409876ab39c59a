/// A namespace-resolved XML element tree: elements, attributes, text and source lines, which is
/// all the EPCIS XML binding (and XLSX/DOCX) need, so callers walk plain values instead of
/// parser callbacks. Nested in an enum so the names never clash with Foundation's
/// XMLElement/XMLNode on macOS.
public enum XMLTree {
    /// An expanded name. Two names are equal when namespace URI and local part are; the prefix
    /// is only remembered so extensions can be written back with the prefix they came with.
    public struct Name: Hashable, Sendable, CustomStringConvertible {
        /// Namespace URI; "" for none.
        public var namespace: String
        public var local: String
        /// Prefix used in the source (or wished for on output); "" for none.
        public var prefix: String

        public init(_ local: String, namespace: String = "", prefix: String = "") {
            self.namespace = namespace
            self.local = local
            self.prefix = prefix
        }

        public static func == (a: Name, b: Name) -> Bool { a.local == b.local && a.namespace == b.namespace }
        public func hash(into h: inout Hasher) { h.combine(local); h.combine(namespace) }

        /// Clark notation, as the event hash writes extension names: `{uri}local`.
        public var clark: String { namespace.isEmpty ? local : "{\(namespace)}\(local)" }
        public var qualified: String { prefix.isEmpty ? local : "\(prefix):\(local)" }
        public var description: String { qualified }
    }

    public struct Attribute: Hashable, Sendable {
        public var name: Name
        public var value: String

        public init(name: Name, value: String) {
            self.name = name
            self.value = value
        }
    }

    public enum Node: Hashable, Sendable {
        case element(Element)
        case text(String)
    }

    public struct Element: Hashable, Sendable {
        public var name: Name
        public var attributes: [Attribute] = []
        public var children: [Node] = []
        /// 1-based line of the start tag in the source; 0 for built trees.
        public var line: Int = 0

        public init(_ name: Name, attributes: [Attribute] = [], children: [Node] = [], line: Int = 0) {
            self.name = name
            self.attributes = attributes
            self.children = children
            self.line = line
        }

        /// Child elements in document order.
        public var elements: [Element] {
            children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
        }

        /// Concatenated character data of the direct children.
        public var text: String {
            if children.count == 1, case .text(let t) = children[0] { return t }
            var s = ""
            for c in children { if case .text(let t) = c { s += t } }
            return s
        }

        /// Text with XML whitespace trimmed; what every simple-content EPCIS field means.
        public var trimmedText: String { text.trimmingXMLWhitespace() }

        public var hasElementChildren: Bool {
            children.contains { if case .element = $0 { return true } else { return false } }
        }

        /// Character data other than whitespace: present in leaf values, absent in containers.
        public var hasSignificantText: Bool {
            children.contains { if case .text(let t) = $0 { return !t.isXMLWhitespace } else { return false } }
        }

        public func attribute(_ local: String, namespace: String = "") -> String? {
            attributes.first { $0.name.local == local && $0.name.namespace == namespace }?.value
        }

        public mutating func append(_ e: Element) { children.append(.element(e)) }
        public mutating func append(text: String) { children.append(.text(text)) }
    }
}
