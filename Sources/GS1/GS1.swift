/// Namespace for the GS1 entry points: parsing, check digits and conversions.
///
/// Typical use:
/// ```swift
/// let data = try GS1.parse("https://id.gs1.org/01/09506000134352/10/ABC123?17=261231")
/// data.elementString          // "^010950600013435210ABC123^17261231"
/// data.bracketed              // "(01)09506000134352(10)ABC123(17)261231"
/// try data.digitalLink()      // canonical URI on https://id.gs1.org
/// ```
public enum GS1 {}
