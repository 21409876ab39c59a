import XML

/// Namespace URIs the EPCIS XML binding knows, and the prefix bookkeeping that lets extension
/// names travel between XML (namespace URI + local name) and the model's JSON-LD style keys
/// ("prefix:local", the prefix declared in the document's @context).
enum XMLNamespaces {
    static let epcis2 = "urn:epcglobal:epcis:xsd:2"
    static let epcis1 = "urn:epcglobal:epcis:xsd:1"
    static let query2 = "urn:epcglobal:epcis-query:xsd:2"
    static let query1 = "urn:epcglobal:epcis-query:xsd:1"
    static let masterData2 = "urn:epcglobal:epcis-masterdata:xsd:2"
    static let masterData1 = "urn:epcglobal:epcis-masterdata:xsd:1"
    static let sbdh = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
    static let xsi = XMLNamespace.xsi
    static let xsd = XMLNamespace.xsd

    static let epcisDocumentNamespaces: Set<String> = [epcis2, epcis1]
    static let queryNamespaces: Set<String> = [query2, query1]
    static let masterDataNamespaces: Set<String> = [masterData2, masterData1]

    /// Prefixes the standard EPCIS 2.0 JSON-LD context defines, so a JSON key such as
    /// "cbvmda:lotNumber" has a namespace even when the document's own @context is silent.
    static let standardContextPrefixes: [String: String] = EPCISContext.standardPrefixes.merging(["sbdh": sbdh, "xsi": xsi]) { a, _ in a }
}

/// Chooses the prefixes of extension keys while decoding, so that within one document a prefix
/// always means one namespace: the prefix the XML used when it is free (or already means that
/// namespace), else the one chosen earlier for that namespace, else a numbered variant. Two
/// prefixes for one namespace stay distinct, as they would in JSON-LD. The declarations become
/// the document's @context.
struct XMLPrefixTable {
    private(set) var uriByPrefix: [String: String] = [:]
    private(set) var prefixByURI: [String: String] = [:]

    /// Declarations sorted by prefix, so the @context does not depend on where in the document
    /// a namespace was first used (the writer moves some elements).
    var declarations: [(prefix: String, uri: String)] {
        uriByPrefix.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    mutating func key(for name: XMLTree.Name) -> String {
        if name.namespace.isEmpty { return name.local }
        return prefix(for: name.namespace, wanted: name.prefix) + ":" + name.local
    }

    mutating func prefix(for uri: String, wanted: String) -> String {
        if !wanted.isEmpty {
            if let bound = uriByPrefix[wanted] {
                if bound == uri { return wanted }
            } else {
                bind(wanted, uri)
                return wanted
            }
        }
        if let p = prefixByURI[uri] { return p }
        let base = wanted.isEmpty ? "ns" : wanted
        var candidate = base
        var k = 1
        while uriByPrefix[candidate] != nil { candidate = "\(base)\(k)"; k += 1 }
        bind(candidate, uri)
        return candidate
    }

    private mutating func bind(_ prefix: String, _ uri: String) {
        uriByPrefix[prefix] = uri
        if prefixByURI[uri] == nil { prefixByURI[uri] = prefix }
    }
}

/// Resolves model keys back to XML names while encoding: the document's (and event's) @context
/// first, then the standard context's prefixes; a key that is itself an absolute IRI is split
/// at its last '/' or '#'.
struct XMLNameResolver {
    var contexts: [EPCISContext]

    func name(forKey key: String) throws -> XMLTree.Name {
        guard let colon = key.utf8.firstIndex(of: 0x3A) else {
            return XMLTree.Name(key)
        }
        let prefix = String(key[..<colon])
        let local = String(key[key.utf8.index(after: colon)...])
        if !local.hasPrefix("//") {
            for c in contexts {
                if let uri = c.namespace(forPrefix: prefix) { return XMLTree.Name(local, namespace: uri, prefix: prefix) }
            }
            if let uri = XMLNamespaces.standardContextPrefixes[prefix] {
                return XMLTree.Name(local, namespace: uri, prefix: prefix)
            }
        }
        // An absolute IRI used as a key: namespace up to the last '/' or '#'.
        if let cut = key.lastIndex(where: { $0 == "/" || $0 == "#" }), key.index(after: cut) < key.endIndex,
           key.contains("/") || key.hasPrefix("urn:") {
            let ns = String(key[...cut])
            let l = String(key[key.index(after: cut)...])
            if XMLWriter.isNCName(l) { return XMLTree.Name(l, namespace: ns, prefix: "") }
        }
        throw XMLBindingError(.unencodable, line: nil,
                              "extension key \"\(key)\" uses prefix \"\(prefix)\", which the document's @context does not declare")
    }
}
