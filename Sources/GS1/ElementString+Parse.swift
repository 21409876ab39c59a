// Parsers for raw element strings ("^0109506000134352^10ABC", GS separators, scanner
// symbology identifiers) and bracketed strings ("(01)09506000134352(10)ABC").
// Both work on UTF-8 bytes and validate every value against its AI's components.

private let FNC1: UInt8 = 0x5E      // "^" stands for FNC1 in text
private let GS: UInt8 = 0x1D        // what scanners transmit for FNC1

extension ElementString {
    /// Parses an element string. FNC1 is "^" or GS (0x1D); the data must start with FNC1
    /// ("^" / GS) or a GS1 symbology identifier ("]C1", "]e0", "]d2", "]Q3", "]J1"), unless
    /// `leadingFNC1Implied`: then it may also start right at the first AI, as a scanner sends
    /// it with the symbology identifier turned off. Error positions count from the text given.
    public static func parse(elementString text: String, options: ParseOptions = .default,
                             leadingFNC1Implied: Bool = false) throws(GS1Error) -> ElementString {
        var text = text
        let r: Result<ElementString, GS1Error> = text.withUTF8 { buf in
            do throws(GS1Error) {
                return .success(try parseRaw(UnsafeRawBufferPointer(buf), options: options, leadingFNC1Implied: leadingFNC1Implied))
            }
            catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Parses bracketed AI syntax. Inside values "\(" stands for a literal "(".
    public static func parse(bracketed text: String, options: ParseOptions = .default) throws(GS1Error) -> ElementString {
        var text = text
        let r: Result<ElementString, GS1Error> = text.withUTF8 { buf in
            do throws(GS1Error) { return .success(try parseBracketed(UnsafeRawBufferPointer(buf), options: options)) }
            catch { return .failure(error) }
        }
        return try r.get()
    }

    static func parseRaw(_ p: UnsafeRawBufferPointer, options: ParseOptions, leadingFNC1Implied: Bool = false) throws(GS1Error) -> ElementString {
        let n = p.count
        guard n > 0 else { throw .emptyInput }
        var i: Int
        if p[0] == FNC1 || p[0] == GS {
            i = 1
        } else if n >= 3, p[0] == 0x5D, [0x43, 0x65, 0x64, 0x51, 0x4A].contains(p[1]) {
            i = 3   // "]C1" etc.: the symbology identifier implies FNC1 in first position
        } else if leadingFNC1Implied, isDigit(p[0]) {
            i = 0
        } else {
            throw .malformedAI(position: 0)
        }
        guard i < n else { throw .emptyInput }
        var elements: [AIElement] = []
        elements.reserveCapacity(4)
        while i < n {
            // The first two digits fix the AI length for every AI sharing them.
            guard i + 1 < n, isDigit(p[i]), isDigit(p[i + 1]) else { throw .unknownAI(prefixText(p, i), position: i) }
            let prefix = Int(p[i] &- 48) * 10 + Int(p[i + 1] &- 48)
            let aiLen = Int(Registry.shared.prefixLength[prefix])
            guard aiLen != 0, i + aiLen <= n else { throw .unknownAI(prefixText(p, i), position: i) }
            let aiBytes = UnsafeRawBufferPointer(rebasing: p[i..<(i + aiLen)])
            let (slot, def) = try resolve(aiBytes, position: i, options: options)
            let aiPos = i
            i += aiLen
            var end = i
            while end < n && p[end] != FNC1 && p[end] != GS { end += 1 }
            let consumed = try validate(def, UnsafeRawBufferPointer(rebasing: p[i..<end]), position: i, aiPosition: aiPos)
            if def.requiresSeparator && i + consumed != end { throw .valueTooLong(ai: def.code, position: i) }
            elements.append(AIElement(ai: def.code, value: String(decoding: UnsafeRawBufferPointer(rebasing: p[i..<(i + consumed)]), as: UTF8.self), slot: slot, key: def.flatKey))
            i += consumed
            if i < n && (p[i] == FNC1 || p[i] == GS) { i += 1 }
        }
        let result = ElementString(elements: elements, pathCount: 0)
        if options.validateAssociations { try result.validateAssociations() }
        return result
    }

    static func parseBracketed(_ p: UnsafeRawBufferPointer, options: ParseOptions) throws(GS1Error) -> ElementString {
        let n = p.count
        guard n > 0 else { throw .emptyInput }
        var elements: [AIElement] = []
        elements.reserveCapacity(4)
        var i = 0
        while i < n {
            guard p[i] == 0x28 else { throw .malformedAI(position: i) }
            var close = i + 1
            while close < n && p[close] != 0x29 { close += 1 }
            guard close < n else { throw .malformedAI(position: i) }
            let aiBytes = UnsafeRawBufferPointer(rebasing: p[(i + 1)..<close])
            guard aiBytes.count >= 2, aiBytes.count <= 4, aiBytes.allSatisfy(isDigit) else { throw .malformedAI(position: i + 1) }
            let (slot, def) = try resolveExplicit(aiBytes, position: i + 1, options: options)
            let start = close + 1
            // The value runs to the next "(" that is not escaped as "\(".
            var end = start
            var escaped = false
            while end < n {
                if p[end] == 0x28 {
                    if end > start && p[end - 1] == 0x5C { escaped = true } else { break }
                }
                end += 1
            }
            let value: String
            if escaped {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(end - start)
                var k = start
                while k < end {
                    if p[k] == 0x5C && k + 1 < end && p[k + 1] == 0x28 { k += 1 }
                    bytes.append(p[k])
                    k += 1
                }
                let failure: GS1Error? = bytes.withUnsafeBytes { b in
                    do throws(GS1Error) { try validateExplicit(def, b, position: start, aiPosition: i + 1); return nil }
                    catch { return error }
                }
                if let failure { throw failure }
                value = String(decoding: bytes, as: UTF8.self)
            } else {
                let v = UnsafeRawBufferPointer(rebasing: p[start..<end])
                try validateExplicit(def, v, position: start, aiPosition: i + 1)
                value = String(decoding: v, as: UTF8.self)
            }
            elements.append(AIElement(ai: def.code, value: value, slot: slot, key: def.flatKey))
            i = end
        }
        let result = ElementString(elements: elements, pathCount: 0)
        if options.validateAssociations { try result.validateAssociations() }
        return result
    }

    // MARK: - Shared helpers

    static func prefixText(_ p: UnsafeRawBufferPointer, _ i: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: p[i..<min(p.count, i + 4)]), as: UTF8.self)
    }

    /// AI whose length came from its prefix (raw element strings).
    static func resolve(_ ai: UnsafeRawBufferPointer, position: Int, options: ParseOptions) throws(GS1Error) -> (Int16, ApplicationIdentifier) {
        if let s = Registry.shared.index(of: ai) { return (Int16(s), Registry.shared.all[s]) }
        let text = String(decoding: ai, as: UTF8.self)
        guard options.permitUnknownAIs, ai.allSatisfy(isDigit) else { throw .unknownAI(text, position: position) }
        return (-1, unknownDefinition(text))
    }

    /// AI given with explicit length (bracketed, Digital Link): unknown AIs are accepted only
    /// when permitted and when their length agrees with the length fixed by their prefix.
    static func resolveExplicit(_ ai: UnsafeRawBufferPointer, position: Int, options: ParseOptions) throws(GS1Error) -> (Int16, ApplicationIdentifier) {
        if let s = Registry.shared.index(of: ai) { return (Int16(s), Registry.shared.all[s]) }
        let text = String(decoding: ai, as: UTF8.self)
        guard options.permitUnknownAIs, ai.count >= 2, ai.count <= 4, ai.allSatisfy(isDigit) else {
            throw .unknownAI(text, position: position)
        }
        let known = Registry.shared.prefixLength[Int(ai[0] &- 48) * 10 + Int(ai[1] &- 48)]
        guard known == 0 || Int(known) == ai.count else { throw .unknownAI(text, position: position) }
        return (-1, unknownDefinition(text))
    }

    /// Validates a value whose extent is known: it must fit the AI's length and be consumed whole.
    static func validateExplicit(_ def: ApplicationIdentifier, _ v: UnsafeRawBufferPointer, position: Int, aiPosition: Int) throws(GS1Error) {
        guard !v.isEmpty else { throw .emptyValue(ai: def.code, position: aiPosition) }
        if v.count < def.minLength { throw .valueTooShort(ai: def.code, position: position) }
        if v.count > def.maxLength { throw .valueTooLong(ai: def.code, position: position) }
        let used = try validate(def, v, position: position, aiPosition: aiPosition)
        if used != v.count { throw .valueTooLong(ai: def.code, position: position + used) }
    }

    /// Walks the AI's components over `v` (each takes up to its maximum length), checking
    /// character set and content rules. Returns how many bytes the components consumed.
    static func validate(_ def: ApplicationIdentifier, _ v: UnsafeRawBufferPointer, position: Int, aiPosition: Int) throws(GS1Error) -> Int {
        guard !v.isEmpty else { throw .emptyValue(ai: def.code, position: aiPosition) }
        var at = 0
        for c in def.components {
            let len = min(v.count - at, Int(c.maxLength))
            if len == 0 && c.isOptional { continue }
            if len < Int(c.minLength) { throw .valueTooShort(ai: def.code, position: position + at) }
            let part = UnsafeRawBufferPointer(rebasing: v[at..<(at + len)])
            if let bad = c.charset.firstInvalid(part) {
                throw .invalidCharacter(ai: def.code, position: position + at + bad, charset: c.charset.rawValue)
            }
            for l in c.linters {
                if let issue = l.check(part) {
                    let pos = position + at + issue.offset
                    switch issue.kind {
                    case .checkDigit: throw .badCheckDigit(ai: def.code, position: pos)
                    case .date: throw .invalidDate(ai: def.code, position: pos)
                    case .charset: throw .invalidCharacter(ai: def.code, position: pos, charset: c.charset.rawValue)
                    case .content: throw .invalidContent(ai: def.code, position: pos, rule: issue.rule)
                    }
                }
            }
            at += len
        }
        return at
    }
}
