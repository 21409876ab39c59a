/// One GS1 Application Identifier as described by the GS1 Barcode Syntax Dictionary.
///
/// Instances come only from the built-in table (`ApplicationIdentifier.all`, `lookup(_:)`),
/// so they can be compared cheaply by `code`.
public final class ApplicationIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The AI digits, e.g. "01" or "3103".
    public let code: String
    /// The GS1 data title, e.g. "GTIN" or "BEST BEFORE or BEST BY".
    public let title: String
    /// True when the AI is in the predefined-length list: no FNC1 separator follows its value.
    public let isPredefinedLength: Bool
    /// True when the AI may appear as a GS1 Digital Link data attribute (query parameter).
    public let isDataAttribute: Bool
    /// The value's components in order; only a final run of components may be optional.
    public let components: [AIComponent]
    /// Requisite rules: every inner list must be satisfied by at least one of its alternatives.
    /// An alternative is "01+21" (all of) and may use "n" as a digit wildcard ("31nn").
    public let requisites: [[String]]
    /// AIs (or patterns) that must not appear together with this AI.
    public let exclusions: [String]
    /// Non-nil when the AI is a Digital Link primary key: each inner list is one ordered
    /// sequence of optional key qualifiers; `[[]]` means a key without qualifiers.
    public let keyQualifiers: [[String]]?

    /// The shortest and longest value the components allow.
    public let minLength: Int
    public let maxLength: Int
    /// False for the placeholder made for an AI missing from the table (see `ParseOptions.permitUnknownAIs`).
    public let isKnown: Bool

    // The rules above as ranges of flat AI keys (see `AIKey`), so checks need no string work.
    let flatKey: Int16
    let requisiteKeys: [[[AIKey.Range]]]
    let exclusionKeys: [AIKey.Range]
    let qualifierKeys: [[Int16]]?

    public var isPrimaryKey: Bool { keyQualifiers != nil }
    /// Variable-length AIs need an FNC1 (or GS) after their value unless they end the data.
    public var requiresSeparator: Bool { !isPredefinedLength }

    public var description: String { "(\(code)) \(title)" }

    public static func == (a: ApplicationIdentifier, b: ApplicationIdentifier) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }

    init(code: String, row: Row) {
        self.code = code
        self.title = row.title
        self.isPredefinedLength = row.flags.contains(.predefinedLength)
        self.isDataAttribute = row.flags.contains(.dataAttribute)
        self.components = row.components
        self.requisites = row.requires
        self.exclusions = row.excludes
        self.keyQualifiers = row.keyQualifiers
        var lo = 0, hi = 0
        for c in row.components {
            if !c.isOptional { lo += Int(c.minLength) }
            hi += Int(c.maxLength)
        }
        minLength = lo
        maxLength = hi
        isKnown = true
        flatKey = AIKey.flat(code) ?? -1
        requisiteKeys = row.requires.map { group in group.map { alt in alt.split(separator: "+").map { AIKey.range(String($0)) } } }
        exclusionKeys = row.excludes.map { AIKey.range($0) }
        qualifierKeys = row.keyQualifiers.map { seqs in seqs.map { seq in seq.map { AIKey.flat($0) ?? -1 } } }
    }

    /// Placeholder definition for an AI not in the table, used only when unknown AIs are
    /// permitted: CSET 82, 1...90 characters, FNC1 required unless its prefix is predefined-length.
    init(unknown code: String, fixedValueLength: Int?) {
        self.code = code
        self.title = "UNKNOWN"
        if let n = fixedValueLength {
            isPredefinedLength = true
            components = [AIComponent(.cset82, n...n)]
            minLength = n; maxLength = n
        } else {
            isPredefinedLength = false
            components = [AIComponent(.cset82, 1...90)]
            minLength = 1; maxLength = 90
        }
        isDataAttribute = false
        isKnown = false
        requisites = []; exclusions = []; keyQualifiers = nil
        flatKey = AIKey.flat(code) ?? -1
        requisiteKeys = []; exclusionKeys = []; qualifierKeys = nil
    }


    /// One source line of the table: a single AI or a run of AIs with one definition.
    struct Row: Sendable {
        struct Flags: OptionSet, Sendable {
            let rawValue: UInt8
            static let predefinedLength = Flags(rawValue: 1)
            static let dataAttribute = Flags(rawValue: 2)
        }
        let first: String
        let last: String
        let title: String
        let flags: Flags
        let components: [AIComponent]
        let requires: [[String]]
        let excludes: [String]
        let keyQualifiers: [[String]]?

        init(_ first: String, through last: String? = nil, _ title: String, _ flags: Flags,
             _ components: [AIComponent], requires: [[String]] = [], excludes: [String] = [],
             keyQualifiers: [[String]]? = nil) {
            self.first = first
            self.last = last ?? first
            self.title = title
            self.flags = flags
            self.components = components
            self.requires = requires
            self.excludes = excludes
            self.keyQualifiers = keyQualifiers
        }
    }
}

/// Character set of an AI component.
public enum AICharset: String, Sendable, Hashable {
    /// Digits only ("N").
    case numeric = "N"
    /// GS1 AI encodable character set 82 ("X").
    case cset82 = "X"
    /// GS1 AI encodable character set 39 ("Y").
    case cset39 = "Y"
    /// File-safe URI-safe base64 ("Z").
    case base64url = "Z"
}

/// One component of an AI value: character set, length bounds and content rules.
public struct AIComponent: Sendable, Hashable {
    public let charset: AICharset
    public let minLength: UInt8
    public let maxLength: UInt8
    public let isOptional: Bool
    public let linters: [AILinter]

    public var isFixedLength: Bool { minLength == maxLength }

    init(_ charset: AICharset, _ length: ClosedRange<Int>, optional: Bool = false, _ linters: [AILinter] = []) {
        self.charset = charset
        self.minLength = UInt8(length.lowerBound)
        self.maxLength = UInt8(length.upperBound)
        self.isOptional = optional
        self.linters = linters
    }

    /// The dictionary notation of the component, e.g. "N6", "X..20" or "[N3]".
    public var notation: String {
        let core = charset.rawValue + (isFixedLength ? "\(maxLength)" : "..\(maxLength)")
        return isOptional ? "[\(core)]" : core
    }
}

/// Content rules applied to a component after its character set check.
/// Raw values are the linter names used by the GS1 Barcode Syntax Dictionary.
public enum AILinter: String, Sendable, Hashable, CaseIterable {
    case checkDigit = "csum"
    case checkCharacterPair = "csumalpha"
    case companyPrefix = "gcppos1"
    case companyPrefixAfterIndicator = "gcppos2"
    case dateAllowingDay00 = "yymmd0"
    case date = "yymmdd"
    case fullDate = "yyyymmdd"
    case hourMinute = "hhmi"
    case hour = "hh"
    case minute = "mi"
    case second = "ss"
    case countryNumeric = "iso3166"
    case countryNumericOr999 = "iso3166999"
    case countryAlpha2 = "iso3166alpha2"
    case currencyNumeric = "iso4217"
    case percentEncoded = "pcenc"
    case latitude
    case longitude
    case yesNo = "yesno"
    case hyphen
    case importerIndex = "importeridx"
    case packageType = "packagetype"
    case mediaType = "mediatype"
    case biologicalSex = "iso5218"
    case positionInSequence = "posinseqslash"
    case nonZero = "nonzero"
    case windingDirection = "winding"
    case zero
    case pieceOfTotal = "pieceoftotal"
    case iban
    case noZeroPrefix = "nozeroprefix"
    case hasNonDigit = "hasnondigit"
    case couponCode = "couponcode"
    case couponPositiveOffer = "couponposoffer"
}
