import XML

/// User extensions between XML elements and the model's JSON values, following the way the
/// EPCIS 2.0 JSON-LD binding (and the event-hash reference) reads XML extensions:
///
/// - an element becomes a member keyed "prefix:local" (unqualified: "local");
/// - a leaf element's value is its text, exactly as written;
/// - child elements become an object; repeated names become an array at the first one's place;
/// - namespaced attributes are data like child elements ("prefix:local" members), as in the
///   JSON of sensorMetadata/sensorReport; unqualified attributes (SBDH's Authority, a unit
///   code) and xsi: attributes keep an "@" in front so they are written back as attributes;
/// - text beside attributes or children is the member "#text";
/// - xsi:type of an XSD number or boolean gives a JSON number/boolean, of xsd:string a plain
///   string (other types keep "@xsi:type" beside "#text"), xsi:nil="true" null,
///   which is also how JSON numbers, booleans and null are written to XML, so JSON → XML → JSON
///   keeps their types.
enum XMLExtensionMapping {
    static let textKey = "#text"

    static let numericTypes: Set<String> = [
        "decimal", "double", "float", "integer", "int", "long", "short", "byte",
        "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    ]

    // MARK: - XML → model

    static func merge(_ key: String, _ v: JSONValue, into object: inout JSONObject) {
        // Repeated elements come one after another: the last member is checked first.
        let i: Int
        if let last = object.members.indices.last, object.members[last].key == key {
            i = last
        } else if let found = object.members.firstIndex(where: { $0.key == key }) {
            i = found
        } else {
            object.members.append(JSONMember(key, v))
            return
        }
        addRepeat(v, at: i, in: &object)
    }

    /// A repeated name: the member at `i` becomes (or grows) an array of its values.
    private static func addRepeat(_ v: JSONValue, at i: Int, in object: inout JSONObject) {
        if case .array(var a) = object.members[i].value, object.members[i].key != textKey {
            // Take the array out first, so appending does not copy it every time.
            object.members[i].value = .null
            a.append(v)
            object.members[i].value = .array(a)
        } else {
            object.members[i].value = .array([object.members[i].value, v])
        }
    }

    /// Extension members gathered from an element's children: repeated names merge into arrays
    /// through a name → position table, so an element with a hundred thousand distinct extension
    /// children costs linear time, not a search of all earlier members per child.
    struct Gathered {
        private(set) var object: JSONObject
        private var index: [String: Int] = [:]

        init(_ object: JSONObject = JSONObject()) {
            self.object = object
            for (i, m) in object.members.enumerated() where index[m.key] == nil { index[m.key] = i }
        }

        mutating func append(_ e: XMLTree.Element, prefixes: inout XMLPrefixTable) {
            let key = prefixes.key(for: e.name)
            XMLExtensionMapping.merge(key, XMLExtensionMapping.value(of: e, prefixes: &prefixes), into: &object, index: &index)
        }
    }

    /// `merge` with a key → member position table kept by the caller.
    static func merge(_ key: String, _ v: JSONValue, into object: inout JSONObject, index: inout [String: Int]) {
        guard let i = index[key] else {
            index[key] = object.members.count
            object.members.append(JSONMember(key, v))
            return
        }
        addRepeat(v, at: i, in: &object)
    }

    /// The member key of an attribute: "@" for those that must stay attributes (see above).
    static func attributeKey(_ name: XMLTree.Name, prefixes: inout XMLPrefixTable) -> String {
        if name.namespace.isEmpty { return "@" + name.local }
        if name.namespace == XMLNamespaces.xsi { return "@" + prefixes.key(for: name) }
        return prefixes.key(for: name)
    }

    static func value(of e: XMLTree.Element, prefixes: inout XMLPrefixTable) -> JSONValue {
        let hasChildren = e.hasElementChildren
        if !hasChildren {
            if e.attributes.isEmpty { return .string(e.text) }
            if e.attributes.count == 1, let typed = typedLeaf(e) { return typed }
        }
        var o = JSONObject()
        // Where each key already is, so an element with thousands of differently named children
        // is read in linear time, not by scanning the members once per child.
        var index: [String: Int] = [:]
        for a in e.attributes {
            merge(attributeKey(a.name, prefixes: &prefixes), .string(a.value), into: &o, index: &index)
        }
        if hasChildren {
            if e.hasSignificantText { o.append(textKey, .string(e.trimmedText)) }
            for c in e.children {
                if case .element(let ce) = c {
                    merge(prefixes.key(for: ce.name), value(of: ce, prefixes: &prefixes), into: &o, index: &index)
                }
            }
        } else if !e.text.isEmpty {
            o.append(textKey, .string(e.text))
        }
        return .object(o)
    }

    /// `<x xsi:type="xsd:decimal">12.5</x>` → 12.5, `<x xsi:nil="true"/>` → null.
    private static func typedLeaf(_ e: XMLTree.Element) -> JSONValue? {
        let a = e.attributes[0]
        guard a.name.namespace == XMLNamespaces.xsi else { return nil }
        let text = e.trimmedText
        if a.name.local == "nil" {
            return (a.value == "true" || a.value == "1") && e.text.isXMLWhitespace ? .null : nil
        }
        guard a.name.local == "type" else { return nil }
        let t = a.value.trimmingXMLWhitespace()
        let local: Substring
        if t.hasPrefix("xsd:") { local = t.dropFirst(4) } else if t.hasPrefix("xs:") { local = t.dropFirst(3) } else { return nil }
        if local == "boolean" {
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            return nil
        }
        if numericTypes.contains(String(local)), isJSONNumber(text) { return .number(text) }
        // A plain string says nothing more with the annotation than without it.
        if local == "string" { return .string(e.text) }
        return nil
    }

    /// JSON number grammar: what `.number` may hold without surprising the JSON writer.
    static func isJSONNumber(_ s: String) -> Bool {
        let u = Array(s.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < u.count, u[i] == 0x2D { i += 1 }
        let intStart = i
        let n = digits()
        if n == 0 || (n > 1 && u[intStart] == 0x30) { return false }
        if i < u.count, u[i] == 0x2E { i += 1; if digits() == 0 { return false } }
        if i < u.count, u[i] == 0x65 || u[i] == 0x45 {
            i += 1
            if i < u.count, u[i] == 0x2B || u[i] == 0x2D { i += 1 }
            if digits() == 0 { return false }
        }
        return i == u.count
    }

    // MARK: - Model → XML

    /// Encoding state shared by one document: how keys resolve, and whether xsi:type values
    /// (which name XSD types) were written, so the writer declares the xsd prefix.
    struct Encoder {
        var resolver: XMLNameResolver
        var usedXSDTypes = false

        /// Elements for one member; an array gives one element per item.
        mutating func elements(key: String, value: JSONValue, depth: Int = 0) throws -> [XMLTree.Element] {
            let name = try resolver.name(forKey: key)
            if case .array(let items) = value {
                var out: [XMLTree.Element] = []
                for item in items {
                    // Nested arrays have no XML form of their own; their items are repeated too.
                    out += try elements(key: key, value: item, depth: depth + 1)
                }
                return out
            }
            var e = XMLTree.Element(name)
            try fill(&e, with: value, depth: depth)
            return [e]
        }

        /// Writes `value` as the content (and attributes) of `e`.
        mutating func fill(_ e: inout XMLTree.Element, with value: JSONValue, depth: Int = 0) throws {
            guard depth < XMLReader.maxDepth else {
                throw XMLBindingError(.unencodable, line: nil, "extension values nested deeper than \(XMLReader.maxDepth) levels")
            }
            switch value {
            case .string(let s):
                if !s.isEmpty { e.append(text: s) }
            case .number(let n):
                usedXSDTypes = true
                let type = n.contains(where: { $0 == "e" || $0 == "E" }) ? "xsd:double" : "xsd:decimal"
                e.attributes.append(XMLTree.Attribute(name: XMLTree.Name("type", namespace: XMLNamespaces.xsi, prefix: "xsi"), value: type))
                e.append(text: n)
            case .bool(let b):
                usedXSDTypes = true
                e.attributes.append(XMLTree.Attribute(name: XMLTree.Name("type", namespace: XMLNamespaces.xsi, prefix: "xsi"), value: "xsd:boolean"))
                e.append(text: b ? "true" : "false")
            case .null:
                e.attributes.append(XMLTree.Attribute(name: XMLTree.Name("nil", namespace: XMLNamespaces.xsi, prefix: "xsi"), value: "true"))
            case .array(let items):
                // Only reached for an array directly inside an array; see elements(key:value:).
                for item in items { try fill(&e, with: item, depth: depth + 1) }
            case .object(let o):
                try fillObject(&e, o, depth: depth)
            }
        }

        private mutating func fillObject(_ e: inout XMLTree.Element, _ o: JSONObject, depth: Int) throws {
            for m in o.members {
                if m.key == XMLExtensionMapping.textKey {
                    if case .string(let s) = m.value { e.append(text: s) } else {
                        e.append(text: XMLExtensionMapping.lexical(m.value))
                    }
                } else if m.key.hasPrefix("@"), m.key.count > 1 {
                    let name = try resolver.name(forKey: String(m.key.dropFirst()))
                    try addAttribute(&e, name, m.value, key: m.key)
                } else {
                    for c in try elements(key: m.key, value: m.value, depth: depth + 1) { e.append(c) }
                }
            }
        }

        /// Sets an attribute unless one of that name is already there (XML forbids two).
        mutating func addAttribute(_ e: inout XMLTree.Element, _ name: XMLTree.Name, _ value: JSONValue, key: String) throws {
            guard !e.attributes.contains(where: { $0.name == name }) else {
                throw XMLBindingError(.unencodable, line: nil, "attribute \(key) appears twice in one element")
            }
            if case .object = value {
                throw XMLBindingError(.unencodable, line: nil, "attribute \(key) holds an object; XML attributes hold text only")
            }
            e.attributes.append(XMLTree.Attribute(name: name, value: XMLExtensionMapping.lexical(value)))
        }
    }

    /// The text form of a scalar (arrays of scalars joined by spaces, like xsd lists).
    static func lexical(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        case .array(let a): a.map(lexical).joined(separator: " ")
        case .object: ""
        }
    }
}
