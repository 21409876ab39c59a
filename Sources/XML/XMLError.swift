/// Why a document could not be read (or a tree could not be written): the line and element
/// path where it happened, so whoever made the file can find the spot. Libraries built on this
/// one (the EPCIS XML binding, XLSX, DOCX) translate it into their own error types.
public struct XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Not well-formed XML (or not UTF-8 / UTF-16 / Latin-1).
        case malformed
        /// A DTD with an external identifier or internal subset, or an entity it would define.
        case forbiddenDTD
        /// Well-formed, but past one of the reader's limits (nesting depth, attributes per element).
        case limitExceeded
        /// The tree holds something XML 1.0 cannot carry.
        case unencodable
    }

    public var kind: Kind
    /// 1-based source line; nil when not known (e.g. while writing).
    public var line: Int?
    /// Names of the open elements from the root, such as `EPCISDocument/EPCISBody/EventList`; "" if none.
    public var path: String
    public var message: String

    public init(_ kind: Kind, line: Int?, path: String = "", _ message: String) {
        self.kind = kind
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        var s = "XML"
        if let line { s += ", line \(line)" }
        if !path.isEmpty { s += " (\(path))" }
        return s + ": " + message
    }
}
