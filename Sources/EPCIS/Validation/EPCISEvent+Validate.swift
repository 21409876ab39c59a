import Foundation

// Semantic validation of one event against EPCIS 2.0 (§7.4 event types, §8 identifiers) and
// CBV 2.0 (vocabulary values). Every rule reports and moves on, so one pass lists everything.

extension EPCISEvent {
    /// All problems with this event; `index` is its position in the document, used in errors.
    /// `now` bounds how far in the future a time may lie (see EventValidator+Dates). Extension
    /// prefixes resolve through the event's own @context and the standard one; events of a
    /// document are validated by the document, which knows its prefixes too.
    public func validate(index: Int? = nil, now: Date = Date()) -> [EPCISError] {
        validate(index: index, now: now, documentContext: nil)
    }

    /// The same, for an event of a document whose @context (`documentContext`) declares the
    /// prefixes its extension keys use, so cbvmda-like attributes are recognised under any prefix.
    public func validate(index: Int?, now: Date, documentContext: EPCISContext?) -> [EPCISError] {
        var v = EventValidator(event: self, index: index, now: now, documentContext: documentContext)
        v.run()
        return v.errors
    }

    /// True when `validate()` finds nothing.
    public var isValid: Bool { validate().isEmpty }
}

struct EventValidator {
    let e: EPCISEvent
    let index: Int?
    let now: Date
    /// The enclosing document's @context, for recognising CBV master-data attributes whatever
    /// their prefix (looked up only for ILMD keys, off the common path).
    let documentContext: EPCISContext?
    var errors: [EPCISError] = []

    init(event: EPCISEvent, index: Int?, now: Date, documentContext: EPCISContext?) {
        e = event
        self.index = index
        self.now = now
        self.documentContext = documentContext
    }

    mutating func fail(_ code: EPCISError.Code, _ field: String, _ message: String) {
        errors.append(EPCISError(code, eventIndex: index, eventID: e.eventID, field: field, message: message))
    }

    var typeName: String { e.eventType.rawValue }

    mutating func run() {
        checkCommon()
        checkShape()
        checkWhat()
        checkWhy()
        checkWhere()
        checkSensors()
        checkExtensions(e.extensions, "")
    }

    // MARK: when

    mutating func checkTimestamp(_ t: EPCISTimestamp?, _ field: String) {
        guard let t, !t.lexical.isEmpty else { return }
        if t.offsetSeconds == nil {
            fail(.missingTimeZone, field, "'\(t.lexical)' has no time zone; add Z or an offset such as +07:00")
        }
        checkTimeWindow(t, field)
    }

    mutating func checkCommon() {
        checkTimestamp(e.eventTime, "eventTime")
        checkTimestamp(e.recordTime, "recordTime")
        if e.eventTimeZoneOffset.isEmpty {
            fail(.missingField, "eventTimeZoneOffset", "eventTimeZoneOffset is required (e.g. +07:00)")
        } else if !Self.isTimeZoneOffset(e.eventTimeZoneOffset) {
            fail(.invalidTimeZoneOffset, "eventTimeZoneOffset", "'\(e.eventTimeZoneOffset)' is not ±hh:mm between -14:00 and +14:00")
        }
        if let id = e.eventID, !EPCISIdentifier.isURI(id) {
            fail(.invalidURI, "eventID", "'\(id)' is not a URI (use ni:///sha-256;…?ver=CBV2.0 or urn:uuid:…)")
        }
        for (k, c) in e.certificationInfo.enumerated() where !EPCISIdentifier.isURI(c) {
            fail(.invalidURI, "certificationInfo[\(k)]", "'\(c)' is not a URI")
        }
        if let d = e.errorDeclaration {
            checkTimestamp(d.declarationTime, "errorDeclaration.declarationTime")
            if let r = d.reason { checkVocab(r, .errorReason, "errorDeclaration.reason") }
            for (k, id) in d.correctiveEventIDs.enumerated() where !EPCISIdentifier.isURI(id) {
                fail(.invalidURI, "errorDeclaration.correctiveEventIDs[\(k)]", "'\(id)' is not an event ID URI")
            }
            checkExtensions(d.extensions, "errorDeclaration.")
        }
    }

    /// ±hh:mm with hh:mm in 00:00...14:00, as the EPCIS JSON schema's pattern.
    static func isTimeZoneOffset(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 6, u[0] == 0x2B || u[0] == 0x2D, u[3] == 0x3A else { return false }
        func d(_ i: Int) -> Int? { u[i] >= 48 && u[i] <= 57 ? Int(u[i] - 48) : nil }
        guard let h1 = d(1), let h2 = d(2), let m1 = d(4), let m2 = d(5) else { return false }
        let h = h1 * 10 + h2, m = m1 * 10 + m2
        return m <= 59 && (h < 14 || (h == 14 && m == 0))
    }

    // MARK: which fields each type has

    mutating func notAllowed(_ present: Bool, _ field: String) {
        if present { fail(.fieldNotAllowed, field, "\(typeName) has no \(field)") }
    }

    mutating func checkShape() {
        let t = e.eventType
        // action: required for all types except TransformationEvent, which must not have one.
        if t == .transformation {
            notAllowed(e.action != nil, "action")
        } else if e.action == nil {
            fail(.missingField, "action", "\(typeName) requires action (ADD, OBSERVE or DELETE)")
        }
        let instanceLists: Set<EventType> = [.object, .transaction]
        let childLists: Set<EventType> = [.aggregation, .association]
        notAllowed(!instanceLists.contains(t) && !e.epcList.isEmpty, "epcList")
        notAllowed(!instanceLists.contains(t) && !e.quantityList.isEmpty, "quantityList")
        notAllowed(!childLists.contains(t) && !e.childEPCs.isEmpty, "childEPCs")
        notAllowed(!childLists.contains(t) && !e.childQuantityList.isEmpty, "childQuantityList")
        notAllowed(t != .transformation && !e.inputEPCList.isEmpty, "inputEPCList")
        notAllowed(t != .transformation && !e.inputQuantityList.isEmpty, "inputQuantityList")
        notAllowed(t != .transformation && !e.outputEPCList.isEmpty, "outputEPCList")
        notAllowed(t != .transformation && !e.outputQuantityList.isEmpty, "outputQuantityList")
        notAllowed(t != .transformation && e.transformationID != nil, "transformationID")
        notAllowed((t == .object || t == .transformation) && e.parentID != nil, "parentID")
        // persistentDisposition is in every event type's sequence in EPCglobal-epcis-2_0.xsd.
        notAllowed(t != .object && t != .transformation && e.ilmd != nil, "ilmd")

        switch t {
        case .object:
            // EPCIS 2.0 §7.4.2 / JSON schema: what is observed must be said, unless the event
            // only carries sensor data from a read point.
            if e.epcList.isEmpty && e.quantityList.isEmpty && (e.sensorElementList.isEmpty || e.readPoint == nil) {
                fail(.missingField, "epcList", "ObjectEvent needs a non-empty epcList or quantityList (or sensorElementList with a readPoint)")
            }
            if e.ilmd != nil && e.action != .add {
                fail(.fieldNotAllowed, "ilmd", "ilmd is only allowed in an ObjectEvent whose action is ADD")
            }
        case .aggregation:
            if e.action != .observe, e.action != nil, e.parentID == nil {
                fail(.missingField, "parentID", "AggregationEvent with action \(e.action!.rawValue) requires parentID")
            }
            if e.action != .delete && e.childEPCs.isEmpty && e.childQuantityList.isEmpty {
                fail(.missingField, "childEPCs", "AggregationEvent needs childEPCs or childQuantityList unless action is DELETE")
            }
        case .association:
            if e.parentID == nil { fail(.missingField, "parentID", "AssociationEvent requires parentID") }
            if e.action != .delete && e.childEPCs.isEmpty && e.childQuantityList.isEmpty {
                fail(.missingField, "childEPCs", "AssociationEvent needs childEPCs or childQuantityList unless action is DELETE")
            }
        case .transaction:
            if e.bizTransactionList.isEmpty {
                fail(.missingField, "bizTransactionList", "TransactionEvent requires at least one bizTransaction")
            }
            if e.action != .delete && e.epcList.isEmpty && e.quantityList.isEmpty {
                fail(.missingField, "epcList", "TransactionEvent needs epcList or quantityList unless action is DELETE")
            }
        case .transformation:
            let hasInput = !e.inputEPCList.isEmpty || !e.inputQuantityList.isEmpty
            let hasOutput = !e.outputEPCList.isEmpty || !e.outputQuantityList.isEmpty
            // EPCIS 2.0 §7.4.6: inputs and outputs, except that events sharing a
            // transformationID may each carry only part of them.
            if e.transformationID == nil {
                if !hasInput { fail(.missingField, "inputEPCList", "TransformationEvent needs inputEPCList or inputQuantityList (or a transformationID)") }
                if !hasOutput { fail(.missingField, "outputEPCList", "TransformationEvent needs outputEPCList or outputQuantityList (or a transformationID)") }
            } else if !hasInput && !hasOutput {
                fail(.missingField, "inputEPCList", "TransformationEvent needs at least one input or output")
            }
        }
    }

    // MARK: what

    mutating func checkWhat() {
        func epcs(_ list: [String], _ field: String) {
            for (k, s) in list.enumerated() {
                if let p = EPCISIdentifier.instanceProblem(s) { fail(.invalidIdentifier, "\(field)[\(k)]", p) }
            }
        }
        epcs(e.epcList, "epcList")
        epcs(e.childEPCs, "childEPCs")
        epcs(e.inputEPCList, "inputEPCList")
        epcs(e.outputEPCList, "outputEPCList")
        if let p = e.parentID, let problem = EPCISIdentifier.instanceProblem(p) {
            fail(.invalidIdentifier, "parentID", problem)
        }
        checkQuantities(e.quantityList, "quantityList")
        checkQuantities(e.childQuantityList, "childQuantityList")
        checkQuantities(e.inputQuantityList, "inputQuantityList")
        checkQuantities(e.outputQuantityList, "outputQuantityList")
        if let id = e.transformationID, !EPCISIdentifier.isURI(id) {
            fail(.invalidURI, "transformationID", "'\(id)' is not a URI")
        }
        if let ilmd = e.ilmd {
            checkExtensions(ilmd, "ilmd.")
            checkMasterDataDates(ilmd)
        }
    }

    mutating func checkQuantities(_ list: [QuantityElement], _ field: String) {
        for (k, q) in list.enumerated() {
            let f = "\(field)[\(k)]"
            if q.epcClass.isEmpty {
                fail(.missingField, f + ".epcClass", "a quantity element needs epcClass")
            } else if let p = EPCISIdentifier.classProblem(q.epcClass) {
                fail(.invalidClassIdentifier, f + ".epcClass", p)
            }
            if let n = q.quantity, n.value < 0 || !n.value.isFinite {
                fail(.invalidQuantity, f + ".quantity", "quantity \(n.lexical) must be a non-negative number")
            }
            if let u = q.uom {
                if !Self.isUOM(u) { fail(.invalidUOM, f + ".uom", "'\(u)' is not a UN/ECE Rec 20 unit code (2–3 uppercase letters or digits, e.g. KGM)") }
                if q.quantity == nil { fail(.missingField, f + ".quantity", "uom is only allowed together with quantity") }
            } else if let n = q.quantity, n.value != n.value.rounded() {
                // Without uom the quantity counts items (EPCIS 2.0 §7.3.3.3), so it must be whole.
                fail(.invalidQuantity, f + ".quantity", "quantity \(n.lexical) without uom counts items and must be a whole number")
            }
        }
    }

    /// UN/ECE Recommendation 20 codes are 2–3 characters A–Z, 0–9 (the schema's pattern).
    static func isUOM(_ s: String) -> Bool {
        let u = s.utf8
        return (2...3).contains(u.count) && u.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    // MARK: why

    mutating func checkVocab(_ value: String, _ vocabulary: CBV.Vocabulary, _ field: String) {
        if vocabulary.terms.contains(value) || CBV.isLegacyTerm(value, vocabulary) { return }
        if value.isEmpty {
            fail(.missingField, field, "\(field) is empty")
        } else if CBV.isInReservedNamespace(value, vocabulary) {
            fail(.invalidVocabulary, field, "'\(value)' is not a \(vocabulary.rawValue) in CBV 2.0")
        } else if !value.utf8.contains(0x3A) {
            fail(.invalidVocabulary, field, "'\(value)' is not a CBV 2.0 \(vocabulary.rawValue); non-standard values must be URIs")
        } else if !EPCISIdentifier.isURI(value) {
            fail(.invalidVocabulary, field, "'\(value)' is not a URI")
        }
    }

    mutating func checkWhy() {
        if let b = e.bizStep { checkVocab(b, .bizStep, "bizStep") }
        if let d = e.disposition { checkVocab(d, .disposition, "disposition") }
        if let p = e.persistentDisposition {
            if p.set.isEmpty && p.unset.isEmpty {
                fail(.missingField, "persistentDisposition", "persistentDisposition needs set or unset")
            }
            for (k, d) in p.set.enumerated() { checkVocab(d, .disposition, "persistentDisposition.set[\(k)]") }
            for (k, d) in p.unset.enumerated() { checkVocab(d, .disposition, "persistentDisposition.unset[\(k)]") }
            if Set(p.set).count != p.set.count { fail(.invalidValue, "persistentDisposition.set", "repeated disposition") }
            if Set(p.unset).count != p.unset.count { fail(.invalidValue, "persistentDisposition.unset", "repeated disposition") }
            for d in Set(p.set).intersection(p.unset) {
                fail(.invalidValue, "persistentDisposition", "'\(d)' is both set and unset")
            }
        }
    }

    // MARK: where

    mutating func checkLocation(_ l: Location?, _ field: String) {
        guard let l else { return }
        if l.id.isEmpty {
            fail(.missingField, field + ".id", "\(field) needs an id (an SGLN such as urn:epc:id:sgln:… or a Digital Link with /414/)")
        } else if let p = EPCISIdentifier.uriProblem(l.id) {
            fail(.invalidIdentifier, field + ".id", p)
        }
        checkExtensions(l.extensions, field + ".")
    }

    mutating func checkWhere() {
        checkLocation(e.readPoint, "readPoint")
        checkLocation(e.bizLocation, "bizLocation")
        for (k, t) in e.bizTransactionList.enumerated() {
            let f = "bizTransactionList[\(k)]"
            if let ty = t.type { checkVocab(ty, .bizTransactionType, f + ".type") }
            if t.value.isEmpty { fail(.missingField, f + ".bizTransaction", "a bizTransaction needs its identifier") }
            else if let p = EPCISIdentifier.uriProblem(t.value) { fail(.invalidIdentifier, f + ".bizTransaction", p) }
        }
        for (list, name, key) in [(e.sourceList, "sourceList", "source"), (e.destinationList, "destinationList", "destination")] {
            for (k, s) in list.enumerated() {
                let f = "\(name)[\(k)]"
                if s.type.isEmpty { fail(.missingField, f + ".type", "a \(key) needs a type") } else { checkVocab(s.type, .sourceDestinationType, f + ".type") }
                if s.value.isEmpty { fail(.missingField, f + "." + key, "a \(key) needs an identifier") }
                else if let p = EPCISIdentifier.uriProblem(s.value) { fail(.invalidIdentifier, f + "." + key, p) }
            }
        }
    }

    // MARK: how

    mutating func checkSensors() {
        for (k, s) in e.sensorElementList.enumerated() {
            let f = "sensorElementList[\(k)]"
            if let md = s.sensorMetadata {
                checkTimestamp(md.time, f + ".sensorMetadata.time")
                checkTimestamp(md.startTime, f + ".sensorMetadata.startTime")
                checkTimestamp(md.endTime, f + ".sensorMetadata.endTime")
                if let a = md.startTime, let b = md.endTime, b < a {
                    fail(.invalidValue, f + ".sensorMetadata.endTime", "endTime is before startTime")
                }
                for (name, value) in [("deviceID", md.deviceID), ("deviceMetadata", md.deviceMetadata), ("rawData", md.rawData),
                                      ("dataProcessingMethod", md.dataProcessingMethod), ("bizRules", md.bizRules)] {
                    if let value, !EPCISIdentifier.isURI(value) { fail(.invalidURI, f + ".sensorMetadata." + name, "'\(value)' is not a URI") }
                }
                checkExtensions(md.extensions, f + ".sensorMetadata.")
            }
            if s.sensorReport.isEmpty { fail(.missingField, f + ".sensorReport", "a sensorElement needs at least one sensorReport") }
            for (r, rep) in s.sensorReport.enumerated() { checkReport(rep, f + ".sensorReport[\(r)]") }
            checkExtensions(s.extensions, f + ".")
        }
    }

    mutating func checkReport(_ r: SensorReport, _ f: String) {
        if let t = r.type { checkVocab(t, .measurementType, f + ".type") }
        else if r.exception == nil { fail(.missingField, f + ".type", "a sensorReport needs a measurement type (e.g. Temperature)") }
        if let x = r.exception { checkVocab(x, .sensorAlertType, f + ".exception") }
        if let c = r.component { checkVocab(c, .component, f + ".component") }
        checkTimestamp(r.time, f + ".time")
        if let u = r.uom, !Self.isUOM(u) {
            fail(.invalidUOM, f + ".uom", "'\(u)' is not a UN/ECE Rec 20 unit code (e.g. CEL)")
        }
        if let h = r.hexBinaryValue, h.utf8.count % 2 != 0 || !h.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 70) || ($0 >= 97 && $0 <= 102) }) {
            fail(.invalidValue, f + ".hexBinaryValue", "'\(h)' is not hexBinary (pairs of hex digits)")
        }
        if let p = r.percRank, p.value < 0 || p.value > 100 {
            fail(.invalidValue, f + ".percRank", "percRank \(p.lexical) must be between 0 and 100")
        }
        if let a = r.minValue, let b = r.maxValue, b.value < a.value {
            fail(.invalidValue, f + ".maxValue", "maxValue is below minValue")
        }
        for (name, value) in [("deviceID", r.deviceID), ("deviceMetadata", r.deviceMetadata), ("rawData", r.rawData),
                              ("dataProcessingMethod", r.dataProcessingMethod), ("bizRules", r.bizRules),
                              ("microorganism", r.microorganism), ("chemicalSubstance", r.chemicalSubstance),
                              ("coordinateReferenceSystem", r.coordinateReferenceSystem), ("uriValue", r.uriValue)] {
            if let value, !EPCISIdentifier.isURI(value) { fail(.invalidURI, f + "." + name, "'\(value)' is not a URI") }
        }
        checkExtensions(r.extensions, f + ".")
    }

    // MARK: extensions

    /// Extension members must be namespaced ("prefix:name" or a full URI): an unprefixed name
    /// is either a misspelt standard field or has no meaning in JSON-LD.
    mutating func checkExtensions(_ o: JSONObject, _ path: String) {
        for m in o.members where !m.key.utf8.contains(0x3A) && m.key != "@context" {
            fail(.fieldNotAllowed, path + m.key, "'\(m.key)' is not an EPCIS field; extension fields need a namespace prefix (e.g. example:\(m.key))")
        }
    }
}
