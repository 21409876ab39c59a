import Hummingbird
import QRCode

/// `GET /qr.svg?data=…&ecc=M` and `GET /qr.png?data=…&ecc=M&size=512`: a QR code symbol for any
/// text, typically a Digital Link URI printed on a label. Symbols are deterministic, so they are
/// cached by browsers and proxies for a day and revalidated with an ETag.
enum QRController {
    enum Format { case svg, png }

    /// What a request asks for, after validation.
    struct Request: Equatable {
        let data: String
        let errorCorrection: ErrorCorrection
        /// Requested PNG width in pixels, quiet zone included.
        let size: Int
    }

    /// Longest input accepted before even trying: version 40-L holds 2,953 bytes, so more is
    /// certainly too long; the encoder gives the exact verdict below this.
    static let maxDataBytes = 4096
    static let pngSizes = 64...4096
    static let defaultPNGSize = 512

    static func parse(_ query: Query) throws(AppError) -> Request {
        let data = try query.required("data", maxBytes: maxDataBytes)
        let level = try query.choice("ecc", from: ErrorCorrection.allCases.map(\.rawValue)).flatMap { ErrorCorrection($0) } ?? .medium
        let size = try query.integer("size", in: pngSizes) ?? defaultPNGSize
        return Request(data: data, errorCorrection: level, size: size)
    }

    /// Encodes, turning "too long" into a 400 that says by how much.
    static func symbol(for request: Request) throws(AppError) -> QRCode {
        do {
            return try QRCode.encode(request.data, errorCorrection: request.errorCorrection)
        } catch {
            switch error {
            case let .dataTooLong(inputBytes, bitsNeeded, maxBits, level, _):
                throw AppError.invalid(field: "data", rule: "qr-capacity", LocalizedText(
                    vi: "Nội dung quá dài cho mã QR: \(inputBytes) byte cần \(bitsNeeded) bit, nhưng phiên bản lớn nhất (40) ở mức sửa lỗi \(level.rawValue) chỉ chứa \(maxBits) bit. Hãy rút ngắn nội dung hoặc chọn mức sửa lỗi thấp hơn.",
                    en: "Too long for a QR code: \(inputBytes) bytes need \(bitsNeeded) bits, but the largest version (40) at error correction \(level.rawValue) holds \(maxBits) bits. Shorten the data or choose a lower error correction level."))
            default:
                throw AppError.invalid(field: "data", rule: "qr", LocalizedText(vi: error.description, en: error.description))
            }
        }
    }

    static func show(_ format: Format, request: Hummingbird.Request, work: WorkLimiter) async throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let parsed = try parse(query)
        var key = "\(format)|\(parsed.errorCorrection.rawValue)|\(parsed.data)"
        if format == .png { key += "|\(parsed.size)" }
        let etag = "\"qr-\(Asset.fnv1a(key))\""
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "public, max-age=86400"]
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: headers)
        }
        // A large PNG costs tens of milliseconds: a few at once, the rest wait or get a 503.
        let symbol: QRCode
        do {
            symbol = try await work.run { try Self.symbol(for: parsed) }
        } catch is WorkLimiter.Full {
            throw WorkLimiter.busy()
        }
        switch format {
        case .svg:
            headers[.contentType] = "image/svg+xml"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: symbol.svg())))
        case .png:
            let modules = symbol.size + 2 * 4
            let scale = max(1, parsed.size / modules)
            headers[.contentType] = "image/png"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: symbol.png(scale: scale, quietZone: 4))))
        }
    }
}

extension QRController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, work: WorkLimiter) {
        group.read(SiteURL.qrSVG.routePath) { request, _ in try await show(.svg, request: request, work: work) }
        group.read(SiteURL.qrPNG.routePath) { request, _ in try await show(.png, request: request, work: work) }
    }
}
