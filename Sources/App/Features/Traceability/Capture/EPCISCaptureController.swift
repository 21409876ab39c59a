import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import NguonCore

/// `POST /epcis/capture`, `GET /epcis/capture/{id}` and `POST /epcis/events` of the EPCIS 2.0
/// REST binding. Handlers decode and hand over to `EPCISCapture`; they never write themselves.
enum EPCISCaptureController {
    /// Headers every capture response carries, so clients learn the limits before hitting them.
    static var limitHeaders: HTTPFields {
        [.gs1CaptureLimit: String(EPCISCapture.maxEvents), .gs1CaptureFileSizeLimit: String(EPCISCapture.maxBytes),
         .gs1EPCISVersion: "2.0.0", .gs1CBVVersion: "2.0.0"]
    }

    /// Receives the body within the size limit and the upload gate (a sender that trickles bytes
    /// is cut off, and holds no capture slot meanwhile), checking the media type first.
    static func receive(_ request: Request, sender: String, gate: UploadGate) async throws -> (body: ByteBuffer, isXML: Bool) {
        // Exact media types only: a cross-site form can send text/plain with "json" in it, and a
        // signed-in browser must not be made to capture by another site.
        let mediaType = (request.headers[.contentType] ?? "").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let isXML = mediaType == "application/xml" || mediaType == "text/xml"
        guard isXML || mediaType == "application/json" || mediaType == "application/ld+json" else {
            throw AppError(status: .unsupportedMediaType, code: "unsupported-media-type",
                           detail: LocalizedText(vi: "Chỉ nhận application/ld+json, application/json hoặc application/xml (đã nhận “\(mediaType)”).",
                                                 en: "Send application/ld+json, application/json or application/xml (got “\(mediaType)”)."),
                           problemType: "epcisException:ImplementationException")
        }
        let requestBody = request.body
        do {
            let body = try await gate.receive(from: sender) { try await requestBody.collect(upTo: EPCISCapture.maxBytes) }
            return (body, isXML)
        } catch let error as ProblemConvertible {
            throw error
        } catch {
            throw AppError(status: .contentTooLarge, code: "capture-file-size-limit",
                           detail: LocalizedText(vi: "Tài liệu vượt quá \(EPCISCapture.maxBytes) byte.",
                                                 en: "The document exceeds \(EPCISCapture.maxBytes) bytes."),
                           problemType: "epcisException:CaptureLimitExceededException", headers: limitHeaders)
        }
    }

    /// Whose share of the upload gate a capture uses: its organisation's, whichever of its accounts
    /// or tokens sends it (a business can make itself more tokens, not more shares).
    static func uploadSender(_ principal: Principal) -> String {
        principal.organisationID.map { "organisation " + $0 } ?? principal.id
    }

    /// Decodes JSON-LD or XML, off the request executors: a large document takes seconds of CPU.
    static func decode(_ body: ByteBuffer, isXML: Bool) async throws -> EPCISPayload {
        do {
            return try await Offload.run {
                let bytes = body.readableBytesView
                return isXML ? try EPCISDocument.decodeXML(bytes) : try EPCISJSON.decode(bytes)
            }
        } catch let error as EPCISErrors {
            throw EPCISCapture.invalidDocument(error.errors)
        }
    }

    static func behaviour(_ request: Request) throws -> EPCISCapture.ErrorBehaviour {
        guard let raw = request.headers[.gs1CaptureErrorBehaviour] else { return .rollback }
        guard let value = EPCISCapture.ErrorBehaviour(rawValue: raw.lowercased().trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid(field: "GS1-Capture-Error-Behaviour", rule: "one-of", LocalizedText(
                vi: "GS1-Capture-Error-Behaviour phải là rollback hoặc proceed (đã nhận “\(raw)”).",
                en: "GS1-Capture-Error-Behaviour must be rollback or proceed (got “\(raw)”)."))
        }
        return value
    }

    /// What capture needs besides the request.
    struct Dependencies: Sendable {
        let repository: EPCISRepository
        let changes: IdentifierChanges
        /// Captures decoded and written at once; the rest wait briefly or get a 503.
        let work: WorkLimiter
        /// Bodies being received.
        let uploads: UploadGate
    }

    /// Runs a capture inside the capture limit: past it, a 503 with `Retry-After` and nothing
    /// decoded or stored. A large document's memory goes back to the system once it is stored (or refused).
    private static func limited<T: Sendable>(_ work: WorkLimiter, _ request: Request, _ body: () async throws -> T) async throws -> T {
        let large = (request.headers[.contentLength].flatMap { Int($0) } ?? Int.max) > 1 << 20
        defer { if large { Memory.returnFreedMemory() } }
        do {
            return try await work.run(body)
        } catch is WorkLimiter.Full {
            throw WorkLimiter.busy(retryAfter: 5)
        }
    }

    static func capture(_ request: Request, context requestContext: AppRequestContext, deps: Dependencies) async throws -> Response {
        let behaviour = try behaviour(request)
        let (body, isXML) = try await receive(request, sender: uploadSender(requestContext.acting), gate: deps.uploads)
        return try await limited(deps.work, request) {
            try await capture(decode(body, isXML: isXML), context: requestContext, behaviour: behaviour, deps: deps)
        }
    }

    private static func capture(_ payload: EPCISPayload, context requestContext: AppRequestContext, behaviour: EPCISCapture.ErrorBehaviour,
                                deps: Dependencies) async throws -> Response {
        let (context, vocabularies): (EPCISContext?, [Vocabulary]) = switch payload {
        case .document(let d): (d.context, d.vocabularyList)
        case .queryDocument(let q): (q.context, q.vocabularyList)
        case .event(let e): (e.context, [])
        }
        let job = try await EPCISCapture.capture(payload.events, context: context, vocabularies: vocabularies, behaviour: behaviour,
                                                 repository: deps.repository, changes: deps.changes, actor: requestContext.actor)
        var headers = limitHeaders
        headers[.location] = SiteURL.epcisCaptureJob(job.captureID).path
        return try JSONResponse(value: job, status: .accepted, headers: headers).response()
    }

    static func showJob(id: String, request: Request, context: AppRequestContext, repository: EPCISRepository) async throws -> Response {
        let principal = try context.acting
        guard let job = try await repository.job(id: id, for: principal) else {
            throw AppError(status: .notFound, code: "capture-job-not-found",
                           detail: LocalizedText(vi: "Không có lần gửi dữ liệu nào mang mã “\(id)”.",
                                                 en: "No capture job has the id “\(id)”."),
                           problemType: "epcisException:NoSuchResourceException")
        }
        return try JSONResponse(value: job, headers: limitHeaders).response()
    }

    /// `POST /epcis/events`: one event, captured synchronously; 201 with its location.
    static func captureEvent(_ request: Request, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        let (body, isXML) = try await receive(request, sender: uploadSender(context.acting), gate: deps.uploads)
        return try await limited(deps.work, request) {
            try await captureOneEvent(decode(body, isXML: isXML), context: context, deps: deps)
        }
    }

    private static func captureOneEvent(_ payload: EPCISPayload, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        guard case .event(let event) = payload else {
            throw AppError.invalid(field: "type", rule: "single-event", LocalizedText(
                vi: "POST /epcis/events nhận đúng một sự kiện; gửi tài liệu EPCISDocument tới /epcis/capture.",
                en: "POST /epcis/events takes exactly one event; send EPCISDocuments to /epcis/capture."))
        }
        let job = try await EPCISCapture.capture([event], context: event.context, vocabularies: [], behaviour: .rollback,
                                                 repository: deps.repository, changes: deps.changes, actor: context.actor)
        var headers = limitHeaders
        headers[.location] = SiteURL.epcisEvent(event.eventID ?? event.hashID).path
        return try JSONResponse(value: job, status: job.duplicateCount > 0 ? .ok : .created, headers: headers).response()
    }
}

extension HTTPField.Name {
    static let gs1CaptureLimit = HTTPField.Name("GS1-EPCIS-Capture-Limit")!
    static let gs1CaptureFileSizeLimit = HTTPField.Name("GS1-EPCIS-Capture-File-Size-Limit")!
    static let gs1CaptureErrorBehaviour = HTTPField.Name("GS1-Capture-Error-Behaviour")!
    static let gs1EPCISVersion = HTTPField.Name("GS1-EPCIS-Version")!
    static let gs1CBVVersion = HTTPField.Name("GS1-CBV-Version")!
    static let gs1EPCFormat = HTTPField.Name("GS1-EPC-Format")!
}

extension EPCISCaptureController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, deps: Dependencies) {
        group.post(SiteURL.epcisCapture.routePath) { request, context in try await capture(request, context: context, deps: deps) }
        group.post(SiteURL.epcisEvents.routePath) { request, context in try await captureEvent(request, context: context, deps: deps) }
    }

    static func addJobRoutes(to group: RouterGroup<AppRequestContext>, repository: EPCISRepository) {
        group.read(SiteURL.epcisCaptureJob("").routePath) { request, context in
            try await showJob(id: context.parameters.require("captureID"), request: request, context: context, repository: repository)
        }
    }
}

extension EPCISStoreError: ProblemConvertible {
    var appError: AppError {
        switch self {
        case .eventIDConflict(let eventID):
            AppError(status: .conflict, code: "event-id-conflict",
                     detail: LocalizedText(vi: "Đã có một sự kiện khác mang eventID “\(eventID)”; một eventID chỉ đặt cho một sự kiện. Không sự kiện nào của lần gửi này được lưu.",
                                           en: "Another event already has the eventID “\(eventID)”; an eventID names one event only. Nothing of this capture was stored."),
                     fieldErrors: [.init(field: "eventID", rule: "unique", message: LocalizedText(vi: "eventID đã dùng cho sự kiện khác.", en: "The eventID is taken by another event."))],
                     problemType: "epcisException:ValidationException")
        case .keyCollision:
            AppError(status: .conflict, code: "event-key-collision",
                     detail: LocalizedText(vi: "Hai sự kiện khác nhau trùng khóa lưu trữ; lần gửi này không được lưu. Hãy báo quản trị hệ thống.",
                                           en: "Two different events share a storage key; nothing of this capture was stored. Please tell the administrators."))
        }
    }
}
