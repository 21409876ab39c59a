// Canonical Digital Link generation: the first primary key in the data, the longest run of
// its qualifiers present (ties go to the sequence that sorts first), then the remaining
// data attributes as query parameters, predefined-length AIs first, each group in input order.

extension DigitalLink {
    /// Builds the Digital Link URI for `data` on `stem` (a trailing "/" is dropped).
    /// Data that came from a Digital Link keeps its path; otherwise the path is chosen as above.
    public static func uri(for data: ElementString, stem: String = canonicalStem,
                           options: ParseOptions = .default) throws(GS1Error) -> String {
        let els = data.elements
        var path: [Int] = []
        if data.pathCount > 0 {
            path = Array(0..<data.pathCount)
        } else {
            guard let keyIndex = els.firstIndex(where: { $0.definition.isPrimaryKey }) else { throw .noPrimaryKey }
            let key = els[keyIndex].definition
            var best: [String] = []
            var bestText = ""
            for seq in key.keyQualifiers ?? [[]] {
                let present = seq.filter { q in els.contains { $0.ai == q } }
                let text = ([key.code] + present).joined(separator: " ")
                if present.count > best.count || (present.count == best.count && !best.isEmpty && text < bestText) {
                    best = present
                    bestText = text
                }
            }
            path = [keyIndex] + best.map { q in els.firstIndex { $0.ai == q }! }
        }

        var out = stem
        if out.hasSuffix("/") { out.removeLast() }
        var emitted: [String] = []
        for i in path {
            out += "/" + els[i].ai + "/"
            escape(els[i].value, query: false, into: &out)
            emitted.append(els[i].ai)
        }
        var separator: Character = "?"
        for fixedPass in [true, false] {
            for (idx, e) in els.enumerated() where !emitted.contains(e.ai) {
                let def = e.definition
                guard def.isPredefinedLength == fixedPass else { continue }
                let permitted = def.isKnown ? def.isDataAttribute : options.permitUnknownAIsAsDataAttributes
                guard permitted else { throw .notDataAttribute(ai: e.ai, position: idx) }
                out.append(separator)
                separator = "&"
                out += e.ai + "="
                escape(e.value, query: true, into: &out)
                emitted.append(e.ai)
            }
        }
        return out
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters; a space in the query is "+".
    static func escape(_ value: String, query: Bool, into out: inout String) {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count)
        for c in value.utf8 {
            switch c {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: bytes.append(c)
            case 0x20 where query: bytes.append(0x2B)
            default:
                bytes.append(0x25); bytes.append(hex[Int(c >> 4)]); bytes.append(hex[Int(c & 15)])
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }
}

extension ElementString {
    /// The Digital Link URI for this data; see `DigitalLink.uri(for:stem:options:)`.
    public func digitalLink(stem: String = DigitalLink.canonicalStem, options: ParseOptions = .default) throws(GS1Error) -> String {
        try DigitalLink.uri(for: self, stem: stem, options: options)
    }
}
