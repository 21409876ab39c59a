import Hummingbird

/// `GET /assets/{name}`: the compiled-in CSS and icons. Links carry `?v=<hash>`, so the files
/// are cached for a year and a new build changes the link, not the cache.
enum AssetController {
    static func show(name: String, request: Request) throws -> Response {
        guard let which = SiteURL.Asset(rawValue: name) else { throw AppError.notFound() }
        let asset = Assets.asset(which)
        let etag = "\"\(asset.version)\""
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: etag,
                                   .cacheControl: "public, max-age=31536000, immutable"]
        if request.headers[.ifNoneMatch] == etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }
}

extension AssetController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.read(SiteURL.asset(.siteCSS).routePath) { request, context in
            try show(name: context.parameters.require("name"), request: request)
        }
    }
}
