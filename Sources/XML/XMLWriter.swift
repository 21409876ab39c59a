/// Serialises an `XMLTree.Element` as UTF-8 XML 1.0.
///
/// Every namespace the tree uses is declared once on the root, with the prefix the tree asks
/// for (renamed only on a clash), and no default namespace is ever declared: EPCIS's standard
/// elements are unqualified, so a default namespace would silently move them. Elements holding
/// only elements are indented; any element with text is written inline, so text round-trips.
public struct XMLWriter {
    public var indent = "  "
    /// Namespaces declared on the root whatever the tree uses: those named inside attribute
    /// values (xsi:type="xsd:decimal"), which a walk over element names cannot see.
    public var predeclared: [(prefix: String, uri: String)] = []

    public init(indent: String = "  ", predeclared: [(prefix: String, uri: String)] = []) {
        self.indent = indent
        self.predeclared = predeclared
    }

    public func write(_ root: XMLTree.Element) throws(XMLError) -> [UInt8] {
        let prefixes = try assignPrefixes(root)
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        out.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
        try element(root, depth: 0, prefixes: prefixes, isRoot: true, into: &out)
        out.append(0x0A)
        return out
    }

    public func string(_ root: XMLTree.Element) throws(XMLError) -> String {
        String(decoding: try write(root), as: UTF8.self)
    }

    // MARK: - Prefixes

    /// Prefix bindings, in first-use order so output is deterministic. A namespace may have
    /// several prefixes (a model can name one namespace two ways); a prefix has one namespace.
    struct Prefixes {
        var uriByPrefix: [String: String] = [:]
        var firstPrefixByURI: [String: String] = [:]
        var order: [(prefix: String, uri: String)] = []

        mutating func bind(_ prefix: String, _ uri: String) {
            uriByPrefix[prefix] = uri
            if firstPrefixByURI[uri] == nil { firstPrefixByURI[uri] = prefix }
            order.append((prefix, uri))
        }

        /// The prefix to write for `name`: its own when that means its namespace; nil only for a
        /// namespace `assignPrefixes` never saw.
        func prefix(for name: XMLTree.Name) -> String? {
            if !name.prefix.isEmpty, uriByPrefix[name.prefix] == name.namespace { return name.prefix }
            return firstPrefixByURI[name.namespace]
        }
    }

    private func assignPrefixes(_ root: XMLTree.Element) throws(XMLError) -> Prefixes {
        var p = Prefixes()
        let reserved: Set<String> = ["xml", "xmlns"]
        for (prefix, uri) in predeclared where p.uriByPrefix[prefix] == nil && !reserved.contains(prefix) {
            p.bind(prefix, uri)
        }
        func visit(_ n: XMLTree.Name) throws(XMLError) {
            guard !n.namespace.isEmpty, n.namespace != XMLNamespace.xml else { return }
            if n.namespace == XMLNamespace.xmlns {
                throw XMLError(.unencodable, line: nil, "the xmlns namespace cannot be used for \(n.local)")
            }
            let wanted = n.prefix.isEmpty || n.prefix.lowercased().hasPrefix("xml") || !Self.isNCName(n.prefix) ? "" : n.prefix
            if !wanted.isEmpty {
                if let bound = p.uriByPrefix[wanted] {
                    if bound == n.namespace { return }
                } else {
                    p.bind(wanted, n.namespace)
                    return
                }
            }
            if p.firstPrefixByURI[n.namespace] != nil { return }
            let base = wanted.isEmpty ? "ns" : wanted
            var candidate = base
            var k = 1
            while p.uriByPrefix[candidate] != nil || reserved.contains(candidate) { candidate = "\(base)\(k)"; k += 1 }
            p.bind(candidate, n.namespace)
        }
        // Recursion is bounded: trees deeper than XMLReader.maxDepth are refused first.
        func walk(_ e: XMLTree.Element, _ depth: Int) throws(XMLError) {
            guard depth <= XMLReader.maxDepth else {
                throw XMLError(.unencodable, line: nil, "elements nested deeper than \(XMLReader.maxDepth) levels")
            }
            try visit(e.name)
            for a in e.attributes { try visit(a.name) }
            for c in e.children { if case .element(let ce) = c { try walk(ce, depth + 1) } }
        }
        try walk(root, 0)
        return p
    }

    public static func isNCName(_ s: String) -> Bool {
        guard let f = s.utf8.first else { return false }
        func start(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c >= 0x80 }
        return start(f) && s.utf8.allSatisfy { start($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }
    }

    /// Appends `prefix:local` (or `local`).
    private func writeName(_ n: XMLTree.Name, _ p: Prefixes, into out: inout [UInt8]) throws(XMLError) {
        guard Self.isNCName(n.local) else {
            throw XMLError(.unencodable, line: nil, "\"\(n.local)\" is not a valid XML name")
        }
        if !n.namespace.isEmpty {
            guard let prefix = n.namespace == XMLNamespace.xml ? "xml" : p.prefix(for: n) else {
                throw XMLError(.unencodable, line: nil, "no prefix was assigned to namespace \(n.namespace)")
            }
            out.append(contentsOf: prefix.utf8)
            out.append(0x3A)
        }
        out.append(contentsOf: n.local.utf8)
    }

    // MARK: - Elements

    private func element(_ e: XMLTree.Element, depth: Int, prefixes: Prefixes, isRoot: Bool, into out: inout [UInt8]) throws(XMLError) {
        guard depth <= XMLReader.maxDepth else {
            throw XMLError(.unencodable, line: nil, "elements nested deeper than \(XMLReader.maxDepth) levels")
        }
        out.append(0x3C)
        try writeName(e.name, prefixes, into: &out)
        if isRoot {
            for (prefix, uri) in prefixes.order {
                out.append(contentsOf: " xmlns:\(prefix)=\"".utf8)
                try Self.escape(uri, attribute: true, into: &out)
                out.append(0x22)
            }
        }
        for a in e.attributes {
            out.append(0x20)
            try writeName(a.name, prefixes, into: &out)
            out.append(contentsOf: [0x3D, 0x22])
            try Self.escape(a.value, attribute: true, into: &out)
            out.append(0x22)
        }
        if e.children.isEmpty {
            out.append(contentsOf: [0x2F, 0x3E])
            return
        }
        out.append(0x3E)
        let pretty = !e.children.contains { if case .text = $0 { return true } else { return false } }
        for c in e.children {
            switch c {
            case .text(let t):
                try Self.escape(t, attribute: false, into: &out)
            case .element(let ce):
                if pretty { newline(depth + 1, &out) }
                try element(ce, depth: depth + 1, prefixes: prefixes, isRoot: false, into: &out)
            }
        }
        if pretty { newline(depth, &out) }
        out.append(contentsOf: [0x3C, 0x2F])
        try writeName(e.name, prefixes, into: &out)
        out.append(0x3E)
    }

    private func newline(_ depth: Int, _ out: inout [UInt8]) {
        out.append(0x0A)
        for _ in 0..<depth { out.append(contentsOf: indent.utf8) }
    }

    /// Escapes markup characters; in attributes also whitespace that normalisation would eat,
    /// and CR everywhere (a parser turns a literal CR into LF). Characters XML 1.0 cannot hold
    /// at all are refused rather than silently dropped.
    public static func escape(_ s: String, attribute: Bool, into out: inout [UInt8]) throws(XMLError) {
        var s = s
        let failure: XMLError? = s.withUTF8 { escapeBytes($0, attribute: attribute, into: &out) }
        if let failure { throw failure }
    }

    /// Copies runs of ordinary bytes at once; only markup, whitespace and control bytes (and
    /// U+FFFE/U+FFFF) are looked at individually. Returns the error for an unwritable character.
    private static func escapeBytes(_ u: UnsafeBufferPointer<UInt8>, attribute: Bool, into out: inout [UInt8]) -> XMLError? {
        var k = 0
        var run = 0
        while k < u.count {
            let c = u[k]
            let replacement: StaticString
            switch c {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22 where attribute: replacement = "&quot;"
            case 0x0D: replacement = "&#xD;"
            case 0x0A where attribute: replacement = "&#xA;"
            case 0x09 where attribute: replacement = "&#x9;"
            case 0x09, 0x0A:
                k += 1
                continue
            case 0..<0x20:
                return XMLError(.unencodable, line: nil,
                                       "control character 0x\(String(c, radix: 16, uppercase: true)) cannot be written in XML 1.0")
            case 0xEF where k + 2 < u.count && u[k + 1] == 0xBF && (u[k + 2] == 0xBE || u[k + 2] == 0xBF):
                return XMLError(.unencodable, line: nil, "U+FFFE/U+FFFF cannot be written in XML 1.0")
            default:
                k += 1
                continue
            }
            if run < k { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<k])) }
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            k += 1
            run = k
        }
        if run < k { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<k])) }
        return nil
    }
}
