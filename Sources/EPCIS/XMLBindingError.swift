import XML

/// Why an EPCIS XML document was refused (or a model could not be written as XML): the line
/// and element path where it happened, so a capture client can find the spot in its own file.
/// The public entry points report these as `EPCISErrors`, like the JSON binding does.
struct XMLBindingError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: String, Sendable {
        /// Not well-formed XML (or not UTF-8 / UTF-16 / Latin-1).
        case malformed
        /// A DTD with an external identifier or internal subset, or an entity it would define.
        case forbiddenDTD
        /// Past one of the XML reader's limits (nesting depth, attributes per element).
        case limitExceeded
        /// Well-formed, but not an EPCIS document this binding understands.
        case invalidDocument
        /// The model holds something XML 1.0 cannot carry.
        case unencodable
    }

    var kind: Kind
    var code: EPCISError.Code
    /// 1-based source line; nil when not known (e.g. while encoding).
    var line: Int?
    /// Element path such as `EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/action`; "" if none.
    var path: String
    var message: String
    var eventIndex: Int?
    var eventID: String?

    init(_ kind: Kind, code: EPCISError.Code? = nil, line: Int?, path: String = "", _ message: String) {
        self.kind = kind
        self.code = code ?? (kind == .invalidDocument ? .invalidValue : .malformedDocument)
        self.line = line
        self.path = path
        self.message = message
    }

    /// The reader's or writer's error, as the binding reports it.
    init(_ e: XMLError) {
        let kind: Kind = switch e.kind {
        case .malformed: .malformed
        case .forbiddenDTD: .forbiddenDTD
        case .limitExceeded: .limitExceeded
        case .unencodable: .unencodable
        }
        self.init(kind, line: e.line, path: e.path, e.message)
    }

    var description: String {
        var s = "EPCIS XML"
        if let line { s += ", line \(line)" }
        if !path.isEmpty { s += " (\(path))" }
        return s + ": " + message
    }

    /// The model's error form: the element path as the field, the line in the message.
    var epcisError: EPCISError {
        EPCISError(code, eventIndex: eventIndex, eventID: eventID, field: path,
                   message: (line.map { "line \($0): " } ?? "") + message)
    }
}
