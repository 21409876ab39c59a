import GS1
import SQLKit

/// Which organisation holds each GS1 key: the one whose own company prefix it was made under, or
/// the one it was given to from a pool (`gs1_allocations`). Pool numbers not yet given, prefixes
/// Nguồn does not know and identifiers that are not GS1 keys are nobody's.
enum GS1Holders {
    /// The primary key of a canonical index key (https://id.gs1.org/<ai>/<value>/…).
    static func holding(ofCanonicalKey key: String) -> KeyHolding? {
        guard key.hasPrefix(canonicalBase) else { return nil }
        let path = key.dropFirst(canonicalBase.count).split(separator: "/", maxSplits: 2)
        guard path.count >= 2 else { return nil }
        return KeyHolding(ai: String(path[0]), value: String(path[1]))
    }

    private static let canonicalBase = "https://id.gs1.org/"

    /// The holder of each key that has one (keys without are absent).
    static func holders(of keys: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: String] {
        var holdings: [String: KeyHolding] = [:]
        for key in keys { if let holding = holding(ofCanonicalKey: key) { holdings[key] = holding } }
        guard !holdings.isEmpty else { return [:] }
        // Organisations' own prefixes: a handful per province, read whole.
        var own: [String: String] = [:]
        for row in try await sql.raw("SELECT prefix, organisation_id FROM gs1_prefixes WHERE organisation_id IS NOT NULL").all() {
            own[try row.decode(column: "prefix", as: String.self)] = try row.decode(column: "organisation_id", as: String.self)
        }
        var allocated: [String: String] = [:]
        let allocationKeys = Array(Set(holdings.values.compactMap(\.allocationKey)))
        for chunk in allocationKeys.chunked(into: 500) {
            for row in try await sql.raw("SELECT key, organisation_id FROM gs1_allocations WHERE key IN (\(binds: Array(chunk)))").all() {
                allocated[try row.decode(column: "key", as: String.self)] = try row.decode(column: "organisation_id", as: String.self)
            }
        }
        var result: [String: String] = [:]
        for (key, holding) in holdings {
            if let owner = holding.candidatePrefixes.lazy.compactMap({ own[$0] }).first {
                result[key] = owner
            } else if let allocationKey = holding.allocationKey, let owner = allocated[allocationKey] {
                result[key] = owner
            }
        }
        return result
    }
}
