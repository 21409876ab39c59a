import XML

// EPCIS XML binding, reading side: the event list and the five event types (plus EPCIS 1.x's
// QuantityEvent, upgraded). Field by field as in EPCglobal-epcis-2_0.xsd; 1.x wrappers are
// opened by `flattened`, so 1.2's <extension><quantityList>… reads like 2.0's <quantityList>.

extension XMLEPCISDecoder {
    static let eventTypes: [String: EventType] = [
        "ObjectEvent": .object, "AggregationEvent": .aggregation, "TransactionEvent": .transaction,
        "TransformationEvent": .transformation, "AssociationEvent": .association,
    ]

    mutating func eventList(_ l: XMLTree.Element) throws -> [EPCISEvent] {
        trail.append("EventList")
        defer { trail.removeLast() }
        var out: [EPCISEvent] = []
        // 1.x puts TransformationEvent (and 2.0 drafts AssociationEvent) inside <extension>.
        for e in Self.flattened(l) {
            let name = Self.standardName(e)
            guard let name, Self.eventTypes[name] != nil || name == "QuantityEvent" else {
                error(.unknownEventType, e, "<\(e.name.clark)> is not an EPCIS event type (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent)")
                continue
            }
            trail.append("\(name)[\(out.count)]")
            eventIndex = out.count
            if let ev = event(e, name) { out.append(ev) }
            eventIndex = nil
            eventID = nil
            trail.removeLast()
        }
        return out
    }

    /// The standard child elements an event may hold at most once.
    static let singleFields: Set<String> = [
        "eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "errorDeclaration", "epcList", "parentID",
        "childEPCs", "inputEPCList", "outputEPCList", "quantityList", "childQuantityList", "inputQuantityList",
        "outputQuantityList", "action", "transformationID", "bizStep", "disposition", "persistentDisposition",
        "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList", "ilmd",
    ]

    mutating func event(_ x: XMLTree.Element, _ name: String) -> EPCISEvent? {
        let isQuantityEvent = name == "QuantityEvent"
        var e = EPCISEvent(eventType: Self.eventTypes[name] ?? .object, eventTime: EPCISTimestamp(epochSeconds: 0), eventTimeZoneOffset: "")
        let children = Self.flattened(x)
        // eventID first, so every error about this event can name it.
        if let id = children.first(where: { Self.standardName($0) == "eventID" }) {
            eventID = id.trimmedText
        }
        checkSchemaOrder(x, name)
        for a in x.attributes {
            XMLExtensionMapping.merge(XMLExtensionMapping.attributeKey(a.name, prefixes: &prefixes), .string(a.value), into: &e.extensions)
        }
        var extensions = XMLExtensionMapping.Gathered(e.extensions)
        var seen = Set<String>()
        var sawTime = false, sawOffset = false
        var qeClass: String?, qeQuantity: EPCISNumber?
        for c in children {
            // Standard fields are unqualified in the schema; producers also qualify them with the
            // EPCIS namespace (a prefix, or a default namespace on the root): same field.
            guard let f = Self.standardName(c) else {
                extensions.append(c, prefixes: &prefixes)
                continue
            }
            if Self.singleFields.contains(f), !seen.insert(f).inserted {
                error(.invalidValue, c, "<\(f)> appears more than once")
                continue
            }
            switch f {
            case "eventTime": sawTime = true; if let t = timestamp(c) { e.eventTime = t }
            case "recordTime": e.recordTime = timestamp(c)
            case "eventTimeZoneOffset": sawOffset = true; e.eventTimeZoneOffset = text(c)
            case "eventID": e.eventID = text(c)
            case "certificationInfo": e.certificationInfo.append(text(c))
            case "errorDeclaration": e.errorDeclaration = errorDeclaration(c)
            case "epcList": e.epcList = epcs(c)
            case "parentID": e.parentID = text(c)
            case "childEPCs": e.childEPCs = epcs(c)
            case "inputEPCList": e.inputEPCList = epcs(c)
            case "outputEPCList": e.outputEPCList = epcs(c)
            case "quantityList": e.quantityList = quantities(c)
            case "childQuantityList": e.childQuantityList = quantities(c)
            case "inputQuantityList": e.inputQuantityList = quantities(c)
            case "outputQuantityList": e.outputQuantityList = quantities(c)
            case "action":
                let s = text(c)
                if let a = EPCISAction(rawValue: s) { e.action = a } else {
                    error(.invalidAction, c, "action '\(s)' is not ADD, OBSERVE or DELETE")
                }
            case "transformationID": e.transformationID = text(c)
            case "bizStep": e.bizStep = CBV.normalize(text(c), .bizStep)
            case "disposition": e.disposition = CBV.normalize(text(c), .disposition)
            case "persistentDisposition": e.persistentDisposition = persistentDisposition(c)
            case "readPoint": e.readPoint = location(c)
            case "bizLocation": e.bizLocation = location(c)
            case "bizTransactionList": e.bizTransactionList = bizTransactions(c)
            case "sourceList": e.sourceList = sourceDestinations(c, "source")
            case "destinationList": e.destinationList = sourceDestinations(c, "destination")
            case "sensorElementList": e.sensorElementList = sensorElements(c)
            case "ilmd": e.ilmd = ilmd(c)
            case "epcClass" where isQuantityEvent: qeClass = text(c)
            case "quantity" where isQuantityEvent: qeQuantity = number(text(c), "quantity", on: c)
            default:
                // Unqualified but unknown: not schema-valid, but kept rather than lost.
                extensions.append(c, prefixes: &prefixes)
            }
        }
        e.extensions = extensions.object
        if !sawTime { error(.missingField, x, "the event has no <eventTime>") }
        if !sawOffset { error(.missingField, x, "the event has no <eventTimeZoneOffset>") }
        if isQuantityEvent {
            // EPCIS 1.1 deprecated QuantityEvent in favour of an ObjectEvent with a quantityList.
            guard let qeClass else {
                error(.missingField, x, "a QuantityEvent needs an <epcClass>")
                return e
            }
            e.quantityList.append(QuantityElement(epcClass: qeClass, quantity: qeQuantity))
            if e.action == nil { e.action = .observe }
        }
        return e
    }

    mutating func epcs(_ l: XMLTree.Element) -> [String] {
        var out: [String] = []
        for c in l.elements {
            if Self.standardName(c) == "epc" { out.append(text(c)) }
            else { error(.fieldNotAllowed, c, "<\(l.name.local)> holds <epc> elements, not <\(c.name.qualified)>") }
        }
        return out
    }

    mutating func quantities(_ l: XMLTree.Element) -> [QuantityElement] {
        var out: [QuantityElement] = []
        for q in l.elements {
            guard Self.standardName(q) == "quantityElement" else {
                error(.fieldNotAllowed, q, "<\(l.name.local)> holds <quantityElement> elements, not <\(q.name.qualified)>")
                continue
            }
            var element = QuantityElement(epcClass: "")
            var sawClass = false
            for f in q.elements {
                switch Self.standardName(f) {
                case "epcClass": element.epcClass = text(f); sawClass = true
                case "quantity":
                    // nillable in the schema: <quantity xsi:nil="true"/> means "not given".
                    if f.attribute("nil", namespace: XMLNamespaces.xsi).map({ $0 == "true" || $0 == "1" }) == true { continue }
                    element.quantity = number(text(f), "quantity", on: f)
                case "uom": element.uom = text(f)
                default: error(.fieldNotAllowed, f, "a quantityElement has only epcClass, quantity and uom")
                }
            }
            if !sawClass { error(.missingField, q, "a quantityElement needs an <epcClass>") }
            out.append(element)
        }
        return out
    }

    mutating func location(_ l: XMLTree.Element) -> Location? {
        var loc = Location(id: "")
        var sawID = false
        var extensions = XMLExtensionMapping.Gathered()
        for c in Self.flattened(l) {
            if Self.standardName(c) == "id", !sawID {
                loc.id = text(c)
                sawID = true
            } else {
                extensions.append(c, prefixes: &prefixes)
            }
        }
        loc.extensions = extensions.object
        if !sawID { error(.missingField, l, "<\(l.name.local)> needs an <id>") }
        return loc
    }

    mutating func bizTransactions(_ l: XMLTree.Element) -> [BizTransaction] {
        var out: [BizTransaction] = []
        for c in l.elements {
            guard Self.standardName(c) == "bizTransaction" else {
                error(.fieldNotAllowed, c, "bizTransactionList holds <bizTransaction> elements, not <\(c.name.qualified)>")
                continue
            }
            let type = c.attribute("type").map { CBV.normalize($0.trimmingXMLWhitespace(), .bizTransactionType) }
            out.append(BizTransaction(type: type, value: text(c)))
        }
        return out
    }

    mutating func sourceDestinations(_ l: XMLTree.Element, _ item: String) -> [SourceDestination] {
        var out: [SourceDestination] = []
        for c in l.elements {
            guard Self.standardName(c) == item else {
                error(.fieldNotAllowed, c, "<\(l.name.local)> holds <\(item)> elements, not <\(c.name.qualified)>")
                continue
            }
            guard let type = c.attribute("type") else {
                error(.missingField, c, "<\(item)> needs a type attribute")
                continue
            }
            out.append(SourceDestination(type: CBV.normalize(type.trimmingXMLWhitespace(), .sourceDestinationType), value: text(c)))
        }
        return out
    }

    mutating func persistentDisposition(_ p: XMLTree.Element) -> PersistentDisposition {
        var out = PersistentDisposition()
        for c in p.elements {
            switch Self.standardName(c) {
            case "set": out.set.append(CBV.normalize(text(c), .disposition))
            case "unset": out.unset.append(CBV.normalize(text(c), .disposition))
            default: error(.fieldNotAllowed, c, "persistentDisposition has only <set> and <unset>")
            }
        }
        return out
    }

    mutating func ilmd(_ i: XMLTree.Element) -> JSONObject {
        var o = XMLExtensionMapping.Gathered()
        for c in Self.flattened(i) { o.append(c, prefixes: &prefixes) }
        return o.object
    }

    mutating func errorDeclaration(_ d: XMLTree.Element) -> ErrorDeclaration? {
        var out = ErrorDeclaration(declarationTime: EPCISTimestamp(epochSeconds: 0))
        var sawTime = false
        var extensions = XMLExtensionMapping.Gathered()
        for c in Self.flattened(d) {
            guard let field = Self.standardName(c) else {
                extensions.append(c, prefixes: &prefixes)
                continue
            }
            switch field {
            case "declarationTime":
                sawTime = true
                if let t = timestamp(c) { out.declarationTime = t }
            case "reason": out.reason = CBV.normalize(text(c), .errorReason)
            case "correctiveEventIDs":
                for id in c.elements {
                    if Self.standardName(id) == "correctiveEventID" { out.correctiveEventIDs.append(text(id)) }
                    else { error(.fieldNotAllowed, id, "correctiveEventIDs holds <correctiveEventID> elements only") }
                }
            default: extensions.append(c, prefixes: &prefixes)
            }
        }
        out.extensions = extensions.object
        if !sawTime { error(.missingField, d, "an errorDeclaration needs a <declarationTime>") }
        return out
    }

    // MARK: - Sensor data

    mutating func sensorElements(_ l: XMLTree.Element) -> [SensorElement] {
        var out: [SensorElement] = []
        for s in Self.flattened(l) {
            guard Self.standardName(s) == "sensorElement" else {
                error(.fieldNotAllowed, s, "sensorElementList holds <sensorElement> elements, not <\(s.name.qualified)>")
                continue
            }
            var element = SensorElement()
            var extensions = XMLExtensionMapping.Gathered()
            for c in Self.flattened(s) {
                switch Self.standardName(c) ?? "" {
                case "sensorMetadata":
                    if element.sensorMetadata != nil { error(.invalidValue, c, "<sensorMetadata> appears more than once") }
                    element.sensorMetadata = sensorMetadata(c)
                case "sensorReport": element.sensorReport.append(sensorReport(c))
                default: extensions.append(c, prefixes: &prefixes)
                }
            }
            element.extensions = extensions.object
            out.append(element)
        }
        return out
    }

    /// Extension attributes of sensorMetadata/sensorReport are plain members, as in JSON.
    mutating func sensorExtension(_ a: XMLTree.Attribute, into o: inout JSONObject) {
        XMLExtensionMapping.merge(prefixes.key(for: a.name), .string(a.value), into: &o)
    }

    mutating func sensorMetadata(_ m: XMLTree.Element) -> SensorMetadata {
        var md = SensorMetadata()
        for a in m.attributes {
            guard a.name.namespace.isEmpty else { sensorExtension(a, into: &md.extensions); continue }
            let v = a.value
            switch a.name.local {
            case "time": md.time = timestamp(attribute: v, "time", on: m)
            case "startTime": md.startTime = timestamp(attribute: v, "startTime", on: m)
            case "endTime": md.endTime = timestamp(attribute: v, "endTime", on: m)
            case "deviceID": md.deviceID = v.trimmingXMLWhitespace()
            case "deviceMetadata": md.deviceMetadata = v.trimmingXMLWhitespace()
            case "rawData": md.rawData = v.trimmingXMLWhitespace()
            case "dataProcessingMethod": md.dataProcessingMethod = v.trimmingXMLWhitespace()
            case "bizRules": md.bizRules = v.trimmingXMLWhitespace()
            default: sensorExtension(a, into: &md.extensions)
            }
        }
        sensorContent(m, into: &md.extensions)
        return md
    }

    mutating func sensorReport(_ r: XMLTree.Element) -> SensorReport {
        var out = SensorReport()
        for a in r.attributes {
            guard a.name.namespace.isEmpty else { sensorExtension(a, into: &out.extensions); continue }
            let v = a.value.trimmingXMLWhitespace()
            let n = a.name.local
            switch n {
            case "type": out.type = CBV.normalize(v, .measurementType)
            case "exception": out.exception = CBV.normalize(v, .sensorAlertType)
            case "deviceID": out.deviceID = v
            case "deviceMetadata": out.deviceMetadata = v
            case "rawData": out.rawData = v
            case "dataProcessingMethod": out.dataProcessingMethod = v
            case "bizRules": out.bizRules = v
            case "time": out.time = timestamp(attribute: v, "time", on: r)
            case "microorganism": out.microorganism = v
            case "chemicalSubstance": out.chemicalSubstance = v
            case "coordinateReferenceSystem": out.coordinateReferenceSystem = v
            case "value": out.value = number(v, n, on: r)
            case "component": out.component = CBV.normalize(v, .component)
            case "stringValue": out.stringValue = a.value
            case "booleanValue":
                switch v {
                case "true", "1": out.booleanValue = true
                case "false", "0": out.booleanValue = false
                default: error(.wrongType, r, "booleanValue '\(v)' is not true or false")
                }
            case "hexBinaryValue": out.hexBinaryValue = v
            case "uriValue": out.uriValue = v
            case "minValue": out.minValue = number(v, n, on: r)
            case "maxValue": out.maxValue = number(v, n, on: r)
            case "meanValue": out.meanValue = number(v, n, on: r)
            case "sDev": out.sDev = number(v, n, on: r)
            case "percRank": out.percRank = number(v, n, on: r)
            case "percValue": out.percValue = number(v, n, on: r)
            case "uom": out.uom = v
            default: sensorExtension(a, into: &out.extensions)
            }
        }
        sensorContent(r, into: &out.extensions)
        return out
    }

    /// sensorMetadata/sensorReport are attribute-only in the schema; text or elements inside
    /// them are kept as extensions rather than dropped.
    mutating func sensorContent(_ e: XMLTree.Element, into o: inout JSONObject) {
        if e.hasElementChildren {
            var gathered = XMLExtensionMapping.Gathered(o)
            for c in e.elements { gathered.append(c, prefixes: &prefixes) }
            o = gathered.object
        } else if !e.text.isXMLWhitespace {
            o.append(XMLExtensionMapping.textKey, .string(e.text))
        }
    }
}
