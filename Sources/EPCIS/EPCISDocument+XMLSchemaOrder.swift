import XML

// The order of an event's children, as EPCglobal-epcis-2_0.xsd fixes it: each event type is the
// common EPCISEventType sequence followed by its own, then the schema's `any ##other` wildcard,
// so extension elements may only come after the standard ones. The model keeps no order, so this
// is checked on the element tree, before the fields are read.
//
// EPCIS 1.x put later fields inside <baseExtension>/<extension> wrappers, each ending with its
// own wildcard; read through the wrappers, 1.x documents follow the same 2.0 sequence, so one
// rule covers both: standard elements never go backwards in the sequence, and within one parent
// (the event or a wrapper) no standard element follows an extension element.

extension XMLEPCISDecoder {
    /// The sequence each event type's standard children follow (wrappers excluded).
    static let schemaSequence: [String: [String]] = {
        let common = ["eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "errorDeclaration", "certificationInfo"]
        let tail = ["sourceList", "destinationList", "sensorElementList", "persistentDisposition"]
        return [
            "ObjectEvent": common + ["epcList", "action", "bizStep", "disposition", "readPoint", "bizLocation",
                                     "bizTransactionList", "quantityList"] + tail + ["ilmd"],
            "AggregationEvent": common + ["parentID", "childEPCs", "action", "bizStep", "disposition", "readPoint",
                                          "bizLocation", "bizTransactionList", "childQuantityList"] + tail,
            "TransactionEvent": common + ["bizTransactionList", "parentID", "epcList", "action", "bizStep", "disposition",
                                          "readPoint", "bizLocation", "quantityList"] + tail,
            "TransformationEvent": common + ["inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList",
                                             "transformationID", "bizStep", "disposition", "readPoint", "bizLocation",
                                             "bizTransactionList"] + tail + ["ilmd"],
            "AssociationEvent": common + ["parentID", "childEPCs", "childQuantityList", "action", "bizStep", "disposition",
                                          "readPoint", "bizLocation", "bizTransactionList"] + tail,
            "QuantityEvent": common + ["epcClass", "quantity", "bizStep", "disposition", "readPoint", "bizLocation",
                                       "bizTransactionList"],
        ]
    }()

    static let schemaRank: [String: [String: Int]] = schemaSequence.mapValues { seq in
        Dictionary(uniqueKeysWithValues: seq.enumerated().map { ($1, $0) })
    }

    /// Where the walk through an event's children has got to.
    struct OrderState {
        var last = -1
        var lastName = ""
    }

    /// Records one error for the first element out of place in `event` (one is enough to fix
    /// the producer, and later ones would mostly be echoes of it).
    mutating func checkSchemaOrder(_ event: XMLTree.Element, _ typeName: String) {
        guard requireSchemaOrder, let rank = Self.schemaRank[typeName] else { return }
        var state = OrderState()
        _ = checkOrder(of: event, typeName, rank, &state, depth: 0)
    }

    /// False once a problem was recorded.
    private mutating func checkOrder(of parent: XMLTree.Element, _ typeName: String, _ rank: [String: Int],
                                     _ state: inout OrderState, depth: Int) -> Bool {
        var extensionSeen: XMLTree.Element?
        for c in parent.elements {
            guard let n = Self.standardName(c) else {
                if extensionSeen == nil { extensionSeen = c }
                continue
            }
            if n == "extension" || n == "baseExtension" {
                // Same nesting bound as `flattened`, which reads these wrappers.
                if depth < 8, !checkOrder(of: c, typeName, rank, &state, depth: depth + 1) { return false }
                continue
            }
            // Unknown unqualified names are reported elsewhere (validation), not placed here.
            guard let k = rank[n] else { continue }
            if let x = extensionSeen {
                error(.elementOutOfOrder, c, "<\(n)> is out of place: it follows the extension element <\(x.name.qualified)>, "
                      + "and in a \(typeName) extension elements come after all standard ones (EPCIS 2.0 XSD)", child: n)
                return false
            }
            if k < state.last {
                error(.elementOutOfOrder, c, "<\(n)> is out of place: in a \(typeName) it comes before <\(state.lastName)> (EPCIS 2.0 XSD)",
                      child: n)
                return false
            }
            state.last = k
            state.lastName = n
        }
        return true
    }
}
