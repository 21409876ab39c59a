import FluentKit
import SQLKit

/// One search document per record (`search_documents`: its sort name and its terms, with tokens
/// saying what kind of record it is, whose and where), instead of one posting per term
/// (`search_postings`, migration 011). Intersecting postings keyed by UUID strings took 200 to
/// 450 ms for a three-word search over 100,000 products; the documents are indexed as sorted
/// integer lists, by FTS5 on SQLite and a GIN index on PostgreSQL.
/// The documents are built from the postings, in SQL.
struct CreateSearchDocuments: AsyncMigration {
    var name: String { "012_CreateSearchDocuments" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        var statements: [String] = sqlite ? [
            """
            CREATE TABLE search_documents (doc INTEGER PRIMARY KEY, kind TEXT NOT NULL, record_id TEXT NOT NULL, name TEXT NOT NULL, \
            terms TEXT NOT NULL, created INTEGER NOT NULL)
            """,
            // The ascii tokenizer splits on ASCII punctuation only and keeps every other character
            // in its token, so a term (letters and digits) or a "§" token is always one token.
            // Only which documents hold a token is kept (detail=none): search needs no positions.
            // `SearchIndex.FullText` keeps it in step with the documents.
            """
            CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='search_documents', content_rowid='doc', \
            tokenize='ascii', detail=none)
            """,
        ] : [
            """
            CREATE TABLE search_documents (doc BIGINT PRIMARY KEY, kind TEXT NOT NULL, \
            record_id TEXT NOT NULL, name TEXT NOT NULL, terms TEXT NOT NULL, created BIGINT NOT NULL)
            """,
            "CREATE INDEX search_documents_terms ON search_documents USING gin (string_to_array(terms, ' '))",
        ]
        statements += ["CREATE UNIQUE INDEX search_documents_record ON search_documents (kind, record_id)",
                       // Where a new document falls among its kind's (`SearchIndex.DocumentNumbers`).
                       "CREATE INDEX search_documents_order ON search_documents (kind, name, record_id)"]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }

        // The tokens as `SearchIndex.Token` writes them (an organisation's id as hex of its bytes),
        // and the documents numbered in name order over each kind's range, as
        // `SearchIndex.DocumentNumbers` numbers them.
        let hex = { (column: String) in sqlite ? "lower(hex(\(column)))" : "encode(convert_to(\(column), 'UTF8'), 'hex')" }
        let joined = sqlite ? "group_concat(p.term, ' ')" : "string_agg(p.term, ' ')"
        let span: Int64 = 1 << 56
        for (code, kind, table, owner, area) in [(1, "organisation", "organisations r", "r.id", "r"),
                                                 (2, "facility", "facilities r JOIN organisations o ON o.id = r.organisation_id", "r.organisation_id", "r"),
                                                 (3, "product", "products r JOIN organisations o ON o.id = r.organisation_id", "r.organisation_id", "o")] {
            let count = try await sql.raw("SELECT count(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int64.self) ?? 0
            let statement = """
                INSERT INTO search_documents (doc, kind, record_id, name, terms, created)
                SELECT \(Int64(code) * span) + \(span / (count + 1)) * row_number() OVER (ORDER BY r.name, r.id), '\(kind)', r.id, r.name,
                       '§o' || \(hex(owner)) || ' §p' || \(area).province_code || coalesce(' §c' || \(area).commune_code, '')
                       || coalesce((SELECT ' ' || \(joined) FROM search_postings p WHERE p.kind = '\(kind)' AND p.record_id = r.id), ''),
                       r.created_at
                FROM \(table)
                """
            try await sql.raw(SQLQueryString(statement)).run()
        }
        if sqlite { try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('rebuild')").run() }
        try await sql.raw("DROP TABLE search_postings").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // Migration 011's table, empty, for its own revert to drop.
        try await sql.raw("CREATE TABLE search_postings (kind TEXT NOT NULL, term TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (kind, term, record_id))").run()
        if sql.dialect.name == "sqlite" { try await sql.raw("DROP TABLE search_fts").run() }
        try await sql.raw("DROP TABLE search_documents").run()
    }
}
