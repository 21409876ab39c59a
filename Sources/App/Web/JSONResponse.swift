import Foundation
import Hummingbird

/// A JSON body as a response: the one place API answers are encoded (sorted keys, no escaped
/// slashes in URIs), whatever their content type.
struct JSONResponse<Value: Encodable>: ResponseGenerator {
    let value: Value
    var status: HTTPResponse.Status = .ok
    var contentType = "application/json; charset=utf-8"
    var headers: HTTPFields = [:]

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try response()
    }

    func response() throws -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try Self.encoder.encode(value))))
    }
}
