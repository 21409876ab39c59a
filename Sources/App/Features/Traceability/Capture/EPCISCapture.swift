import EPCIS
import Foundation
import SQLKit

/// Capture: a whole document is decoded and validated before anything is written, then its
/// events go in with one transaction. With `rollback` (the default) one bad event rejects the
/// document and nothing is stored; with `proceed` the good events are stored and the bad ones
/// are reported in the capture job.
package enum EPCISCapture {
    /// Announced in `GS1-EPCIS-Capture-Limit`: more events than this in one document is a 413.
    static let maxEvents = 10_000
    /// Announced in `GS1-EPCIS-Capture-File-Size-Limit` (bytes).
    static let maxBytes = 32 << 20

    package enum ErrorBehaviour: String, Sendable {
        case rollback, proceed
    }

    /// The capture job document of the EPCIS REST binding.
    package struct Job: Codable, Sendable, Equatable {
        let captureID: String
        let createdAt: String
        let finishedAt: String?
        let running: Bool
        let success: Bool
        let captureErrorBehaviour: String
        let errors: [JobError]
        /// Nguồn's own counts, beside the standard members.
        let eventCount: Int
        package let capturedCount: Int
        package let duplicateCount: Int
    }

    struct JobError: Codable, Sendable, Equatable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let eventIndex: Int?
        let eventID: String?
        let field: String?
    }

    /// A document's events after validation and preparation, before anything is written.
    package struct Checked: Sendable {
        let eventCount: Int
        let problems: [EPCISError]
        let prepared: [EPCISRepository.PreparedEvent]
        let recordTime: EPCISTimestamp
    }

    /// Validates, hashes and writes; returns the finished job. Throws `AppError` (400) when the
    /// document is invalid under `rollback`, leaving the store untouched.
    static func capture(_ events: [EPCISEvent], context: EPCISContext?, vocabularies: [Vocabulary],
                        behaviour: ErrorBehaviour, repository: EPCISRepository, changes: IdentifierChanges? = nil,
                        actor: Actor? = nil, now: Date = Date(), also: EPCISRepository.AlsoWrite? = nil) async throws -> Job {
        let checked = try await check(events, context: context, now: now)
        if !checked.problems.isEmpty && behaviour == .rollback {
            throw invalidDocument(checked.problems)
        }
        return try await store(checked, vocabularies: vocabularies, behaviour: behaviour, repository: repository, changes: changes,
                               actor: actor, also: also)
    }

    /// Everything capture does before touching the database: limits, validation, hash IDs,
    /// index rows and stored JSON. Pure and per event, so it runs on every core.
    package static func check(_ events: [EPCISEvent], context: EPCISContext?, now: Date = Date()) async throws(AppError) -> Checked {
        guard events.count <= maxEvents else {
            throw AppError(status: .contentTooLarge, code: "capture-limit",
                           detail: LocalizedText(vi: "Tài liệu có \(events.count) sự kiện, vượt giới hạn \(maxEvents) sự kiện mỗi lần gửi.",
                                                 en: "The document has \(events.count) events, over the limit of \(maxEvents) per capture."),
                           problemType: "epcisException:CaptureLimitExceededException")
        }
        let recordTime = EPCISTimestamp(date: now)
        let results = await Offload.map(Array(events.enumerated())) { index, event -> ([EPCISError], EPCISRepository.PreparedEvent?) in
            // The document's context resolves the prefixes of ILMD dates; a hash eventID must be this event's hash.
            var errors = event.validate(index: index, now: now, documentContext: context)
            let options = EventHash.Options(context: EPCISContext.inEvent(event.context, document: context))
            if let mismatch = event.validateEventID(index: index, options: options) {
                errors.append(mismatch)
            } else if let id = event.eventID, id.lowercased().hasPrefix("ni:"),
                      EventHash.checkEventID(event, options: options) != .matches {
                // A hash eventID in any other spelling (no version, other case, other algorithm)
                // cannot be confirmed, so it could be anyone's: only the canonical form is taken.
                errors.append(EPCISError(.eventIDMismatch, eventIndex: index, eventID: id, field: "eventID",
                                         message: "a ni: eventID must be this event's hash ID exactly as CBV 2.0 writes it (ni:///sha-256;…?ver=CBV2.0); leave eventID out and the repository assigns it"))
            }
            guard errors.isEmpty else { return (errors, nil) }
            let prepared = prepare(event, context: context, recordTime: recordTime)
            // Queries answer in XML too: what that binding cannot hold is refused now, not found
            // later. Checked on the event exactly as it will be stored, with its own context.
            if let problem = prepared.event.xmlBindingProblem(documentContext: nil, index: index) { return ([problem], nil) }
            return ([], prepared)
        }
        return Checked(eventCount: events.count, problems: results.flatMap(\.0), prepared: results.compactMap(\.1), recordTime: recordTime)
    }

    /// Writes the valid events and the master data in one go, records the job, and announces
    /// every identifier they name.
    package static func store(_ checked: Checked, vocabularies: [Vocabulary], behaviour: ErrorBehaviour,
                      repository: EPCISRepository, changes: IdentifierChanges?, actor: Actor? = nil,
                      also: EPCISRepository.AlsoWrite? = nil) async throws -> Job {
        let jobID = UUID().uuidString.lowercased()
        let created = checked.recordTime.epochMilliseconds
        let problems = checked.problems
        let finished = EPCISTimestamp(date: Date()).utcMillisecondString
        @Sendable func job(_ result: EPCISRepository.WriteResult) -> Job {
            Job(captureID: jobID, createdAt: checked.recordTime.utcMillisecondString, finishedAt: finished, running: false,
                success: problems.isEmpty, captureErrorBehaviour: behaviour.rawValue, errors: problems.map(jobError),
                eventCount: checked.eventCount, capturedCount: result.captured, duplicateCount: result.duplicates)
        }
        if let organisation = actor?.principal?.organisationID {
            try await CaptureRights.check(checked.prepared, vocabularies: vocabularies, organisation: organisation,
                                          on: repository.database.sql)
        }
        let result = try await repository.write(checked.prepared, captureJobID: jobID, recordTime: created,
                                                vocabularies: vocabularies, actor: actor, job: job, also: also)
        changes?.announce(touchedIdentifiers(checked.prepared, vocabularies: vocabularies))
        return job(result)
    }

    /// Every identifier and place the events name, and the master-data elements described.
    static func touchedIdentifiers(_ events: [EPCISRepository.PreparedEvent], vocabularies: [Vocabulary]) -> Set<String> {
        var touched = Set<String>()
        for event in events {
            for member in event.members { touched.insert(member.key) }
            for link in event.links { touched.insert(link.value) }
            if let key = event.event.readPointKey { touched.insert(key) }
            if let key = event.event.bizLocationKey { touched.insert(key) }
        }
        for vocabulary in vocabularies {
            for element in vocabulary.elements { touched.insert(EPCISIndex.key(for: element.id)) }
        }
        return touched
    }

    /// Sets what the repository owns (record time, event ID when absent) and computes the index.
    static func prepare(_ original: EPCISEvent, context: EPCISContext?, recordTime: EPCISTimestamp) -> EPCISRepository.PreparedEvent {
        var event = original
        // Extensions hash by namespace URI, so the prefixes must resolve through the document's context.
        let scoped = EPCISContext.inEvent(original.context, document: context)
        let hashID = EventHash.compute(original, options: EventHash.Options(context: scoped))
        event.recordTime = recordTime
        event.eventID = event.eventID.map(EPCISEvent.canonicalEventID) ?? hashID
        // The stored event carries the namespaces its extensions use, so it reads back alone.
        if let scoped, !scoped.namespaces.isEmpty { event.context = scoped }
        return EPCISRepository.PreparedEvent(
            key: EPCISRepository.hashKey(forHashID: hashID)!, hashID: hashID, eventID: event.eventID!, event: event,
            document: String(decoding: event.jsonBytes(), as: UTF8.self),
            ilmd: event.ilmd.map { JSONValue.object($0).jsonString() },
            members: EPCISIndex.members(of: event), links: EPCISIndex.links(of: event))
    }

    static func jobError(_ error: EPCISError) -> JobError {
        JobError(type: "epcisException:ValidationException", title: "Invalid EPCIS event", status: 400,
                 detail: error.message, eventIndex: error.eventIndex, eventID: error.eventID,
                 field: error.field.isEmpty ? nil : error.field)
    }

    /// A 400 that lists every problem, each naming the event and the field.
    static func invalidDocument(_ problems: [EPCISError]) -> AppError {
        let fields = problems.prefix(1_000).map { problem in
            AppError.FieldError(
                field: fieldPath(problem), rule: problem.code.rawValue,
                message: LocalizedText(vi: problem.description, en: problem.description))
        }
        return AppError(
            status: .badRequest, code: "epcis-validation",
            title: LocalizedText(vi: "Tài liệu EPCIS không hợp lệ", en: "Invalid EPCIS document"),
            detail: LocalizedText(vi: "Có \(problems.count) lỗi; không sự kiện nào được lưu.",
                                  en: "\(problems.count) problem(s) found; no event was stored."),
            fieldErrors: fields, problemType: "epcisException:ValidationException")
    }

    /// `eventList[3].epcList[0]`: where the problem is, in the document's own terms.
    static func fieldPath(_ error: EPCISError) -> String {
        let event = error.eventIndex.map { "eventList[\($0)]" }
        switch (event, error.field.isEmpty) {
        case (let e?, true): return e
        case (let e?, false): return e + "." + error.field
        case (nil, _): return error.field
        }
    }
}
