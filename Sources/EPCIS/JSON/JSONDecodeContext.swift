/// Collects decoding problems with their location instead of stopping at the first, so one
/// response can list everything wrong with a capture document. Field paths are built only
/// when an error is recorded (autoclosures), keeping the happy path allocation-free.
struct JSONDecodeContext {
    var errors: [EPCISError] = []
    var eventIndex: Int?
    var eventID: String?

    mutating func error(_ code: EPCISError.Code, _ field: String, _ message: String) {
        errors.append(EPCISError(code, eventIndex: eventIndex, eventID: eventID, field: field, message: message))
    }

    mutating func wrongType(_ v: JSONValue, expected: String, _ field: String) {
        error(.wrongType, field, "expected \(expected), found \(v.typeName)")
    }

    mutating func string(_ v: JSONValue, _ field: @autoclosure () -> String) -> String? {
        if case .string(let s) = v { return s }
        wrongType(v, expected: "a string", field())
        return nil
    }

    mutating func vocab(_ v: JSONValue, _ vocabulary: CBV.Vocabulary, _ field: @autoclosure () -> String) -> String? {
        if case .string(let s) = v { return CBV.normalize(s, vocabulary) }
        wrongType(v, expected: "a string", field())
        return nil
    }

    mutating func bool(_ v: JSONValue, _ field: @autoclosure () -> String) -> Bool? {
        if case .bool(let b) = v { return b }
        wrongType(v, expected: "true or false", field())
        return nil
    }

    mutating func object(_ v: JSONValue, _ field: @autoclosure () -> String) -> JSONObject? {
        if case .object(let o) = v { return o }
        wrongType(v, expected: "an object", field())
        return nil
    }

    mutating func array(_ v: JSONValue, _ field: @autoclosure () -> String) -> [JSONValue]? {
        if case .array(let a) = v { return a }
        wrongType(v, expected: "an array", field())
        return nil
    }

    mutating func stringList(_ v: JSONValue, _ field: @autoclosure () -> String) -> [String] {
        guard case .array(let a) = v else { wrongType(v, expected: "an array of strings", field()); return [] }
        var out: [String] = []
        out.reserveCapacity(a.count)
        for (k, item) in a.enumerated() {
            if case .string(let s) = item { out.append(s) } else { wrongType(item, expected: "a string", field() + "[\(k)]") }
        }
        return out
    }

    mutating func timestamp(_ v: JSONValue, _ field: @autoclosure () -> String) -> EPCISTimestamp? {
        guard case .string(let s) = v else { wrongType(v, expected: "a date-time string", field()); return nil }
        if let t = EPCISTimestamp(s) { return t }
        error(.invalidTimestamp, field(), "'\(s)' is not an xsd:dateTime such as 2024-05-01T08:30:00.000+07:00")
        return nil
    }

    mutating func number(_ v: JSONValue, _ field: @autoclosure () -> String) -> EPCISNumber? {
        // JSON numbers only; XML-style "10" strings are a schema violation in EPCIS JSON.
        if case .number(let n) = v, let num = EPCISNumber(lexical: n) { return num }
        wrongType(v, expected: "a number", field())
        return nil
    }
}
