import FluentKit
import SQLKit

/// The search index keeps each term's typo keys once for the registry (`search_terms`) and
/// each record's terms (`search_postings`), instead of every key of every record
/// (`search_keys`, migration 009): a 100,000-facility import wrote four million keys there.
/// The index is rebuilt from the records' folded search text.
struct CreateSearchTerms: AsyncMigration {
    var name: String { "011_CreateSearchTerms" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // Both tables are their own index on SQLite (no rowid copy of every row).
        let withoutRowID = sql.dialect.name == "sqlite" ? " WITHOUT ROWID" : ""
        for statement in [
            "CREATE TABLE search_terms (variant TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (variant, term))" + withoutRowID,
            "CREATE TABLE search_postings (kind TEXT NOT NULL, term TEXT NOT NULL, record_id TEXT NOT NULL, PRIMARY KEY (kind, term, record_id))" + withoutRowID,
            "CREATE INDEX search_postings_record ON search_postings (kind, record_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
        for (kind, table) in [("organisation", "organisations"), ("facility", "facilities"), ("product", "products")] {
            var after = ""
            while true {
                let rows = try await sql.raw("""
                    SELECT id, search_text FROM \(ident: table) WHERE id > \(bind: after) ORDER BY id LIMIT 5000
                    """).all()
                guard let last = rows.last else { break }
                after = try last.decode(column: "id", as: String.self)
                try await Self.addPostings(kind, try rows.map { (try $0.decode(column: "id", as: String.self),
                                                                try $0.decode(column: "search_text", as: String?.self) ?? "") }, on: sql)
            }
        }
        try await database.schema("search_keys").delete()
    }

    func revert(on database: any Database) async throws {
        // Migration 009's table, empty, for its own revert to drop.
        try await database.schema("search_keys")
            .field("kind", .string, .required)
            .field("record_id", .string, .required)
            .field("key", .string, .required)
            .create()
        try await database.schema("search_postings").delete()
        try await database.schema("search_terms").delete()
    }
}
