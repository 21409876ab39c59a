// The EPCIS Event Hash ID (GS1 CBV 2.0 §8.9 / the reference algorithm it cites): a
// syntax-independent fingerprint of an event, `ni:///sha-256;<hex>?ver=CBV2.0` (RFC 6920).
// The server hashes every captured event, so the pre-hash string is built in one pass over
// the model into a byte buffer (no regexes, no intermediate Strings on the common paths) and
// hashed with swift-crypto's SHA-256 (BoringSSL's assembly where the CPU has it).

import Crypto

/// Computes EPCIS event hash IDs and the canonical pre-hash strings they are made from.
public enum EventHash {
    /// The algorithm version written in the ID ("?ver=CBV2.0").
    public static let algorithmVersion = "CBV2.0"

    /// What the caller knows beyond the event itself.
    public struct Options: Sendable, Hashable {
        /// Namespace prefixes in scope (prefix -> namespace URI), from the document's
        /// @context or xmlns declarations, on top of the standard EPCIS context's prefixes:
        /// extension member names are hashed as "{namespace}localName", so a prefix must be
        /// resolvable to hash the same event the same way whichever prefix a sender chose.
        public var namespaces: [String: String]
        /// Event-level members to leave out, as "{namespace}localName" (or a bare name for
        /// un-namespaced ones). Some repositories add bookkeeping fields to events and list
        /// them in a document-level "ignoreFields" member; those must not change the hash.
        public var ignoredFields: Set<String>

        public init(namespaces: [String: String] = [:], ignoredFields: Set<String> = []) {
            self.namespaces = EPCISContext.standardPrefixes.merging(namespaces) { _, declared in declared }
            self.ignoredFields = ignoredFields
        }

        /// The prefixes the standard EPCIS 2.0 JSON-LD context defines, overridden by those
        /// `context` declares (later declarations of a prefix win, as in JSON-LD). Without the
        /// standard ones, "cbvmda:lotNumber" written in JSON-LD without declaring cbvmda (legal:
        /// the standard context does) would hash differently from the same event in XML, which
        /// must name the namespace. (The reference expands only inline-declared prefixes.)
        public init(context: EPCISContext?, ignoredFields: Set<String> = []) {
            var ns: [String: String] = [:]
            for (p, u) in context?.namespaces ?? [] { ns[p] = u }
            self.init(namespaces: ns, ignoredFields: ignoredFields)
        }
    }

    /// The canonical pre-hash string of `event` (what gets hashed), e.g.
    /// "eventType=ObjectEventeventTime=2020-03-04T10:00:30.000ZeventTimeZoneOffset=+01:00…".
    public static func preHashString(_ event: EPCISEvent, options: Options = Options()) -> String {
        String(decoding: preHashBytes(event, options: options), as: UTF8.self)
    }

    /// The pre-hash string as UTF-8 bytes (what `compute` hashes).
    public static func preHashBytes(_ event: EPCISEvent, options: Options = Options()) -> [UInt8] {
        var b = PreHashBuilder(options: options)
        b.event(event)
        return b.out
    }

    /// The event hash ID, "ni:///sha-256;<64 hex digits>?ver=CBV2.0".
    public static func compute(_ event: EPCISEvent, options: Options = Options()) -> String {
        hashID(ofPreHash: preHashBytes(event, options: options))
    }

    /// Wraps the SHA-256 of a pre-hash string in the RFC 6920 "ni" URI the CBV prescribes.
    public static func hashID(ofPreHash bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        // One allocation for the whole ID: "ni:///sha-256;" + 64 hex digits + "?ver=CBV2.0".
        let head: StaticString = "ni:///sha-256;"
        let tail: StaticString = "?ver=CBV2.0"
        let hexDigits: StaticString = "0123456789abcdef"
        let n = head.utf8CodeUnitCount + 64 + tail.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: n) { out in
            var i = 0
            for k in 0..<head.utf8CodeUnitCount { out[i] = head.utf8Start[k]; i += 1 }
            for b in digest {
                out[i] = hexDigits.utf8Start[Int(b >> 4)]
                out[i + 1] = hexDigits.utf8Start[Int(b & 0x0F)]
                i += 2
            }
            for k in 0..<tail.utf8CodeUnitCount { out[i] = tail.utf8Start[k]; i += 1 }
            return n
        }
    }

    /// Options for the events of a document: its namespaces, its "ignoreFields" list.
    public static func options(for document: EPCISDocument) -> Options {
        options(context: document.context, extensions: document.extensions)
    }

    public static func options(for document: EPCISQueryDocument) -> Options {
        // A repository may put its "ignoreFields" list at any level of the query result.
        var all = document.extensions
        all.members += document.bodyExtensions.members + document.queryResultsExtensions.members
            + document.resultsBodyExtensions.members
        return options(context: document.context, extensions: all)
    }


    /// Hash IDs of all events of `document`, in document order. An event that carries its own
    /// @context adds that context's prefixes for itself.
    public static func compute(_ document: EPCISDocument) -> [String] {
        let o = options(for: document)
        return document.events.map { compute($0, options: o.merging($0.context)) }
    }

    public static func compute(_ document: EPCISQueryDocument) -> [String] {
        let o = options(for: document)
        return document.events.map { compute($0, options: o.merging($0.context)) }
    }

    /// Pre-hash strings of all events of `document`, in document order.
    public static func preHashStrings(_ document: EPCISDocument) -> [String] {
        let o = options(for: document)
        return document.events.map { preHashString($0, options: o.merging($0.context)) }
    }

    public static func preHashStrings(_ document: EPCISQueryDocument) -> [String] {
        let o = options(for: document)
        return document.events.map { preHashString($0, options: o.merging($0.context)) }
    }

    static func options(context: EPCISContext, extensions: JSONObject) -> Options {
        var o = Options(context: context)
        // Any member whose local name is "ignoreFields" (the prefix is the repository's own).
        for m in extensions.members where m.key == "ignoreFields" || m.key.hasSuffix(":ignoreFields") || m.key.hasSuffix("}ignoreFields") {
            func add(_ v: JSONValue) {
                switch v {
                case .string(let s): o.ignoredFields.insert(expandedName(s, o.namespaces))
                case .array(let a): a.forEach(add)
                // XML carries the list as empty child elements: their names are the fields.
                case .object(let obj): for c in obj.members { o.ignoredFields.insert(expandedName(c.key, o.namespaces)) }
                default: break
                }
            }
            add(m.value)
        }
        return o
    }

    /// "prefix:local" -> "{namespace}local" when the prefix is declared; "{ns}local" and
    /// undeclared names stay as written (as the reference implementation leaves them).
    static func expandedName(_ name: String, _ namespaces: [String: String]) -> String {
        guard !name.hasPrefix("{"), let colon = name.firstIndex(of: ":"),
              let ns = namespaces[String(name[..<colon])] else { return name }
        return "{" + ns + "}" + name[name.index(after: colon)...]
    }
}

extension EventHash.Options {
    /// These options plus the prefixes of an event's own @context (which take precedence).
    func merging(_ context: EPCISContext?) -> EventHash.Options {
        guard let context else { return self }
        var o = self
        for (p, u) in context.namespaces { o.namespaces[p] = u }
        return o
    }
}

extension EPCISEvent {
    /// This event's hash ID, resolving extension prefixes through the event's own @context
    /// (a bare event). For events of a document use `EventHash.compute(document)` or pass the
    /// document's `EventHash.options(for:)`, which know the document's prefixes.
    public var hashID: String { EventHash.compute(self, options: EventHash.Options(context: context)) }
}
