import EPCIS
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /epcis/events` (SimpleEventQuery with paging) and `GET /epcis/events/{eventID}`.
/// JSON-LD by default; EPCIS 2.0 XML on `Accept: application/xml`.
enum EPCISQueryController {
    static let contextURL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

    static func wantsXML(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept]?.lowercased() else { return false }
        return accept.contains("xml") && !accept.contains("json")
    }

    static func list(_ request: Request, repository: EPCISRepository) async throws -> Response {
        try await list(EPCISQuery(Query(request.uri.query)), request: request, repository: repository)
    }

    static func list(_ query: EPCISQuery, request: Request, repository: EPCISRepository) async throws -> Response {
        let page = try await repository.events(query)
        var headers: HTTPFields = [:]
        if let next = page.next {
            // The same request (path and parameters) with the token of the next page.
            var parameters = (try? Query(request.uri.query).values) ?? [:]
            parameters["nextPageToken"] = next.encoded
            let pairs = parameters.sorted { $0.key < $1.key }.map { "\(SiteURL.encode($0.key))=\(SiteURL.encode($0.value))" }
            headers[.link] = "<\(request.uri.path)?\(pairs.joined(separator: "&"))>; rel=\"next\""
        }
        return try render(page.events.map(\.document), request: request, headers: headers)
    }

    static func show(eventID: String, request: Request, repository: EPCISRepository) async throws -> Response {
        var query = EPCISQuery()
        query.eventIDs = [eventID]
        query.perPage = 1
        guard let event = try await repository.events(query).events.first else {
            throw AppError(status: .notFound, code: "event-not-found",
                           detail: LocalizedText(vi: "Không có sự kiện nào mang mã “\(eventID)”.", en: "No event has the ID “\(eventID)”."),
                           problemType: "epcisException:NoSuchResourceException")
        }
        if wantsXML(request) { return try render([event.document], request: request, headers: [:]) }
        return Response(status: .ok, headers: [.contentType: "application/ld+json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: event.document)))
    }

    /// The stored event documents as an EPCISQueryDocument. JSON is spliced from the stored
    /// text (no re-encoding on the hot path); XML goes through the model.
    static func render(_ documents: [String], request: Request, headers: HTTPFields) throws -> Response {
        var headers = headers
        let created = EPCISTimestamp(date: Date()).utcMillisecondString
        if wantsXML(request) {
            var events: [EPCISEvent] = []
            for document in documents {
                do { events.append(try EPCISEvent(json: Array(document.utf8))) } catch {
                    throw AppError(status: .internalServerError, code: "stored-event-unreadable",
                                   detail: LocalizedText(vi: "Một sự kiện đã lưu không đọc lại được.", en: "A stored event could not be read back."))
                }
            }
            let result = EPCISQueryDocument(creationDate: EPCISTimestamp(created), queryName: "SimpleEventQuery", events: events)
            headers[.contentType] = "application/xml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try result.xmlBytes())))
        }
        var body = #"{"@context":[""# + contextURL + #""],"type":"EPCISQueryDocument","schemaVersion":"2.0","creationDate":""#
            + created + #"","epcisBody":{"queryResults":{"queryName":"SimpleEventQuery","resultsBody":{"eventList":["#
        body.reserveCapacity(body.utf8.count + documents.reduce(0) { $0 + $1.utf8.count + 1 } + 8)
        for (i, document) in documents.enumerated() {
            if i > 0 { body += "," }
            body += document
        }
        body += "]}}}}"
        headers[.contentType] = "application/ld+json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension HTTPField.Name {
    static let link = HTTPField.Name("Link")!
}
