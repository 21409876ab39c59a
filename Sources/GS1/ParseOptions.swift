/// Switches for the parsers. `.default` suits scanning in the field; `.strict` and `.lenient`
/// bracket the behaviours GS1's conformance vectors exercise.
public struct ParseOptions: Sendable, Hashable {
    /// Accept GTIN-8/12/13 as the value of (01) in a Digital Link and pad it to 14 digits.
    public var permitZeroSuppressedGTIN: Bool
    /// Accept deprecated convenience alphas in Digital Link paths (/gtin/, /lot/, /ser/...).
    public var permitConvenienceAlphas: Bool
    /// Accept AIs that the dictionary does not define, when their length can be known.
    public var permitUnknownAIs: Bool
    /// Allow such unknown AIs as Digital Link query parameters (data attributes).
    public var permitUnknownAIsAsDataAttributes: Bool
    /// Check the dictionary's requisite (`req=`) and exclusive (`ex=`) pairs and repeated AIs.
    public var validateAssociations: Bool

    public init(permitZeroSuppressedGTIN: Bool = true, permitConvenienceAlphas: Bool = false,
                permitUnknownAIs: Bool = false, permitUnknownAIsAsDataAttributes: Bool = false,
                validateAssociations: Bool = true) {
        self.permitZeroSuppressedGTIN = permitZeroSuppressedGTIN
        self.permitConvenienceAlphas = permitConvenienceAlphas
        self.permitUnknownAIs = permitUnknownAIs
        self.permitUnknownAIsAsDataAttributes = permitUnknownAIsAsDataAttributes
        self.validateAssociations = validateAssociations
    }

    /// Zero-suppressed GTINs accepted; no alphas, no unknown AIs; pair rules checked.
    public static let `default` = ParseOptions()
    /// Everything optional refused.
    public static let strict = ParseOptions(permitZeroSuppressedGTIN: false)
    /// Everything optional accepted.
    public static let lenient = ParseOptions(permitConvenienceAlphas: true, permitUnknownAIs: true,
                                             permitUnknownAIsAsDataAttributes: true)
}
