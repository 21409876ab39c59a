import Foundation
import Hummingbird

/// A multipart/form-data body (RFC 7578), read whole: the product photo form is the only one, and
/// its size is bounded before reading. Each part is its name, file name and bytes.
struct Multipart {
    struct Part: Sendable {
        let name: String
        let filename: String?
        let data: Data
    }

    let parts: [Part]

    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// Reads a multipart form and checks its CSRF field as `Form.read` does for plain forms.
    static func read(_ request: Request, context: AppRequestContext, maxBytes: Int) async throws -> Multipart {
        guard let boundary = boundary(request.headers[.contentType] ?? "") else {
            throw AppError(status: .unsupportedMediaType, code: "multipart-expected", detail: LocalizedText(
                vi: "Tệp phải được gửi bằng biểu mẫu multipart/form-data.", en: "Files must be sent as multipart/form-data."))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw AppError(status: .contentTooLarge, code: "upload-too-large", detail: LocalizedText(
                vi: "Tệp gửi lên lớn hơn \(maxBytes / (1 << 20)) MB.", en: "The upload is larger than \(maxBytes / (1 << 20)) MB."))
        }
        let form = try parse(Data(buffer: buffer), boundary: boundary)
        let sent = form[Form.fieldName].map { String(decoding: $0.data, as: UTF8.self) }
        guard let expected = context.session?.csrfToken, let sent, Secret.constantTimeEqual(sent, expected) else {
            throw AppError(status: .forbidden, code: "csrf", detail: LocalizedText(
                vi: "Biểu mẫu đã hết hạn hoặc không được gửi từ trang của Nguồn. Hãy tải lại trang và thử lại.",
                en: "The form has expired or was not sent from a Nguồn page. Reload the page and try again."))
        }
        return form
    }

    /// The boundary of a multipart/form-data content type, quoted or not (1–70 characters, RFC 2046 §5.1.1).
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("boundary=") {
            var value = String(parameter.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    static func parse(_ body: Data, boundary: String) throws(AppError) -> Multipart {
        let delimiter = Data(("--" + boundary).utf8)
        let malformed = AppError(status: .badRequest, code: "multipart-malformed", detail: LocalizedText(
            vi: "Biểu mẫu gửi lên bị hỏng (multipart không đúng dạng).", en: "The multipart body is malformed."))
        var parts: [Part] = []
        guard var cursor = body.range(of: delimiter)?.upperBound else { throw malformed }
        while parts.count < 20 {
            // "--" after a delimiter ends the body.
            if body[cursor...].starts(with: Data("--".utf8)) { return Multipart(parts: parts) }
            guard body[cursor...].starts(with: Data("\r\n".utf8)) else { throw malformed }
            cursor += 2
            guard let headerEnd = body.range(of: Data("\r\n\r\n".utf8), in: cursor..<body.endIndex),
                  let next = body.range(of: Data("\r\n".utf8) + delimiter, in: headerEnd.upperBound..<body.endIndex) else { throw malformed }
            let headers = String(decoding: body[cursor..<headerEnd.lowerBound], as: UTF8.self)
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = parameter("name", in: String(disposition)) else { throw malformed }
            parts.append(Part(name: name, filename: parameter("filename", in: String(disposition)),
                              data: body.subdata(in: headerEnd.upperBound..<next.lowerBound)))
            cursor = next.upperBound
        }
        throw malformed
    }

    /// `name="value"` in a Content-Disposition header.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where piece.hasPrefix(name + "=") {
            var value = String(piece.dropFirst(name.count + 1))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
