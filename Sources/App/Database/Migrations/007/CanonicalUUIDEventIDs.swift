import FluentKit
import SQLKit

/// 007: UUID eventIDs in their one spelling. Capture now stores `urn:uuid:` eventIDs in lower
/// case (a UUID reads the same in either case) and looks them up that way; events stored before
/// get the same spelling, unless the lower-case one is already taken by another event, which is
/// left as it was for an officer to see rather than merged.
struct CanonicalUUIDEventIDs: AsyncMigration {
    var name: String { "007_CanonicalUUIDEventIDs" }

    func prepare(on database: any Database) async throws {
        try await database.sql().raw("""
            UPDATE epcis_events SET event_id = lower(event_id)
            WHERE lower(substr(event_id, 1, 9)) = 'urn:uuid:' AND length(event_id) = 45 AND event_id <> lower(event_id)
              AND NOT EXISTS (SELECT 1 FROM epcis_events other WHERE other.event_id = lower(epcis_events.event_id))
            """).run()
    }

    /// Nothing to undo: the lower-case spelling is the same eventID.
    func revert(on database: any Database) async throws {}
}
