import EPCIS
import Foundation
import NguonCore
import SQLKit

extension EPCISRepository {
    /// Stores the job with who sent it and, when someone did, the audit entry for the capture.
    static func storeJob(_ job: EPCISCapture.Job, createdAt: Int64, actor: Actor?, on sql: any SQLDatabase) async throws {
        let errors = try JSONEncoder().encode(job.errors)
        try await sql.insert(into: "epcis_capture_jobs")
            .columns("id", "created_at", "finished_at", "running", "success", "error_behaviour",
                     "event_count", "captured_count", "duplicate_count", "errors", "organisation_id", "captured_by")
            .values(SQLBind(job.captureID), SQLBind(createdAt), SQLBind(Millis.now()),
                    SQLBind(job.running), SQLBind(job.success), SQLBind(job.captureErrorBehaviour),
                    SQLBind(job.eventCount), SQLBind(job.capturedCount), SQLBind(job.duplicateCount),
                    SQLBind(String(decoding: errors, as: UTF8.self)), SQLBind(actor?.principal?.organisationID),
                    SQLBind(actor?.name))
            .run()
        if let actor {
            try await AuditLog.append(on: sql, actor: actor, action: "epcis.capture", entityType: "epcis_capture_job",
                                      entityID: job.captureID,
                                      after: ["events": job.eventCount, "captured": job.capturedCount, "duplicates": job.duplicateCount])
        }
    }

    /// A capture job, if the principal may see it: its own organisation's jobs, or any job for
    /// those who read the whole repository.
    func job(id: String, for principal: Principal) async throws -> EPCISCapture.Job? {
        guard let row = try await database.sql.select().column("*").from("epcis_capture_jobs")
            .where("id", .equal, SQLBind(id)).first() else { return nil }
        let owner = try row.decode(column: "organisation_id", as: String?.self)
        guard principal.scope(for: .traceability, .read) == .everything
            || (owner != nil && owner == principal.organisationID && principal.can(.write, .traceability)) else { return nil }
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
    /// upsert, so two captures sending the same places at the same moment both succeed. Who may
    /// describe what was decided before (`CaptureRights`: only an identifier's holder); `owner`
    /// records the organisation that did.
    static func storeMasterData(_ vocabularies: [Vocabulary], at time: Int64, owner: String? = nil, on sql: any SQLDatabase) async throws {
        for vocabulary in vocabularies {
            for chunk in vocabulary.elements.chunked(into: 200) {
                try await sql.insert(into: "epcis_master_data")
                    .columns("vocabulary", "element_id", "attributes", "children", "updated_at", "organisation_id")
                    .rows(chunk.map { element -> [any SQLExpression] in
                        var attributes = JSONObject()
                        for attribute in element.attributes { attributes[attribute.id] = attribute.value ?? .null }
                        let children = JSONValue.array(element.children.map { .string($0) })
                        return [SQLBind(vocabulary.type), SQLBind(EPCISIndex.key(for: element.id)),
                                SQLBind(JSONValue.object(attributes).jsonString()), SQLBind(children.jsonString()), SQLBind(time),
                                SQLBind(owner)]
                    })
                    .onConflict(with: ["vocabulary", "element_id"]) { update in
                        update.set(excludedValueOf: "attributes").set(excludedValueOf: "children").set(excludedValueOf: "updated_at")
                    }
                    .run()
            }
        }
    }
}
