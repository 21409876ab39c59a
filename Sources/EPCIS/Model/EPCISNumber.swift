/// A decimal number from an event (quantity, sensor value) that remembers how it was written.
/// EPCIS numbers are xsd:decimal/double; keeping the lexical form avoids Double printing
/// surprises ("0.1" -> "0.1000000001") when we re-emit or hash. Equality compares the value,
/// so 10 from JSON equals 10.0 from XML.
public struct EPCISNumber: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// As written in the source document (JSON number grammar or XML decimal).
    public let lexical: String
    public let value: Double

    /// nil when `lexical` is not a finite number.
    public init?(lexical: String) {
        guard let v = Double(lexical), v.isFinite else { return nil }
        self.lexical = lexical
        value = v
    }

    public init(_ value: Double) {
        self.value = value
        lexical = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    public init(integerLiteral value: Int) { self.init(Double(value)) }
    public init(floatLiteral value: Double) { self.init(value) }

    public var description: String { lexical }
    public static func == (a: EPCISNumber, b: EPCISNumber) -> Bool { a.value == b.value }
    public func hash(into h: inout Hasher) { h.combine(value) }
}
