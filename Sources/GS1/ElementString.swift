/// One AI and its value, e.g. (10) "ABC123".
public struct AIElement: Sendable, Hashable, CustomStringConvertible {
    /// The AI digits.
    public let ai: String
    /// The value, already percent-decoded / unescaped.
    public let value: String
    /// Index into `ApplicationIdentifier.all`, or -1 for an AI missing from the dictionary.
    let slot: Int16
    /// The AI as a flat key (see `AIKey`).
    let key: Int16

    /// Builds an element without validating it (parse input with `GS1.parse` to validate).
    public init(ai: String, value: String) {
        self.ai = ai
        self.value = value
        var a = ai
        slot = a.withUTF8 { Registry.shared.index(of: UnsafeRawBufferPointer($0)) }.map { Int16($0) } ?? -1
        key = AIKey.flat(ai) ?? -1
    }

    init(ai: String, value: String, slot: Int16, key: Int16) {
        self.ai = ai
        self.value = value
        self.slot = slot
        self.key = key
    }

    public static func == (a: AIElement, b: AIElement) -> Bool { a.ai == b.ai && a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(ai); h.combine(value) }

    /// The dictionary entry; for an AI missing from the dictionary, a placeholder with `isKnown == false`.
    public var definition: ApplicationIdentifier {
        slot >= 0 ? Registry.shared.all[Int(slot)] : unknownDefinition(ai)
    }

    public var description: String { "(\(ai))\(value)" }
}

func unknownDefinition(_ ai: String) -> ApplicationIdentifier {
    let u = Array(ai.utf8)
    var fixed: Int?
    if u.count >= 2, isDigit(u[0]), isDigit(u[1]) {
        let p = Int(u[0] - 48) * 10 + Int(u[1] - 48)
        if Registry.shared.prefixLength[p] != 0, Registry.shared.prefixFixedValueLength[p] != 0 {
            fixed = Int(Registry.shared.prefixFixedValueLength[p])
        }
    }
    return ApplicationIdentifier(unknown: ai, fixedValueLength: fixed)
}

/// A validated sequence of AIs, whatever form it came from.
///
/// `elements` keeps the input order (for a Digital Link: path first, then query parameters).
public struct ElementString: Sendable, Hashable, CustomStringConvertible {
    public internal(set) var elements: [AIElement]
    /// How many leading elements came from a Digital Link path (primary key plus key
    /// qualifiers); 0 for other inputs. Generation reuses that path as given.
    public internal(set) var pathCount: Int

    /// Wraps elements as given, unvalidated; call `validateAssociations()` to check pair rules.
    public init(_ elements: [AIElement]) {
        self.elements = elements
        self.pathCount = 0
    }

    init(elements: [AIElement], pathCount: Int) {
        self.elements = elements
        self.pathCount = pathCount
    }

    /// Value of the first element with this AI.
    public subscript(ai: String) -> String? {
        for e in elements where e.ai == ai { return e.value }
        return nil
    }

    /// The GTIN from AI (01), if present.
    public var gtin: GTIN? { self["01"].flatMap { try? GTIN($0) } }

    /// Element string with "^" for FNC1: a leading "^" (FNC1 in first position), then a "^"
    /// after every value of a variable-length AI that is followed by another AI.
    public var elementString: String { encoded(separator: "^", leading: "^") }

    /// Element string as a scanner transmits it: GS (0x1D) separators and no leading FNC1.
    public var scannerString: String { encoded(separator: "\u{1D}", leading: "") }

    /// Human-readable bracketed form, "(01)09506000134352(10)ABC"; "(" in values is escaped as "\(".
    public var bracketed: String {
        var out = ""
        for e in elements {
            out += "(" + e.ai + ")"
            if e.value.utf8.contains(40) {
                for ch in e.value { out += ch == "(" ? "\\(" : String(ch) }
            } else {
                out += e.value
            }
        }
        return out
    }

    public var description: String { bracketed }

    private func encoded(separator: String, leading: String) -> String {
        var out = leading
        var needSeparator = false
        for e in elements {
            if needSeparator { out += separator }
            out += e.ai
            out += e.value
            needSeparator = e.definition.requiresSeparator
        }
        return out
    }
}
