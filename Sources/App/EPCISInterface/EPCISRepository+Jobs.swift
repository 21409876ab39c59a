import EPCIS
import Foundation
import SQLKit

extension EPCISRepository {
    static func storeJob(_ job: EPCISCapture.Job, createdAt: Int64, on sql: any SQLDatabase) async throws {
        let errors = try JSONEncoder().encode(job.errors)
        try await sql.insert(into: "epcis_capture_jobs")
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
        func stamp(_ ms: Int64) -> String { EPCISTimestamp(epochMilliseconds: ms).utcMillisecondString }
        return EPCISCapture.Job(
            captureID: id, createdAt: stamp(created), finishedAt: finished.map(stamp),
            running: try row.decode(column: "running", as: Bool.self), success: try row.decode(column: "success", as: Bool.self),
            captureErrorBehaviour: try row.decode(column: "error_behaviour", as: String.self), errors: errors,
            eventCount: try row.decode(column: "event_count", as: Int.self),
            capturedCount: try row.decode(column: "captured_count", as: Int.self),
            duplicateCount: try row.decode(column: "duplicate_count", as: Int.self))
    }

    /// Master data from a capture header; a later capture of the same element replaces it. An
    /// upsert, so two captures sending the same places at the same moment both succeed.
    static func storeMasterData(_ vocabularies: [Vocabulary], at time: Int64, on sql: any SQLDatabase) async throws {
        for vocabulary in vocabularies {
            for chunk in vocabulary.elements.chunked(into: 200) {
                try await sql.insert(into: "epcis_master_data")
                    .columns("vocabulary", "element_id", "attributes", "children", "updated_at")
                    .rows(chunk.map { element -> [any SQLExpression] in
                        var attributes = JSONObject()
                        for attribute in element.attributes { attributes[attribute.id] = attribute.value ?? .null }
                        let children = JSONValue.array(element.children.map { .string($0) })
                        return [SQLBind(vocabulary.type), SQLBind(EPCISIndex.key(for: element.id)),
                                SQLBind(JSONValue.object(attributes).jsonString()), SQLBind(children.jsonString()), SQLBind(time)]
                    })
                    .onConflict(with: ["vocabulary", "element_id"]) { update in
                        update.set(excludedValueOf: "attributes").set(excludedValueOf: "children").set(excludedValueOf: "updated_at")
                    }
                    .run()
            }
        }
    }
}
