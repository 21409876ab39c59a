/// readPoint or bizLocation: an identifier plus any extension members.
public struct Location: Sendable, Hashable {
    /// SGLN URN, Digital Link with /414/, or another URI, as written.
    public var id: String
    /// Namespaced extension members (EPCIS allows them inside readPoint and bizLocation).
    public var extensions: JSONObject

    public init(id: String, extensions: JSONObject = JSONObject()) {
        self.id = id
        self.extensions = extensions
    }
}
