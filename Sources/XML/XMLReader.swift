import Foundation

/// A small pull parser over UTF-8 bytes that builds an `XMLTree.Element` with namespaces
/// resolved. Written by hand rather than on FoundationXML so it is fast, behaves the same on
/// every platform, never fetches anything, and refuses DTDs before any entity can be expanded.
///
/// What it accepts: XML 1.0 with namespaces; the five predefined entities and character
/// references; CDATA; comments and processing instructions (dropped); a bare
/// `<!DOCTYPE name>` (ignored, some published examples carry one). A DOCTYPE with an external
/// identifier or an internal subset is refused outright (XXE, entity expansion).
public struct XMLReader {
    /// Deeper nesting than any EPCIS, XLSX or DOCX document needs; bounds the recursion of later passes.
    public static let maxDepth = 256
    /// More attributes (namespace declarations included) than any element of those formats
    /// carries; past it a document is refused rather than read, whatever it costs to read.
    public static let maxAttributes = 256

    private let b: [UInt8]
    private var i = 0
    // Line lookup is lazy: positions only grow, so counting newlines from the last answer is cheap.
    private var lineCachePos = 0
    private var lineCacheLine = 1

    /// In-scope namespace bindings: for each prefix ("" for the default namespace) the URIs
    /// declared for it, innermost last, so resolving a prefix costs one lookup however many
    /// declarations are open. `declared` lists the prefixes in declaration order so an end tag
    /// can undo exactly its element's declarations.
    private var bindings: [String: [String]] = [:]
    private var declared: [String] = []
    /// Reused per start tag to find repeated attribute names in constant time each.
    private var seenRawNames: Set<String> = []
    private var seenExpandedNames: Set<XMLTree.Name> = []

    private init(bytes: [UInt8]) { self.b = bytes }

    /// Parses a whole document and returns its root element.
    public static func parse(_ data: some Collection<UInt8>) throws(XMLError) -> XMLTree.Element {
        let bytes = try transcodeToUTF8(Array(data))
        var r = XMLReader(bytes: bytes)
        return try r.document()
    }

    public static func parse(_ string: String) throws(XMLError) -> XMLTree.Element {
        try parse(Array(string.utf8))
    }

    // MARK: - Encoding

    /// UTF-8 is what EPCIS uses; UTF-16 (by BOM) and Latin-1 (by declaration) are converted,
    /// anything else is refused rather than misread.
    private static func transcodeToUTF8(_ bytes: [UInt8]) throws(XMLError) -> [UInt8] {
        let bom = bytes.count >= 2 && ((bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE))
        // UTF-16 without a byte order mark still starts "<" with a zero byte beside it.
        let bareLE = bytes.count >= 4 && bytes[0] == 0x3C && bytes[1] == 0 && bytes[2] != 0 && bytes[3] == 0
        let bareBE = bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0x3C && bytes[2] == 0 && bytes[3] != 0
        if bom || bareLE || bareBE {
            let enc: String.Encoding = (bom ? bytes[0] == 0xFE : bareBE) ? .utf16BigEndian : .utf16LittleEndian
            guard let s = String(data: Data(bytes[(bom ? 2 : 0)...]), encoding: enc) else {
                throw XMLError(.malformed, line: nil, "the document starts with a UTF-16 byte order mark but is not valid UTF-16")
            }
            var out = Array(s.utf8)
            // The declaration still says UTF-16; drop it so the UTF-8 bytes are read as such.
            if let decl = declaredEncoding(out), decl.lowercased().hasPrefix("utf-16") || decl.lowercased() == "utf16" {
                out = stripDeclaration(out)
            }
            return out
        }
        var body = bytes
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF { body.removeFirst(3) }
        guard let decl = declaredEncoding(body) else { return body }
        switch decl.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii":
            return body
        case "iso-8859-1", "latin1", "iso_8859-1", "l1":
            guard let s = String(data: Data(body), encoding: .isoLatin1) else { return body }
            return stripDeclaration(Array(s.utf8))
        default:
            throw XMLError(.malformed, line: 1, "unsupported encoding \"\(decl)\" (use UTF-8)")
        }
    }

    /// The `encoding` pseudo-attribute of a leading `<?xml ...?>`, if any.
    private static func declaredEncoding(_ b: [UInt8]) -> String? {
        guard b.count > 5, b[0] == 0x3C, b[1] == 0x3F, b[2] == 0x78, b[3] == 0x6D, b[4] == 0x6C else { return nil }
        guard let end = firstIndex(of: [0x3F, 0x3E], in: b, from: 5) else { return nil }
        let decl = String(decoding: b[5..<end], as: UTF8.self)
        guard let r = decl.range(of: "encoding") else { return nil }
        var rest = decl[r.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let q = rest.first, q == "\"" || q == "'" else { return nil }
        rest = rest.dropFirst()
        guard let close = rest.firstIndex(of: q) else { return nil }
        return String(rest[..<close])
    }

    private static func stripDeclaration(_ b: [UInt8]) -> [UInt8] {
        guard b.count > 5, b[0] == 0x3C, b[1] == 0x3F, b[2] == 0x78, b[3] == 0x6D, b[4] == 0x6C,
              let end = firstIndex(of: [0x3F, 0x3E], in: b, from: 5) else { return b }
        // Keep the line count: replace the declaration by as many newlines as it spanned.
        let newlines = b[0..<end].filter { $0 == 0x0A }.count
        return Array(repeating: 0x0A, count: newlines) + b[(end + 2)...]
    }

    private static func firstIndex(of pattern: [UInt8], in b: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= b.count else { return nil }
        var k = start
        let last = b.count - pattern.count
        while k <= last {
            if b[k] == pattern[0] {
                var m = 1
                while m < pattern.count, b[k + m] == pattern[m] { m += 1 }
                if m == pattern.count { return k }
            }
            k += 1
        }
        return nil
    }

    // MARK: - Errors and positions

    private mutating func line(at pos: Int) -> Int {
        let p = min(pos, b.count)
        if p < lineCachePos { lineCachePos = 0; lineCacheLine = 1 }
        var k = lineCachePos
        var n = lineCacheLine
        while k < p { if b[k] == 0x0A { n += 1 }; k += 1 }
        lineCachePos = p
        lineCacheLine = n
        return n
    }

    private mutating func fail(_ message: String, at pos: Int? = nil, kind: XMLError.Kind = .malformed) -> XMLError {
        XMLError(kind, line: line(at: pos ?? i), path: path(), message)
    }

    private var openNames: [String] = []
    private func path() -> String { openNames.joined(separator: "/") }

    // MARK: - Validation of the raw bytes

    /// One pass rejecting bytes that are not UTF-8 or not XML 1.0 characters, so later steps
    /// can decode slices without checks and the error can name the line.
    private mutating func validateCharacters() throws(XMLError) {
        var k = 0
        let n = b.count
        while k < n {
            let c = b[k]
            if c < 0x80 {
                if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D {
                    throw fail("control character 0x\(String(c, radix: 16, uppercase: true)) is not allowed in XML", at: k)
                }
                k += 1
                continue
            }
            var len = 0
            var scalar: UInt32 = 0
            if c & 0xE0 == 0xC0 { len = 2; scalar = UInt32(c & 0x1F) }
            else if c & 0xF0 == 0xE0 { len = 3; scalar = UInt32(c & 0x0F) }
            else if c & 0xF8 == 0xF0 { len = 4; scalar = UInt32(c & 0x07) }
            else { throw fail("invalid UTF-8 byte 0x\(String(c, radix: 16))", at: k) }
            guard k + len <= n else { throw fail("truncated UTF-8 sequence", at: k) }
            for m in 1..<len {
                let cc = b[k + m]
                guard cc & 0xC0 == 0x80 else { throw fail("invalid UTF-8 sequence", at: k) }
                scalar = scalar << 6 | UInt32(cc & 0x3F)
            }
            let minimum: UInt32 = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                throw fail("invalid UTF-8 sequence", at: k)
            }
            if scalar == 0xFFFE || scalar == 0xFFFF {
                throw fail("U+\(String(scalar, radix: 16, uppercase: true)) is not an XML character", at: k)
            }
            k += len
        }
    }

    // MARK: - Low-level scanning

    private var atEnd: Bool { i >= b.count }
    private func peek(_ off: Int = 0) -> UInt8? { i + off < b.count ? b[i + off] : nil }

    private func lookingAt(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = i
        while i < b.count, Self.isSpace(b[i]) { i += 1 }
        return i > start
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c == 0x3A || c >= 0x80
    }

    private static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E
    }

    /// A raw (possibly prefixed) XML name.
    private mutating func name(_ what: String) throws(XMLError) -> String {
        guard let c = peek(), Self.isNameStart(c) else {
            throw fail(atEnd ? "document ends where \(what) was expected" : "expected \(what), found \(describeHere())")
        }
        let start = i
        while i < b.count, Self.isNameChar(b[i]) { i += 1 }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private func describeHere() -> String {
        guard i < b.count else { return "end of document" }
        let end = min(b.count, i + 12)
        let s = String(decoding: b[i..<end], as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(s)\(end < b.count ? "…" : "")\""
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws(XMLError) {
        guard peek() == c else { throw fail("expected \(what), found \(describeHere())") }
        i += 1
    }

    /// Moves past `terminator`, returning where it started; fails with `unterminated` if absent.
    private mutating func scan(to terminator: StaticString, _ unterminated: String) throws(XMLError) -> Int {
        let start = i
        let n = terminator.utf8CodeUnitCount
        let first = terminator.utf8Start[0]
        while i + n <= b.count {
            if b[i] == first, lookingAt(terminator) {
                let at = i
                i += n
                return at
            }
            i += 1
        }
        throw fail(unterminated, at: start)
    }

    // MARK: - Character data

    /// Appends the character a reference at `i` (just after `&`) stands for.
    private mutating func reference(into out: inout [UInt8]) throws(XMLError) {
        let start = i - 1
        if peek() == 0x23 { // &#
            i += 1
            var radix: UInt32 = 10
            if peek() == 0x78 { radix = 16; i += 1 }
            var v: UInt32 = 0
            var digits = 0
            while let c = peek(), c != 0x3B {
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x61...0x66 where radix == 16: d = UInt32(c - 0x61 + 10)
                case 0x41...0x46 where radix == 16: d = UInt32(c - 0x41 + 10)
                default: throw fail("malformed character reference", at: start)
                }
                v = v &* radix &+ d
                digits += 1
                if digits > 8 { throw fail("character reference out of range", at: start) }
                i += 1
            }
            guard peek() == 0x3B, digits > 0 else { throw fail("malformed character reference", at: start) }
            i += 1
            let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
            guard allowed, let scalar = Unicode.Scalar(v) else {
                throw fail("character reference &#\(radix == 16 ? "x" : "")\(String(v, radix: Int(radix))); is not an XML character", at: start)
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            return
        }
        let nm = try name("an entity name after &")
        guard peek() == 0x3B else { throw fail("entity reference &\(nm) is missing its ';'", at: start) }
        i += 1
        switch nm {
        case "lt": out.append(0x3C)
        case "gt": out.append(0x3E)
        case "amp": out.append(0x26)
        case "quot": out.append(0x22)
        case "apos": out.append(0x27)
        default:
            throw fail("undefined entity &\(nm); (only the five XML entities are defined; DTD entities are not accepted)", at: start, kind: .forbiddenDTD)
        }
    }

    /// Text up to the next `<`, with references replaced and line ends normalised to LF.
    /// Runs of ordinary bytes are copied at once.
    private mutating func charData(into out: inout [UInt8]) throws(XMLError) {
        var run = i
        while i < b.count {
            let c = b[i]
            if c != 0x3C, c != 0x26, c != 0x0D, c != 0x5D { i += 1; continue }
            if run < i { out.append(contentsOf: b[run..<i]) }
            switch c {
            case 0x3C:
                return
            case 0x26:
                i += 1
                try reference(into: &out)
            case 0x0D:
                out.append(0x0A)
                i += 1
                if peek() == 0x0A { i += 1 }
            default: // "]"
                if lookingAt("]]>") { throw fail("\"]]>\" is not allowed in text") }
                out.append(c)
                i += 1
            }
            run = i
        }
        if run < i { out.append(contentsOf: b[run..<i]) }
    }

    private mutating func attributeValue() throws(XMLError) -> String {
        guard let q = peek(), q == 0x22 || q == 0x27 else { throw fail("expected a quoted attribute value, found \(describeHere())") }
        let start = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw fail("unterminated attribute value", at: start) }
            let c = b[i]
            if c == q { i += 1; break }
            switch c {
            case 0x3C: throw fail("\"<\" is not allowed in an attribute value")
            case 0x26:
                i += 1
                try reference(into: &out)
            case 0x0D:
                // Attribute-value normalisation: each line end or tab becomes one space.
                out.append(0x20)
                i += 1
                if peek() == 0x0A { i += 1 }
            case 0x0A, 0x09:
                out.append(0x20)
                i += 1
            default:
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Markup that carries no data

    private mutating func comment() throws(XMLError) {
        i += 4 // <!--
        let at = try scan(to: "--", "unterminated comment")
        guard peek() == 0x3E else { throw fail("\"--\" is not allowed inside a comment", at: at) }
        i += 1
    }

    private mutating func processingInstruction() throws(XMLError) {
        let start = i
        i += 2
        let target = try name("a processing instruction target")
        if target.lowercased() == "xml" {
            throw fail("an XML declaration is only allowed at the very start of the document", at: start)
        }
        _ = try scan(to: "?>", "unterminated processing instruction")
    }

    private mutating func xmlDeclaration() throws(XMLError) {
        let start = i
        _ = try scan(to: "?>", "unterminated XML declaration")
        let text = String(decoding: b[start..<i], as: UTF8.self)
        if let r = text.range(of: "version") {
            let rest = text[r.upperBound...].drop { $0 != "\"" && $0 != "'" }.dropFirst()
            if !rest.hasPrefix("1.") { throw fail("unsupported XML version (only 1.x)", at: start) }
        }
    }

    /// A bare `<!DOCTYPE name>` is ignored; one that points at or declares anything is refused.
    private mutating func doctype() throws(XMLError) {
        let start = i
        i += 9 // <!DOCTYPE
        guard skipSpace() else { throw fail("malformed DOCTYPE", at: start) }
        let root = try name("the DOCTYPE's root element name")
        skipSpace()
        if peek() == 0x3E { i += 1; return }
        throw XMLError(.forbiddenDTD, line: line(at: start), path: "",
                              "DOCTYPE \(root) declares an external identifier or an internal subset; DTDs are refused (no external entities, no entity expansion)")
    }

    private mutating func misc(allowDoctype: inout Bool) throws(XMLError) {
        while true {
            skipSpace()
            if lookingAt("<!--") { try comment() }
            else if lookingAt("<?") { try processingInstruction() }
            else if lookingAt("<!DOCTYPE") {
                guard allowDoctype else { throw fail("a second DOCTYPE, or one after the root element") }
                allowDoctype = false
                try doctype()
            } else { return }
        }
    }

    // MARK: - Namespaces

    private func resolve(prefix: String) -> String? {
        if prefix == "xml" { return XMLNamespace.xml }
        if let uri = bindings[prefix]?.last { return uri }
        return prefix.isEmpty ? "" : nil
    }

    private mutating func declare(_ prefix: String, _ uri: String) {
        bindings[prefix, default: []].append(uri)
        declared.append(prefix)
    }

    /// Drops the declarations made since `count` were in force (an element's end).
    private mutating func undeclare(downTo count: Int) {
        while declared.count > count {
            let p = declared.removeLast()
            bindings[p]?.removeLast()
        }
    }

    /// "p:l" → ("p", "l"); byte-level, as Character-level search would cost grapheme breaking.
    private static func split(_ qname: String) -> (prefix: String, local: String)? {
        let u = qname.utf8
        guard let colon = u.firstIndex(of: 0x3A) else { return ("", qname) }
        let p = String(qname[..<colon])
        let l = String(qname[u.index(after: colon)...])
        if p.isEmpty || l.isEmpty || l.utf8.contains(0x3A) { return nil }
        return (p, l)
    }

    // MARK: - Document and elements

    private mutating func document() throws(XMLError) -> XMLTree.Element {
        try validateCharacters()
        if lookingAt("<?xml"), let c = peek(5), Self.isSpace(c) || c == 0x3F { try xmlDeclaration() }
        var allowDoctype = true
        try misc(allowDoctype: &allowDoctype)
        guard peek() == 0x3C else {
            throw fail(atEnd ? "the document is empty (no root element)" : "expected the root element, found \(describeHere())")
        }
        let root = try element()
        allowDoctype = false
        try misc(allowDoctype: &allowDoctype)
        if !atEnd { throw fail("content after the root element: \(describeHere())") }
        return root
    }

    /// Reads one element (at `<`) and everything inside it, iteratively so depth costs no stack.
    private mutating func element() throws(XMLError) -> XMLTree.Element {
        struct Open { var element: XMLTree.Element; var raw: String; var scopeCount: Int }
        var stack: [Open] = []
        // Character data not yet attached. Only the innermost open element can have any (a
        // child's start tag flushes it), so one buffer serves the whole document.
        var pending: [UInt8] = []
        pending.reserveCapacity(256)

        func flush(_ o: inout Open) {
            if !pending.isEmpty {
                o.element.children.append(.text(String(decoding: pending, as: UTF8.self)))
                pending.removeAll(keepingCapacity: true)
            }
        }

        while true {
            guard i < b.count else {
                throw fail("document ends inside <\(stack.last?.raw ?? "?")> (opened on line \(stack.last?.element.line ?? 0))")
            }
            if b[i] != 0x3C {
                guard !stack.isEmpty else { throw fail("text outside the root element") }
                try charData(into: &pending)
                continue
            }
            if lookingAt("</") {
                let start = i
                i += 2
                let raw = try name("an end-tag name")
                skipSpace()
                try expect(0x3E, "\">\" to close </\(raw)")
                guard var top = stack.popLast() else { throw fail("unexpected end tag </\(raw)>", at: start) }
                guard raw == top.raw else {
                    stack.append(top)
                    throw fail("end tag </\(raw)> does not match <\(top.raw)> opened on line \(top.element.line)", at: start)
                }
                flush(&top)
                undeclare(downTo: top.scopeCount)
                openNames.removeLast()
                if stack.isEmpty { return top.element }
                stack[stack.count - 1].element.children.append(.element(top.element))
                continue
            }
            if lookingAt("<!--") {
                guard !stack.isEmpty else { return try rootExpected() }
                try comment()
                continue
            }
            if lookingAt("<![CDATA[") {
                guard !stack.isEmpty else { return try rootExpected() }
                i += 9
                let start = i
                let end = try scan(to: "]]>", "unterminated CDATA section")
                var k = start
                while k < end {
                    if b[k] == 0x0D {
                        pending.append(0x0A)
                        if k + 1 < end, b[k + 1] == 0x0A { k += 1 }
                    } else {
                        pending.append(b[k])
                    }
                    k += 1
                }
                continue
            }
            if lookingAt("<?") {
                guard !stack.isEmpty else { return try rootExpected() }
                try processingInstruction()
                continue
            }
            if lookingAt("<!DOCTYPE") {
                throw fail("a DOCTYPE is only allowed before the root element", kind: .forbiddenDTD)
            }
            if lookingAt("<!") { throw fail("unexpected markup \(describeHere())") }

            // Start tag.
            let tagStart = i
            let tagLine = line(at: tagStart)
            i += 1
            let raw = try name("an element name")
            var rawAttributes: [(name: String, value: String, pos: Int)] = []
            seenRawNames.removeAll(keepingCapacity: true)
            var selfClosing = false
            while true {
                let hadSpace = skipSpace()
                guard let c = peek() else { throw fail("document ends inside the start tag <\(raw)", at: tagStart) }
                if c == 0x3E { i += 1; break }
                if c == 0x2F {
                    i += 1
                    try expect(0x3E, "\">\" after \"/\" in <\(raw)")
                    selfClosing = true
                    break
                }
                guard hadSpace else { throw fail("expected whitespace before an attribute in <\(raw), found \(describeHere())") }
                // Checked before reading the next one, so a tag with 100,000 attributes costs no
                // more to refuse than one with 257.
                guard rawAttributes.count < Self.maxAttributes else {
                    throw fail("element <\(raw)> has more than \(Self.maxAttributes) attributes (the limit per element)",
                               at: tagStart, kind: .limitExceeded)
                }
                let pos = i
                let an = try name("an attribute name")
                skipSpace()
                try expect(0x3D, "\"=\" after attribute \(an)")
                skipSpace()
                let v = try attributeValue()
                guard seenRawNames.insert(an).inserted else {
                    throw fail("attribute \(an) appears twice in <\(raw)>", at: pos)
                }
                rawAttributes.append((an, v, pos))
            }

            let scopeCount = declared.count
            openNames.append(raw)
            // Declarations first: they apply to the element's own name and attributes.
            for a in rawAttributes {
                if a.name == "xmlns" {
                    if a.value == XMLNamespace.xml || a.value == XMLNamespace.xmlns {
                        throw fail("the reserved namespace \(a.value) cannot be the default namespace", at: a.pos)
                    }
                    declare("", a.value)
                } else if a.name.hasPrefix("xmlns:") {
                    let p = String(a.name.dropFirst(6))
                    if p.isEmpty || p.contains(":") { throw fail("malformed namespace declaration \(a.name)", at: a.pos) }
                    if p == "xmlns" { throw fail("the prefix xmlns cannot be declared", at: a.pos) }
                    if p == "xml" && a.value != XMLNamespace.xml { throw fail("the prefix xml cannot be rebound", at: a.pos) }
                    if a.value.isEmpty { throw fail("prefix \(p) cannot be bound to an empty namespace name", at: a.pos) }
                    declare(p, a.value)
                }
            }
            guard let (ep, el) = Self.split(raw) else { throw fail("malformed element name \(raw)", at: tagStart) }
            if ep == "xmlns" { throw fail("element names cannot use the prefix xmlns", at: tagStart) }
            guard let ens = resolve(prefix: ep) else {
                throw fail("namespace prefix \(ep) of <\(raw)> is not declared", at: tagStart)
            }
            var element = XMLTree.Element(XMLTree.Name(el, namespace: ens, prefix: ep), line: tagLine)
            element.attributes.reserveCapacity(rawAttributes.count)
            seenExpandedNames.removeAll(keepingCapacity: true)
            for a in rawAttributes where a.name != "xmlns" && !a.name.hasPrefix("xmlns:") {
                guard let (ap, al) = Self.split(a.name) else { throw fail("malformed attribute name \(a.name)", at: a.pos) }
                // Unprefixed attributes are in no namespace, whatever the default namespace is.
                let ans: String
                if ap.isEmpty { ans = "" } else {
                    guard let r = resolve(prefix: ap) else {
                        throw fail("namespace prefix \(ap) of attribute \(a.name) is not declared", at: a.pos)
                    }
                    ans = r
                }
                let an = XMLTree.Name(al, namespace: ans, prefix: ap)
                // Two prefixes for one namespace make different raw names but the same expanded one.
                guard seenExpandedNames.insert(an).inserted else {
                    throw fail("attribute \(a.name) duplicates another attribute's expanded name", at: a.pos)
                }
                element.attributes.append(XMLTree.Attribute(name: an, value: a.value))
            }

            if selfClosing {
                undeclare(downTo: scopeCount)
                openNames.removeLast()
                if stack.isEmpty { return element }
                flush(&stack[stack.count - 1])
                stack[stack.count - 1].element.children.append(.element(element))
            } else {
                if !stack.isEmpty { flush(&stack[stack.count - 1]) }
                guard stack.count < Self.maxDepth else {
                    throw fail("elements nested deeper than \(Self.maxDepth) levels", at: tagStart, kind: .limitExceeded)
                }
                stack.append(Open(element: element, raw: raw, scopeCount: scopeCount))
            }
        }
    }

    private mutating func rootExpected() throws(XMLError) -> XMLTree.Element {
        throw fail("expected the root element")
    }
}
