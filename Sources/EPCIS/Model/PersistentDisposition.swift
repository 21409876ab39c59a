/// persistentDisposition (EPCIS 2.0): dispositions that stay set on the objects until unset.
public struct PersistentDisposition: Sendable, Hashable {
    /// Normalised CBV disposition terms or non-CBV URIs.
    public var set: [String]
    public var unset: [String]

    public init(set: [String] = [], unset: [String] = []) {
        self.set = set
        self.unset = unset
    }
}
