import Foundation

/// What an `XMLScanner` reports. Buffers point into the scanner's input and are valid only
/// during the call. Names are local names (the part after any prefix): SpreadsheetML appears
/// with and without prefixes and in two namespaces (transitional and strict), and a worksheet
/// holds nothing else that uses the same local names.
protocol XMLScanHandler {
    /// A start tag. A self-closing element gets `end` right after.
    mutating func start(_ tag: XMLScanner.Tag) throws
    mutating func end(_ local: UnsafeBufferPointer<UInt8>) throws
    /// Character data as written: `XMLScanner.appendText` replaces references when wanted.
    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws
}

/// A forward-only XML tokenizer fed in chunks, for parts too large for a tree (worksheets and
/// shared strings, up to hundreds of megabytes): it keeps only the unfinished token and the
/// names of the open elements, so memory stays flat however long the part is.
///
/// XMLReader builds a whole tree, which for a 100,000-row sheet would cost gigabytes, and has no
/// streaming interface. This scanner checks what keeps a hostile part from misleading or
/// exhausting it (tags nest and match, attributes are quoted, references are known, DOCTYPE is
/// refused, depth is bounded) but is otherwise lenient: text is decoded as UTF-8 with
/// replacement, and it does not resolve namespaces.
struct XMLScanner {
    struct Attribute {
        var localStart: Int
        var localEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    /// A start tag as the handler sees it.
    struct Tag {
        let local: UnsafeBufferPointer<UInt8>
        let base: UnsafePointer<UInt8>
        let attributes: UnsafeBufferPointer<Attribute>

        /// The raw value (references not replaced) of the attribute with this local name.
        func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
            for a in attributes where XMLScanner.equal(base + a.localStart, a.localEnd - a.localStart, name) {
                return UnsafeBufferPointer(start: base + a.valueStart, count: a.valueEnd - a.valueStart)
            }
            return nil
        }
    }

    static let maxDepth = 256

    let part: String
    private var buf: [UInt8] = []
    /// First byte not yet consumed; a token that is not complete yet starts here.
    private var pos = 0
    /// Where the search for the end of the token at `pos` goes on, so a token spread over many
    /// chunks is scanned once, not once per chunk.
    private var resume = 0
    /// The open quote, while a start tag that spans chunks is being searched.
    private var quote: UInt8 = 0
    private var openNames: [UInt8] = []
    private var openEnds: [Int] = []
    /// Reused for every tag: slots past `attributeCount` are stale, never cleared (clearing an
    /// array per tag showed in profiles of 100,000-row sheets).
    private var attributes: [Attribute] = []
    private var attributeCount = 0
    private var started = false
    private var sawRoot = false

    init(part: String) {
        self.part = part
        attributes = Array(repeating: Attribute(localStart: 0, localEnd: 0, valueStart: 0, valueEnd: 0), count: 16)
    }

    private func fail(_ detail: String) -> SheetsError { SheetsError.malformed(part: part, detail) }

    /// Scans a chunk, reporting every token it completes.
    mutating func feed<H: XMLScanHandler>(_ chunk: Data, _ handler: inout H) throws {
        if pos > 0 {
            buf.removeSubrange(0..<pos)
            resume -= pos
            pos = 0
        }
        buf.append(contentsOf: chunk)
        if !started {
            guard buf.count >= 3 else { return }
            started = true
            if buf[0] == 0xFE || buf[0] == 0xFF {
                throw SheetsError(.unsupportedEncoding, vi: "Phần \(part) dùng bảng mã UTF-16, không được hỗ trợ.",
                                  en: "Part \(part) is UTF-16, which is not supported.")
            }
            if buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { pos = 3; resume = 3 }
        }
        try scan(final: false, &handler)
    }

    /// Ends the document: anything left unfinished is an error.
    mutating func finish<H: XMLScanHandler>(_ handler: inout H) throws {
        started = true
        try scan(final: true, &handler)
        if !openEnds.isEmpty {
            let top = String(decoding: openNames[(openEnds.count > 1 ? openEnds[openEnds.count - 2] : 0)...], as: UTF8.self)
            throw fail("the part ends inside <\(top)>")
        }
        guard sawRoot else { throw fail("the part has no root element") }
    }

    // MARK: - Scanning

    private static let lt: UInt8 = 0x3C, gt: UInt8 = 0x3E, slash: UInt8 = 0x2F

    private mutating func scan<H: XMLScanHandler>(final: Bool, _ handler: inout H) throws {
        let bytes = buf
        let n = bytes.count
        guard pos < n else { return }
        try bytes.withUnsafeBufferPointer { p in
            let base = p.baseAddress!
            var i = pos
            defer { pos = i }
            while i < n {
                if base[i] != Self.lt {
                    guard let next = Self.find(Self.lt, base, from: max(i, resume), to: n) else {
                        if final {
                            try emitText(base, i, n, &handler)
                            i = n
                        }
                        resume = n
                        return
                    }
                    try emitText(base, i, next, &handler)
                    i = next
                    resume = i
                    continue
                }
                guard i + 1 < n else {
                    if final { throw fail("the part ends inside a tag") }
                    return
                }
                switch base[i + 1] {
                case Self.slash:
                    guard let close = Self.find(Self.gt, base, from: max(i + 2, resume), to: n) else {
                        if final { throw fail("the part ends inside an end tag") }
                        resume = n
                        return
                    }
                    try endTag(base, i + 2, close, &handler)
                    i = close + 1
                case 0x3F: // <?
                    guard let close = Self.find("?>", base, from: max(i + 2, resume), to: n) else {
                        if final { throw fail("unterminated processing instruction") }
                        resume = max(i + 2, n - 1)
                        return
                    }
                    i = close + 2
                case 0x21: // <!
                    if Self.hasPrefix("<!--", base, i, n) {
                        guard let close = Self.find("-->", base, from: max(i + 4, resume), to: n) else {
                            if final { throw fail("unterminated comment") }
                            resume = max(i + 4, n - 2)
                            return
                        }
                        i = close + 3
                    } else if Self.hasPrefix("<![CDATA[", base, i, n) {
                        guard let close = Self.find("]]>", base, from: max(i + 9, resume), to: n) else {
                            if final { throw fail("unterminated CDATA section") }
                            resume = max(i + 9, n - 2)
                            return
                        }
                        guard !openEnds.isEmpty else { throw fail("CDATA outside the root element") }
                        try handler.text(UnsafeBufferPointer(start: base + i + 9, count: close - i - 9), isCDATA: true)
                        i = close + 3
                    } else if Self.hasPrefix("<!DOCTYPE", base, i, n) {
                        throw SheetsError(.malformedXML,
                                          vi: "Phần \(part) có khai báo DOCTYPE; tệp bị từ chối.",
                                          en: "Part \(part) declares a DOCTYPE, which spreadsheets never need; the file is refused.")
                    } else if !final, n - i < 9 {
                        return // too few bytes yet to tell which markup this is
                    } else {
                        throw fail("unexpected markup after \"<!\"")
                    }
                default:
                    // The tag ends at the first ">" outside a quoted attribute value.
                    var k = max(i + 1, resume)
                    var q: UInt8 = resume > i + 1 ? quote : 0
                    var close = -1
                    while k < n {
                        let c = base[k]
                        if q != 0 {
                            if c == q { q = 0 }
                        } else if c == 0x22 || c == 0x27 {
                            q = c
                        } else if c == Self.gt {
                            close = k
                            break
                        } else if c == Self.lt {
                            throw fail("\"<\" inside a tag")
                        }
                        k += 1
                    }
                    guard close >= 0 else {
                        if final { throw fail("the part ends inside a start tag") }
                        resume = n
                        quote = q
                        return
                    }
                    quote = 0
                    try startTag(base, i + 1, close, &handler)
                    i = close + 1
                }
                resume = i
            }
        }
    }

    private mutating func emitText<H: XMLScanHandler>(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, _ handler: inout H) throws {
        guard from < to else { return }
        if openEnds.isEmpty {
            for k in from..<to where !Self.isSpace(base[k]) { throw fail("text outside the root element") }
            return
        }
        try handler.text(UnsafeBufferPointer(start: base + from, count: to - from), isCDATA: false)
    }

    private mutating func startTag<H: XMLScanHandler>(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, _ handler: inout H) throws {
        var end = to
        let selfClosing = end > from && base[end - 1] == Self.slash
        if selfClosing { end -= 1 }
        var k = from
        guard k < end, Self.isNameStart(base[k]) else { throw fail("a tag without a name") }
        var localStart = k
        while k < end, Self.isNameChar(base[k]) {
            if base[k] == 0x3A { localStart = k + 1 }
            k += 1
        }
        let nameEnd = k
        guard localStart < nameEnd else { throw fail("a tag name ends with \":\"") }
        if openEnds.isEmpty, sawRoot { throw fail("a second root element") }
        attributeCount = 0
        while k < end {
            guard Self.isSpace(base[k]) else { throw fail("expected a space before an attribute") }
            while k < end, Self.isSpace(base[k]) { k += 1 }
            if k == end { break }
            guard Self.isNameStart(base[k]) else { throw fail("an attribute without a name") }
            var aLocal = k
            while k < end, Self.isNameChar(base[k]) {
                if base[k] == 0x3A { aLocal = k + 1 }
                k += 1
            }
            let aEnd = k
            while k < end, Self.isSpace(base[k]) { k += 1 }
            guard k < end, base[k] == 0x3D else { throw fail("an attribute without \"=\"") }
            k += 1
            while k < end, Self.isSpace(base[k]) { k += 1 }
            guard k < end, base[k] == 0x22 || base[k] == 0x27 else { throw fail("an attribute value without quotes") }
            let q = base[k]
            let vStart = k + 1
            k = vStart
            while k < end, base[k] != q { k += 1 }
            guard k < end else { throw fail("an attribute value without its closing quote") }
            guard attributeCount < 256 else { throw fail("more than 256 attributes on one element") }
            let attribute = Attribute(localStart: aLocal, localEnd: aEnd, valueStart: vStart, valueEnd: k)
            if attributeCount < attributes.count { attributes[attributeCount] = attribute } else { attributes.append(attribute) }
            attributeCount += 1
            k += 1
        }
        let local = UnsafeBufferPointer(start: base + localStart, count: nameEnd - localStart)
        sawRoot = true
        if !selfClosing {
            guard openEnds.count < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth) levels") }
            openNames.append(contentsOf: UnsafeBufferPointer(start: base + from, count: nameEnd - from))
            openEnds.append(openNames.count)
        }
        try attributes.withUnsafeBufferPointer { attrs in
            try handler.start(Tag(local: local, base: base, attributes: UnsafeBufferPointer(rebasing: attrs[0..<attributeCount])))
        }
        if selfClosing { try handler.end(local) }
    }

    private mutating func endTag<H: XMLScanHandler>(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, _ handler: inout H) throws {
        var end = to
        while end > from, Self.isSpace(base[end - 1]) { end -= 1 }
        guard let top = openEnds.last else { throw fail("an end tag without a start tag") }
        let topStart = openEnds.count > 1 ? openEnds[openEnds.count - 2] : 0
        let length = end - from
        let matches = length == top - topStart && openNames.withUnsafeBufferPointer { names in
            memcmp(names.baseAddress! + topStart, base + from, length) == 0
        }
        guard matches else {
            throw fail("</\(String(decoding: UnsafeBufferPointer(start: base + from, count: length), as: UTF8.self))> does not close <\(String(decoding: openNames[topStart..<top], as: UTF8.self))>")
        }
        openNames.removeSubrange(topStart...)
        openEnds.removeLast()
        var localStart = from
        for k in from..<end where base[k] == 0x3A { localStart = k + 1 }
        try handler.end(UnsafeBufferPointer(start: base + localStart, count: end - localStart))
    }

    // MARK: - Bytes

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
    static func isNameStart(_ c: UInt8) -> Bool {
        (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c == 0x3A || c >= 0x80
    }
    static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E
    }

    static func find(_ c: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let hit = memchr(base + from, Int32(c), to - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    static func find(_ s: StaticString, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        let first = s.utf8Start[0]
        let length = s.utf8CodeUnitCount
        var k = from
        while let hit = find(first, base, from: k, to: to) {
            if hit + length > to { return nil }
            if memcmp(base + hit, s.utf8Start, length) == 0 { return hit }
            k = hit + 1
        }
        return nil
    }

    static func hasPrefix(_ s: StaticString, _ base: UnsafePointer<UInt8>, _ at: Int, _ n: Int) -> Bool {
        at + s.utf8CodeUnitCount <= n && memcmp(base + at, s.utf8Start, s.utf8CodeUnitCount) == 0
    }

    static func equal(_ p: UnsafePointer<UInt8>, _ count: Int, _ s: StaticString) -> Bool {
        count == s.utf8CodeUnitCount && memcmp(p, s.utf8Start, count) == 0
    }

    static func equal(_ b: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        equal(b.baseAddress!, b.count, s)
    }

    // MARK: - Character data

    /// Appends text with the five predefined entities and character references replaced and
    /// line ends normalised to LF, as an XML parser delivers it (CDATA is taken literally but
    /// for line ends).
    static func appendText(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool, part: String, into out: inout [UInt8]) throws {
        func fail(_ detail: String) -> SheetsError { SheetsError.malformed(part: part, detail) }
        let n = raw.count
        var run = 0
        var k = 0
        while k < n {
            let c = raw[k]
            if c != 0x26 && c != 0x0D { k += 1; continue }
            if c == 0x26 && isCDATA { k += 1; continue }
            if run < k { out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[run..<k])) }
            if c == 0x0D {
                out.append(0x0A)
                k += 1
                if k < n, raw[k] == 0x0A { k += 1 }
            } else {
                var semi = k + 1
                while semi < n, raw[semi] != 0x3B, semi - k < 12 { semi += 1 }
                guard semi < n, raw[semi] == 0x3B else { throw fail("an \"&\" that starts no reference") }
                let name = UnsafeBufferPointer(rebasing: raw[(k + 1)..<semi])
                if Self.equal(name, "lt") { out.append(0x3C) }
                else if Self.equal(name, "gt") { out.append(0x3E) }
                else if Self.equal(name, "amp") { out.append(0x26) }
                else if Self.equal(name, "quot") { out.append(0x22) }
                else if Self.equal(name, "apos") { out.append(0x27) }
                else if name.first == 0x23 {
                    let hex = name.count > 1 && name[1] == 0x78
                    var v: UInt32 = 0
                    var digits = 0
                    for d in name.dropFirst(hex ? 2 : 1) {
                        let digit: UInt32
                        switch d {
                        case 0x30...0x39: digit = UInt32(d - 0x30)
                        case 0x61...0x66 where hex: digit = UInt32(d - 0x61 + 10)
                        case 0x41...0x46 where hex: digit = UInt32(d - 0x41 + 10)
                        default: throw fail("a malformed character reference")
                        }
                        v = v * (hex ? 16 : 10) + digit
                        digits += 1
                    }
                    guard digits > 0, let scalar = Unicode.Scalar(v), v != 0 else {
                        throw fail("a character reference to no character")
                    }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                } else {
                    throw fail("an undefined entity &\(String(decoding: name, as: UTF8.self));")
                }
                k = semi + 1
            }
            run = k
        }
        if run < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: raw[run..<n])) }
    }
}
