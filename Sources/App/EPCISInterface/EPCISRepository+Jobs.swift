import EPCIS
import Foundation
import SQLKit

extension EPCISRepository {
    func storeJob(_ job: EPCISCapture.Job, createdAt: Int64) async throws {
        let errors = try JSONEncoder().encode(job.errors)
        try await database.sql.insert(into: "epcis_capture_jobs")
            .columns("id", "created_at", "finished_at", "running", "success", "error_behaviour",
                     "event_count", "captured_count", "duplicate_count", "errors")
            .values(SQLBind(job.captureID), SQLBind(createdAt), SQLBind(Int64(Date().timeIntervalSince1970 * 1000)),
                    SQLBind(job.running), SQLBind(job.success), SQLBind(job.captureErrorBehaviour),
                    SQLBind(job.eventCount), SQLBind(job.capturedCount), SQLBind(job.duplicateCount),
                    SQLBind(String(decoding: errors, as: UTF8.self)))
            .run()
    }

    func job(id: String) async throws -> EPCISCapture.Job? {
        guard let row = try await database.sql.select().column("*").from("epcis_capture_jobs")
            .where("id", .equal, SQLBind(id)).first() else { return nil }
        let created = try row.decode(column: "created_at", as: Int64.self)
        let finished = try row.decode(column: "finished_at", as: Int64?.self)
        let errors = try row.decode(column: "errors", as: String?.self).flatMap {
            try? JSONDecoder().decode([EPCISCapture.JobError].self, from: Data($0.utf8))
        } ?? []
        func stamp(_ ms: Int64) -> String {
            EPCISTimestamp(epochSeconds: ms / 1000, nanoseconds: Int32(ms % 1000) * 1_000_000).utcMillisecondString
        }
        return EPCISCapture.Job(
            captureID: id, createdAt: stamp(created), finishedAt: finished.map(stamp),
            running: try row.decode(column: "running", as: Bool.self), success: try row.decode(column: "success", as: Bool.self),
            captureErrorBehaviour: try row.decode(column: "error_behaviour", as: String.self), errors: errors,
            eventCount: try row.decode(column: "event_count", as: Int.self),
            capturedCount: try row.decode(column: "captured_count", as: Int.self),
            duplicateCount: try row.decode(column: "duplicate_count", as: Int.self))
    }

    /// Master data from a capture header; a later capture of the same element replaces it.
    func storeMasterData(_ vocabularies: [Vocabulary], at time: Int64) async throws {
        let rows = vocabularies.flatMap { vocabulary in vocabulary.elements.map { (vocabulary.type, $0) } }
        guard !rows.isEmpty else { return }
        try await database.db.transaction { db in
            let sql = db as! any SQLDatabase
            for (type, element) in rows {
                var attributes = JSONObject()
                for attribute in element.attributes { attributes[attribute.id] = attribute.value ?? .null }
                let children = JSONValue.array(element.children.map { .string($0) })
                let key = EPCISIndex.key(for: element.id)
                try await sql.delete(from: "epcis_master_data")
                    .where("vocabulary", .equal, SQLBind(type)).where("element_id", .equal, SQLBind(key)).run()
                try await sql.insert(into: "epcis_master_data")
                    .columns("vocabulary", "element_id", "attributes", "children", "updated_at")
                    .values(SQLBind(type), SQLBind(key), SQLBind(JSONValue.object(attributes).jsonString()),
                            SQLBind(children.jsonString()), SQLBind(time))
                    .run()
            }
        }
    }
}
