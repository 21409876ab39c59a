import HTTPTypes
import NguonCore
import Hummingbird
import Plot

/// `/san-xuat/lo/{id}`: one lot — its dates and quantity, its Digital Link with the QR code a
/// label carries, and the way to its public page.
enum LotPage {
    struct Model {
        let lot: Lot
        let productName: String
        let facilityName: String?
        /// The lot's GS1 Digital Link on this server, with its expiry as the label carries it.
        let digitalLink: String
    }

    static func query(id: String, principal: Principal, work: ProducerWork) async throws -> Model {
        let lot = try await work.lot(id, for: principal)
        let (product, _) = try await work.products.find(lot.productID, for: principal)
        let facility = try await lot.facilityID.asyncMap { try await work.facilities.find($0, for: principal).0.name }
        return Model(lot: lot, productName: product.name, facilityName: facility, digitalLink: work.digitalLink(of: lot))
    }

    static func response(_ request: Request, context: AppRequestContext, work: ProducerWork, id: String) async throws -> Response {
        let model = try await query(id: id, principal: context.acting, work: work)
        let done = try Query(request.uri.query, form: true)["done"]
        return try View(model: model, language: context.language, notice: done.map(WorkspaceController.notice)).response(request, context: context)
    }

    struct View: AdminPage {
        let model: Model
        let language: Language
        var notice: String? = nil

        var title: LocalizedText { LocalizedText(vi: "Lô " + model.lot.lotNumber, en: "Lot " + model.lot.lotNumber) }
        var path: String { SiteURL.workspaceLot(model.lot.id).path }

        var main: Node<HTML.BodyContext> {
            let lot = model.lot
            return .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.workspace.path), .text(t("Khu sản xuất", "Workspace")))),
                .h1(.text(model.productName)),
                AdminView.notice(notice),
                AdminView.facts([
                    (t("Số lô", "Lot"), lot.lotNumber),
                    ("GTIN", lot.gtin),
                    (t("Ngày sản xuất, thu hoạch", "Produced"), lot.producedOn.map { Formatting.date($0, language) } ?? "—"),
                    (t("Hạn sử dụng", "Use by"), lot.expiresOn.map { Formatting.date($0, language) } ?? "—"),
                    (t("Số lượng", "Quantity"), lot.quantity.map { Formatting.decimal($0) + " " + Units.label(lot.unit ?? "") } ?? "—"),
                    (t("Cơ sở", "Facility"), model.facilityName ?? "—"),
                ]),
                .h2(.text(t("Mã QR của lô", "The lot's QR code"))),
                .img(.class("qr"), .src(SiteURL.qrSVG.url([("data", model.digitalLink)])), .alt(model.digitalLink)),
                .p(.class("hint"), .code(.text(model.digitalLink))),
                .p(.a(.class("button"), .href(lot.digitalLinkPath), .text(t("Xem trang truy xuất công khai", "Open the public page")))))
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
