import EPCIS
import Foundation
import GS1
import HTTPTypes
import Hummingbird
import NguonCore

/// GS1 Digital Link resolver on the root (`/01/{gtin}/10/{lot}`, `/00/{sscc}`, `/414/{gln}` …),
/// with the content negotiation of the GS1 resolver standard: people get the origin page,
/// programs a linkset (RFC 9264), and `?linkType=` picks one link and redirects to it.
enum ResolverController {
    /// GS1 Digital Link primary keys this resolver answers (one route each).
    static let primaryKeys = ["00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8013", "8017", "8018"]

    /// Query members that steer the resolver rather than describe the item.
    static let controlParameters: Set<String> = ["linkType", "lang", "context"]

    static let voc = "https://gs1.org/voc/"

    /// `link` with `?linkType=` (or `&linkType=`) added.
    static func url(_ link: String, linkType: String) -> String {
        link + (link.contains("?") ? "&" : "?") + "linkType=" + SiteURL.encode(linkType)
    }

    static func resolve(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let repository = services.epcis
        let pages = services.originPages
        // Bad paths are a 400 naming the rule.
        let target = try services.resolverTargets.target(path: request.uri.path, query: request.uri.query,
                                                         publicURL: services.config.publicURL)
        let (data, link, key) = (target.data, target.link, target.key)
        let linkType = target.query["linkType"]
        if linkType == nil || linkType == "linkset" || linkType == "all", wantsLinkset(request, linkType: linkType) {
            let recall = try await RecallNotice.open(for: key, database: services.database)
            return linkset(for: link, key: key, data: data, publicURL: services.config.publicURL, recall: recall)
        }
        switch linkType {
        case nil:
            break
        case "gs1:epcis", voc + "epcis":
            let parameter = data["21"] != nil || data["00"] != nil || data["414"] != nil ? "MATCH_anyEPC" : "MATCH_anyEPCClass"
            return redirect(to: SiteURL.epcisEvents.url([(parameter, key)]))
        case "gs1:traceability", voc + "traceability":
            return redirect(to: SiteURL.apiTrace.url([("id", key), ("direction", "both")]))
        default:
            // gs1:pip, the default link and link types we do not hold yet all lead to the origin page.
            return redirect(to: link)
        }
        // The identifier is the path; a label's attributes (`?17=…`) change a few lines of the
        // page and share its cache entry (`OriginPageCache`).
        // The day is part of the entry: certificates shown on the page expire at midnight.
        let today = CivilDate.today
        let cacheID = "\(context.language.rawValue) \(today.dayNumber) \(target.path)"
        // Rendered from the canonical link, never from what this visitor typed, because later
        // visitors get the same cached page.
        func render(_ model: OriginPage) -> OriginPageCache.Page {
            let html = model.render(language: context.language, link: link, path: target.path, query: target.attributes,
                                    labelDates: target.labelDates, today: today)
            return OriginPageCache.Page(html: html, etag: "\"o-\(Asset.fnv1a(html))\"")
        }
        let page: OriginPageCache.Page
        var status: HTTPResponse.Status = .ok
        let ticket = pages.begin()
        switch pages.lookup(cacheID, query: target.attributeQuery) {
        case .page(let cached):
            page = cached
        case .model(let model):
            page = render(model)
            pages.store(model, page: page, query: target.attributeQuery, as: cacheID, ticket: ticket)
        case .miss:
            if try await repository.isRecorded(key) {
                // A trace and a render: bounded in number at once, so a crowd of first views
                // queues briefly instead of taking every connection and core.
                let model: OriginPage
                do {
                    model = try await services.publicWork.run {
                        try await OriginPage.query(data, link: String(link.prefix { $0 != "?" }), repository: repository)
                    }
                } catch is WorkLimiter.Full {
                    throw WorkLimiter.busy()
                }
                page = render(model)
                if model.isKnown { pages.store(model, page: page, query: target.attributeQuery, as: cacheID, ticket: ticket) }
                else { status = .notFound }
            } else {
                let html = OriginNotFoundPage.render(language: context.language, path: target.path, code: target.path)
                page = OriginPageCache.Page(html: html, etag: "\"n-\(Asset.fnv1a(html))\"")
                status = .notFound
            }
        }
        var headers = target.pageHeaders
        headers.append(HTTPField(name: .eTag, value: page.etag))
        if status == .ok, request.headers[.ifNoneMatch] == page.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: page.body))
    }

    /// Programs get the linkset: `?linkType=linkset` or `all`, or, with no link type, an Accept
    /// that names the linkset type or JSON without HTML.
    static func wantsLinkset(_ request: Request, linkType: String?) -> Bool {
        if linkType != nil { return true }
        guard let accept = request.headers[.accept]?.lowercased(), !accept.isEmpty else { return false }
        return accept.contains("application/linkset+json") || (accept.contains("json") && !accept.contains("html"))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .temporaryRedirect, headers: [.location: location, .cacheControl: "no-cache"])
    }

    /// RFC 9264 linkset with GS1 link types, for programs (and for `?linkType=linkset`).
    static func linkset(for link: String, key: String, data: ElementString, publicURL: String, recall: RecallNotice? = nil) -> Response {
        let instance = data["21"] != nil || data["00"] != nil || data["414"] != nil
        let epcis = publicURL + SiteURL.epcisEvents.url([(instance ? "MATCH_anyEPC" : "MATCH_anyEPCClass", key)])
        let trace = publicURL + SiteURL.apiTrace.url([("id", key), ("direction", "both")])
        // Built as JSON values directly: a linkset is asked for as often as a page.
        func target(_ href: String, _ title: String, _ type: String, languages: Bool) -> JSONValue {
            var object: JSONObject = ["href": .string(href), "title": .string(title), "type": .string(type)]
            if languages { object.append("hreflang", .array([.string("vi"), .string("en")])) }
            return .array([.object(object)])
        }
        var anchor = JSONObject()
        anchor.append("anchor", .string(link))
        anchor.append(voc + "defaultLink", target(link, "Thông tin truy xuất nguồn gốc", "text/html", languages: true))
        anchor.append(voc + "pip", target(url(link, linkType: "gs1:pip"), "Thông tin sản phẩm và nguồn gốc", "text/html", languages: true))
        anchor.append(voc + "traceability", target(trace, "Hành trình truy xuất (JSON)", "application/json", languages: false))
        anchor.append(voc + "epcis", target(epcis, "Sự kiện EPCIS 2.0", "application/ld+json", languages: false))
        // An open recall of the item: GS1's link type for its recall status.
        if let recall {
            anchor.append(voc + "recallStatus", target(publicURL + SiteURL.recallNotice(recall.code).path,
                                                       "Đang thu hồi: " + recall.title, "text/html", languages: false))
        }
        let body = JSONValue.object(["linkset": .array([.object(anchor)])]).jsonString()
        return Response(status: .ok, headers: [.contentType: "application/linkset+json", .cacheControl: "no-cache",
                                               .vary: "Accept"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// `/.well-known/gs1resolver`: what this resolver answers, per the GS1 resolver standard.
    static func wellKnown(publicURL: String) throws -> Response {
        struct Description: Encodable {
            let name: String
            let resolverRoot: String
            let supportedPrimaryKeys: [String]
            let linkTypeDefaultCanBeLinkset: Bool
            let supportedLinkType: [String]
            let supportedContextValuesEnumerated: [String]
        }
        let description = Description(
            name: "Nguồn — cổng truy xuất nguồn gốc", resolverRoot: publicURL, supportedPrimaryKeys: primaryKeys,
            linkTypeDefaultCanBeLinkset: false,
            supportedLinkType: ["gs1:defaultLink", "gs1:pip", "gs1:traceability", "gs1:epcis", "linkset"],
            supportedContextValuesEnumerated: [])
        return try JSONResponse(value: description, headers: [.cacheControl: "public, max-age=3600"]).response()
    }
}

extension HTTPField.Name {
    static let vary = HTTPField.Name("Vary")!
}

extension ResolverController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        for key in primaryKeys {
            group.read(RouterPath("/\(key)/**")) { request, context in
                try await resolve(request, context: context, services: services)
            }
        }
        group.read(SiteURL.wellKnownResolver.routePath) { _, _ in try wellKnown(publicURL: services.config.publicURL) }
    }
}
