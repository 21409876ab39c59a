import EPCIS

/// How an event is indexed: every identifier in every role under one canonical key (the GS1
/// Digital Link form, see `EPCISIdentifier.canonicalKey`), so a query or a trace finds an event
/// whether it was captured with EPC URNs or Digital Links, and whatever a consumer scans.
enum EPCISIndex {
    static func key(for identifier: String) -> String {
        EPCISIdentifier.canonicalKey(identifier)
    }

    static func members(of event: EPCISEvent) -> [EPCISRepository.PreparedEvent.Member] {
        event.identifiers().map {
            .init(key: $0.key, role: $0.role.rawValue, classLevel: $0.isClassLevel, quantity: $0.quantity?.value, uom: $0.uom)
        }
    }

    static func links(of event: EPCISEvent) -> [EPCISRepository.PreparedEvent.Link] {
        event.sources.map { .init(kind: "source", type: $0.type, value: $0.key) }
            + event.destinations.map { .init(kind: "destination", type: $0.type, value: $0.key) }
            + event.bizTransactions.map { .init(kind: "bizTransaction", type: $0.type, value: $0.key) }
    }
}
