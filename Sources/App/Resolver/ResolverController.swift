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

    /// Parses the request as a Digital Link on this server. Bad paths are a 400 naming the rule.
    static func parse(_ request: Request, publicURL: String) throws(AppError) -> (data: ElementString, query: Query) {
        let query = try Query(request.uri.query)
        let attributes = query.values.filter { !controlParameters.contains($0.key) }.sorted { $0.key < $1.key }
        var text = publicURL + request.uri.path
        if !attributes.isEmpty {
            text += "?" + attributes.map { "\($0.key)=\(SiteURL.encode($0.value))" }.joined(separator: "&")
        }
        do throws(GS1Error) {
            return (try DigitalLink.parse(text), query)
        } catch {
            throw GS1Controller.invalidGS1(error, field: "path")
        }
    }

    static func resolve(_ request: Request, context: AppRequestContext, services: AppServices,
                        repository: EPCISRepository, pages: OriginPageCache) async throws -> Response {
        let (data, query) = try parse(request, publicURL: services.config.publicURL)
        let link = try canonical(data, stem: services.config.publicURL)
        let key = EPCISIdentifier.canonicalKey(link)
        let linkType = query["linkType"]
        let accept = request.headers[.accept]?.lowercased() ?? ""
        let wantsLinkset = linkType == "linkset" || linkType == "all"
            || (linkType == nil && (accept.contains("application/linkset+json") || (accept.contains("json") && !accept.contains("html"))))

        if wantsLinkset {
            return try linkset(for: link, key: key, data: data, publicURL: services.config.publicURL)
        }
        switch linkType {
        case "gs1:epcis", voc + "epcis":
            let parameter = data["21"] != nil || data["00"] != nil || data["414"] != nil ? "MATCH_anyEPC" : "MATCH_anyEPCClass"
            return redirect(to: SiteURL.epcisEvents.url([(parameter, key)]))
        case "gs1:traceability", voc + "traceability":
            return redirect(to: SiteURL.apiTrace.url([("id", key), ("direction", "both")]))
        default:
            // gs1:pip, the default link and link types we do not hold yet all lead to the origin page.
            break
        }
        if linkType != nil {
            return redirect(to: link)
        }
        let cacheID = "\(context.language.rawValue) \(link)"
        let page: OriginPageCache.Page
        var status: HTTPResponse.Status = .ok
        if let cached = pages.page(cacheID) {
            page = cached
        } else {
            let generation = pages.generation
            let model = try await OriginPage.query(data, link: link, repository: repository)
            // Rendered from the canonical link, never from what this visitor typed, because
            // every later visitor gets the same cached page.
            let canonical = String(link.dropFirst(services.config.publicURL.count))
            let path = String(canonical.prefix { $0 != "?" })
            let attributes = canonical.drop { $0 != "?" }.dropFirst().split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]).removingPercentEncoding : nil)
            }
            let html = model.render(language: context.language, path: path, query: attributes)
            page = OriginPageCache.Page(html: html, etag: "\"o-\(Asset.fnv1a(html))\"", keys: model.keys.union([key]))
            // Codes nobody has recorded are not kept: anyone can make up endless such links.
            if model.isKnown { pages.store(page, as: cacheID, builtAt: generation) } else { status = .notFound }
        }
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .eTag: page.etag, .cacheControl: "no-cache",
                                   .link: "<\(url(link, linkType: "linkset"))>; rel=\"linkset\"; type=\"application/linkset+json\""]
        headers[.vary] = "Accept, Cookie"
        if request.headers[.ifNoneMatch] == page.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.html)))
    }

    /// The canonical Digital Link of the data on this server's domain.
    static func canonical(_ data: ElementString, stem: String) throws(AppError) -> String {
        do throws(GS1Error) {
            return try data.digitalLink(stem: stem)
        } catch {
            throw GS1Controller.invalidGS1(error, field: "path")
        }
    }

    /// Whether the data names one thing (a serialised item, a logistic unit, a place) rather
    /// than a class (GTIN, GTIN + lot): EPCIS queries those with MATCH_anyEPC.
    static func isInstance(_ data: ElementString) -> Bool {
        let kind = NodeKind.of((try? data.digitalLink()) ?? "")
        return kind != .lot && kind != .product
    }

    static func redirect(to location: String) -> Response {
        Response(status: .temporaryRedirect, headers: [.location: location, .cacheControl: "no-cache"])
    }

    /// RFC 9264 linkset with GS1 link types, for programs (and for `?linkType=linkset`).
    static func linkset(for link: String, key: String, data: ElementString, publicURL: String) throws -> Response {
        let instance = data["21"] != nil || data["00"] != nil || data["414"] != nil
        let epcis = publicURL + SiteURL.epcisEvents.url([(instance ? "MATCH_anyEPC" : "MATCH_anyEPCClass", key)])
        let trace = publicURL + SiteURL.apiTrace.url([("id", key), ("direction", "both")])
        struct Target: Encodable {
            let href: String
            let title: String
            let type: String?
            let hreflang: [String]?
        }
        let targets: [(String, [Target])] = [
            (voc + "defaultLink", [Target(href: link, title: "Thông tin truy xuất nguồn gốc", type: "text/html", hreflang: ["vi", "en"])]),
            (voc + "pip", [Target(href: url(link, linkType: "gs1:pip"), title: "Thông tin sản phẩm và nguồn gốc", type: "text/html", hreflang: ["vi", "en"])]),
            (voc + "traceability", [Target(href: trace, title: "Hành trình truy xuất (JSON)", type: "application/json", hreflang: nil)]),
            (voc + "epcis", [Target(href: epcis, title: "Sự kiện EPCIS 2.0", type: "application/ld+json", hreflang: nil)]),
        ]
        var anchor = JSONObject()
        anchor.append("anchor", .string(link))
        let encoder = JSONEncoder()
        for (relation, list) in targets {
            let data = try encoder.encode(list)
            anchor.append(relation, try JSONValue.parse(Array(data)))
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
