/// The five EPCIS 2.0 event types.
public enum EventType: String, Sendable, Hashable, CaseIterable, Codable {
    case object = "ObjectEvent"
    case aggregation = "AggregationEvent"
    case transaction = "TransactionEvent"
    case transformation = "TransformationEvent"
    case association = "AssociationEvent"
}

/// The action field: how the event relates to the objects' lifecycle.
public enum EPCISAction: String, Sendable, Hashable, CaseIterable, Codable {
    case add = "ADD"
    case observe = "OBSERVE"
    case delete = "DELETE"
}

/// One EPCIS event of any type. A single struct (type tag + optional fields) rather than five
/// types, because storage, indexing and hashing treat events uniformly; which fields are
/// allowed or required for each `eventType` is enforced by `validate`.
///
/// Vocabulary-valued fields (bizStep, disposition, bizTransaction/source/destination types,
/// error reason, sensor type/component) hold the normalised form from `CBV.normalize`: the
/// bare CBV term ("shipping") for standard values, the URI as written for anything else.
/// Identifier fields hold the text as written; `identifiers()` gives normalised index keys.
public struct EPCISEvent: Sendable, Hashable {
    public var eventType: EventType

    // What/when common to all events.
    public var eventID: String?
    public var eventTime: EPCISTimestamp
    /// "±hh:mm" as written (validated, not parsed, so the text survives).
    public var eventTimeZoneOffset: String
    /// Set by the repository on capture; usually absent in captured documents.
    public var recordTime: EPCISTimestamp?
    /// certificationInfo: one or more URIs (JSON allows a string or an array).
    public var certificationInfo: [String]
    public var errorDeclaration: ErrorDeclaration?

    // What: instance-level identifiers by role. Empty means absent.
    /// ObjectEvent, TransactionEvent.
    public var epcList: [String]
    /// AggregationEvent, AssociationEvent (required), TransactionEvent (optional).
    public var parentID: String?
    /// AggregationEvent, AssociationEvent.
    public var childEPCs: [String]
    /// TransformationEvent.
    public var inputEPCList: [String]
    public var outputEPCList: [String]

    // What: class-level quantities by role.
    public var quantityList: [QuantityElement]
    public var childQuantityList: [QuantityElement]
    public var inputQuantityList: [QuantityElement]
    public var outputQuantityList: [QuantityElement]

    /// Required for all but TransformationEvent (which has none).
    public var action: EPCISAction?
    /// TransformationEvent: links transformations that share inputs/outputs.
    public var transformationID: String?

    // Why.
    public var bizStep: String?
    public var disposition: String?
    public var persistentDisposition: PersistentDisposition?
    // Where.
    public var readPoint: Location?
    public var bizLocation: Location?
    public var bizTransactionList: [BizTransaction]
    public var sourceList: [SourceDestination]
    public var destinationList: [SourceDestination]
    // How.
    public var sensorElementList: [SensorElement]
    /// Instance/lot master data (ObjectEvent ADD, TransformationEvent): extension members only.
    public var ilmd: JSONObject?

    /// User extension members at event level ("example:myField": …), in document order,
    /// keys as written (prefix from the document's @context).
    public var extensions: JSONObject
    /// An "@context" carried by the event itself (bare single-event JSON-LD), kept as written.
    public var context: EPCISContext?

    public init(eventType: EventType, eventTime: EPCISTimestamp, eventTimeZoneOffset: String,
                eventID: String? = nil, recordTime: EPCISTimestamp? = nil, certificationInfo: [String] = [],
                errorDeclaration: ErrorDeclaration? = nil,
                epcList: [String] = [], parentID: String? = nil, childEPCs: [String] = [],
                inputEPCList: [String] = [], outputEPCList: [String] = [],
                quantityList: [QuantityElement] = [], childQuantityList: [QuantityElement] = [],
                inputQuantityList: [QuantityElement] = [], outputQuantityList: [QuantityElement] = [],
                action: EPCISAction? = nil, transformationID: String? = nil,
                bizStep: String? = nil, disposition: String? = nil, persistentDisposition: PersistentDisposition? = nil,
                readPoint: Location? = nil, bizLocation: Location? = nil,
                bizTransactionList: [BizTransaction] = [], sourceList: [SourceDestination] = [],
                destinationList: [SourceDestination] = [], sensorElementList: [SensorElement] = [],
                ilmd: JSONObject? = nil, extensions: JSONObject = JSONObject(), context: EPCISContext? = nil) {
        self.eventType = eventType
        self.eventID = eventID
        self.eventTime = eventTime
        self.eventTimeZoneOffset = eventTimeZoneOffset
        self.recordTime = recordTime
        self.certificationInfo = certificationInfo
        self.errorDeclaration = errorDeclaration
        self.epcList = epcList
        self.parentID = parentID
        self.childEPCs = childEPCs
        self.inputEPCList = inputEPCList
        self.outputEPCList = outputEPCList
        self.quantityList = quantityList
        self.childQuantityList = childQuantityList
        self.inputQuantityList = inputQuantityList
        self.outputQuantityList = outputQuantityList
        self.action = action
        self.transformationID = transformationID
        self.bizStep = bizStep
        self.disposition = disposition
        self.persistentDisposition = persistentDisposition
        self.readPoint = readPoint
        self.bizLocation = bizLocation
        self.bizTransactionList = bizTransactionList
        self.sourceList = sourceList
        self.destinationList = destinationList
        self.sensorElementList = sensorElementList
        self.ilmd = ilmd
        self.extensions = extensions
        self.context = context
    }
}
