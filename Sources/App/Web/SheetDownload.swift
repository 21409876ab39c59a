import Foundation
import Hummingbird
import Sheets

/// A list downloaded as XLSX or CSV: written off the request threads, sent as an attachment.
enum SheetDownload {
    static func response(_ sheet: Sheet, format: String, name: String, services: AppServices) async throws -> Response {
        let body = try await services.heavy { () throws -> Data in
            format == "csv" ? CSVWriter().write(sheet) : try XLSXWriter().write(sheet)
        }
        return Response(status: .ok, headers: [
            .contentType: format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            .contentDisposition: "attachment; filename=\"\(name).\(format)\"", .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}
