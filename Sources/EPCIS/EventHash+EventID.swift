// Checking an eventID that claims to be the event's hash ID ("ni:///sha-256;…?ver=CBV2.0",
// CBV 2.0 §8.9) against the event's content. A repository that accepted such an event unchecked
// would let anyone file an event under another event's ID, or under an ID that stops matching
// as soon as someone recomputes it; capture uses this to refuse those.

extension EventHash {
    /// What an event's eventID says about the event.
    public enum EventIDCheck: Sendable, Hashable {
        /// No eventID, or one that is not an "ni:" hash ID (urn:uuid:…): nothing to compare.
        case notAHashID
        /// A hash ID of a digest or algorithm version this library does not compute (sha-512,
        /// ver=CBV3.0, no ver): it can be neither confirmed nor refuted.
        case unsupported
        /// The eventID is the hash ID of the event's content.
        case matches
        /// The eventID is a CBV 2.0 SHA-256 hash ID, but not this event's; `computed` is.
        case mismatch(computed: String)
    }

    /// Compares `event.eventID` with the hash ID of its content. `options` are the document's
    /// (`EventHash.options(for:)`: its prefixes and ignored fields); the event's own @context
    /// is added as `compute(document)` does. Hex digits compare case-insensitively.
    public static func checkEventID(_ event: EPCISEvent, options: Options? = nil) -> EventIDCheck {
        guard let id = event.eventID, id.utf8.count > 3, id.lowercased().hasPrefix("ni:") else { return .notAHashID }
        // ni://[authority]/<algorithm>;<digest>[?<query>] (RFC 6920 §3); CBV writes no authority.
        var rest = Substring(id.dropFirst(3))
        guard rest.hasPrefix("//") else { return .unsupported }
        rest = rest.dropFirst(2)
        guard let slash = rest.firstIndex(of: "/") else { return .unsupported }
        rest = rest[rest.index(after: slash)...]
        let query: Substring
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        } else {
            query = ""
        }
        guard let semicolon = rest.firstIndex(of: ";") else { return .unsupported }
        let algorithm = rest[..<semicolon].lowercased()
        let digest = rest[rest.index(after: semicolon)...].lowercased()
        let version = query.split(separator: "&").first { $0.hasPrefix("ver=") }?.dropFirst(4)
        guard algorithm == "sha-256", version.map(String.init) == algorithmVersion else { return .unsupported }
        let computed = compute(event, options: (options ?? Options()).merging(event.context))
        // computed is "ni:///sha-256;<64 lowercase hex>?ver=CBV2.0".
        let computedDigest = computed.dropFirst("ni:///sha-256;".count).prefix(64)
        return digest == computedDigest ? .matches : .mismatch(computed: computed)
    }
}

extension EPCISEvent {
    /// The error capture reports when this event's eventID is a CBV 2.0 hash ID that does not
    /// match its content (code event_id_mismatch, field eventID); nil when it matches or the
    /// eventID is not such a hash ID. `index` and `options` as for `validate` and `checkEventID`.
    public func validateEventID(index: Int? = nil, options: EventHash.Options? = nil) -> EPCISError? {
        guard case .mismatch(let computed) = EventHash.checkEventID(self, options: options) else { return nil }
        return EPCISError(.eventIDMismatch, eventIndex: index, eventID: eventID, field: "eventID",
                          message: "eventID is an event hash ID, but this event's content hashes to \(computed); "
                              + "send the event unchanged, or leave eventID out and the repository will assign it")
    }
}

extension EPCISEvent {
    /// The one spelling of an eventID under which it is stored and looked up. A UUID URN is
    /// case-insensitive (RFC 9562 §4: hex digits are read in either case and written in lower
    /// case), so `urn:uuid:ABC…` and `urn:uuid:abc…` are one eventID and must not name two events.
    /// Anything else is kept as written.
    public static func canonicalEventID(_ id: String) -> String {
        let utf8 = id.utf8
        guard utf8.count == 45, id.lowercased().hasPrefix("urn:uuid:") else { return id }
        for (offset, byte) in utf8.dropFirst(9).enumerated() {
            let isDash = offset == 8 || offset == 13 || offset == 18 || offset == 23
            let isHex = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
            guard isDash ? byte == 0x2D : isHex else { return id }
        }
        return id.lowercased()
    }
}
