import FluentKit
import SQLKit

/// 002: the EPCIS event repository. One row per event keeps the document as captured; index
/// rows make every standard query and the trace walk an index lookup, never a scan of events.
///
/// Rows are numbered in capture order, so captured events append to the table and its indexes
/// instead of landing on random pages (a random key cost one dirty page per event). A
/// re-captured event is caught by `hash_key`, the first 64 bits of its hash ID: a small unique
/// index instead of one on the 80-character hash. `event_id` is indexed only where the client
/// gave an ID other than the hash ID; a hash ID is found through `hash_key`.
struct CreateEPCISRepository: AsyncMigration {
    var name: String { "002_CreateEPCISRepository" }

    func prepare(on database: any Database) async throws {
        try await database.schema("epcis_capture_jobs")
            .field("id", .string, .identifier(auto: false))
            .field("created_at", .int64, .required)
            .field("finished_at", .int64)
            .field("running", .bool, .required)
            .field("success", .bool, .required)
            .field("error_behaviour", .string, .required)
            .field("event_count", .int, .required)
            .field("captured_count", .int, .required)
            .field("duplicate_count", .int, .required)
            .field("errors", .string)
            .create()

        try await database.schema("epcis_events")
            .field("id", .int64, .identifier(auto: true))
            .field("hash_key", .int64, .required)
            .field("hash_id", .string, .required)
            .field("event_id", .string, .required)
            .field("event_type", .string, .required)
            .field("event_time", .int64, .required)
            .field("event_time_offset", .string, .required)
            .field("record_time", .int64, .required)
            .field("action", .string)
            .field("biz_step", .string)
            .field("disposition", .string)
            .field("read_point", .string)
            .field("biz_location", .string)
            .field("transformation_id", .string)
            .field("capture_job_id", .string)
            .field("document", .string, .required)
            .unique(on: "hash_key")
            .create()

        // Identifiers in every role, normalised to one key form (see EPCISEvent.indexKeys).
        try await database.schema("epcis_event_members")
            .field("event", .int64, .required, .references("epcis_events", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("role", .string, .required)
            .field("class_level", .bool, .required)
            .field("quantity", .double)
            .field("uom", .string)
            .create()

        // Source/destination list entries and business transactions.
        try await database.schema("epcis_event_links")
            .field("event", .int64, .required, .references("epcis_events", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("type", .string)
            .field("value", .string, .required)
            .create()

        // Master data from capture headers (product names, places, parties): the origin page
        // reads names from here until the registry lands. Latest capture wins.
        try await database.schema("epcis_master_data")
            .field("vocabulary", .string, .required)
            .field("element_id", .string, .required)
            .field("attributes", .string, .required)
            .field("children", .string, .required)
            .field("updated_at", .int64, .required)
            .unique(on: "vocabulary", "element_id")
            .create()

        for statement in Self.indexes {
            try await (database as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        }
    }

    /// Plain CREATE INDEX statements both dialects accept.
    static let indexes = [
        "CREATE INDEX epcis_events_event_time ON epcis_events (event_time, id)",
        "CREATE INDEX epcis_events_record_time ON epcis_events (record_time, id)",
        "CREATE INDEX epcis_events_event_id ON epcis_events (event_id) WHERE event_id <> hash_id",
        "CREATE INDEX epcis_events_biz_step ON epcis_events (biz_step, event_time)",
        "CREATE INDEX epcis_events_read_point ON epcis_events (read_point, event_time)",
        "CREATE INDEX epcis_events_biz_location ON epcis_events (biz_location, event_time)",
        // Dispositions carry recalls ("recalled", "non_sellable_other"): queried by inspectors.
        "CREATE INDEX epcis_events_disposition ON epcis_events (disposition, event_time)",
        "CREATE INDEX epcis_events_transformation_id ON epcis_events (transformation_id) WHERE transformation_id IS NOT NULL",
        "CREATE INDEX epcis_event_members_key ON epcis_event_members (key, role)",
        "CREATE INDEX epcis_event_members_event ON epcis_event_members (event)",
        "CREATE INDEX epcis_event_links_value ON epcis_event_links (value, kind)",
        "CREATE INDEX epcis_event_links_event ON epcis_event_links (event)",
        "CREATE INDEX epcis_master_data_element ON epcis_master_data (element_id)",
    ]

    func revert(on database: any Database) async throws {
        try await database.schema("epcis_master_data").delete()
        try await database.schema("epcis_event_links").delete()
        try await database.schema("epcis_event_members").delete()
        try await database.schema("epcis_events").delete()
        try await database.schema("epcis_capture_jobs").delete()
    }
}
