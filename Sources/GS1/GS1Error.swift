/// Everything that can go wrong while parsing, validating or converting GS1 data.
///
/// `position` is the offset (in UTF-8 bytes, equal to characters for the ASCII inputs GS1
/// allows) into the input string where the problem was found; for element strings, the
/// offset of the AI or of the offending value character. `code` is a stable identifier
/// meant for logs, APIs and translations; `description` is an English message.
public enum GS1Error: Error, CustomStringConvertible, Sendable, Equatable {
    /// Nothing to parse.
    case emptyInput
    /// Input is neither bracketed AIs, an element string nor an http(s) URI.
    case unrecognisedFormat
    /// Bracketed syntax broken: missing "(" or ")", AI not 2–4 digits, stray text.
    case malformedAI(position: Int)
    /// No AI with these digits (or, in raw element strings, no AI is a prefix of the data).
    case unknownAI(String, position: Int)
    /// AI with no value.
    case emptyValue(ai: String, position: Int)
    /// Value shorter than the AI's format allows.
    case valueTooShort(ai: String, position: Int)
    /// Value longer than the AI's format allows.
    case valueTooLong(ai: String, position: Int)
    /// Character outside the component's character set (charset: "N", "X", "Y" or "Z").
    case invalidCharacter(ai: String, position: Int, charset: String)
    /// Mod-10 check digit (or GMN check character pair) wrong.
    case badCheckDigit(ai: String, position: Int)
    /// Date or time field impossible (month 13, 30 February, hour 24...).
    case invalidDate(ai: String, position: Int)
    /// Any other content rule; `rule` is the dictionary's linter name, e.g. "iso3166".
    case invalidContent(ai: String, position: Int, rule: String)
    /// `ai` needs one of `requires` (dictionary `req=`) and none is present.
    case missingRequisite(ai: String, requires: String)
    /// `ai` must not appear together with `with` (dictionary `ex=`).
    case mutuallyExclusive(ai: String, with: String)
    /// The same AI appears twice with different values (or twice at all in a Digital Link).
    case duplicateAI(ai: String, position: Int)
    /// Digital Link URI syntax: scheme, illegal character, missing domain or path.
    case invalidURI(position: Int, reason: String)
    /// No GS1 Digital Link primary key in the URI path or in the data to encode.
    case noPrimaryKey
    /// Key qualifiers in the DL path are not an allowed sequence for the primary key.
    case qualifierOrder(ai: String, position: Int)
    /// A key qualifier was given as a query parameter instead of in the path.
    case qualifierInQuery(ai: String, position: Int)
    /// AI that is not a Digital Link data attribute given as one (or left over for the query).
    case notDataAttribute(ai: String, position: Int)
    /// A GTIN or other key of the wrong length or with a non-digit.
    case invalidKey(String)
    /// EPC URN not understood or not convertible.
    case invalidEPC(String)
    /// Company prefix length outside 6...12 or incompatible with the key.
    case invalidCompanyPrefixLength(Int)

    /// Stable machine-readable identifier of the error kind.
    public var code: String {
        switch self {
        case .emptyInput: "empty_input"
        case .unrecognisedFormat: "unrecognised_format"
        case .malformedAI: "malformed_ai"
        case .unknownAI: "unknown_ai"
        case .emptyValue: "empty_value"
        case .valueTooShort: "value_too_short"
        case .valueTooLong: "value_too_long"
        case .invalidCharacter: "invalid_character"
        case .badCheckDigit: "bad_check_digit"
        case .invalidDate: "invalid_date"
        case .invalidContent: "invalid_content"
        case .missingRequisite: "missing_requisite_ai"
        case .mutuallyExclusive: "mutually_exclusive_ais"
        case .duplicateAI: "duplicate_ai"
        case .invalidURI: "invalid_uri"
        case .noPrimaryKey: "no_primary_key"
        case .qualifierOrder: "dl_qualifier_order"
        case .qualifierInQuery: "dl_qualifier_in_query"
        case .notDataAttribute: "dl_not_data_attribute"
        case .invalidKey: "invalid_key"
        case .invalidEPC: "invalid_epc"
        case .invalidCompanyPrefixLength: "invalid_company_prefix_length"
        }
    }

    /// The AI the error is about, when there is one.
    public var ai: String? {
        switch self {
        case .unknownAI(let a, _): a
        case .emptyValue(let a, _), .valueTooShort(let a, _), .valueTooLong(let a, _),
             .badCheckDigit(let a, _), .invalidDate(let a, _), .duplicateAI(let a, _),
             .qualifierOrder(let a, _), .qualifierInQuery(let a, _), .notDataAttribute(let a, _):
            a
        case .invalidCharacter(let a, _, _), .invalidContent(let a, _, _): a
        case .missingRequisite(let a, _), .mutuallyExclusive(let a, _): a
        default: nil
        }
    }

    /// Offset into the input, when known.
    public var position: Int? {
        switch self {
        case .malformedAI(let p), .unknownAI(_, let p), .emptyValue(_, let p), .valueTooShort(_, let p),
             .valueTooLong(_, let p), .badCheckDigit(_, let p), .invalidDate(_, let p),
             .duplicateAI(_, let p), .invalidURI(let p, _), .qualifierOrder(_, let p),
             .qualifierInQuery(_, let p), .notDataAttribute(_, let p):
            p
        case .invalidCharacter(_, let p, _), .invalidContent(_, let p, _): p
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .emptyInput: "The input is empty"
        case .unrecognisedFormat: "Input is not a bracketed AI string, an element string or a GS1 Digital Link URI"
        case .malformedAI(let p): "Malformed AI syntax at position \(p)"
        case .unknownAI(let a, let p): "Unknown AI (\(a)) at position \(p)"
        case .emptyValue(let a, let p): "AI (\(a)) at position \(p) has no value"
        case .valueTooShort(let a, let p): "AI (\(a)) value at position \(p) is too short"
        case .valueTooLong(let a, let p): "AI (\(a)) value at position \(p) is too long"
        case .invalidCharacter(let a, let p, let cs):
            "AI (\(a)): character at position \(p) is not allowed in character set \(Self.charsetName(cs))"
        case .badCheckDigit(let a, let p): "AI (\(a)): incorrect check digit at position \(p)"
        case .invalidDate(let a, let p): "AI (\(a)): invalid date or time at position \(p)"
        case .invalidContent(let a, let p, let r): "AI (\(a)): value at position \(p) breaks rule '\(r)'"
        case .missingRequisite(let a, let r): "AI (\(a)) requires one of: \(r)"
        case .mutuallyExclusive(let a, let b): "AI (\(a)) must not be used together with AI (\(b))"
        case .duplicateAI(let a, let p): "AI (\(a)) repeated at position \(p)"
        case .invalidURI(let p, let r): "Invalid Digital Link URI at position \(p): \(r)"
        case .noPrimaryKey: "No GS1 Digital Link primary key found"
        case .qualifierOrder(let a, let p): "Key qualifier (\(a)) at position \(p) is not allowed there for this primary key"
        case .qualifierInQuery(let a, let p): "AI (\(a)) at position \(p) is a key qualifier and belongs in the URI path"
        case .notDataAttribute(let a, let p): "AI (\(a)) at position \(p) is not a Digital Link data attribute"
        case .invalidKey(let s): "Invalid GS1 key: \(s)"
        case .invalidEPC(let s): "Invalid or unsupported EPC URN: \(s)"
        case .invalidCompanyPrefixLength(let n): "Company prefix length \(n) is not usable here"
        }
    }

    static func charsetName(_ cs: String) -> String {
        switch cs {
        case "N": "N (digits)"
        case "X": "X (CSET 82)"
        case "Y": "Y (CSET 39)"
        case "Z": "Z (base64url)"
        default: cs
        }
    }
}
