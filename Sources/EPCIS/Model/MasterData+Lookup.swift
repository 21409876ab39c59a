// Master-data lookups the server needs to show product and location names next to events.
// Element ids are compared by canonical key, so master data written with SGLN URNs answers
// events that use /414/ Digital Links and vice versa.

extension VocabularyElement {
    /// CBV 2.0 §8 master-data attribute for a human-readable name.
    public static let nameAttribute = "urn:epcglobal:cbv:mda#name"

    /// The element's name attribute when it is a string.
    public var name: String? { attribute(Self.nameAttribute)?.stringValue }
}

extension Array where Element == Vocabulary {
    /// The first element with this identifier (any spelling of the same GS1 key), optionally
    /// only in vocabularies of `type` (e.g. `Vocabulary.businessLocationType`).
    public func element(id: String, type: String? = nil) -> VocabularyElement? {
        let key = EPCISIdentifier.canonicalKey(id)
        for voc in self where type == nil || voc.type == type {
            for el in voc.elements where el.id == id || EPCISIdentifier.canonicalKey(el.id) == key {
                return el
            }
        }
        return nil
    }
}
