extension GS1 {
    /// Which syntax an input was recognised as.
    public enum InputKind: String, Sendable, Codable {
        case bracketed, elementString, digitalLink
    }

    /// Recognises the syntax of `input` without parsing it: "(" starts bracketed AIs, "^", GS
    /// or a "]" symbology identifier starts an element string, "http(s)://" a Digital Link. A
    /// digit starts an element string whose leading FNC1 was left out, as scanners in their
    /// default setup send it ("0178717691753146").
    public static func kind(of input: String) -> InputKind? {
        guard let c = input.utf8.first else { return nil }
        switch c {
        case 0x28: return .bracketed
        case 0x5E, 0x1D, 0x5D, 0x30...0x39: return .elementString
        case 0x68, 0x48: return .digitalLink
        default: return nil
        }
    }

    /// Parses bracketed AIs, an element string or a Digital Link URI, whichever `input` is,
    /// validating every value and (with `.default` options) the pair rules between AIs.
    public static func parse(_ input: String, options: ParseOptions = .default) throws(GS1Error) -> ElementString {
        guard !input.isEmpty else { throw .emptyInput }
        switch kind(of: input) {
        case .bracketed: return try ElementString.parse(bracketed: input, options: options)
        case .elementString:
            let scanned = input.utf8.first.map { (0x30...0x39).contains($0) } ?? false
            return try ElementString.parse(elementString: input, options: options, leadingFNC1Implied: scanned)
        case .digitalLink: return try DigitalLink.parse(input, options: options)
        case nil: throw .unrecognisedFormat
        }
    }
}
