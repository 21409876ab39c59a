import Foundation
import XML

// EPCIS XML binding, writing side: the model as EPCIS 2.0 XML (urn:epcglobal:epcis:xsd:2),
// fields in the schema's order, standard vocabulary values as CBV URNs, extensions in the
// namespaces the document's @context gives their prefixes.

extension EPCISDocument {
    /// The document as EPCIS 2.0 XML (UTF-8). Fails only for what XML 1.0 cannot hold (control
    /// characters, extension keys whose prefix no @context declares, keys that are not XML names).
    public func xmlBytes() throws(EPCISErrors) -> [UInt8] {
        try XMLEPCISEncoder.run(contexts: [context]) { enc throws in try enc.document(self) }
    }

    public func xmlString() throws(EPCISErrors) -> String { String(decoding: try xmlBytes(), as: UTF8.self) }
}

extension EPCISQueryDocument {
    /// The query document as EPCIS 2.0 XML (EPCISQueryDocument with QueryResults).
    public func xmlBytes() throws(EPCISErrors) -> [UInt8] {
        try XMLEPCISEncoder.run(contexts: [context]) { enc throws in try enc.queryDocument(self) }
    }

    public func xmlString() throws(EPCISErrors) -> String { String(decoding: try xmlBytes(), as: UTF8.self) }
}

struct XMLEPCISEncoder {
    typealias Element = XMLTree.Element
    var ext: XMLExtensionMapping.Encoder
    /// Position in the event list, for error messages.
    var eventIndex: Int?

    static func run(contexts: [EPCISContext], _ body: (inout XMLEPCISEncoder) throws -> Element) throws(EPCISErrors) -> [UInt8] {
        var enc = XMLEPCISEncoder(ext: XMLExtensionMapping.Encoder(resolver: XMLNameResolver(contexts: contexts)))
        do {
            let root = try body(&enc)
            var writer = XMLWriter()
            if enc.ext.usedXSDTypes { writer.predeclared = [("xsd", XMLNamespaces.xsd)] }
            do { return try writer.write(root) } catch { throw XMLBindingError(error) }
        } catch var e as XMLBindingError {
            e.eventIndex = enc.eventIndex
            throw EPCISErrors([e.epcisError])
        } catch {
            throw EPCISErrors([EPCISError(.invalidValue, field: "", message: "\(error)")])
        }
    }

    // MARK: - Small builders

    static func el(_ local: String, _ text: String) -> Element {
        var e = Element(XMLTree.Name(local))
        if !text.isEmpty { e.append(text: text) }
        return e
    }

    static func el(_ local: String, children: [Element]) -> Element {
        Element(XMLTree.Name(local), children: children.map { .element($0) })
    }

    static func attr(_ local: String, _ value: String) -> XMLTree.Attribute {
        XMLTree.Attribute(name: XMLTree.Name(local), value: value)
    }

    /// xsd:decimal has no exponent; a JSON-style "1e3" is written out as 1000.
    static func decimal(_ n: EPCISNumber) -> String {
        let l = n.lexical
        guard l.contains(where: { $0 == "e" || $0 == "E" }) else { return l }
        if let d = Decimal(string: l, locale: Locale(identifier: "en_US_POSIX")) { return "\(d)" }
        return l
    }

    /// Appends extension members as child elements (members whose key starts with "@" become
    /// attributes of `e`, "#text" its text).
    mutating func appendExtensions(_ o: JSONObject, to e: inout Element) throws {
        for m in o.members {
            if m.key == XMLExtensionMapping.textKey {
                e.append(text: XMLExtensionMapping.lexical(m.value))
            } else if m.key.hasPrefix("@"), m.key.count > 1 {
                try ext.addAttribute(&e, try ext.resolver.name(forKey: String(m.key.dropFirst())), m.value, key: m.key)
            } else {
                for c in try ext.elements(key: m.key, value: m.value) { e.append(c) }
            }
        }
    }

    // MARK: - Documents

    mutating func rootAttributes(_ e: inout Element, schemaVersion: String, creationDate: EPCISTimestamp?) {
        e.attributes.append(Self.attr("schemaVersion", schemaVersion))
        if let creationDate { e.attributes.append(Self.attr("creationDate", creationDate.lexical)) }
    }

    /// Document-level members: unprefixed strings ("id", "sender"…) as root attributes, the
    /// rest as elements after EPCISBody, where the schema allows other namespaces.
    mutating func documentExtensions(_ o: JSONObject, root: inout Element) throws {
        for m in o.members {
            if !m.key.contains(":"), !m.key.hasPrefix("@"), !m.key.hasPrefix("#"), case .string(let s) = m.value,
               XMLWriter.isNCName(m.key), m.key != "schemaVersion", m.key != "creationDate" {
                // JSON may repeat a member ("sender" twice); one XML element cannot repeat an attribute.
                if root.attributes.contains(where: { $0.name == XMLTree.Name(m.key) }) {
                    throw XMLBindingError(.unencodable, line: nil, "attribute \(m.key) appears twice in one element")
                }
                root.attributes.append(Self.attr(m.key, s))
            } else {
                try appendExtensions(JSONObject([m]), to: &root)
            }
        }
    }

    mutating func document(_ d: EPCISDocument) throws -> Element {
        var root = Element(XMLTree.Name("EPCISDocument", namespace: XMLNamespaces.epcis2, prefix: "epcis"))
        rootAttributes(&root, schemaVersion: d.schemaVersion, creationDate: d.creationDate)
        if let h = d.epcisHeader { root.append(try header(h)) }
        var body = Self.el("EPCISBody", children: [try eventList(d.events)])
        try appendExtensions(d.bodyExtensions, to: &body)
        root.append(body)
        try documentExtensions(d.extensions, root: &root)
        return root
    }

    mutating func queryDocument(_ q: EPCISQueryDocument) throws -> Element {
        var root = Element(XMLTree.Name("EPCISQueryDocument", namespace: XMLNamespaces.query2, prefix: "epcisq"))
        rootAttributes(&root, schemaVersion: q.schemaVersion, creationDate: q.creationDate)
        if let h = q.epcisHeader { root.append(try header(h)) }
        var results = Element(XMLTree.Name("QueryResults", namespace: XMLNamespaces.query2, prefix: "epcisq"))
        results.append(Self.el("queryName", q.queryName))
        if let s = q.subscriptionID { results.append(Self.el("subscriptionID", s)) }
        var body = Self.el("resultsBody", children: [])
        if !q.events.isEmpty || q.vocabularyList.isEmpty { body.append(try eventList(q.events)) }
        if !q.vocabularyList.isEmpty { body.append(try vocabularyList(q.vocabularyList)) }
        try appendExtensions(q.resultsBodyExtensions, to: &body)
        results.append(body)
        try appendExtensions(q.queryResultsExtensions, to: &results)
        var epcisBody = Self.el("EPCISBody", children: [results])
        try appendExtensions(q.bodyExtensions, to: &epcisBody)
        root.append(epcisBody)
        try documentExtensions(q.extensions, root: &root)
        return root
    }

    /// EPCISHeader: the SBDH first (its schema place), master data under extension, other
    /// header members in the header's inner extension.
    mutating func header(_ h: EPCISHeader) throws -> Element {
        var e = Self.el("EPCISHeader", children: [])
        var rest = JSONObject()
        for m in h.extensions.members {
            if m.key.hasSuffix(":StandardBusinessDocumentHeader"),
               (try? ext.resolver.name(forKey: m.key).namespace) == XMLNamespaces.sbdh {
                try appendExtensions(JSONObject([m]), to: &e)
            } else {
                rest.members.append(m)
            }
        }
        if !h.vocabularyList.isEmpty || !rest.isEmpty {
            var x = Self.el("extension", children: [])
            if !h.vocabularyList.isEmpty {
                x.append(Self.el("EPCISMasterData", children: [try vocabularyList(h.vocabularyList)]))
            }
            if !rest.isEmpty {
                var inner = Self.el("extension", children: [])
                try appendExtensions(rest, to: &inner)
                x.append(inner)
            }
            e.append(x)
        }
        return e
    }

    mutating func vocabularyList(_ list: [Vocabulary]) throws -> Element {
        var l = Self.el("VocabularyList", children: [])
        for v in list {
            var ve = Self.el("Vocabulary", children: [])
            ve.attributes.append(Self.attr("type", v.type))
            if !v.elements.isEmpty {
                var el = Self.el("VocabularyElementList", children: [])
                for x in v.elements { el.append(try vocabularyElement(x)) }
                ve.append(el)
            }
            l.append(ve)
        }
        return l
    }

    mutating func vocabularyElement(_ x: VocabularyElement) throws -> Element {
        var e = Self.el("VocabularyElement", children: [])
        e.attributes.append(Self.attr("id", x.id))
        for a in x.attributes {
            var ae = Self.el("attribute", children: [])
            ae.attributes.append(Self.attr("id", a.id))
            if let v = a.value { try ext.fill(&ae, with: v) }
            e.append(ae)
        }
        if !x.children.isEmpty {
            e.append(Self.el("children", children: x.children.map { Self.el("id", $0) }))
        }
        return e
    }

    // MARK: - Events

    mutating func eventList(_ events: [EPCISEvent]) throws -> Element {
        var l = Self.el("EventList", children: [])
        l.children.reserveCapacity(events.count)
        for (i, e) in events.enumerated() {
            eventIndex = i
            l.append(try event(e))
        }
        eventIndex = nil
        return l
    }

    /// Field order of each event type in EPCglobal-epcis-2_0.xsd (after the common header).
    static let fieldOrder: [EventType: [String]] = [
        .object: ["epcList", "action", "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList",
                  "quantityList", "sourceList", "destinationList", "sensorElementList", "persistentDisposition", "ilmd"],
        .aggregation: ["parentID", "childEPCs", "action", "bizStep", "disposition", "readPoint", "bizLocation",
                       "bizTransactionList", "childQuantityList", "sourceList", "destinationList", "sensorElementList",
                       "persistentDisposition"],
        .transaction: ["bizTransactionList", "parentID", "epcList", "action", "bizStep", "disposition", "readPoint",
                       "bizLocation", "quantityList", "sourceList", "destinationList", "sensorElementList",
                       "persistentDisposition"],
        .transformation: ["inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList", "transformationID",
                          "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList",
                          "destinationList", "sensorElementList", "persistentDisposition", "ilmd"],
        .association: ["parentID", "childEPCs", "childQuantityList", "action", "bizStep", "disposition", "readPoint",
                       "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
                       "persistentDisposition"],
    ]

    /// Every event field, so one the type does not define (the model allows it; validation
    /// reports it) is still written rather than silently lost.
    static let allFields = ["parentID", "epcList", "childEPCs", "inputEPCList", "outputEPCList", "quantityList",
                            "childQuantityList", "inputQuantityList", "outputQuantityList", "action", "transformationID",
                            "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList",
                            "destinationList", "sensorElementList", "persistentDisposition", "ilmd"]

    mutating func event(_ ev: EPCISEvent) throws -> Element {
        // An event's own @context (a bare event moved into a document) names its prefixes first.
        let saved = ext.resolver.contexts
        if let c = ev.context { ext.resolver.contexts.insert(c, at: 0) }
        defer { ext.resolver.contexts = saved }
        var e = Self.el(ev.eventType.rawValue, children: [])
        e.append(Self.el("eventTime", ev.eventTime.lexical))
        if let r = ev.recordTime { e.append(Self.el("recordTime", r.lexical)) }
        e.append(Self.el("eventTimeZoneOffset", ev.eventTimeZoneOffset))
        if let id = ev.eventID { e.append(Self.el("eventID", id)) }
        if let d = ev.errorDeclaration { e.append(try errorDeclaration(d)) }
        for c in ev.certificationInfo { e.append(Self.el("certificationInfo", c)) }
        let order = Self.fieldOrder[ev.eventType] ?? []
        for f in order { try field(f, of: ev, into: &e) }
        for f in Self.allFields where !order.contains(f) { try field(f, of: ev, into: &e) }
        try appendExtensions(ev.extensions, to: &e)
        return e
    }

    mutating func field(_ f: String, of ev: EPCISEvent, into e: inout Element) throws {
        func epcs(_ name: String, _ l: [String]) {
            if !l.isEmpty { e.append(Self.el(name, children: l.map { Self.el("epc", $0) })) }
        }
        func quantities(_ name: String, _ l: [QuantityElement]) {
            guard !l.isEmpty else { return }
            e.append(Self.el(name, children: l.map { q in
                var qe = Self.el("quantityElement", children: [Self.el("epcClass", q.epcClass)])
                if let n = q.quantity { qe.append(Self.el("quantity", Self.decimal(n))) }
                if let u = q.uom { qe.append(Self.el("uom", u)) }
                return qe
            }))
        }
        switch f {
        case "parentID": if let p = ev.parentID { e.append(Self.el("parentID", p)) }
        case "epcList": epcs("epcList", ev.epcList)
        case "childEPCs": epcs("childEPCs", ev.childEPCs)
        case "inputEPCList": epcs("inputEPCList", ev.inputEPCList)
        case "outputEPCList": epcs("outputEPCList", ev.outputEPCList)
        case "quantityList": quantities("quantityList", ev.quantityList)
        case "childQuantityList": quantities("childQuantityList", ev.childQuantityList)
        case "inputQuantityList": quantities("inputQuantityList", ev.inputQuantityList)
        case "outputQuantityList": quantities("outputQuantityList", ev.outputQuantityList)
        case "action": if let a = ev.action { e.append(Self.el("action", a.rawValue)) }
        case "transformationID": if let t = ev.transformationID { e.append(Self.el("transformationID", t)) }
        case "bizStep": if let b = ev.bizStep { e.append(Self.el("bizStep", CBV.urn(b, .bizStep))) }
        case "disposition": if let d = ev.disposition { e.append(Self.el("disposition", CBV.urn(d, .disposition))) }
        case "readPoint": if let l = ev.readPoint { e.append(try location("readPoint", l)) }
        case "bizLocation": if let l = ev.bizLocation { e.append(try location("bizLocation", l)) }
        case "bizTransactionList":
            guard !ev.bizTransactionList.isEmpty else { return }
            e.append(Self.el("bizTransactionList", children: ev.bizTransactionList.map { t in
                var te = Self.el("bizTransaction", t.value)
                if let ty = t.type { te.attributes.append(Self.attr("type", CBV.urn(ty, .bizTransactionType))) }
                return te
            }))
        case "sourceList": sourceDest("sourceList", "source", ev.sourceList, into: &e)
        case "destinationList": sourceDest("destinationList", "destination", ev.destinationList, into: &e)
        case "sensorElementList":
            guard !ev.sensorElementList.isEmpty else { return }
            var l = Self.el("sensorElementList", children: [])
            for s in ev.sensorElementList { l.append(try sensorElement(s)) }
            e.append(l)
        case "persistentDisposition":
            guard let p = ev.persistentDisposition else { return }
            e.append(Self.el("persistentDisposition", children:
                p.unset.map { Self.el("unset", CBV.urn($0, .disposition)) } + p.set.map { Self.el("set", CBV.urn($0, .disposition)) }))
        case "ilmd":
            guard let i = ev.ilmd else { return }
            var ie = Self.el("ilmd", children: [])
            try appendExtensions(i, to: &ie)
            e.append(ie)
        default: break
        }
    }

    func sourceDest(_ list: String, _ item: String, _ l: [SourceDestination], into e: inout Element) {
        guard !l.isEmpty else { return }
        e.append(Self.el(list, children: l.map { s in
            var se = Self.el(item, s.value)
            se.attributes.append(Self.attr("type", CBV.urn(s.type, .sourceDestinationType)))
            return se
        }))
    }

    mutating func location(_ name: String, _ l: Location) throws -> Element {
        var e = Self.el(name, children: [Self.el("id", l.id)])
        try appendExtensions(l.extensions, to: &e)
        return e
    }

    mutating func errorDeclaration(_ d: ErrorDeclaration) throws -> Element {
        var e = Self.el("errorDeclaration", children: [Self.el("declarationTime", d.declarationTime.lexical)])
        if let r = d.reason { e.append(Self.el("reason", CBV.urn(r, .errorReason))) }
        if !d.correctiveEventIDs.isEmpty {
            e.append(Self.el("correctiveEventIDs", children: d.correctiveEventIDs.map { Self.el("correctiveEventID", $0) }))
        }
        try appendExtensions(d.extensions, to: &e)
        return e
    }

    // MARK: - Sensor data

    mutating func sensorElement(_ s: SensorElement) throws -> Element {
        var e = Self.el("sensorElement", children: [])
        if let md = s.sensorMetadata { e.append(try sensorMetadata(md)) }
        for r in s.sensorReport { e.append(try sensorReport(r)) }
        try appendExtensions(s.extensions, to: &e)
        return e
    }

    /// sensorMetadata/sensorReport carry everything in attributes, extensions included.
    mutating func sensorAttributes(_ e: inout Element, _ fields: [(String, String?)], _ extensions: JSONObject) throws {
        for (k, v) in fields { if let v { e.attributes.append(Self.attr(k, v)) } }
        for m in extensions.members {
            if m.key == XMLExtensionMapping.textKey {
                e.append(text: XMLExtensionMapping.lexical(m.value))
                continue
            }
            let key = m.key.hasPrefix("@") ? String(m.key.dropFirst()) : m.key
            switch m.value {
            case .string, .number, .bool, .null:
                try ext.addAttribute(&e, try ext.resolver.name(forKey: key), m.value, key: m.key)
            case .array, .object:
                // No attribute can hold these; an element inside keeps them (read back as such).
                for c in try ext.elements(key: key, value: m.value) { e.append(c) }
            }
        }
    }

    mutating func sensorMetadata(_ m: SensorMetadata) throws -> Element {
        var e = Self.el("sensorMetadata", children: [])
        try sensorAttributes(&e, [
            ("time", m.time?.lexical), ("startTime", m.startTime?.lexical), ("endTime", m.endTime?.lexical),
            ("deviceID", m.deviceID), ("deviceMetadata", m.deviceMetadata), ("rawData", m.rawData),
            ("dataProcessingMethod", m.dataProcessingMethod), ("bizRules", m.bizRules),
        ], m.extensions)
        return e
    }

    mutating func sensorReport(_ r: SensorReport) throws -> Element {
        var e = Self.el("sensorReport", children: [])
        try sensorAttributes(&e, [
            ("type", r.type.map { CBV.urn($0, .measurementType) }),
            ("exception", r.exception.map { CBV.urn($0, .sensorAlertType) }),
            ("deviceID", r.deviceID), ("deviceMetadata", r.deviceMetadata), ("rawData", r.rawData),
            ("dataProcessingMethod", r.dataProcessingMethod), ("bizRules", r.bizRules), ("time", r.time?.lexical),
            ("microorganism", r.microorganism), ("chemicalSubstance", r.chemicalSubstance),
            ("coordinateReferenceSystem", r.coordinateReferenceSystem), ("value", r.value?.lexical),
            ("component", r.component.map { CBV.urn($0, .component) }), ("stringValue", r.stringValue),
            ("booleanValue", r.booleanValue.map { $0 ? "true" : "false" }), ("hexBinaryValue", r.hexBinaryValue),
            ("uriValue", r.uriValue), ("minValue", r.minValue?.lexical), ("maxValue", r.maxValue?.lexical),
            ("meanValue", r.meanValue?.lexical), ("sDev", r.sDev?.lexical), ("percRank", r.percRank?.lexical),
            ("percValue", r.percValue?.lexical), ("uom", r.uom),
        ], r.extensions)
        return e
    }
}

extension EPCISEvent {
    /// Why this event cannot be written in the XML binding, or nil when it can. A repository that
    /// answers queries in both bindings refuses at capture what one of them cannot hold (control
    /// characters, extensions nested too deep, prefixes no @context declares), so no stored event
    /// makes a later XML query fail.
    public func xmlBindingProblem(documentContext: EPCISContext?, index: Int) -> EPCISError? {
        do {
            _ = try XMLEPCISEncoder.run(contexts: documentContext.map { [$0] } ?? []) { enc throws in try enc.event(self) }
            return nil
        } catch {
            guard var problem = error.errors.first else { return nil }
            problem.eventIndex = index
            problem.eventID = problem.eventID ?? eventID
            return problem
        }
    }
}
