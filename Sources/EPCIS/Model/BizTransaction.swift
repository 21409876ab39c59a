/// A business transaction reference (bizTransactionList entry).
public struct BizTransaction: Sendable, Hashable {
    /// Normalised CBV term ("po", "desadv") or a non-CBV URI; see `CBV.normalize`.
    public var type: String?
    /// The transaction identifier URI (JSON key "bizTransaction"), e.g. urn:epc:id:gdti:… .
    public var value: String

    public init(type: String? = nil, value: String) {
        self.type = type
        self.value = value
    }
}
