/// A JSON-LD "@context" kept as written, with the namespace prefixes it declares.
/// Extension member names ("example:myField") are meaningful only through these prefixes,
/// so documents keep them for lossless re-emission (JSON) and namespace URIs (XML).
public struct EPCISContext: Sendable, Hashable {
    /// The standard EPCIS 2.0 context document.
    public static let standardURL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

    /// The "@context" value as written: a URL string, an object, or an array of those.
    public var value: JSONValue

    public init(value: JSONValue) { self.value = value }

    /// The standard context plus `namespaces` (prefix -> namespace URI) as one object.
    public init(namespaces: [(prefix: String, uri: String)] = []) {
        if namespaces.isEmpty {
            value = .array([.string(EPCISContext.standardURL)])
        } else {
            value = .array([.string(EPCISContext.standardURL),
                            .object(JSONObject(namespaces.map { JSONMember($0.prefix, .string($0.uri)) }))])
        }
    }

    /// Prefix declarations (members of context objects whose value is a string URI, or an
    /// object with a string "@id"), in order.
    public var namespaces: [(prefix: String, uri: String)] {
        var out: [(prefix: String, uri: String)] = []
        func scan(_ v: JSONValue) {
            switch v {
            case .array(let a): a.forEach(scan)
            case .object(let o):
                for m in o.members where !m.key.hasPrefix("@") {
                    if let s = m.value.stringValue { out.append((m.key, s)) }
                    else if let id = m.value.objectValue?["@id"]?.stringValue { out.append((m.key, id)) }
                }
            default: break
            }
        }
        scan(value)
        return out
    }

    /// The namespace URI declared for `prefix`, if any.
    public func namespace(forPrefix prefix: String) -> String? {
        namespaces.first { $0.prefix == prefix }?.uri
    }

    /// The prefix declared for namespace `uri`, if any.
    public func prefix(forNamespace uri: String) -> String? {
        namespaces.first { $0.uri == uri }?.prefix
    }

    /// Adds a prefix declaration (to the last context object, or a new one) unless present.
    public mutating func declare(prefix: String, uri: String) {
        if namespace(forPrefix: prefix) != nil { return }
        var items: [JSONValue]
        switch value {
        case .array(let a): items = a
        case .null: items = []
        default: items = [value]
        }
        if let i = items.lastIndex(where: { $0.objectValue != nil }), var o = items[i].objectValue {
            o.append(prefix, .string(uri))
            items[i] = .object(o)
        } else {
            items.append(.object([prefix: .string(uri)]))
        }
        value = .array(items)
    }
}

extension EPCISContext {
    /// Prefixes of the standard context (https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld),
    /// which hold even where a document's own @context is silent.
    static let standardPrefixes: [String: String] = [
        "epcis": "https://ref.gs1.org/epcis/",
        "cbv": "https://ref.gs1.org/cbv/",
        "cbvmda": "urn:epcglobal:cbv:mda:",
        "gs1": "https://gs1.org/voc/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dcterms": "http://purl.org/dc/terms/",
    ]
}

extension EPCISContext {
    /// The context in force inside an event that carries its own `@context` within a document.
    /// JSON-LD scoping adds the event's declarations to the document's (the event's win where
    /// both declare a prefix), so an event that repeats only the standard context still uses the
    /// document's prefixes. Stored alone, the event keeps them.
    public static func inEvent(_ event: EPCISContext?, document: EPCISContext?) -> EPCISContext? {
        guard let document else { return event }
        guard let event else { return document }
        let own = Set(event.namespaces.map(\.prefix))
        let inherited = document.namespaces.filter { !own.contains($0.prefix) }
        guard !inherited.isEmpty else { return event }
        var items: [JSONValue] = if case .array(let a) = event.value { a } else { [event.value] }
        items.append(.object(JSONObject(inherited.map { JSONMember($0.prefix, .string($0.uri)) })))
        return EPCISContext(value: .array(items))
    }
}
