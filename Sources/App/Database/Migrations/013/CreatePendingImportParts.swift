import FluentKit
import SQLKit

/// A checked import is kept in parts of a few thousand rows (`pending_import_parts`) instead of
/// one text of every row in `pending_imports.checked`, which keeps only its header now: keeping
/// and storing 100,000 rows held them all in memory twice over (a 300 MB peak).
struct CreatePendingImportParts: AsyncMigration {
    var name: String { "013_CreatePendingImportParts" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            CREATE TABLE pending_import_parts (import_id TEXT NOT NULL, part INTEGER NOT NULL, rows TEXT NOT NULL, PRIMARY KEY (import_id, part))
            """).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pending_import_parts").delete()
    }
}
