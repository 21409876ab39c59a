import EPCIS
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /epcis/events` (SimpleEventQuery with paging) and `GET /epcis/events/{eventID}`.
/// JSON-LD by default; EPCIS 2.0 XML on `Accept: application/xml`.
enum EPCISQueryController {
    static let contextURL = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"

    /// `GS1-EPC-Format` of the request: `Always_GS1_Digital_Link` turns EPC URNs into Digital
    /// Links. Nguồn cannot turn a Digital Link into an EPC URN (that needs the GS1 Company Prefix
    /// length, which a Digital Link does not carry), so every other value returns identifiers
    /// as they were captured, and the response header says `Never_Translates`.
    static func epcFormat(_ request: Request) throws -> Bool {
        guard let raw = request.headers[.gs1EPCFormat] else { return false }
        switch raw.trimmingCharacters(in: .whitespaces) {
        case "Always_GS1_Digital_Link": return true
        case "No_Preference", "Never_Translates", "Always_EPC_URN": return false
        default:
            throw AppError.invalid(field: "GS1-EPC-Format", rule: "one-of", LocalizedText(
                vi: "GS1-EPC-Format phải là No_Preference, Always_GS1_Digital_Link, Always_EPC_URN hoặc Never_Translates.",
                en: "GS1-EPC-Format must be No_Preference, Always_GS1_Digital_Link, Always_EPC_URN or Never_Translates."))
        }
    }

    /// A stored event document with its EPC URNs written as Digital Links.
    static func asDigitalLinks(_ document: String) -> String {
        guard let event = try? EPCISEvent(json: Array(document.utf8)) else { return document }
        let converted = event.mappingIdentifiers { id in
            id.hasPrefix("urn:epc:") ? EPCISIdentifier.canonicalKey(id) : id
        }
        return String(decoding: converted.jsonBytes(), as: UTF8.self)
    }

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
        let digitalLinks = try epcFormat(request)
        return Response(status: .ok, headers: [.contentType: "application/ld+json; charset=utf-8",
                                               .gs1EPCFormat: digitalLinks ? "Always_GS1_Digital_Link" : "Never_Translates"],
                        body: .init(byteBuffer: ByteBuffer(string: digitalLinks ? asDigitalLinks(event.document) : event.document)))
    }

    /// The stored event documents as an EPCISQueryDocument. JSON is spliced from the stored
    /// text (no re-encoding on the hot path); XML goes through the model.
    static func render(_ stored: [String], request: Request, headers: HTTPFields) throws -> Response {
        var headers = headers
        let digitalLinks = try epcFormat(request)
        headers[.gs1EPCFormat] = digitalLinks ? "Always_GS1_Digital_Link" : "Never_Translates"
        let documents = digitalLinks ? stored.map(asDigitalLinks) : stored
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

extension EPCISQueryController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, repository: EPCISRepository) {
        group.read(SiteURL.epcisEvents.routePath) { request, _ in try await list(request, repository: repository) }
        group.read(SiteURL.epcisEvent("").routePath) { request, context in
            let raw = try context.parameters.require("eventID")
            return try await show(eventID: raw.removingPercentEncoding ?? raw, request: request, repository: repository)
        }
    }
}
