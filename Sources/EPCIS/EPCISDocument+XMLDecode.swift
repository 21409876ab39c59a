import XML

// EPCIS XML binding, reading side: EPCIS 2.0 (urn:epcglobal:epcis:xsd:2) and 1.x
// (urn:epcglobal:epcis:xsd:1, with its <extension>/<baseExtension> wrappers) documents, query
// documents and master-data documents, into the same model the JSON-LD binding produces.

extension EPCISDocument {
    /// Decodes an EPCISDocument (2.0 or 1.x) or an EPCISMasterDataDocument, whose vocabularies
    /// land in `epcisHeader.vocabularyList`. Errors name the line and element path; DTDs other
    /// than a bare `<!DOCTYPE name>` are refused. With `validate`, validation errors are thrown
    /// together with decoding ones, as `init(json:validate:)` does.
    public init(xml bytes: some Collection<UInt8>, validate: Bool = false) throws(EPCISErrors) {
        switch try EPCISDocument.decodeXML(bytes, validate: validate) {
        case .document(let d): self = d
        case .queryDocument, .event:
            throw EPCISErrors([EPCISError(.unknownDocumentType, field: "EPCISQueryDocument",
                                          message: "this is an EPCISQueryDocument; decode it with EPCISQueryDocument(xml:)")])
        }
    }

    public init(xml string: String, validate: Bool = false) throws(EPCISErrors) {
        try self.init(xml: Array(string.utf8), validate: validate)
    }

    /// Decodes whichever EPCIS document the XML holds (the XML twin of `EPCISJSON.decode`).
    ///
    /// An event whose standard elements are out of the schema's order is refused
    /// (`element_out_of_order`); `requireSchemaOrder: false` reads it anyway, for tools such as a
    /// hash calculator that must take documents as they come (the model has no order to lose).
    public static func decodeXML(_ bytes: some Collection<UInt8>, validate: Bool = false,
                                 requireSchemaOrder: Bool = true) throws(EPCISErrors) -> EPCISPayload {
        var decoder = XMLEPCISDecoder()
        decoder.requireSchemaOrder = requireSchemaOrder
        let payload: EPCISPayload
        do {
            let root: XMLTree.Element
            do { root = try XMLReader.parse(bytes) } catch { throw XMLBindingError(error) }
            payload = try decoder.content(root)
        } catch let e as XMLBindingError {
            throw EPCISErrors((decoder.errors + [e]).map(\.epcisError))
        } catch {
            throw EPCISErrors([EPCISError(.malformedDocument, field: "", message: "\(error)")])
        }
        var errors = decoder.errors.map(\.epcisError)
        if validate {
            switch payload {
            case .document(let d): errors += d.validate()
            case .queryDocument(let q): errors += q.validate()
            case .event(let e): errors += e.validate(index: 0)
            }
        }
        if !errors.isEmpty { throw EPCISErrors(errors) }
        return payload
    }
}

extension EPCISQueryDocument {
    /// Decodes an EPCISQueryDocument holding QueryResults (events or vocabularies).
    public init(xml bytes: some Collection<UInt8>, validate: Bool = false) throws(EPCISErrors) {
        switch try EPCISDocument.decodeXML(bytes, validate: validate) {
        case .queryDocument(let q): self = q
        case .document, .event:
            throw EPCISErrors([EPCISError(.unknownDocumentType, field: "EPCISDocument",
                                          message: "this is an EPCISDocument, not an EPCISQueryDocument; decode it with EPCISDocument(xml:)")])
        }
    }

    public init(xml string: String, validate: Bool = false) throws(EPCISErrors) {
        try self.init(xml: Array(string.utf8), validate: validate)
    }
}

/// Walks the element tree into the model. Problems inside events are collected (so one reply
/// can list them all, as the JSON decoder does); structural ones stop decoding at once.
struct XMLEPCISDecoder {
    var prefixes = XMLPrefixTable()
    var errors: [XMLBindingError] = []
    /// Element names from the root to the element being read, for error paths.
    var trail: [String] = []
    var eventIndex: Int?
    var eventID: String?
    /// True for urn:epcglobal:epcis:xsd:1 input (CBV 1.x URNs are normalised either way).
    var isVersion1 = false
    /// Refuse events whose children are out of the XSD's order (see +XMLSchemaOrder).
    var requireSchemaOrder = true

    static let maxErrors = 100

    // MARK: - Errors

    var path: String { trail.joined(separator: "/") }

    mutating func error(_ code: EPCISError.Code, _ e: XMLTree.Element, _ message: String, child: String? = nil) {
        guard errors.count < Self.maxErrors else { return }
        var p = path
        if let child { p += "/" + child }
        var err = XMLBindingError(.invalidDocument, code: code, line: e.line, path: p, message)
        err.eventIndex = eventIndex
        err.eventID = eventID
        errors.append(err)
    }

    func fatal(_ code: EPCISError.Code, _ e: XMLTree.Element, _ message: String) -> XMLBindingError {
        XMLBindingError(.invalidDocument, code: code, line: e.line, path: path, message)
    }

    // MARK: - Names

    /// The local name of a standard EPCIS element: unqualified (as the schemas define them), or
    /// qualified with an EPCIS namespace (some producers do); nil for extension elements.
    static func standardName(_ e: XMLTree.Element) -> String? {
        let ns = e.name.namespace
        if ns.isEmpty || XMLNamespaces.epcisDocumentNamespaces.contains(ns) || XMLNamespaces.queryNamespaces.contains(ns)
            || XMLNamespaces.masterDataNamespaces.contains(ns) { return e.name.local }
        return nil
    }

    /// Children with EPCIS 1.x `<extension>`/`<baseExtension>` wrappers (and 2.0's remaining
    /// `<extension>` elements) opened, in document order: the wrappers carry no meaning of
    /// their own, only the fields that later versions moved up.
    static func flattened(_ e: XMLTree.Element) -> [XMLTree.Element] {
        var out: [XMLTree.Element] = []
        func walk(_ x: XMLTree.Element, depth: Int) {
            for c in x.children {
                guard case .element(let ce) = c else { continue }
                if depth < 8, let n = Self.standardName(ce), n == "extension" || n == "baseExtension" {
                    walk(ce, depth: depth + 1)
                } else {
                    out.append(ce)
                }
            }
        }
        walk(e, depth: 0)
        return out
    }

    mutating func text(_ e: XMLTree.Element) -> String {
        if e.hasElementChildren {
            error(.wrongType, e, "<\(e.name.qualified)> should hold text, not elements")
        }
        return e.trimmedText
    }

    mutating func timestamp(_ e: XMLTree.Element) -> EPCISTimestamp? {
        let s = text(e)
        if let t = EPCISTimestamp(s) { return t }
        error(.invalidTimestamp, e, "'\(s)' is not an xsd:dateTime such as 2024-05-01T08:30:00.000+07:00")
        return nil
    }

    mutating func timestamp(attribute value: String, _ name: String, on e: XMLTree.Element) -> EPCISTimestamp? {
        let s = value.trimmingXMLWhitespace()
        if let t = EPCISTimestamp(s) { return t }
        error(.invalidTimestamp, e, "attribute \(name)='\(s)' is not an xsd:dateTime")
        return nil
    }

    mutating func number(_ s: String, _ what: String, on e: XMLTree.Element) -> EPCISNumber? {
        let t = s.trimmingXMLWhitespace()
        // Double() would also take "nan", "inf" and hex floats; xsd numbers are plain decimals.
        let ok = !t.isEmpty && t.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }
        if ok, let n = EPCISNumber(lexical: t) { return n }
        error(.invalidValue, e, "\(what) '\(t)' is not a number")
        return nil
    }

    // MARK: - Documents

    mutating func content(_ root: XMLTree.Element) throws -> EPCISPayload {
        let ns = root.name.namespace
        let local = root.name.local
        trail = [local]
        if local == "EPCISDocument", ns.isEmpty || XMLNamespaces.epcisDocumentNamespaces.contains(ns) {
            isVersion1 = ns == XMLNamespaces.epcis1
            return .document(try document(root))
        }
        if local == "EPCISQueryDocument", ns.isEmpty || XMLNamespaces.queryNamespaces.contains(ns) {
            isVersion1 = ns == XMLNamespaces.query1
            return .queryDocument(try queryDocument(root))
        }
        if local == "EPCISMasterDataDocument", ns.isEmpty || XMLNamespaces.masterDataNamespaces.contains(ns) {
            isVersion1 = ns == XMLNamespaces.masterData1
            return .document(try masterDataDocument(root))
        }
        if local == "EPCISCaptureJob" {
            throw fatal(.unknownDocumentType, root, "EPCISCaptureJob is the status of a capture job, not an EPCIS document")
        }
        let expected = "EPCISDocument (\(XMLNamespaces.epcis2)), EPCISQueryDocument or EPCISMasterDataDocument"
        throw fatal(.unknownDocumentType, root, "the root element is \(root.name.clark), expected \(expected)")
    }

    /// schemaVersion, creationDate and other root attributes. Documents read from EPCIS 1.x are
    /// upgraded to the 2.0 model, so they say "2.0".
    mutating func rootAttributes(_ root: XMLTree.Element) -> (String, EPCISTimestamp?, JSONObject) {
        var version = "2.0"
        var created: EPCISTimestamp?
        var ext = JSONObject()
        for a in root.attributes {
            if a.name.namespace.isEmpty, a.name.local == "schemaVersion" {
                if !isVersion1 { version = a.value.trimmingXMLWhitespace() }
            } else if a.name.namespace.isEmpty, a.name.local == "creationDate" {
                created = timestamp(attribute: a.value, "creationDate", on: root)
            } else if a.name.namespace == XMLNamespaces.xsi {
                // xsi:schemaLocation and friends tell XML tools where schemas are, nothing more.
                continue
            } else {
                // Unqualified root attributes (id, sender…) are the JSON document's plain members.
                XMLExtensionMapping.merge(prefixes.key(for: a.name), .string(a.value), into: &ext)
            }
        }
        return (version, created, ext)
    }

    mutating func document(_ root: XMLTree.Element) throws -> EPCISDocument {
        let (version, created, attributes) = rootAttributes(root)
        var ext = XMLExtensionMapping.Gathered(attributes)
        var header: EPCISHeader?
        var events: [EPCISEvent] = []
        var bodyExt = XMLExtensionMapping.Gathered()
        var sawBody = false
        for c in root.elements {
            switch Self.standardName(c) {
            case "EPCISHeader":
                header = try self.header(c)
            case "EPCISBody":
                sawBody = true
                trail.append("EPCISBody")
                for b in Self.flattened(c) {
                    switch Self.standardName(b) {
                    case "EventList": events += try eventList(b)
                    case "VocabularyList":
                        // Not in the schema for EPCISDocument, but unambiguous: keep it.
                        var h = header ?? EPCISHeader()
                        h.vocabularyList += vocabularyList(b)
                        header = h
                    case nil: bodyExt.append(b, prefixes: &prefixes)
                    default:
                        // As in JSON-LD, the body holds the event list and namespaced extensions
                        // only: an unqualified element there has no place in either binding.
                        error(.fieldNotAllowed, b, "EPCISBody holds an EventList and namespaced extensions, not <\(b.name.qualified)>")
                    }
                }
                trail.removeLast()
            case "extension":
                for x in Self.flattened(c) { ext.append(x, prefixes: &prefixes) }
            default:
                ext.append(c, prefixes: &prefixes)
            }
        }
        if !sawBody { throw fatal(.missingField, root, "EPCISDocument has no <EPCISBody>") }
        return EPCISDocument(context: EPCISContext(namespaces: prefixes.declarations), schemaVersion: version,
                             creationDate: created, epcisHeader: header, events: events, extensions: ext.object, bodyExtensions: bodyExt.object)
    }

    mutating func masterDataDocument(_ root: XMLTree.Element) throws -> EPCISDocument {
        let (version, created, attributes) = rootAttributes(root)
        var ext = XMLExtensionMapping.Gathered(attributes)
        var header: EPCISHeader?
        var vocabularies: [Vocabulary] = []
        var sawBody = false
        for c in root.elements {
            switch Self.standardName(c) {
            case "EPCISHeader": header = try self.header(c)
            case "EPCISBody":
                sawBody = true
                trail.append("EPCISBody")
                for b in Self.flattened(c) {
                    if Self.standardName(b) == "VocabularyList" { vocabularies += vocabularyList(b) }
                    else { ext.append(b, prefixes: &prefixes) }
                }
                trail.removeLast()
            case "extension":
                for x in Self.flattened(c) { ext.append(x, prefixes: &prefixes) }
            default:
                ext.append(c, prefixes: &prefixes)
            }
        }
        if !sawBody { throw fatal(.missingField, root, "EPCISMasterDataDocument has no <EPCISBody>") }
        var h = header ?? EPCISHeader()
        h.vocabularyList += vocabularies
        return EPCISDocument(context: EPCISContext(namespaces: prefixes.declarations), schemaVersion: version,
                             creationDate: created, epcisHeader: h, events: [], extensions: ext.object)
    }

    mutating func queryDocument(_ root: XMLTree.Element) throws -> EPCISQueryDocument {
        let (version, created, attributes) = rootAttributes(root)
        var ext = XMLExtensionMapping.Gathered(attributes)
        var bodyExt = XMLExtensionMapping.Gathered()
        var q = EPCISQueryDocument(schemaVersion: version, creationDate: created)
        var sawResults = false
        // Some published query documents leave out <EPCISBody><QueryResults> and put queryName
        // and resultsBody straight under the root (or the body); read those as QueryResults.
        let resultsFields: Set<String> = ["queryName", "subscriptionID", "resultsBody"]
        var loose: [XMLTree.Element] = []
        for c in root.elements {
            switch Self.standardName(c) {
            case "EPCISHeader": q.epcisHeader = try header(c)
            case "EPCISBody":
                trail.append("EPCISBody")
                var bodyLoose: [XMLTree.Element] = []
                for b in Self.flattened(c) {
                    if let n = Self.standardName(b), resultsFields.contains(n) { bodyLoose.append(b); continue }
                    if !b.name.namespace.isEmpty, Self.standardName(b) == nil {
                        bodyExt.append(b, prefixes: &prefixes)
                        continue
                    }
                    guard Self.standardName(b) == "QueryResults" else {
                        throw fatal(.unknownDocumentType, b, "the query document's body holds <\(b.name.local)>; only QueryResults can be decoded")
                    }
                    sawResults = true
                    trail.append("QueryResults")
                    var qrExt = XMLExtensionMapping.Gathered(q.queryResultsExtensions)
                    try queryResults(b.elements, at: b, into: &q, ext: &qrExt)
                    q.queryResultsExtensions = qrExt.object
                    trail.removeLast()
                }
                if !bodyLoose.isEmpty {
                    sawResults = true
                    try queryResults(bodyLoose, at: c, into: &q, ext: &bodyExt)
                }
                trail.removeLast()
            case "extension":
                for x in Self.flattened(c) { ext.append(x, prefixes: &prefixes) }
            case let n? where resultsFields.contains(n):
                loose.append(c)
            default:
                ext.append(c, prefixes: &prefixes)
            }
        }
        if !loose.isEmpty {
            sawResults = true
            try queryResults(loose, at: root, into: &q, ext: &ext)
        }
        if !sawResults { throw fatal(.missingField, root, "EPCISQueryDocument has no <EPCISBody><QueryResults>") }
        q.context = EPCISContext(namespaces: prefixes.declarations)
        q.extensions = ext.object
        q.bodyExtensions = bodyExt.object
        return q
    }

    mutating func queryResults(_ children: [XMLTree.Element], at r: XMLTree.Element, into q: inout EPCISQueryDocument,
                               ext: inout XMLExtensionMapping.Gathered) throws {
        var sawName = false
        var resultsBodyExt = XMLExtensionMapping.Gathered(q.resultsBodyExtensions)
        defer { q.resultsBodyExtensions = resultsBodyExt.object }
        for c in children {
            if Self.standardName(c) == "extension" {
                for x in Self.flattened(c) { ext.append(x, prefixes: &prefixes) }
                continue
            }
            switch Self.standardName(c) {
            case "queryName": q.queryName = text(c); sawName = true
            case "subscriptionID": q.subscriptionID = text(c)
            case "resultsBody":
                trail.append("resultsBody")
                for b in Self.flattened(c) {
                    switch Self.standardName(b) {
                    case "EventList": q.events += try eventList(b)
                    case "VocabularyList": q.vocabularyList += vocabularyList(b)
                    case nil: resultsBodyExt.append(b, prefixes: &prefixes)
                    default: error(.fieldNotAllowed, b, "resultsBody holds an EventList or a VocabularyList, not <\(b.name.qualified)>")
                    }
                }
                trail.removeLast()
            default:
                ext.append(c, prefixes: &prefixes)
            }
        }
        if !sawName { error(.missingField, r, "QueryResults has no <queryName>") }
    }

    // MARK: - Header and master data

    mutating func header(_ h: XMLTree.Element) throws -> EPCISHeader {
        trail.append("EPCISHeader")
        defer { trail.removeLast() }
        var header = EPCISHeader()
        var extensions = XMLExtensionMapping.Gathered()
        for c in h.elements {
            if Self.standardName(c) == "extension" {
                trail.append("extension")
                for x in c.elements {
                    if Self.standardName(x) == "EPCISMasterData" {
                        trail.append("EPCISMasterData")
                        for v in Self.flattened(x) {
                            if Self.standardName(v) == "VocabularyList" { header.vocabularyList += vocabularyList(v) }
                            else { extensions.append(v, prefixes: &prefixes) }
                        }
                        trail.removeLast()
                    } else if Self.standardName(x) == "extension" {
                        for y in Self.flattened(x) { extensions.append(y, prefixes: &prefixes) }
                    } else {
                        extensions.append(x, prefixes: &prefixes)
                    }
                }
                trail.removeLast()
            } else {
                // The Standard Business Document Header and anything else, kept as written.
                extensions.append(c, prefixes: &prefixes)
            }
        }
        header.extensions = extensions.object
        return header
    }

    mutating func vocabularyList(_ l: XMLTree.Element) -> [Vocabulary] {
        trail.append("VocabularyList")
        defer { trail.removeLast() }
        var out: [Vocabulary] = []
        for v in l.elements {
            guard Self.standardName(v) == "Vocabulary" else {
                error(.fieldNotAllowed, v, "a VocabularyList holds <Vocabulary> elements, not <\(v.name.qualified)>")
                continue
            }
            trail.append("Vocabulary[\(out.count)]")
            guard let type = v.attribute("type") else {
                error(.missingField, v, "a Vocabulary needs a type attribute")
                trail.removeLast()
                continue
            }
            var vocabulary = Vocabulary(type: type.trimmingXMLWhitespace())
            for c in Self.flattened(v) {
                guard Self.standardName(c) == "VocabularyElementList" else {
                    error(.fieldNotAllowed, c, "<\(c.name.qualified)> in a Vocabulary cannot be kept (the model has no place for it)")
                    continue
                }
                for ve in c.elements { if let x = vocabularyElement(ve) { vocabulary.elements.append(x) } }
            }
            out.append(vocabulary)
            trail.removeLast()
        }
        return out
    }

    mutating func vocabularyElement(_ ve: XMLTree.Element) -> VocabularyElement? {
        guard Self.standardName(ve) == "VocabularyElement" else {
            error(.fieldNotAllowed, ve, "a VocabularyElementList holds <VocabularyElement> elements, not <\(ve.name.qualified)>")
            return nil
        }
        guard let id = ve.attribute("id") else {
            error(.missingField, ve, "a VocabularyElement needs an id attribute")
            return nil
        }
        var element = VocabularyElement(id: id.trimmingXMLWhitespace())
        for c in Self.flattened(ve) {
            switch Self.standardName(c) {
            case "attribute":
                guard let aid = c.attribute("id") else {
                    error(.missingField, c, "a master-data attribute needs an id attribute")
                    continue
                }
                var body = c
                body.attributes.removeAll { $0.name.namespace.isEmpty && $0.name.local == "id" }
                let empty = body.attributes.isEmpty && body.children.allSatisfy {
                    if case .text(let t) = $0 { return t.isEmpty } else { return false }
                }
                let value: JSONValue? = empty ? nil : XMLExtensionMapping.value(of: body, prefixes: &prefixes)
                element.attributes.append(VocabularyAttribute(id: aid.trimmingXMLWhitespace(), value: value))
            case "children":
                for idElement in c.elements {
                    if Self.standardName(idElement) == "id" { element.children.append(text(idElement)) }
                    else { error(.fieldNotAllowed, idElement, "<children> holds <id> elements only") }
                }
            default:
                error(.fieldNotAllowed, c, "<\(c.name.qualified)> in a VocabularyElement cannot be kept (the model has no place for it)")
            }
        }
        return element
    }
}
