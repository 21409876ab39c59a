import Hummingbird

/// An HTML page as a response. Pages that are the same for everyone (home, assets) pass an ETag
/// so repeat visits cost a 304 and no rendering.
struct HTMLResponse: ResponseGenerator {
    let html: String
    var status: HTTPResponse.Status = .ok
    var etag: String?
    var cacheControl: String = "no-cache"

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: cacheControl]
        if let etag {
            headers[.eTag] = etag
            if request.headers[.ifNoneMatch] == etag {
                return Response(status: .notModified, headers: headers)
            }
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
