import FluentSQLiteDriver
import Foundation

/// The capture write on SQLite, where bulk capture speed is set by how long the one connection
/// is held. SQLKit turns every value into `SQLiteData` through `Encodable` and returns inserted
/// ids row by row through the event loop; here the values are staged as `SQLiteData` before the
/// transaction starts, and row ids are assigned by us, which is safe because the SQLite store
/// has one connection and the ids are read inside its transaction.
extension EPCISRepository {
    /// A document's rows as bound values, with event ids counted from 0 until the transaction
    /// knows the first free id.
    struct SQLiteStaged: Sendable {
        static let eventColumns = ["id", "hash_key", "hash_id", "event_id", "event_type", "event_time", "event_time_offset",
                                   "record_time", "action", "biz_step", "disposition", "read_point", "biz_location",
                                   "transformation_id", "capture_job_id", "document", "ilmd"]
        static let memberColumns = ["event", "key", "role", "class_level", "quantity", "uom"]
        static let linkColumns = ["event", "kind", "type", "value"]

        /// The events to write (each hash key once), in document order.
        let events: [PreparedEvent]
        /// Events repeated within the document: always duplicates.
        let repeated: [PreparedEvent]
        var eventRows: [SQLiteData] = []
        var memberRows: [SQLiteData] = []
        var linkRows: [SQLiteData] = []

        init(_ all: [PreparedEvent], captureJobID: String?, recordTime: Int64) {
            var seen = Set<Int64>()
            var unique: [PreparedEvent] = []
            var repeated: [PreparedEvent] = []
            unique.reserveCapacity(all.count)
            for event in all {
                if seen.insert(event.key).inserted { unique.append(event) } else { repeated.append(event) }
            }
            self.events = unique
            self.repeated = repeated
            eventRows.reserveCapacity(unique.count * Self.eventColumns.count)
            let job = Self.text(captureJobID)
            // Read through the buffer: copying a PreparedEvent out of the array retains every
            // field of its event, which costs more here than binding the values.
            unique.withUnsafeBufferPointer { events in
                for index in events.indices {
                    eventRows.append(.integer(index))
                    eventRows.append(.integer(Int(events[index].key)))
                    eventRows.append(.text(events[index].hashID))
                    eventRows.append(.text(events[index].eventID))
                    eventRows.append(.text(events[index].event.eventType.rawValue))
                    eventRows.append(.integer(Int(events[index].event.eventTime.epochMilliseconds)))
                    eventRows.append(.text(events[index].event.eventTimeZoneOffset))
                    eventRows.append(.integer(Int(recordTime)))
                    eventRows.append(Self.text(events[index].event.action?.rawValue))
                    eventRows.append(Self.text(events[index].event.bizStep))
                    eventRows.append(Self.text(events[index].event.disposition))
                    eventRows.append(Self.text(events[index].event.readPointKey))
                    eventRows.append(Self.text(events[index].event.bizLocationKey))
                    eventRows.append(Self.text(events[index].event.transformationID))
                    eventRows.append(job)
                    eventRows.append(.text(events[index].document))
                    eventRows.append(Self.text(events[index].ilmd))
                    for m in events[index].members {
                        memberRows.append(.integer(index))
                        memberRows.append(.text(m.key))
                        memberRows.append(.text(m.role))
                        memberRows.append(.integer(m.classLevel ? 1 : 0))
                        memberRows.append(m.quantity.map { .float($0) } ?? .null)
                        memberRows.append(Self.text(m.uom))
                    }
                    for l in events[index].links {
                        linkRows.append(.integer(index))
                        linkRows.append(.text(l.kind))
                        linkRows.append(Self.text(l.type))
                        linkRows.append(.text(l.value))
                    }
                }
            }
        }

        /// Turns the 0-based event indexes in the first column of every row into row ids.
        mutating func assignIDs(from first: Int) {
            func shift(_ rows: inout [SQLiteData], width: Int) {
                for slot in stride(from: 0, to: rows.count, by: width) {
                    if case .integer(let index) = rows[slot] { rows[slot] = .integer(first + index) }
                }
            }
            shift(&eventRows, width: Self.eventColumns.count)
            shift(&memberRows, width: Self.memberColumns.count)
            shift(&linkRows, width: Self.linkColumns.count)
        }

        /// Drops the member and link rows of events that were not inserted.
        mutating func keepRows(ofIDs ids: Set<Int>) {
            func keep(_ rows: inout [SQLiteData], width: Int) {
                var kept: [SQLiteData] = []
                for start in stride(from: 0, to: rows.count, by: width) {
                    if case .integer(let id) = rows[start], ids.contains(id) { kept += rows[start..<start + width] }
                }
                rows = kept
            }
            keep(&memberRows, width: Self.memberColumns.count)
            keep(&linkRows, width: Self.linkColumns.count)
        }

        static func text(_ value: String?) -> SQLiteData {
            value.map { .text($0) } ?? .null
        }
    }

    static func insertSQLite(_ staged: SQLiteStaged, captureJobID: String?, recordTime: Int64,
                             on db: any SQLiteDatabase) async throws -> WriteResult {
        var staged = staged
        guard !staged.events.isEmpty else { return WriteResult(captured: 0, duplicates: 0) }

        let last = try await db.query("SELECT coalesce(max(id), 0) AS last FROM epcis_events")
        guard case .integer(let maxID)? = last.first?.column("last") else { throw storageUnreadable }
        staged.assignIDs(from: maxID + 1)
        // Rows per statement keep every statement under SQLite's 32,766 bound parameters.
        // An event already stored is skipped by its hash_key; counting what went in tells
        // whether any was, without looking every key up beforehand.
        try await insert(into: "epcis_events", columns: SQLiteStaged.eventColumns, values: staged.eventRows, rowsPerStatement: 1_000,
                         conflict: " ON CONFLICT (hash_key) DO NOTHING", on: db)
        let counted = try await db.query("SELECT count(*) AS n FROM epcis_events WHERE id > ?", [.integer(maxID)])
        guard case .integer(let inserted)? = counted.first?.column("n") else { throw storageUnreadable }
        var skipped = staged.repeated
        if inserted < staged.events.count {
            // A re-sent document: index only the events that went in (rare, so simply).
            let rows = try await db.query("SELECT id FROM epcis_events WHERE id > ?", [.integer(maxID)])
            let ids = Set(rows.compactMap { row -> Int? in if case .integer(let id)? = row.column("id") { id } else { nil } })
            for (index, event) in staged.events.enumerated() where !ids.contains(maxID + 1 + index) { skipped.append(event) }
            staged.keepRows(ofIDs: ids)
        }
        try await insert(into: "epcis_event_members", columns: SQLiteStaged.memberColumns, values: staged.memberRows, rowsPerStatement: 4_000, on: db)
        try await insert(into: "epcis_event_links", columns: SQLiteStaged.linkColumns, values: staged.linkRows, rowsPerStatement: 6_000, on: db)
        // After the inserts, so an event repeated in this document is compared with its stored copy.
        try await checkKeyCollisions(skipped, on: db.sql())
        return WriteResult(captured: staged.events.count + staged.repeated.count - skipped.count, duplicates: skipped.count)
    }

    private static func insert(into table: String, columns: [String], values: [SQLiteData], rowsPerStatement: Int,
                               conflict: String = "", on db: any SQLiteDatabase) async throws {
        let row = "(" + questionMarks(columns.count) + ")"
        let prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let chunkSize = rowsPerStatement * columns.count
        for start in stride(from: 0, to: values.count, by: chunkSize) {
            let end = min(start + chunkSize, values.count)
            let sql = prefix + Array(repeating: row, count: (end - start) / columns.count).joined(separator: ",") + conflict
            _ = try await db.query(sql, Array(values[start..<end]))
        }
    }

    private static var storageUnreadable: AppError {
        AppError(status: .internalServerError, code: "storage",
                 detail: LocalizedText(vi: "Không đọc được kho sự kiện.", en: "The event store could not be read."))
    }

    /// `?,?,?` with `count` placeholders.
    private static func questionMarks(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
