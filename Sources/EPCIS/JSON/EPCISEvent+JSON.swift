// EPCIS 2.0 JSON/JSON-LD binding of events (EPCIS 2.0 §10 and the JSON schema): every standard
// member maps to a model field; namespaced members go to `extensions`, keeping their order.

extension EPCISEvent {
    /// Decodes a single event object (e.g. a bare event document, which carries its own @context).
    public init(json bytes: some Collection<UInt8>) throws(EPCISErrors) {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch {
            throw EPCISErrors([EPCISError(.malformedDocument, field: "", message: error.description)])
        }
        try self.init(jsonValue: value)
    }

    public init(jsonValue: JSONValue) throws(EPCISErrors) {
        var ctx = JSONDecodeContext()
        ctx.eventIndex = 0
        guard case .object(let o) = jsonValue else {
            throw EPCISErrors([EPCISError(.wrongType, field: "", message: "an event must be a JSON object")])
        }
        let e = EPCISEvent.decode(o, &ctx)
        if let e, ctx.errors.isEmpty { self = e; return }
        throw EPCISErrors(ctx.errors)
    }

    /// Decodes one event object, recording problems in `ctx`; nil only when the event type is
    /// missing or unknown (then nothing about the event can be trusted).
    static func decode(_ o: JSONObject, _ ctx: inout JSONDecodeContext) -> EPCISEvent? {
        // eventID first so every error about this event can name it.
        ctx.eventID = o["eventID"]?.stringValue
        guard let typeValue = o["type"] else {
            ctx.error(.unknownEventType, "type", "the event has no \"type\"")
            return nil
        }
        guard let typeName = typeValue.stringValue, let type = EventType(rawValue: typeName) else {
            ctx.error(.unknownEventType, "type", "\(typeValue.stringValue.map { "'\($0)'" } ?? typeValue.typeName) is not one of "
                      + EventType.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        var e = EPCISEvent(eventType: type, eventTime: EPCISTimestamp.placeholder, eventTimeZoneOffset: "")
        var sawTime = false
        for m in o.members {
            let v = m.value
            switch m.key {
            case "type": break
            case "eventID": e.eventID = ctx.string(v, "eventID")
            case "eventTime":
                if let t = ctx.timestamp(v, "eventTime") { e.eventTime = t; sawTime = true } else { sawTime = true }
            case "eventTimeZoneOffset": e.eventTimeZoneOffset = ctx.string(v, "eventTimeZoneOffset") ?? ""
            case "recordTime": e.recordTime = ctx.timestamp(v, "recordTime")
            case "certificationInfo":
                if case .string(let s) = v { e.certificationInfo = [s] } else { e.certificationInfo = ctx.stringList(v, "certificationInfo") }
            case "errorDeclaration":
                if let d = ctx.object(v, "errorDeclaration") { e.errorDeclaration = decodeErrorDeclaration(d, &ctx) }
            case "epcList": e.epcList = ctx.stringList(v, "epcList")
            case "parentID": e.parentID = ctx.string(v, "parentID")
            case "childEPCs": e.childEPCs = ctx.stringList(v, "childEPCs")
            case "inputEPCList": e.inputEPCList = ctx.stringList(v, "inputEPCList")
            case "outputEPCList": e.outputEPCList = ctx.stringList(v, "outputEPCList")
            case "quantityList": e.quantityList = decodeQuantities(v, "quantityList", &ctx)
            case "childQuantityList": e.childQuantityList = decodeQuantities(v, "childQuantityList", &ctx)
            case "inputQuantityList": e.inputQuantityList = decodeQuantities(v, "inputQuantityList", &ctx)
            case "outputQuantityList": e.outputQuantityList = decodeQuantities(v, "outputQuantityList", &ctx)
            case "action":
                if let s = ctx.string(v, "action") {
                    if let a = EPCISAction(rawValue: s) { e.action = a } else {
                        ctx.error(.invalidAction, "action", "'\(s)' is not ADD, OBSERVE or DELETE")
                    }
                }
            case "transformationID": e.transformationID = ctx.string(v, "transformationID")
            case "bizStep": e.bizStep = ctx.vocab(v, .bizStep, "bizStep")
            case "disposition": e.disposition = ctx.vocab(v, .disposition, "disposition")
            case "persistentDisposition":
                if let p = ctx.object(v, "persistentDisposition") { e.persistentDisposition = decodePersistent(p, &ctx) }
            case "readPoint": e.readPoint = decodeLocation(v, "readPoint", &ctx)
            case "bizLocation": e.bizLocation = decodeLocation(v, "bizLocation", &ctx)
            case "bizTransactionList": e.bizTransactionList = decodeBizTransactions(v, &ctx)
            case "sourceList": e.sourceList = decodeSourceDest(v, "sourceList", "source", &ctx)
            case "destinationList": e.destinationList = decodeSourceDest(v, "destinationList", "destination", &ctx)
            case "sensorElementList": e.sensorElementList = decodeSensorElements(v, &ctx)
            case "ilmd": e.ilmd = ctx.object(v, "ilmd")
            case "@context": e.context = EPCISContext(value: v)
            default: e.extensions.members.append(m)
            }
        }
        if !sawTime { ctx.error(.missingField, "eventTime", "eventTime is required") }
        return e
    }

    static func decodeErrorDeclaration(_ o: JSONObject, _ ctx: inout JSONDecodeContext) -> ErrorDeclaration? {
        var d = ErrorDeclaration(declarationTime: EPCISTimestamp.placeholder)
        var sawTime = false
        for m in o.members {
            switch m.key {
            case "declarationTime":
                sawTime = true
                if let t = ctx.timestamp(m.value, "errorDeclaration.declarationTime") { d.declarationTime = t }
            case "reason": d.reason = ctx.vocab(m.value, .errorReason, "errorDeclaration.reason")
            case "correctiveEventIDs": d.correctiveEventIDs = ctx.stringList(m.value, "errorDeclaration.correctiveEventIDs")
            default: d.extensions.members.append(m)
            }
        }
        if !sawTime { ctx.error(.missingField, "errorDeclaration.declarationTime", "declarationTime is required in an errorDeclaration") }
        return d
    }

    static func decodeQuantities(_ v: JSONValue, _ field: String, _ ctx: inout JSONDecodeContext) -> [QuantityElement] {
        guard let a = ctx.array(v, field) else { return [] }
        var out: [QuantityElement] = []
        out.reserveCapacity(a.count)
        for (k, item) in a.enumerated() {
            guard let o = ctx.object(item, "\(field)[\(k)]") else { continue }
            var q = QuantityElement(epcClass: "")
            for m in o.members {
                switch m.key {
                case "epcClass": q.epcClass = ctx.string(m.value, "\(field)[\(k)].epcClass") ?? ""
                case "quantity": q.quantity = ctx.number(m.value, "\(field)[\(k)].quantity")
                case "uom": q.uom = ctx.string(m.value, "\(field)[\(k)].uom")
                default: ctx.error(.fieldNotAllowed, "\(field)[\(k)].\(m.key)", "a quantity element has only epcClass, quantity and uom")
                }
            }
            out.append(q)
        }
        return out
    }

    static func decodePersistent(_ o: JSONObject, _ ctx: inout JSONDecodeContext) -> PersistentDisposition {
        var p = PersistentDisposition()
        for m in o.members {
            switch m.key {
            case "set": p.set = ctx.stringList(m.value, "persistentDisposition.set").map { CBV.normalize($0, .disposition) }
            case "unset": p.unset = ctx.stringList(m.value, "persistentDisposition.unset").map { CBV.normalize($0, .disposition) }
            default: ctx.error(.fieldNotAllowed, "persistentDisposition.\(m.key)", "persistentDisposition has only set and unset")
            }
        }
        return p
    }

    static func decodeLocation(_ v: JSONValue, _ field: String, _ ctx: inout JSONDecodeContext) -> Location? {
        guard let o = ctx.object(v, field) else { return nil }
        var l = Location(id: "")
        var sawID = false
        for m in o.members {
            if m.key == "id" {
                sawID = true
                l.id = ctx.string(m.value, field + ".id") ?? ""
            } else {
                l.extensions.members.append(m)
            }
        }
        if !sawID { ctx.error(.missingField, field + ".id", "\(field) needs an id") }
        return l
    }

    static func decodeBizTransactions(_ v: JSONValue, _ ctx: inout JSONDecodeContext) -> [BizTransaction] {
        guard let a = ctx.array(v, "bizTransactionList") else { return [] }
        var out: [BizTransaction] = []
        for (k, item) in a.enumerated() {
            guard let o = ctx.object(item, "bizTransactionList[\(k)]") else { continue }
            var t = BizTransaction(value: "")
            for m in o.members {
                switch m.key {
                case "type": t.type = ctx.vocab(m.value, .bizTransactionType, "bizTransactionList[\(k)].type")
                case "bizTransaction": t.value = ctx.string(m.value, "bizTransactionList[\(k)].bizTransaction") ?? ""
                default: ctx.error(.fieldNotAllowed, "bizTransactionList[\(k)].\(m.key)", "a bizTransaction has only type and bizTransaction")
                }
            }
            out.append(t)
        }
        return out
    }

    static func decodeSourceDest(_ v: JSONValue, _ field: String, _ key: String, _ ctx: inout JSONDecodeContext) -> [SourceDestination] {
        guard let a = ctx.array(v, field) else { return [] }
        var out: [SourceDestination] = []
        for (k, item) in a.enumerated() {
            guard let o = ctx.object(item, "\(field)[\(k)]") else { continue }
            var s = SourceDestination(type: "", value: "")
            for m in o.members {
                switch m.key {
                case "type": s.type = ctx.vocab(m.value, .sourceDestinationType, "\(field)[\(k)].type") ?? ""
                case key: s.value = ctx.string(m.value, "\(field)[\(k)].\(key)") ?? ""
                default: ctx.error(.fieldNotAllowed, "\(field)[\(k)].\(m.key)", "a \(key) entry has only type and \(key)")
                }
            }
            out.append(s)
        }
        return out
    }

    static func decodeSensorElements(_ v: JSONValue, _ ctx: inout JSONDecodeContext) -> [SensorElement] {
        guard let a = ctx.array(v, "sensorElementList") else { return [] }
        var out: [SensorElement] = []
        for (k, item) in a.enumerated() {
            let path = "sensorElementList[\(k)]"
            guard let o = ctx.object(item, path) else { continue }
            var s = SensorElement()
            for m in o.members {
                switch m.key {
                case "sensorMetadata":
                    if let md = ctx.object(m.value, path + ".sensorMetadata") { s.sensorMetadata = decodeSensorMetadata(md, path + ".sensorMetadata", &ctx) }
                case "sensorReport":
                    if let reports = ctx.array(m.value, path + ".sensorReport") {
                        for (r, rv) in reports.enumerated() {
                            if let ro = ctx.object(rv, path + ".sensorReport[\(r)]") {
                                s.sensorReport.append(decodeSensorReport(ro, path + ".sensorReport[\(r)]", &ctx))
                            }
                        }
                    }
                default: s.extensions.members.append(m)
                }
            }
            out.append(s)
        }
        return out
    }

    static func decodeSensorMetadata(_ o: JSONObject, _ path: String, _ ctx: inout JSONDecodeContext) -> SensorMetadata {
        var md = SensorMetadata()
        for m in o.members {
            let v = m.value
            switch m.key {
            case "time": md.time = ctx.timestamp(v, path + ".time")
            case "startTime": md.startTime = ctx.timestamp(v, path + ".startTime")
            case "endTime": md.endTime = ctx.timestamp(v, path + ".endTime")
            case "deviceID": md.deviceID = ctx.string(v, path + ".deviceID")
            case "deviceMetadata": md.deviceMetadata = ctx.string(v, path + ".deviceMetadata")
            case "rawData": md.rawData = ctx.string(v, path + ".rawData")
            case "dataProcessingMethod": md.dataProcessingMethod = ctx.string(v, path + ".dataProcessingMethod")
            case "bizRules": md.bizRules = ctx.string(v, path + ".bizRules")
            default: md.extensions.members.append(m)
            }
        }
        return md
    }

    static func decodeSensorReport(_ o: JSONObject, _ path: String, _ ctx: inout JSONDecodeContext) -> SensorReport {
        var r = SensorReport()
        for m in o.members {
            let v = m.value
            let f = { path + "." + m.key }
            switch m.key {
            case "type": r.type = ctx.vocab(v, .measurementType, f())
            case "exception": r.exception = ctx.vocab(v, .sensorAlertType, f())
            case "deviceID": r.deviceID = ctx.string(v, f())
            case "deviceMetadata": r.deviceMetadata = ctx.string(v, f())
            case "rawData": r.rawData = ctx.string(v, f())
            case "dataProcessingMethod": r.dataProcessingMethod = ctx.string(v, f())
            case "bizRules": r.bizRules = ctx.string(v, f())
            case "time": r.time = ctx.timestamp(v, f())
            case "microorganism": r.microorganism = ctx.string(v, f())
            case "chemicalSubstance": r.chemicalSubstance = ctx.string(v, f())
            case "coordinateReferenceSystem": r.coordinateReferenceSystem = ctx.string(v, f())
            case "value": r.value = ctx.number(v, f())
            case "component": r.component = ctx.vocab(v, .component, f())
            case "stringValue": r.stringValue = ctx.string(v, f())
            case "booleanValue": r.booleanValue = ctx.bool(v, f())
            case "hexBinaryValue": r.hexBinaryValue = ctx.string(v, f())
            case "uriValue": r.uriValue = ctx.string(v, f())
            case "minValue": r.minValue = ctx.number(v, f())
            case "maxValue": r.maxValue = ctx.number(v, f())
            case "meanValue": r.meanValue = ctx.number(v, f())
            case "sDev": r.sDev = ctx.number(v, f())
            case "percRank": r.percRank = ctx.number(v, f())
            case "percValue": r.percValue = ctx.number(v, f())
            case "uom": r.uom = ctx.string(v, f())
            default: r.extensions.members.append(m)
            }
        }
        return r
    }
}

extension EPCISEvent {
    /// The EPCIS 2.0 JSON form: standard values as compact CBV terms, lists omitted when empty,
    /// extensions after the standard members.
    public func jsonValue() -> JSONValue { .object(jsonObject()) }

    public func jsonBytes(pretty: Bool = false) -> [UInt8] { jsonValue().jsonBytes(pretty: pretty) }

    func jsonObject() -> JSONObject {
        var o = JSONObject()
        o.members.reserveCapacity(16 + extensions.count)
        if let context { o.append("@context", context.value) }
        o.append("type", .string(eventType.rawValue))
        if let eventID { o.append("eventID", .string(eventID)) }
        o.append("eventTime", .string(eventTime.lexical))
        o.append("eventTimeZoneOffset", .string(eventTimeZoneOffset))
        if let recordTime { o.append("recordTime", .string(recordTime.lexical)) }
        if !certificationInfo.isEmpty {
            o.append("certificationInfo", certificationInfo.count == 1 ? .string(certificationInfo[0]) : .array(certificationInfo.map { .string($0) }))
        }
        if let d = errorDeclaration {
            var eo = JSONObject()
            eo.append("declarationTime", .string(d.declarationTime.lexical))
            if let r = d.reason { eo.append("reason", .string(CBV.normalize(r, .errorReason))) }
            if !d.correctiveEventIDs.isEmpty { eo.append("correctiveEventIDs", .array(d.correctiveEventIDs.map { .string($0) })) }
            eo.members += d.extensions.members
            o.append("errorDeclaration", .object(eo))
        }
        if let parentID { o.append("parentID", .string(parentID)) }
        func list(_ key: String, _ l: [String]) { if !l.isEmpty { o.append(key, .array(l.map { .string($0) })) } }
        func quantities(_ key: String, _ l: [QuantityElement]) {
            guard !l.isEmpty else { return }
            o.append(key, .array(l.map { q in
                var qo = JSONObject([JSONMember("epcClass", .string(q.epcClass))])
                if let n = q.quantity { qo.append("quantity", .number(n.jsonLexical)) }
                if let u = q.uom { qo.append("uom", .string(u)) }
                return .object(qo)
            }))
        }
        list("epcList", epcList)
        list("childEPCs", childEPCs)
        list("inputEPCList", inputEPCList)
        list("outputEPCList", outputEPCList)
        if let action { o.append("action", .string(action.rawValue)) }
        if let transformationID { o.append("transformationID", .string(transformationID)) }
        if let bizStep { o.append("bizStep", .string(CBV.normalize(bizStep, .bizStep))) }
        if let disposition { o.append("disposition", .string(CBV.normalize(disposition, .disposition))) }
        if let p = persistentDisposition {
            var po = JSONObject()
            if !p.set.isEmpty { po.append("set", .array(p.set.map { .string(CBV.normalize($0, .disposition)) })) }
            if !p.unset.isEmpty { po.append("unset", .array(p.unset.map { .string(CBV.normalize($0, .disposition)) })) }
            o.append("persistentDisposition", .object(po))
        }
        if let readPoint { o.append("readPoint", Self.locationJSON(readPoint)) }
        if let bizLocation { o.append("bizLocation", Self.locationJSON(bizLocation)) }
        if !bizTransactionList.isEmpty {
            o.append("bizTransactionList", .array(bizTransactionList.map { t in
                var to = JSONObject()
                if let ty = t.type { to.append("type", .string(CBV.normalize(ty, .bizTransactionType))) }
                to.append("bizTransaction", .string(t.value))
                return .object(to)
            }))
        }
        quantities("quantityList", quantityList)
        quantities("childQuantityList", childQuantityList)
        quantities("inputQuantityList", inputQuantityList)
        quantities("outputQuantityList", outputQuantityList)
        func sourceDest(_ key: String, _ valueKey: String, _ l: [SourceDestination]) {
            guard !l.isEmpty else { return }
            o.append(key, .array(l.map { s in
                .object(JSONObject([JSONMember("type", .string(CBV.normalize(s.type, .sourceDestinationType))),
                                    JSONMember(valueKey, .string(s.value))]))
            }))
        }
        sourceDest("sourceList", "source", sourceList)
        sourceDest("destinationList", "destination", destinationList)
        if !sensorElementList.isEmpty { o.append("sensorElementList", .array(sensorElementList.map(Self.sensorElementJSON))) }
        if let ilmd { o.append("ilmd", .object(ilmd)) }
        o.members += extensions.members
        return o
    }

    static func locationJSON(_ l: Location) -> JSONValue {
        var o = JSONObject([JSONMember("id", .string(l.id))])
        o.members += l.extensions.members
        return .object(o)
    }

    static func sensorElementJSON(_ s: SensorElement) -> JSONValue {
        var o = JSONObject()
        if let md = s.sensorMetadata {
            var mo = JSONObject()
            func put(_ k: String, _ v: String?) { if let v { mo.append(k, .string(v)) } }
            put("time", md.time?.lexical)
            put("startTime", md.startTime?.lexical)
            put("endTime", md.endTime?.lexical)
            put("deviceID", md.deviceID)
            put("deviceMetadata", md.deviceMetadata)
            put("rawData", md.rawData)
            put("dataProcessingMethod", md.dataProcessingMethod)
            put("bizRules", md.bizRules)
            mo.members += md.extensions.members
            o.append("sensorMetadata", .object(mo))
        }
        o.append("sensorReport", .array(s.sensorReport.map { r in
            var ro = JSONObject()
            func put(_ k: String, _ v: String?) { if let v { ro.append(k, .string(v)) } }
            func num(_ k: String, _ v: EPCISNumber?) { if let v { ro.append(k, .number(v.jsonLexical)) } }
            put("type", r.type.map { CBV.normalize($0, .measurementType) })
            put("exception", r.exception.map { CBV.normalize($0, .sensorAlertType) })
            put("deviceID", r.deviceID)
            put("deviceMetadata", r.deviceMetadata)
            put("rawData", r.rawData)
            put("dataProcessingMethod", r.dataProcessingMethod)
            put("bizRules", r.bizRules)
            put("time", r.time?.lexical)
            put("microorganism", r.microorganism)
            put("chemicalSubstance", r.chemicalSubstance)
            put("coordinateReferenceSystem", r.coordinateReferenceSystem)
            num("value", r.value)
            put("component", r.component.map { CBV.normalize($0, .component) })
            put("stringValue", r.stringValue)
            if let b = r.booleanValue { ro.append("booleanValue", .bool(b)) }
            put("hexBinaryValue", r.hexBinaryValue)
            put("uriValue", r.uriValue)
            num("minValue", r.minValue)
            num("maxValue", r.maxValue)
            num("meanValue", r.meanValue)
            num("sDev", r.sDev)
            num("percRank", r.percRank)
            num("percValue", r.percValue)
            put("uom", r.uom)
            ro.members += r.extensions.members
            return .object(ro)
        }))
        o.members += s.extensions.members
        return .object(o)
    }
}

extension EPCISNumber {
    /// The number as JSON may write it. `lexical` keeps the source's spelling, and an XML decimal
    /// may be spelt "+5", "06.7", ".5" or "5.", none of which is a JSON number; those are
    /// rewritten with the same digits ("5", "6.7", "0.5", "5").
    var jsonLexical: String {
        if XMLExtensionMapping.isJSONNumber(lexical) { return lexical }
        var rest = Array(lexical.utf8)[...]
        var out: [UInt8] = []
        if rest.first == 0x2B { rest = rest.dropFirst() } else if rest.first == 0x2D { out.append(0x2D); rest = rest.dropFirst() }
        let whole = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
        rest = rest.dropFirst(whole.count)
        var fraction: ArraySlice<UInt8> = []
        if rest.first == 0x2E {
            rest = rest.dropFirst()
            fraction = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
            rest = rest.dropFirst(fraction.count)
        }
        let significant = whole.drop { $0 == 0x30 }
        out += significant.isEmpty ? [0x30] : Array(significant)
        if !fraction.isEmpty { out.append(0x2E); out += fraction }
        out += rest  // the exponent, whose sign and leading zeros JSON allows
        let text = String(decoding: out, as: UTF8.self)
        return XMLExtensionMapping.isJSONNumber(text) ? text : EPCISNumber(value).lexical
    }
}
