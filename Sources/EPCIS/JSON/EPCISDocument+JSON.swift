import Foundation

// EPCIS 2.0 JSON/JSON-LD binding of EPCISDocument and EPCISQueryDocument (EPCIS 2.0 §10).

/// Any top-level EPCIS JSON payload, told apart by its "type".
public enum EPCISPayload: Sendable, Hashable {
    case document(EPCISDocument)
    case queryDocument(EPCISQueryDocument)
    case event(EPCISEvent)

    /// The events carried, whichever the payload kind.
    public var events: [EPCISEvent] {
        switch self {
        case .document(let d): d.events
        case .queryDocument(let q): q.events
        case .event(let e): [e]
        }
    }
}

/// Decoding entry points for EPCIS JSON/JSON-LD.
public enum EPCISJSON {
    /// Decodes an EPCISDocument, an EPCISQueryDocument or a bare event. With `validate`, also
    /// runs `validate()` and throws decode and validation errors together.
    public static func decode(_ bytes: some Collection<UInt8>, validate: Bool = false) throws(EPCISErrors) -> EPCISPayload {
        let root = try parseRoot(bytes)
        guard case .object(let o) = root else {
            throw EPCISErrors([EPCISError(.wrongType, field: "", message: "an EPCIS document must be a JSON object")])
        }
        switch o["type"]?.stringValue {
        case "EPCISDocument": return .document(try EPCISDocument(jsonValue: root, validate: validate))
        case "EPCISQueryDocument": return .queryDocument(try EPCISQueryDocument(jsonValue: root, validate: validate))
        default:
            var ctx = JSONDecodeContext()
            ctx.eventIndex = 0
            // A bare event sent on its own is a JSON-LD document too. (EPCISEvent(json:) reads
            // stored events, which take their context from elsewhere, and does not ask.)
            if o["@context"] == nil { ctx.error(.missingField, "@context", missingContextMessage("an event sent on its own")) }
            guard let e = EPCISEvent.decode(o, &ctx) else { throw EPCISErrors(ctx.errors) }
            if validate { ctx.errors += e.validate(index: 0) }
            if !ctx.errors.isEmpty { throw EPCISErrors(ctx.errors) }
            return .event(e)
        }
    }

    static func missingContextMessage(_ what: String) -> String {
        "\(what) needs \"@context\" (EPCIS 2.0 JSON-LD), e.g. \"@context\": [\"\(EPCISContext.standardURL)\"]"
    }

    /// Extension members are namespaced: "prefix:name" or a full URI.
    static func isExtensionName(_ key: String) -> Bool { key.utf8.contains(0x3A) }

    static func parseRoot(_ bytes: some Collection<UInt8>) throws(EPCISErrors) -> JSONValue {
        do { return try JSONValue.parse(bytes) } catch {
            throw EPCISErrors([EPCISError(.malformedDocument, field: "", message: error.description)])
        }
    }

    /// Decodes an event list with each event's index, validating when asked; events whose type
    /// is unknown are left out (their error is recorded) so the rest can still be checked.
    static func decodeEvents(_ v: JSONValue, field: String, validate: Bool, context: EPCISContext,
                             _ ctx: inout JSONDecodeContext) -> [EPCISEvent] {
        guard let a = ctx.array(v, field) else { return [] }
        var out: [EPCISEvent] = []
        out.reserveCapacity(a.count)
        let now = Date()
        for (k, item) in a.enumerated() {
            ctx.eventIndex = k
            ctx.eventID = nil
            guard case .object(let o) = item else {
                ctx.wrongType(item, expected: "an event object", "")
                continue
            }
            guard let e = EPCISEvent.decode(o, &ctx) else { continue }
            if validate { ctx.errors += e.validate(index: k, now: now, documentContext: context) }
            out.append(e)
        }
        ctx.eventIndex = nil
        ctx.eventID = nil
        return out
    }

    static func decodeHeader(_ v: JSONValue, _ ctx: inout JSONDecodeContext) -> EPCISHeader? {
        guard let o = ctx.object(v, "epcisHeader") else { return nil }
        var h = EPCISHeader()
        for m in o.members {
            if m.key == "epcisMasterData", let md = ctx.object(m.value, "epcisHeader.epcisMasterData") {
                for mm in md.members {
                    if mm.key == "vocabularyList" {
                        h.vocabularyList = decodeVocabularies(mm.value, "epcisHeader.epcisMasterData.vocabularyList", &ctx)
                    } else {
                        ctx.error(.fieldNotAllowed, "epcisHeader.epcisMasterData.\(mm.key)", "epcisMasterData has only vocabularyList")
                    }
                }
            } else {
                h.extensions.members.append(m)
            }
        }
        return h
    }

    static func decodeVocabularies(_ v: JSONValue, _ field: String, _ ctx: inout JSONDecodeContext) -> [Vocabulary] {
        guard let a = ctx.array(v, field) else { return [] }
        var out: [Vocabulary] = []
        for (k, item) in a.enumerated() {
            let path = "\(field)[\(k)]"
            guard let o = ctx.object(item, path) else { continue }
            var voc = Vocabulary(type: "")
            for m in o.members {
                switch m.key {
                case "type": voc.type = ctx.string(m.value, path + ".type") ?? ""
                case "vocabularyElementList":
                    guard let els = ctx.array(m.value, path + ".vocabularyElementList") else { continue }
                    for (j, ev) in els.enumerated() {
                        let ep = path + ".vocabularyElementList[\(j)]"
                        guard let eo = ctx.object(ev, ep) else { continue }
                        var el = VocabularyElement(id: "")
                        for em in eo.members {
                            switch em.key {
                            case "id": el.id = ctx.string(em.value, ep + ".id") ?? ""
                            case "children": el.children = ctx.stringList(em.value, ep + ".children")
                            case "attributes":
                                guard let attrs = ctx.array(em.value, ep + ".attributes") else { continue }
                                for (n, av) in attrs.enumerated() {
                                    guard let ao = ctx.object(av, ep + ".attributes[\(n)]") else { continue }
                                    var attr = VocabularyAttribute(id: "")
                                    for am in ao.members {
                                        switch am.key {
                                        case "id": attr.id = ctx.string(am.value, ep + ".attributes[\(n)].id") ?? ""
                                        case "attribute": attr.value = am.value
                                        default: ctx.error(.fieldNotAllowed, ep + ".attributes[\(n)].\(am.key)", "an attribute has only id and attribute")
                                        }
                                    }
                                    if attr.id.isEmpty { ctx.error(.missingField, ep + ".attributes[\(n)].id", "an attribute needs an id") }
                                    el.attributes.append(attr)
                                }
                            default: ctx.error(.fieldNotAllowed, ep + "." + em.key, "a vocabulary element has only id, attributes and children")
                            }
                        }
                        if el.id.isEmpty { ctx.error(.missingField, ep + ".id", "a vocabulary element needs an id") }
                        voc.elements.append(el)
                    }
                default: ctx.error(.fieldNotAllowed, path + "." + m.key, "a vocabulary has only type and vocabularyElementList")
                }
            }
            if voc.type.isEmpty { ctx.error(.missingField, path + ".type", "a vocabulary needs a type") }
            out.append(voc)
        }
        return out
    }

    static func vocabulariesJSON(_ list: [Vocabulary]) -> JSONValue {
        .array(list.map { voc in
            var vo = JSONObject([JSONMember("type", .string(voc.type))])
            vo.append("vocabularyElementList", .array(voc.elements.map { el in
                var eo = JSONObject([JSONMember("id", .string(el.id))])
                if !el.attributes.isEmpty {
                    eo.append("attributes", .array(el.attributes.map { a in
                        var ao = JSONObject([JSONMember("id", .string(a.id))])
                        if let v = a.value { ao.append("attribute", v) }
                        return .object(ao)
                    }))
                }
                if !el.children.isEmpty { eo.append("children", .array(el.children.map { .string($0) })) }
                return .object(eo)
            }))
            return .object(vo)
        })
    }

    static func headerJSON(_ h: EPCISHeader) -> JSONValue {
        var o = JSONObject()
        if !h.vocabularyList.isEmpty {
            o.append("epcisMasterData", .object([ "vocabularyList": vocabulariesJSON(h.vocabularyList) ]))
        }
        o.members += h.extensions.members
        return .object(o)
    }

    /// Decodes the members EPCISDocument and EPCISQueryDocument share; returns the unhandled ones.
    static func decodeCommon(_ o: JSONObject, expectedType: String, _ ctx: inout JSONDecodeContext,
                             context: inout EPCISContext, schemaVersion: inout String,
                             creationDate: inout EPCISTimestamp?, header: inout EPCISHeader?,
                             extensions: inout JSONObject) -> JSONValue? {
        var body: JSONValue?
        var sawContext = false
        for m in o.members {
            switch m.key {
            case "@context": context = EPCISContext(value: m.value); sawContext = true
            case "type":
                if m.value.stringValue != expectedType {
                    ctx.error(.unknownDocumentType, "type", "expected \(expectedType)")
                }
            case "schemaVersion":
                // Some producers write 2.0 as a number; accept it but keep the text.
                if case .number(let n) = m.value { schemaVersion = n } else { schemaVersion = ctx.string(m.value, "schemaVersion") ?? "" }
            case "creationDate": creationDate = ctx.timestamp(m.value, "creationDate")
            case "epcisHeader": header = decodeHeader(m.value, &ctx)
            case "epcisBody": body = m.value
            default: extensions.members.append(m)
            }
        }
        // EPCIS 2.0 JSON-LD requires it (the JSON schema's required-ld-context): without it the
        // members have no defined meaning, and guessing would hide a broken producer.
        if !sawContext { ctx.error(.missingField, "@context", EPCISJSON.missingContextMessage(expectedType)) }
        if body == nil { ctx.error(.missingField, "epcisBody", "\(expectedType) needs an epcisBody") }
        return body
    }

    static func commonJSON(type: String, context: EPCISContext, schemaVersion: String, creationDate: EPCISTimestamp?,
                           header: EPCISHeader?, extensions: JSONObject) -> JSONObject {
        var o = JSONObject()
        o.append("@context", context.value)
        o.append("type", .string(type))
        o.append("schemaVersion", .string(schemaVersion))
        if let creationDate { o.append("creationDate", .string(creationDate.lexical)) }
        o.members += extensions.members
        if let header { o.append("epcisHeader", headerJSON(header)) }
        return o
    }
}

extension EPCISDocument {
    /// Decodes an EPCISDocument; throws every structural problem found (and, with `validate`,
    /// every validation error too).
    public init(json bytes: some Collection<UInt8>, validate: Bool = false) throws(EPCISErrors) {
        try self.init(jsonValue: EPCISJSON.parseRoot(bytes), validate: validate)
    }

    public init(jsonValue: JSONValue, validate: Bool = false) throws(EPCISErrors) {
        guard case .object(let o) = jsonValue else {
            throw EPCISErrors([EPCISError(.wrongType, field: "", message: "an EPCISDocument must be a JSON object")])
        }
        var ctx = JSONDecodeContext()
        var doc = EPCISDocument()
        let body = EPCISJSON.decodeCommon(o, expectedType: "EPCISDocument", &ctx, context: &doc.context,
                                          schemaVersion: &doc.schemaVersion, creationDate: &doc.creationDate,
                                          header: &doc.epcisHeader, extensions: &doc.extensions)
        if let body, let bo = ctx.object(body, "epcisBody") {
            if let list = bo["eventList"] {
                doc.events = EPCISJSON.decodeEvents(list, field: "epcisBody.eventList", validate: validate, context: doc.context, &ctx)
            } else {
                ctx.error(.missingField, "epcisBody.eventList", "epcisBody needs an eventList")
            }
            for m in bo.members where m.key != "eventList" {
                if EPCISJSON.isExtensionName(m.key) { doc.bodyExtensions.members.append(m) }
                else { ctx.error(.fieldNotAllowed, "epcisBody." + m.key, "epcisBody has only eventList and namespaced extensions") }
            }
        }
        if validate { ctx.errors += doc.validateHeader() }
        if !ctx.errors.isEmpty { throw EPCISErrors(ctx.errors) }
        self = doc
    }

    public func jsonValue() -> JSONValue {
        var o = EPCISJSON.commonJSON(type: "EPCISDocument", context: context, schemaVersion: schemaVersion,
                                     creationDate: creationDate, header: epcisHeader, extensions: extensions)
        var body: JSONObject = ["eventList": .array(events.map { $0.jsonValue() })]
        body.members += bodyExtensions.members
        o.append("epcisBody", .object(body))
        return .object(o)
    }

    public func jsonBytes(pretty: Bool = false) -> [UInt8] { jsonValue().jsonBytes(pretty: pretty) }
}

extension EPCISQueryDocument {
    public init(json bytes: some Collection<UInt8>, validate: Bool = false) throws(EPCISErrors) {
        try self.init(jsonValue: EPCISJSON.parseRoot(bytes), validate: validate)
    }

    public init(jsonValue: JSONValue, validate: Bool = false) throws(EPCISErrors) {
        guard case .object(let o) = jsonValue else {
            throw EPCISErrors([EPCISError(.wrongType, field: "", message: "an EPCISQueryDocument must be a JSON object")])
        }
        var ctx = JSONDecodeContext()
        var doc = EPCISQueryDocument()
        doc.queryName = ""
        let body = EPCISJSON.decodeCommon(o, expectedType: "EPCISQueryDocument", &ctx, context: &doc.context,
                                          schemaVersion: &doc.schemaVersion, creationDate: &doc.creationDate,
                                          header: &doc.epcisHeader, extensions: &doc.extensions)
        if let body, let bo = ctx.object(body, "epcisBody") {
            if let qv = bo["queryResults"], let qr = ctx.object(qv, "epcisBody.queryResults") {
                var sawResults = false
                for m in qr.members {
                    switch m.key {
                    case "queryName": doc.queryName = ctx.string(m.value, "epcisBody.queryResults.queryName") ?? ""
                    case "subscriptionID": doc.subscriptionID = ctx.string(m.value, "epcisBody.queryResults.subscriptionID")
                    case "resultsBody":
                        sawResults = true
                        guard let rb = ctx.object(m.value, "epcisBody.queryResults.resultsBody") else { continue }
                        for r in rb.members {
                            switch r.key {
                            case "eventList":
                                doc.events = EPCISJSON.decodeEvents(r.value, field: "epcisBody.queryResults.resultsBody.eventList", validate: validate,
                                                                    context: doc.context, &ctx)
                            case "vocabularyList":
                                doc.vocabularyList = EPCISJSON.decodeVocabularies(r.value, "epcisBody.queryResults.resultsBody.vocabularyList", &ctx)
                            default:
                                if EPCISJSON.isExtensionName(r.key) { doc.resultsBodyExtensions.members.append(r) }
                                else { ctx.error(.fieldNotAllowed, "epcisBody.queryResults.resultsBody." + r.key, "resultsBody has only eventList, vocabularyList and namespaced extensions") }
                            }
                        }
                    default:
                        if EPCISJSON.isExtensionName(m.key) { doc.queryResultsExtensions.members.append(m) }
                        else { ctx.error(.fieldNotAllowed, "epcisBody.queryResults." + m.key, "queryResults has only queryName, subscriptionID, resultsBody and namespaced extensions") }
                    }
                }
                if doc.queryName.isEmpty { ctx.error(.missingField, "epcisBody.queryResults.queryName", "queryResults needs a queryName") }
                if !sawResults { ctx.error(.missingField, "epcisBody.queryResults.resultsBody", "queryResults needs a resultsBody") }
            } else if bo["queryResults"] == nil {
                ctx.error(.missingField, "epcisBody.queryResults", "an EPCISQueryDocument body needs queryResults")
            }
            for m in bo.members where m.key != "queryResults" {
                if EPCISJSON.isExtensionName(m.key) { doc.bodyExtensions.members.append(m) }
                else { ctx.error(.fieldNotAllowed, "epcisBody." + m.key, "epcisBody has only queryResults and namespaced extensions") }
            }
        }
        if !ctx.errors.isEmpty { throw EPCISErrors(ctx.errors) }
        self = doc
    }

    public func jsonValue() -> JSONValue {
        var o = EPCISJSON.commonJSON(type: "EPCISQueryDocument", context: context, schemaVersion: schemaVersion,
                                     creationDate: creationDate, header: epcisHeader, extensions: extensions)
        var qr = JSONObject()
        if let subscriptionID { qr.append("subscriptionID", .string(subscriptionID)) }
        qr.append("queryName", .string(queryName))
        var rb: JSONObject = ["eventList": .array(events.map { $0.jsonValue() })]
        if !vocabularyList.isEmpty { rb.append("vocabularyList", EPCISJSON.vocabulariesJSON(vocabularyList)) }
        rb.members += resultsBodyExtensions.members
        qr.append("resultsBody", .object(rb))
        qr.members += queryResultsExtensions.members
        var body: JSONObject = ["queryResults": .object(qr)]
        body.members += bodyExtensions.members
        o.append("epcisBody", .object(body))
        return .object(o)
    }

    public func jsonBytes(pretty: Bool = false) -> [UInt8] { jsonValue().jsonBytes(pretty: pretty) }
}
