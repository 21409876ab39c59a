/// An EPCIS 2.0 document (capture payload): header, master data and an event list.
public struct EPCISDocument: Sendable, Hashable {
    public var context: EPCISContext
    /// "2.0" for EPCIS 2.0 documents.
    public var schemaVersion: String
    public var creationDate: EPCISTimestamp?
    public var epcisHeader: EPCISHeader?
    public var events: [EPCISEvent]
    /// Other top-level members ("id", "sender", "receiver", "instanceIdentifier", user extensions),
    /// in document order.
    public var extensions: JSONObject
    /// Namespaced extension members inside epcisBody, beside eventList.
    public var bodyExtensions: JSONObject

    public init(context: EPCISContext = EPCISContext(), schemaVersion: String = "2.0", creationDate: EPCISTimestamp? = nil,
                epcisHeader: EPCISHeader? = nil, events: [EPCISEvent] = [], extensions: JSONObject = JSONObject(),
                bodyExtensions: JSONObject = JSONObject()) {
        self.context = context
        self.schemaVersion = schemaVersion
        self.creationDate = creationDate
        self.epcisHeader = epcisHeader
        self.events = events
        self.extensions = extensions
        self.bodyExtensions = bodyExtensions
    }

    /// Master data vocabularies in the header (empty when there is none).
    public var vocabularyList: [Vocabulary] { epcisHeader?.vocabularyList ?? [] }
}

/// An EPCIS 2.0 query result document (epcisBody.queryResults.resultsBody.eventList).
public struct EPCISQueryDocument: Sendable, Hashable {
    public var context: EPCISContext
    public var schemaVersion: String
    public var creationDate: EPCISTimestamp?
    public var epcisHeader: EPCISHeader?
    public var queryName: String
    public var subscriptionID: String?
    public var events: [EPCISEvent]
    /// resultsBody.vocabularyList (master-data query results).
    public var vocabularyList: [Vocabulary]
    /// Other top-level members ("id", extensions), in document order.
    public var extensions: JSONObject
    /// Namespaced extension members of epcisBody, queryResults and resultsBody (the schema
    /// allows them at each level; a repository may add e.g. its own paging hints).
    public var bodyExtensions: JSONObject
    public var queryResultsExtensions: JSONObject
    public var resultsBodyExtensions: JSONObject

    public init(context: EPCISContext = EPCISContext(), schemaVersion: String = "2.0", creationDate: EPCISTimestamp? = nil,
                epcisHeader: EPCISHeader? = nil, queryName: String = "SimpleEventQuery", subscriptionID: String? = nil,
                events: [EPCISEvent] = [], vocabularyList: [Vocabulary] = [], extensions: JSONObject = JSONObject(),
                bodyExtensions: JSONObject = JSONObject(), queryResultsExtensions: JSONObject = JSONObject(),
                resultsBodyExtensions: JSONObject = JSONObject()) {
        self.bodyExtensions = bodyExtensions
        self.queryResultsExtensions = queryResultsExtensions
        self.resultsBodyExtensions = resultsBodyExtensions
        self.context = context
        self.schemaVersion = schemaVersion
        self.creationDate = creationDate
        self.epcisHeader = epcisHeader
        self.queryName = queryName
        self.subscriptionID = subscriptionID
        self.events = events
        self.vocabularyList = vocabularyList
        self.extensions = extensions
    }
}
