import NguonCore
import SQLKit

/// The search index of the registry: every record's folded words and their typo keys
/// (`SearchText.indexKeys`) in `search_keys`. A record's keys are replaced in the transaction
/// that writes the record; a search is one indexed query per word, intersected.
enum SearchIndex {
    enum Kind: String, Sendable {
        case organisation, facility, product
    }

    /// Words a search uses; more are ignored (a name is found by its first few words).
    static let maxQueryWords = 6

    static func replace(_ kind: Kind, id: String, text: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM search_keys WHERE kind = \(bind: kind.rawValue) AND record_id = \(bind: id)").run()
        let keys = Array(SearchText.indexKeys(text))
        for chunk in keys.chunked(into: 300) {
            try await sql.insert(into: "search_keys").columns("kind", "record_id", "key")
                .rows(chunk.map { [SQLBind(kind.rawValue), SQLBind(id), SQLBind($0)] })
                .run()
        }
    }

    /// A subquery giving the ids of `kind` records that match every word of `query` (accents
    /// ignored, one typo forgiven per word); nil when the query has no words.
    static func matching(_ kind: Kind, _ query: String) -> SQLQueryString? {
        let words = Array(SearchText.words(query).prefix(maxQueryWords))
        guard !words.isEmpty else { return nil }
        var sql: SQLQueryString = ""
        for (index, word) in words.enumerated() {
            if index > 0 { sql += " INTERSECT " }
            sql += "SELECT record_id FROM search_keys WHERE kind = \(bind: kind.rawValue) AND key IN (\(binds: Array(SearchText.keys(ofWord: word))))"
        }
        return sql
    }
}
