import Hummingbird

/// Who may write events. Until accounts and API tokens exist, one bearer token from the
/// environment (`NGUON_CAPTURE_TOKEN`) guards capture; without it, capture over HTTP is closed.
enum CaptureAuthorization {
    static func check(_ request: Request, token: String?) throws {
        guard let token else {
            throw AppError(status: .forbidden, code: "capture-closed", detail: LocalizedText(
                vi: "Máy chủ này chưa mở nhận dữ liệu EPCIS (chưa đặt NGUON_CAPTURE_TOKEN).",
                en: "This server does not accept EPCIS capture (NGUON_CAPTURE_TOKEN is not set)."),
                problemType: "epcisException:SecurityException")
        }
        let header = request.headers[.authorization] ?? ""
        guard header.hasPrefix("Bearer "), constantTimeEqual(String(header.dropFirst(7)), token) else {
            throw AppError(status: .unauthorized, code: "capture-unauthorized", detail: LocalizedText(
                vi: "Cần mã truy cập hợp lệ (Authorization: Bearer …) để gửi dữ liệu EPCIS.",
                en: "A valid access token (Authorization: Bearer …) is required to capture EPCIS data."),
                problemType: "epcisException:SecurityException", headers: [.wwwAuthenticate: "Bearer realm=\"epcis\""])
        }
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
