/// Namespace URIs every XML vocabulary meets, whatever the document type.
public enum XMLNamespace {
    /// Bound to the prefix `xml` in every document (xml:lang, xml:space).
    public static let xml = "http://www.w3.org/XML/1998/namespace"
    /// The namespace of namespace declarations themselves; no element or attribute may use it.
    public static let xmlns = "http://www.w3.org/2000/xmlns/"
    /// xsi:type, xsi:nil, xsi:schemaLocation.
    public static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    /// XML Schema datatypes (xsd:decimal, xsd:boolean…).
    public static let xsd = "http://www.w3.org/2001/XMLSchema"
}
