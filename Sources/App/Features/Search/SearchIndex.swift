import NguonCore
import SQLKit

/// The search index of the registry, as a search engine keeps one: each record's terms (its
/// folded words) in `search_postings`, and each term's typo keys (`SearchText.keys(ofWord:)`)
/// once for the whole registry in `search_terms`. A query word finds the terms it shares a key
/// with, then their records; the words of a query are intersected. A record's postings are
/// replaced in the transaction that writes the record.
package enum SearchIndex {
    package enum Kind: String, Sendable {
        case organisation, facility, product
    }

    /// Words a search uses; more are ignored (a name is found by its first few words).
    static let maxQueryWords = 6

    /// Indexes one record anew.
    static func replace(_ kind: Kind, id: String, text: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM search_postings WHERE kind = \(bind: kind.rawValue) AND record_id = \(bind: id)").run()
        try await add(kind, [(id, text)], on: sql)
    }

    /// Indexes new records: the keys of terms the registry has not seen yet, then every record's
    /// postings, written in key order so a large import fills the index front to back.
    package static func add(_ kind: Kind, _ records: [(id: String, text: String)], on sql: any SQLDatabase) async throws {
        var postings: [(term: String, id: String)] = []
        var terms = Set<String>()
        for record in records {
            for term in SearchText.terms(record.text) {
                postings.append((term, record.id))
                terms.insert(term)
            }
        }
        try await addTerms(terms, on: sql)
        postings.sort { $0.term != $1.term ? $0.term < $1.term : $0.id < $1.id }
        for chunk in postings.chunked(into: 300) {
            try await sql.insert(into: "search_postings").columns("kind", "term", "record_id")
                .rows(chunk.map { [SQLBind(kind.rawValue), SQLBind($0.term), SQLBind($0.id)] })
                .run()
        }
    }

    /// Writes the typo keys of each term not yet known. A term is known by its own key (every
    /// term is a key of itself); two writers adding one term at once both succeed.
    private static func addTerms(_ terms: Set<String>, on sql: any SQLDatabase) async throws {
        var new = terms
        for chunk in Array(terms).chunked(into: 500) {
            for row in try await sql.raw("SELECT term FROM search_terms WHERE variant IN (\(binds: Array(chunk))) AND term = variant").all() {
                new.remove(try row.decode(column: "term", as: String.self))
            }
        }
        var keys: [(variant: String, term: String)] = []
        for term in new { for variant in SearchText.keys(ofWord: term) { keys.append((variant, term)) } }
        keys.sort { $0.variant != $1.variant ? $0.variant < $1.variant : $0.term < $1.term }
        for chunk in keys.chunked(into: 400) {
            try await sql.insert(into: "search_terms").columns("variant", "term")
                .rows(chunk.map { [SQLBind($0.variant), SQLBind($0.term)] })
                .ignoringConflicts(with: ["variant", "term"])
                .run()
        }
    }

    /// The indexed terms within one typo of a query word: those sharing a key with it.
    private static func terms(near word: String) -> SQLQueryString {
        "SELECT term FROM search_terms WHERE variant IN (\(binds: Array(SearchText.keys(ofWord: word))))"
    }

    /// The distinct words of a query that a search uses.
    static func queryWords(_ query: String) -> [String] {
        var seen = Set<String>()
        return Array(SearchText.words(query).filter { seen.insert($0).inserted }.prefix(maxQueryWords))
    }

    /// A subquery giving the ids of `kind` records that match every word of `query` (accents
    /// ignored, one typo forgiven per word); nil when the query has no words. Its cost grows with
    /// the registry: for a scope of a few records, `conditions` costs less.
    static func matching(_ kind: Kind, _ query: String) -> SQLQueryString? {
        let words = queryWords(query)
        guard !words.isEmpty else { return nil }
        var sql: SQLQueryString = ""
        for (index, word) in words.enumerated() {
            if index > 0 { sql += " INTERSECT " }
            sql += "SELECT record_id FROM search_postings WHERE kind = \(bind: kind.rawValue) AND term IN (\(terms(near: word)))"
        }
        return sql
    }

    /// One condition per word of `query` on the record whose id is `recordID`: checked record by
    /// record, so a business or commune searching its few records pays for those alone, however
    /// large the province's registry.
    static func conditions(_ kind: Kind, _ query: String, recordID: String) -> [SQLQueryString] {
        queryWords(query).map { word in
            """
            EXISTS (SELECT 1 FROM search_postings p WHERE p.kind = \(bind: kind.rawValue) AND p.record_id = \(unsafeRaw: recordID)
                    AND p.term IN (\(terms(near: word))))
            """
        }
    }
}
