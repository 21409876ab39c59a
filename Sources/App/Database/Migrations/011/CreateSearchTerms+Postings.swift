import NguonCore
import SQLKit

extension CreateSearchTerms {
    /// The index as this migration wrote it: each term's typo keys once, then every record's
    /// terms as postings. Kept here, apart from today's `SearchIndex`, so the migration writes the
    /// same rows however the index changes after it (migration 012 replaced the postings).
    static func addPostings(_ kind: String, _ records: [(id: String, text: String)], on sql: any SQLDatabase) async throws {
        var postings: [(term: String, id: String)] = []
        var terms = Set<String>()
        for record in records {
            for term in SearchText.terms(record.text) {
                postings.append((term, record.id))
                terms.insert(term)
            }
        }
        var keys: [(variant: String, term: String)] = []
        for term in terms { for variant in SearchText.keys(ofWord: term) { keys.append((variant, term)) } }
        for chunk in keys.sorted(by: { ($0.variant, $0.term) < ($1.variant, $1.term) }).chunked(into: 400) {
            try await sql.insert(into: "search_terms").columns("variant", "term")
                .rows(chunk.map { [SQLBind($0.variant), SQLBind($0.term)] })
                .ignoringConflicts(with: ["variant", "term"])
                .run()
        }
        for chunk in postings.sorted(by: { ($0.term, $0.id) < ($1.term, $1.id) }).chunked(into: 300) {
            try await sql.insert(into: "search_postings").columns("kind", "term", "record_id")
                .rows(chunk.map { [SQLBind(kind), SQLBind($0.term), SQLBind($0.id)] })
                .run()
        }
    }
}
