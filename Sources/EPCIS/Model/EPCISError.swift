/// One problem found while decoding or validating EPCIS data, located precisely enough to fix:
/// which event (index in the event list, and its eventID when it has one) and which field
/// (a path such as "epcList[2]" or "sensorElementList[0].sensorReport[1].uom").
public struct EPCISError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable machine-readable kinds, for APIs, logs and translations.
    public enum Code: String, Sendable, Hashable, CaseIterable, Codable {
        /// Not well-formed JSON (or XML) at all.
        case malformedDocument = "malformed_document"
        /// A member has the wrong JSON type (string expected, got number...).
        case wrongType = "wrong_type"
        /// Document type is not EPCISDocument / EPCISQueryDocument / an event.
        case unknownDocumentType = "unknown_document_type"
        /// Event "type" missing or not one of the five EPCIS event types.
        case unknownEventType = "unknown_event_type"
        /// A required field is absent or empty.
        case missingField = "missing_field"
        /// A field that this event type does not have.
        case fieldNotAllowed = "field_not_allowed"
        /// action not ADD, OBSERVE or DELETE.
        case invalidAction = "invalid_action"
        /// Not an xsd:dateTime.
        case invalidTimestamp = "invalid_timestamp"
        /// A timestamp without "Z" or ±hh:mm.
        case missingTimeZone = "missing_time_zone"
        /// eventTimeZoneOffset not ±hh:mm within -14:00...+14:00.
        case invalidTimeZoneOffset = "invalid_time_zone_offset"
        /// A vocabulary field holds neither a CBV term nor an absolute URI outside the CBV namespaces.
        case invalidVocabulary = "invalid_vocabulary"
        /// A field that must be an absolute URI is not one.
        case invalidURI = "invalid_uri"
        /// An instance-level identifier (EPC) that is neither a valid EPC URN nor a GS1 Digital Link.
        case invalidIdentifier = "invalid_identifier"
        /// A class-level identifier (epcClass) that is not lgtin/idpat/DL with a GTIN.
        case invalidClassIdentifier = "invalid_class_identifier"
        /// quantity not a non-negative finite number.
        case invalidQuantity = "invalid_quantity"
        /// uom not a UN/ECE Rec 20 code (2–3 uppercase letters or digits).
        case invalidUOM = "invalid_uom"
        /// Any other value that breaks the standard (hexBinary, duplicate set/unset, …).
        case invalidValue = "invalid_value"
        /// A time or date outside what real event data can hold (year 0001, 9999…).
        case dateOutOfRange = "date_out_of_range"
        /// A CBV master-data date attribute (cbvmda:bestBeforeDate…) that is not an xsd:date.
        case invalidDate = "invalid_date"
        /// An eventID that is a CBV 2.0 event hash ID, but not the hash of the event it names.
        case eventIDMismatch = "event_id_mismatch"
        /// XML: a standard element out of its event type's sequence in the EPCIS 2.0 XSD (or one
        /// after an extension element, which the schema only allows last).
        case elementOutOfOrder = "element_out_of_order"
    }

    public var code: Code
    /// Position in the document's event list; nil for document-level problems.
    public var eventIndex: Int?
    public var eventID: String?
    /// Path of the offending field inside the event (or document).
    public var field: String
    /// English explanation.
    public var message: String

    public init(_ code: Code, eventIndex: Int? = nil, eventID: String? = nil, field: String, message: String) {
        self.code = code
        self.eventIndex = eventIndex
        self.eventID = eventID
        self.field = field
        self.message = message
    }

    public var description: String {
        var where_ = ""
        if let i = eventIndex { where_ += "event[\(i)]" }
        if let id = eventID { where_ += (where_.isEmpty ? "" : " ") + "(\(id))" }
        if !field.isEmpty { where_ += (where_.isEmpty ? "" : " ") + field }
        return (where_.isEmpty ? "" : where_ + ": ") + message + " [\(code.rawValue)]"
    }
}

/// All problems found in one document; thrown by decoders and `validated()` so a client
/// sees every error at once rather than fixing them one round trip at a time.
public struct EPCISErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [EPCISError]
    public init(_ errors: [EPCISError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
