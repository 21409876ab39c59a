import EPCIS
import Foundation
import Hummingbird
import SQLKit

/// The top-level resources of the EPCIS 2.0 REST binding: `/epcis`, `/epcis/eventTypes`,
/// `/epcis/epcs`, `/epcis/bizSteps`, `/epcis/bizLocations`, `/epcis/readPoints`,
/// `/epcis/dispositions`, each listing what the store holds, and `/{resource}/{value}/events`
/// as a shortcut for the matching query.
enum EPCISResourceController {
    enum Resource: String, CaseIterable {
        case eventTypes, epcs, bizSteps, bizLocations, readPoints, dispositions

        /// The column (or index table) the distinct values come from.
        var column: String {
            switch self {
            case .eventTypes: "event_type"
            case .epcs: "key"
            case .bizSteps: "biz_step"
            case .bizLocations: "biz_location"
            case .readPoints: "read_point"
            case .dispositions: "disposition"
            }
        }

        /// The query parameter that `/{resource}/{value}/events` stands for.
        var queryParameter: String {
            switch self {
            case .eventTypes: "eventType"
            case .epcs: "MATCH_anyEPC"
            case .bizSteps: "EQ_bizStep"
            case .bizLocations: "EQ_bizLocation"
            case .readPoints: "EQ_readPoint"
            case .dispositions: "EQ_disposition"
            }
        }
    }

    static func collection(_ members: [String], headers: HTTPFields = [:]) throws -> Response {
        struct Collection: Encodable {
            let context = [EPCISQueryController.contextURL]
            let type = "Collection"
            let member: [String]
            enum CodingKeys: String, CodingKey { case context = "@context", type, member }
        }
        return try JSONResponse(value: Collection(member: members), contentType: "application/ld+json; charset=utf-8", headers: headers).response()
    }

    static func root() throws -> Response {
        try collection(Resource.allCases.map(\.rawValue) + ["events", "capture"])
    }

    /// Distinct values the store holds for `resource`, a page at a time (`perPage`, `nextPageToken`).
    static func list(_ resource: Resource, request: Request, repository: EPCISRepository) async throws -> Response {
        let query = try Query(request.uri.query)
        for name in query.values.keys where !["perPage", "nextPageToken", "lang"].contains(name) {
            throw EPCISQuery.problem(name, "Tham số “\(name)” không được hỗ trợ ở đây.", "The parameter “\(name)” is not supported here.")
        }
        if resource == .eventTypes { return try collection(EventType.allCases.map(\.rawValue)) }
        let perPage = try query.integer("perPage", in: 1...EPCISQuery.maxPerPage) ?? 100
        var after: String?
        if let token = query["nextPageToken"] {
            guard let data = Base64URL.decode(token) else {
                throw EPCISQuery.problem("nextPageToken", "“nextPageToken” không hợp lệ.", "“nextPageToken” is invalid.")
            }
            after = String(decoding: data, as: UTF8.self)
        }
        let table = resource == .epcs ? "epcis_event_members" : "epcis_events"
        var select = try repository.database.reader.select().distinct().column(resource.column).from(table)
            .where(SQLColumn(resource.column), .isNot, SQLLiteral.null)
        if resource == .epcs { select = select.where("class_level", .equal, SQLBind(false)) }
        if let after { select = select.where(SQLColumn(resource.column), .greaterThan, SQLBind(after)) }
        let rows = try await select.orderBy(resource.column).limit(perPage + 1).all()
        let values = try rows.prefix(perPage).map { try $0.decode(column: resource.column, as: String.self) }
        var headers: HTTPFields = [:]
        if rows.count > perPage, let last = values.last {
            let token = Base64URL.encode(Data(last.utf8))
            headers[.link] = "<\(SiteURL.epcisResource(resource.rawValue).url([("perPage", String(perPage)), ("nextPageToken", token)]))>; rel=\"next\""
        }
        return try collection(values, headers: headers)
    }

    /// `/{resource}/{value}`: the sub-resources of one value (only `events`).
    static func item() throws -> Response {
        try collection(["events"])
    }

    /// `/{resource}/{value}/events`: the query for that value, with any other query parameters.
    static func events(_ resource: Resource, value: String, request: Request, repository: EPCISRepository) async throws -> Response {
        guard let decoded = value.removingPercentEncoding else {
            throw EPCISQuery.problem(resource.rawValue, "Giá trị trong đường dẫn không được mã hóa đúng.", "The path value is not correctly percent-encoded.")
        }
        var query = try Query(request.uri.query)
        query.set(resource.queryParameter, decoded)
        return try await EPCISQueryController.list(try EPCISQuery(query), request: request, repository: repository)
    }
}

extension EPCISResourceController {
    /// `/epcis`: the list of top-level resources, open to everyone.
    static func addRootRoute(to group: RouterGroup<AppRequestContext>) {
        group.read(SiteURL.epcisRoot.routePath) { _, _ in try root() }
    }

    static func addRoutes(to group: RouterGroup<AppRequestContext>, repository: EPCISRepository) {
        for resource in Resource.allCases {
            let base = SiteURL.epcisResource(resource.rawValue).path
            group.read(RouterPath(base)) { request, _ in try await list(resource, request: request, repository: repository) }
            group.read(RouterPath(base + "/:value")) { _, _ in try item() }
            group.read(RouterPath(base + "/:value/events")) { request, context in
                try await events(resource, value: context.parameters.require("value"), request: request, repository: repository)
            }
        }
    }
}
