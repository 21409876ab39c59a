/// A sourceList or destinationList entry; the same shape serves both lists.
public struct SourceDestination: Sendable, Hashable {
    /// Normalised CBV term ("owning_party", "possessing_party", "location") or a non-CBV URI.
    public var type: String
    /// Party or location identifier (JSON key "source" or "destination"), e.g. urn:epc:id:pgln:… .
    public var value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }
}
