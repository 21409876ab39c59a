import Foundation
import GS1
import HTTPTypes
import Hummingbird
import Labels
import NguonCore

/// `/san-xuat/lo/{id}/tem`: the lot's QR labels (issue 9 §5) as one printable page — A4 sheets of
/// 2×5 or 3×8, or 50×30 mm roll labels — or, with `dinh-dang=csv`, as CSV for a label printer.
/// Lot labels by default; serialised labels (AI 21) with `tu` (first serial) and `so-luong`.
enum LotLabels {
    struct Request: Sendable, Equatable {
        var layout: LabelLayout
        /// Copies of the lot label, or the number of serials.
        var count: Int
        /// First serial of a serialised run; nil for lot labels.
        var firstSerial: Int?
        var csv: Bool
    }

    static let layouts: [(code: String, layout: LabelLayout, label: LocalizedText)] = [
        ("a4x24", .a4x24, LocalizedText(vi: "A4, 3 × 8 tem (70 × 37 mm)", en: "A4, 3 × 8 (70 × 37 mm)")),
        ("a4x10", .a4x10, LocalizedText(vi: "A4, 2 × 5 tem (105 × 57 mm)", en: "A4, 2 × 5 (105 × 57 mm)")),
        ("cuon", .roll50x30, LocalizedText(vi: "Tem cuộn 50 × 30 mm", en: "Roll, 50 × 30 mm")),
    ]

    static func request(_ query: Query) throws(AppError) -> Request {
        let code = try query.choice("kieu", from: layouts.map(\.code)) ?? "a4x24"
        let layout = layouts.first { $0.code == code }!.layout
        let firstSerial = try query.integer("tu", in: 0...99_999_999)
        // A serialised run may reach 10,000 units; copies of one lot label need no more than a few pages.
        let limit = firstSerial == nil ? 1_000 : LabelContent.maximumSerialsPerRun
        let count = try query.integer("so-luong", in: 1...limit) ?? layout.labelsPerPage
        return Request(layout: layout, count: count, firstSerial: firstSerial, csv: query["dinh-dang"] == "csv")
    }

    /// The labels of the request, each with the lot's Digital Link on this server.
    static func labels(of lot: Lot, product: Product, producer: String, request: Request, resolver: String) throws(AppError) -> [LabelContent] {
        do {
            guard let produced = lot.producedOn else { throw LabelError.emptyField("production date") }
            let limit: DateLimit
            if let expires = lot.expiresOn {
                limit = .expiry(try LabelDate(iso8601: expires))
            } else if let bestBefore = lot.bestBefore {
                limit = .bestBefore(try LabelDate(iso8601: bestBefore))
            } else {
                throw AppError.invalid(field: "lot", rule: "date-limit", LocalizedText(
                    vi: "Lô chưa có hạn sử dụng: nhãn phải in hạn sử dụng hoặc ngày sử dụng tốt nhất trước. Hãy ghi thời hạn sử dụng cho sản phẩm.",
                    en: "The lot has no use-by or best-before date, which a label must carry."))
            }
            let gtin: GTIN
            do { gtin = try GTIN(lot.gtin) } catch { throw LabelError.gs1(error) }
            let label = try LabelContent(productName: product.name, producerName: producer, gtin: gtin, lot: lot.lotNumber,
                                         productionDate: try LabelDate(iso8601: produced), dateLimit: limit, resolver: resolver)
            guard let first = request.firstSerial else { return Array(repeating: label, count: request.count) }
            return try label.serialised(.counting(from: first, count: request.count, width: max(6, String(first + request.count).count)))
        } catch let error as AppError {
            throw error
        } catch let error as LabelError {
            throw AppError.invalid(field: "so-luong", rule: error.code, LocalizedText(vi: "Không tạo được tem: \(error.description).", en: error.description))
        } catch {
            throw AppError.invalid(field: "lot", rule: "labels", LocalizedText(vi: "Không tạo được tem cho lô này.", en: "No labels for this lot."))
        }
    }

    static func response(_ request: HummingbirdRequest, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let work = services.work
        let lot = try await work.lot(id, for: context.acting)
        let (product, organisation) = try await work.products.find(lot.productID, for: context.acting)
        let wanted = try Self.request(try Query(request.uri.query, form: true))
        let resolver = work.publicURL.trimmingSuffix("/")
        // Making 10,000 labels is itself work: all of it inside the heavy-work limit.
        let body = try await services.heavy { () throws -> String in
            let labels = try labels(of: lot, product: product, producer: organisation.name, request: wanted, resolver: resolver)
            return wanted.csv ? LabelSheet.csv(labels) : try LabelSheet.render(labels, layout: wanted.layout, title: product.name + " — lô " + lot.lotNumber)
        }
        var headers: HTTPFields = [.cacheControl: "no-store"]
        if wanted.csv {
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"tem-\(lot.gtin)-\(lot.lotNumber.filter { $0.isLetter || $0.isNumber || $0 == "-" }).csv\""
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            // The sheet is one self-contained file (so "save as" keeps it whole): its print CSS is
            // inline. It runs no script and loads nothing, which this policy holds it to.
            headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

typealias HummingbirdRequest = Hummingbird.Request
