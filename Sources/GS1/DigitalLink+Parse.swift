// Digital Link URI parsing on bytes: scheme and domain checks, a backwards search of the
// path for the rightmost primary key (anything before it is the stem), percent-decoding,
// then the same value validation as the element string parsers.

private enum URIBytes {
    /// Characters a URI may contain at all (RFC 3986 unreserved, reserved and "%").
    static let allowed = Charsets.table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
    /// Characters from `allowed` that cannot appear in a domain.
    static let badInDomain = Charsets.table("_~?#@!$&'()*+,;=%")
}

extension DigitalLink {
    /// Parses a GS1 Digital Link URI on any domain and path stem.
    public static func parse(_ uri: String, options: ParseOptions = .default) throws(GS1Error) -> ElementString {
        var uri = uri
        let r: Result<ElementString, GS1Error> = uri.withUTF8 { buf in
            do throws(GS1Error) { return .success(try parseBytes(UnsafeRawBufferPointer(buf), options: options)) }
            catch { return .failure(error) }
        }
        return try r.get()
    }

    static func hasScheme(_ p: UnsafeRawBufferPointer) -> Int? {
        func starts(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard p.count >= n else { return false }
            let q = s.utf8Start
            for i in 0..<n where p[i] != q[i] { return false }
            return true
        }
        if starts("https://") || starts("HTTPS://") { return 8 }
        if starts("http://") || starts("HTTP://") { return 7 }
        return nil
    }

    static func parseBytes(_ p: UnsafeRawBufferPointer, options: ParseOptions) throws(GS1Error) -> ElementString {
        let n = p.count
        guard n > 0 else { throw .emptyInput }
        let allowed = URIBytes.allowed
        for i in 0..<n where !allowed[Int(p[i])] { throw .invalidURI(position: i, reason: "character not allowed in a URI") }
        guard let schemeEnd = hasScheme(p) else { throw .invalidURI(position: 0, reason: "scheme must be http:// or https://") }

        var i = schemeEnd
        let bad = URIBytes.badInDomain
        while i < n && p[i] != 0x2F {
            if bad[Int(p[i])] { throw .invalidURI(position: i, reason: "character not allowed in the domain") }
            i += 1
        }
        guard i < n, i > schemeEnd else { throw .invalidURI(position: i, reason: "missing domain or path") }
        let pathStart = i
        var end = n
        for k in pathStart..<n where p[k] == 0x23 { end = k; break }        // "#" ends the data
        var pathEnd = end
        for k in pathStart..<end where p[k] == 0x3F { pathEnd = k; break }  // "?" starts the query

        // Scratch space on the stack: segment starts, then each element's offset in the URI.
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (n + 1)) { (scratch) throws(GS1Error) -> ElementString in
            // Segment boundaries: segStarts[k] is the byte after the k-th "/".
            let segStarts = UnsafeMutableBufferPointer(rebasing: scratch[0...n])
            let positions = UnsafeMutableBufferPointer(rebasing: scratch[(n + 1)...])
            var segCount = 0
            for k in pathStart..<pathEnd where p[k] == 0x2F { segStarts[segCount] = k + 1; segCount += 1 }
            @inline(__always) func segment(_ k: Int) -> Range<Int> {
                segStarts[k]..<(k + 1 < segCount ? segStarts[k + 1] - 1 : pathEnd)
            }

            // Walk back over "/AI/value" pairs until a primary key; stop at anything not an AI.
            var keySeg = -1
            var k = segCount - 2
            while k >= 0 {
                guard let def = pathAI(p, segment(k), options: options) else { break }
                if def.1.isPrimaryKey { keySeg = k; break }
                k -= 2
            }
            guard keySeg >= 0 else { throw .noPrimaryKey }

            var elements: [AIElement] = []
            elements.reserveCapacity((segCount - keySeg) / 2 + 2)
            k = keySeg
            while k + 1 < segCount {
                let aiRange = segment(k), valueRange = segment(k + 1)
                let (slot, def) = pathAI(p, aiRange, options: options)!
                if valueRange.isEmpty { throw .emptyValue(ai: def.code, position: aiRange.lowerBound) }
                let value = try decodeAndValidate(p, valueRange, def: def, query: false, aiPosition: aiRange.lowerBound, options: options)
                positions[elements.count] = aiRange.lowerBound
                elements.append(AIElement(ai: def.code, value: value, slot: slot, key: def.flatKey))
                k += 2
            }
            let pathCount = elements.count

            if pathEnd < end {
                var q = pathEnd + 1
                while q < end {
                    var amp = q
                    while amp < end && p[amp] != 0x26 { amp += 1 }
                    defer { q = amp + 1 }
                    if amp == q { continue }
                    var eq = q
                    while eq < amp && p[eq] != 0x3D { eq += 1 }
                    if eq == amp { continue }                                  // singleton: not AI data
                    let key = UnsafeRawBufferPointer(rebasing: p[q..<eq])
                    guard !key.isEmpty, key.allSatisfy(isDigit) else { continue } // non-numeric keys are not AIs
                    let (slot, def) = try ElementString.resolveExplicit(key, position: q, options: options)
                    if eq + 1 == amp { throw .emptyValue(ai: def.code, position: q) }
                    let value = try decodeAndValidate(p, (eq + 1)..<amp, def: def, query: true, aiPosition: q, options: options)
                    positions[elements.count] = q
                    elements.append(AIElement(ai: def.code, value: value, slot: slot, key: def.flatKey))
                }
            }

            // The path must be the key followed by an allowed selection of its qualifiers.
            let key = elements[0].definition
            for q in 1..<max(pathCount, 1) where !isValidPath(key: key, count: q, { elements[$0 + 1].key }) {
                throw .qualifierOrder(ai: elements[q].ai, position: positions[q])
            }
            // In a Digital Link every AI may appear only once.
            for a in 0..<elements.count {
                var b = a + 1
                while b < elements.count {
                    if elements[a].key == elements[b].key && elements[a].ai == elements[b].ai {
                        throw .duplicateAI(ai: elements[b].ai, position: positions[b])
                    }
                    b += 1
                }
            }
            let qualifierCount = pathCount - 1
            for idx in pathCount..<elements.count {
                let e = elements[idx]
                let def = e.definition
                let permitted = def.isKnown ? def.isDataAttribute : options.permitUnknownAIsAsDataAttributes
                guard permitted else { throw .notDataAttribute(ai: e.ai, position: positions[idx]) }
                // A query AI that would also fit in the path is a qualifier in the wrong place.
                for at in 0...qualifierCount {
                    let fits = isValidPath(key: key, count: qualifierCount + 1) { i in
                        i < at ? elements[i + 1].key : (i == at ? e.key : elements[i].key)
                    }
                    if fits { throw .qualifierInQuery(ai: e.ai, position: positions[idx]) }
                }
            }
            let result = ElementString(elements: elements, pathCount: pathCount)
            if options.validateAssociations { try result.validateAssociations() }
            return result
        }
    }

    /// The AI named by a path segment: digits, or a convenience alpha when permitted.
    private static func pathAI(_ p: UnsafeRawBufferPointer, _ r: Range<Int>, options: ParseOptions) -> (Int16, ApplicationIdentifier)? {
        let seg = UnsafeRawBufferPointer(rebasing: p[r])
        if seg.count >= 2, seg.count <= 4, seg.allSatisfy(isDigit) {
            return try? ElementString.resolveExplicit(seg, position: r.lowerBound, options: options)
        }
        if options.permitConvenienceAlphas, seg.count >= 3, seg.count <= 5, !isDigit(seg[0]),
           let code = convenienceAlphas[String(decoding: seg, as: UTF8.self)],
           let s = Registry.shared.index(ofCode: code) {
            return (Int16(s), Registry.shared.all[s])
        }
        return nil
    }

    /// Percent-decodes a value ("+" is a space only in the query), pads zero-suppressed GTINs
    /// when allowed, validates it and returns it as a String.
    private static func decodeAndValidate(_ p: UnsafeRawBufferPointer, _ r: Range<Int>, def: ApplicationIdentifier, query: Bool,
                                          aiPosition: Int, options: ParseOptions) throws(GS1Error) -> String {
        var needsDecoding = false
        for k in r where p[k] == 0x25 || (query && p[k] == 0x2B) { needsDecoding = true; break }
        let isGTIN = def.code == "01"
        let padGTIN = isGTIN && options.permitZeroSuppressedGTIN
        @inline(__always) func shortGTIN(_ n: Int) -> Bool { n == 8 || n == 12 || n == 13 }
        if !needsDecoding && !(padGTIN && shortGTIN(r.count)) {
            let v = UnsafeRawBufferPointer(rebasing: p[r])
            try ElementString.validateExplicit(def, v, position: r.lowerBound, aiPosition: aiPosition)
            return String(decoding: v, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(r.count, 14))
        var k = r.lowerBound
        while k < r.upperBound {
            let c = p[k]
            if c == 0x25, k + 2 < r.upperBound, isHex(p[k + 1]), isHex(p[k + 2]) {
                let b = hexValue(p[k + 1]) << 4 | hexValue(p[k + 2])
                if b == 0 { throw .invalidURI(position: k, reason: "%00 is not allowed") }
                bytes.append(b)
                k += 3
            } else {
                bytes.append(query && c == 0x2B ? 0x20 : c)
                k += 1
            }
        }
        if padGTIN && shortGTIN(bytes.count) {
            bytes.insert(contentsOf: repeatElement(48, count: 14 - bytes.count), at: 0)
        }
        let failure: GS1Error? = bytes.withUnsafeBytes { b in
            do throws(GS1Error) { try ElementString.validateExplicit(def, b, position: r.lowerBound, aiPosition: aiPosition); return nil }
            catch { return error }
        }
        if let failure { throw failure }
        return String(decoding: bytes, as: UTF8.self)
    }
}

@inline(__always) func hexValue(_ c: UInt8) -> UInt8 { isDigit(c) ? c - 48 : (c | 0x20) - 87 }
