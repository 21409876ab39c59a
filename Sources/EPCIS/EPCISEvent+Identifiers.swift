// What an event is about, flattened for indexing: every instance or class identifier with
// its role, each under the canonical key of `EPCISIdentifier.canonicalKey`.

/// The part an identifier plays in an event.
public enum IdentifierRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// epcList / quantityList of Object and Transaction events.
    case epc
    /// parentID of Aggregation, Association and Transaction events.
    case parent
    /// childEPCs / childQuantityList.
    case child
    /// inputEPCList / inputQuantityList of a TransformationEvent.
    case input
    /// outputEPCList / outputQuantityList of a TransformationEvent.
    case output
}

/// One identifier an event mentions, ready for an index row.
public struct EventIdentifier: Sendable, Hashable {
    /// Canonical key (GS1 identifiers: Digital Link on https://id.gs1.org; others: as written).
    public var key: String
    /// The identifier as the event wrote it.
    public var raw: String
    public var role: IdentifierRole
    /// True for quantity-list entries (class level: GTIN, GTIN + lot, or a pattern).
    public var isClassLevel: Bool
    public var quantity: EPCISNumber?
    public var uom: String?

    public init(key: String, raw: String, role: IdentifierRole, isClassLevel: Bool = false,
                quantity: EPCISNumber? = nil, uom: String? = nil) {
        self.key = key
        self.raw = raw
        self.role = role
        self.isClassLevel = isClassLevel
        self.quantity = quantity
        self.uom = uom
    }
}

/// A business transaction, source or destination with its identifier normalised.
public struct EventReference: Sendable, Hashable {
    /// Normalised CBV term or URI (e.g. "po", "owning_party").
    public var type: String?
    public var key: String
    public var raw: String
}

extension EPCISEvent {
    /// Every instance- and class-level identifier of the event with its role, in field order
    /// (parent first, then epcs/children/inputs/outputs, then the quantity lists).
    public func identifiers() -> [EventIdentifier] {
        var out: [EventIdentifier] = []
        out.reserveCapacity(epcList.count + childEPCs.count + inputEPCList.count + outputEPCList.count + 4)
        func add(_ list: [String], _ role: IdentifierRole) {
            for s in list { out.append(EventIdentifier(key: EPCISIdentifier.canonicalKey(s), raw: s, role: role)) }
        }
        func add(_ list: [QuantityElement], _ role: IdentifierRole) {
            for q in list {
                out.append(EventIdentifier(key: EPCISIdentifier.canonicalKey(q.epcClass), raw: q.epcClass, role: role,
                                           isClassLevel: true, quantity: q.quantity, uom: q.uom))
            }
        }
        if let parentID { add([parentID], .parent) }
        add(epcList, .epc)
        add(childEPCs, .child)
        add(inputEPCList, .input)
        add(outputEPCList, .output)
        add(quantityList, .epc)
        add(childQuantityList, .child)
        add(inputQuantityList, .input)
        add(outputQuantityList, .output)
        return out
    }

    /// bizTransactionList with canonical keys.
    public var bizTransactions: [EventReference] {
        bizTransactionList.map { EventReference(type: $0.type, key: EPCISIdentifier.canonicalKey($0.value), raw: $0.value) }
    }

    /// sourceList with canonical keys (pgln/sgln URNs become /417/ and /414/ Digital Links).
    public var sources: [EventReference] {
        sourceList.map { EventReference(type: $0.type, key: EPCISIdentifier.canonicalKey($0.value), raw: $0.value) }
    }

    public var destinations: [EventReference] {
        destinationList.map { EventReference(type: $0.type, key: EPCISIdentifier.canonicalKey($0.value), raw: $0.value) }
    }

    /// readPoint id under its canonical key (SGLN URN or /414/ DL -> https://id.gs1.org/414/…).
    public var readPointKey: String? { readPoint.map { EPCISIdentifier.canonicalKey($0.id) } }

    public var bizLocationKey: String? { bizLocation.map { EPCISIdentifier.canonicalKey($0.id) } }
}

extension EPCISEvent {
    /// The same event with every identifier (EPCs, classes, parent, read point, business
    /// location, sources and destinations) passed through `transform`; for answering a query
    /// in the identifier syntax the client asked for (`GS1-EPC-Format`).
    public func mappingIdentifiers(_ transform: (String) -> String) -> EPCISEvent {
        var event = self
        event.epcList = epcList.map(transform)
        event.parentID = parentID.map(transform)
        event.childEPCs = childEPCs.map(transform)
        event.inputEPCList = inputEPCList.map(transform)
        event.outputEPCList = outputEPCList.map(transform)
        func classes(_ list: [QuantityElement]) -> [QuantityElement] {
            list.map { QuantityElement(epcClass: transform($0.epcClass), quantity: $0.quantity, uom: $0.uom) }
        }
        event.quantityList = classes(quantityList)
        event.childQuantityList = classes(childQuantityList)
        event.inputQuantityList = classes(inputQuantityList)
        event.outputQuantityList = classes(outputQuantityList)
        event.readPoint?.id = transform(readPoint?.id ?? "")
        event.bizLocation?.id = transform(bizLocation?.id ?? "")
        event.sourceList = sourceList.map { SourceDestination(type: $0.type, value: transform($0.value)) }
        event.destinationList = destinationList.map { SourceDestination(type: $0.type, value: transform($0.value)) }
        return event
    }
}
