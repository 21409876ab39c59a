/// errorDeclaration: marks an earlier event as erroneous (EPCIS 2.0 §7.4.1.2).
public struct ErrorDeclaration: Sendable, Hashable {
    public var declarationTime: EPCISTimestamp
    /// Normalised CBV error reason ("did_not_occur", "incorrect_data") or a non-CBV URI.
    public var reason: String?
    public var correctiveEventIDs: [String]
    public var extensions: JSONObject

    public init(declarationTime: EPCISTimestamp, reason: String? = nil, correctiveEventIDs: [String] = [],
                extensions: JSONObject = JSONObject()) {
        self.declarationTime = declarationTime
        self.reason = reason
        self.correctiveEventIDs = correctiveEventIDs
        self.extensions = extensions
    }
}
