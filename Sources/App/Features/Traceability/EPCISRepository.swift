import EPCIS
import FluentKit
import FluentSQLiteDriver
import Foundation
import NguonCore
import SQLKit

/// The EPCIS event store: capture writes events and their index rows in one transaction per
/// document; queries and the trace walk read the index rows. SQL is SQLKit with statements
/// both SQLite and PostgreSQL accept, but for the SQLite capture write (`+SQLiteWrite`).
package struct EPCISRepository: Sendable {
    let database: AppDatabase

    package init(database: AppDatabase) {
        self.database = database
    }

    /// One event ready to be written: its stable key, hash ID and the rows that index it.
    struct PreparedEvent: Sendable {
        /// `hashKey(forHashID: hashID)`.
        let key: Int64
        let hashID: String
        let eventID: String
        let event: EPCISEvent
        let document: String
        /// The event's ILMD as JSON, for pages that show a lot's dates without the whole event.
        let ilmd: String?
        let members: [Member]
        let links: [Link]

        struct Member: Sendable {
            let key: String
            let role: String
            let classLevel: Bool
            let quantity: Double?
            let uom: String?
        }

        struct Link: Sendable {
            let kind: String
            let type: String?
            let value: String
        }
    }

    /// The 64-bit key of an event: the first 16 hex digits of its SHA-256 hash ID, as a signed
    /// integer. Deterministic, so a re-captured event collides on purpose and is skipped; nil
    /// for text that is not a hash ID.
    static func hashKey(forHashID hashID: String) -> Int64? {
        guard hashID.hasPrefix("ni:///sha-256;") else { return nil }
        // ni:///sha-256;<64 hex>?ver=CBV2.0
        var value: UInt64 = 0
        var digits = 0
        var seenSemicolon = false
        for byte in hashID.utf8 {
            if !seenSemicolon { seenSemicolon = byte == UInt8(ascii: ";"); continue }
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - 55
            default: continue
            }
            value = value << 4 | UInt64(nibble)
            digits += 1
            if digits == 16 { break }
        }
        return digits == 16 ? Int64(bitPattern: value) : nil
    }

    /// Outcome of writing one batch.
    struct WriteResult: Sendable, Equatable {
        var captured: Int
        var duplicates: Int
    }

    /// Rows a capture implies beyond the events (a lot in the registry, say), written in the
    /// capture's transaction so the two are stored together or not at all.
    package typealias AlsoWrite = @Sendable (any SQLDatabase) async throws -> Void

    /// Writes the events with their index rows, the document's master data and the capture
    /// job in one transaction: a capture is stored whole or not at all. Events already stored
    /// (same hash ID) are skipped and counted as duplicates; nothing is written twice.
    func write(_ events: [PreparedEvent], captureJobID: String?, recordTime: Int64, vocabularies: [Vocabulary] = [],
               actor: Actor? = nil, job: (@Sendable (WriteResult) -> EPCISCapture.Job)? = nil,
               also: AlsoWrite? = nil) async throws -> WriteResult {
        // On SQLite the rows are staged before the one connection is taken, so it is held only for SQLite's own work.
        let staged: SQLiteStaged? = if case .sqlite = database.location {
            SQLiteStaged(events, captureJobID: captureJobID, recordTime: recordTime)
        } else { nil }
        let result = try await database.db.transaction { db in
            let sql = try db.sql()
            try await Self.checkEventIDs(events, on: sql)
            let result = if let staged, let sqlite = db as? any SQLiteDatabase {
                try await Self.insertSQLite(staged, captureJobID: captureJobID, recordTime: recordTime, on: sqlite)
            } else {
                try await Self.insert(events, captureJobID: captureJobID, recordTime: recordTime, on: sql)
            }
            try await Self.storeMasterData(vocabularies, at: recordTime, owner: actor?.principal?.organisationID, on: sql)
            if let job { try await Self.storeJob(job(result), createdAt: recordTime, actor: actor, on: sql) }
            try await also?(sql)
            return result
        }
        database.checkpointer?.wrote(events: result.captured)
        return result
    }

    private static func insert(_ events: [PreparedEvent], captureJobID: String?, recordTime: Int64,
                               on sql: any SQLDatabase) async throws -> WriteResult {
            guard !events.isEmpty else { return WriteResult(captured: 0, duplicates: 0) }
            var rowIDs: [Int64: Int64] = [:]  // hash key -> row id of the events inserted now
            // Chunks keep every statement under both dialects' bind limits.
            for chunk in events.chunked(into: 500) {
                let rows = try await sql.insert(into: "epcis_events")
                    .columns("hash_key", "hash_id", "event_id", "event_type", "event_time", "event_time_offset", "record_time",
                             "action", "biz_step", "disposition", "read_point", "biz_location", "transformation_id",
                             "capture_job_id", "document", "ilmd")
                    .rows(chunk.map { prepared -> [any SQLExpression] in
                        let e = prepared.event
                        return [SQLBind(prepared.key), SQLBind(prepared.hashID), SQLBind(prepared.eventID),
                                SQLBind(e.eventType.rawValue), SQLBind(e.eventTime.epochMilliseconds),
                                SQLBind(e.eventTimeZoneOffset), SQLBind(recordTime),
                                SQLBind(e.action?.rawValue), SQLBind(e.bizStep), SQLBind(e.disposition),
                                SQLBind(e.readPointKey), SQLBind(e.bizLocationKey),
                                SQLBind(e.transformationID), SQLBind(captureJobID), SQLBind(prepared.document), SQLBind(prepared.ilmd)]
                    })
                    .ignoringConflicts(with: "hash_key")
                    .returning("id", "hash_key")
                    .all()
                for row in rows {
                    rowIDs[try row.decode(column: "hash_key", as: Int64.self)] = try row.decode(column: "id", as: Int64.self)
                }
            }
            // An event repeated within one document was inserted once: index it once.
            var indexed = Set<Int64>()
            let fresh = events.compactMap { event -> (Int64, PreparedEvent)? in
                guard let id = rowIDs[event.key], indexed.insert(event.key).inserted else { return nil }
                return (id, event)
            }
            try await Self.checkKeyCollisions(events.filter { rowIDs[$0.key] == nil }, on: sql)
            let members = fresh.flatMap { id, event in event.members.map { (id, $0) } }
            for chunk in members.chunked(into: 1_000) {
                try await sql.insert(into: "epcis_event_members")
                    .columns("event", "key", "role", "class_level", "quantity", "uom")
                    .rows(chunk.map { key, m -> [any SQLExpression] in
                        [SQLBind(key), SQLBind(m.key), SQLBind(m.role), SQLBind(m.classLevel), SQLBind(m.quantity), SQLBind(m.uom)]
                    })
                    .run()
            }
            let links = fresh.flatMap { id, event in event.links.map { (id, $0) } }
            for chunk in links.chunked(into: 1_000) {
                try await sql.insert(into: "epcis_event_links")
                    .columns("event", "kind", "type", "value")
                    .rows(chunk.map { key, l -> [any SQLExpression] in
                        [SQLBind(key), SQLBind(l.kind), SQLBind(l.type), SQLBind(l.value)]
                    })
                    .run()
            }
            return WriteResult(captured: fresh.count, duplicates: events.count - fresh.count)
    }
}

extension EPCISRepository {
    /// Events whose eventID is one of `ids`: hash IDs through the `hash_key` index, other IDs
    /// through the partial `event_id` index (which holds only those).
    static func eventIDCondition(_ ids: [String], table: String? = nil) -> any SQLExpression {
        func column(_ name: String) -> SQLColumn { SQLColumn(name, table: table) }
        let ids = ids.map(EPCISEvent.canonicalEventID)
        let keys = ids.compactMap(hashKey(forHashID:))
        var alternatives: [any SQLExpression] = [
            SQLGroupExpression(SQLList([
                SQLBinaryExpression(column("event_id"), .in, SQLBind.group(ids)), SQLRaw(" AND "),
                SQLBinaryExpression(column("event_id"), .notEqual, column("hash_id")),
            ], separator: SQLRaw(""))),
        ]
        if !keys.isEmpty {
            alternatives.append(SQLGroupExpression(SQLList([
                SQLBinaryExpression(column("hash_key"), .in, SQLBind.group(keys)), SQLRaw(" AND "),
                SQLBinaryExpression(column("hash_id"), .in, SQLBind.group(ids)),
            ], separator: SQLRaw(""))))
        }
        return SQLGroupExpression(SQLList(alternatives, separator: SQLRaw(" OR ")))
    }

    /// Events skipped as already stored must really be the same events: two different hash IDs
    /// sharing their first 64 bits (about one chance in 10^8 per million events) would otherwise
    /// lose one silently. Such a capture fails instead, and nothing of it is written.
    static func checkKeyCollisions(_ skipped: [PreparedEvent], on sql: any SQLDatabase) async throws {
        guard !skipped.isEmpty else { return }
        var stored: [Int64: String] = [:]
        for chunk in skipped.map(\.key).chunked(into: 500) {
            for row in try await sql.select().columns("hash_key", "hash_id").from("epcis_events")
                .where("hash_key", .in, SQLBind.group(Array(chunk))).all() {
                stored[try row.decode(column: "hash_key", as: Int64.self)] = try row.decode(column: "hash_id", as: String.self)
            }
        }
        var seen: [Int64: String] = [:]
        for event in skipped {
            // Within one document the same event may appear twice; that is a duplicate too.
            let existing = stored[event.key] ?? seen[event.key]
            if let existing, existing != event.hashID { throw EPCISStoreError.keyCollision }
            seen[event.key] = event.hashID
        }
    }
}

extension EPCISRepository {
    /// An eventID names one event for good: a second event under an eventID already stored (or
    /// twice in one document) with other content is refused, so nobody can plant a forged event
    /// under another organisation's eventID. Runs inside the capture transaction; on PostgreSQL
    /// captures take turns first (the audit log's lock, held to the commit), so two captures
    /// cannot both find an eventID free.
    static func checkEventIDs(_ events: [PreparedEvent], on sql: any SQLDatabase) async throws {
        var named: [String: String] = [:]  // eventID -> hash ID, for events whose eventID is not their hash
        for event in events where event.eventID != event.hashID {
            if let other = named[event.eventID], other != event.hashID { throw EPCISStoreError.eventIDConflict(event.eventID) }
            named[event.eventID] = event.hashID
        }
        guard !named.isEmpty else { return }
        if sql.dialect.name == "postgresql" { try await AuditLog.takeTurn(on: sql) }
        for chunk in Array(named.keys).chunked(into: 500) {
            let rows = try await sql.select().columns("event_id", "hash_id").from("epcis_events")
                .where("event_id", .in, SQLBind.group(Array(chunk)))
                .where(SQLColumn("event_id"), .notEqual, SQLColumn("hash_id"))
                .all()
            for row in rows {
                let eventID = try row.decode(column: "event_id", as: String.self)
                if try row.decode(column: "hash_id", as: String.self) != named[eventID] { throw EPCISStoreError.eventIDConflict(eventID) }
            }
        }
    }
}

/// Why the store refused a capture.
enum EPCISStoreError: Error, Equatable {
    /// Another event with other content already has this eventID.
    case eventIDConflict(String)
    /// Two different hash IDs share their first 64 bits (about one chance in 10^8 per million events).
    case keyCollision
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
