/// epcisHeader: master data (EPCIS 2.0 §9.5) plus anything else the header carries (e.g.
/// a Standard Business Document Header), kept losslessly.
public struct EPCISHeader: Sendable, Hashable {
    /// epcisMasterData.vocabularyList.
    public var vocabularyList: [Vocabulary]
    /// Other header members, as written.
    public var extensions: JSONObject

    public init(vocabularyList: [Vocabulary] = [], extensions: JSONObject = JSONObject()) {
        self.vocabularyList = vocabularyList
        self.extensions = extensions
    }
}

/// One vocabulary (all elements of one type, e.g. urn:epcglobal:epcis:vtype:BusinessLocation).
public struct Vocabulary: Sendable, Hashable {
    public var type: String
    public var elements: [VocabularyElement]

    public init(type: String, elements: [VocabularyElement] = []) {
        self.type = type
        self.elements = elements
    }

    public static let businessLocationType = "urn:epcglobal:epcis:vtype:BusinessLocation"
    public static let readPointType = "urn:epcglobal:epcis:vtype:ReadPoint"
    public static let epcClassType = "urn:epcglobal:epcis:vtype:EPCClass"
}

/// A vocabulary element: an identifier with attributes (name, address…) and child identifiers.
public struct VocabularyElement: Sendable, Hashable {
    public var id: String
    public var attributes: [VocabularyAttribute]
    public var children: [String]

    public init(id: String, attributes: [VocabularyAttribute] = [], children: [String] = []) {
        self.id = id
        self.attributes = attributes
        self.children = children
    }

    /// The first attribute value for `id` (e.g. "urn:epcglobal:cbv:mda#name").
    public func attribute(_ id: String) -> JSONValue? {
        attributes.first { $0.id == id }?.value
    }
}

/// A master-data attribute; the value may be a string, a number or structured (an address).
public struct VocabularyAttribute: Sendable, Hashable {
    public var id: String
    /// JSON key "attribute"; nil when the attribute is present without a value.
    public var value: JSONValue?

    public init(id: String, value: JSONValue? = nil) {
        self.id = id
        self.value = value
    }
}
