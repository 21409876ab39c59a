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
                .p(.a(.class("button"), .href(lot.digitalLinkPath), .text(t("Xem trang truy xuất công khai", "Open the public page")))),
                labelsForm)
        }

        /// Opens the printable sheet (or its CSV) in a new page: the browser prints it or saves a PDF.
        private var labelsForm: Node<HTML.BodyContext> {
            .group(
                .h2(.text(t("In tem QR", "Print QR labels"))),
                .form(.class("stack"), .method(.get), .action(SiteURL.workspaceLotLabels(model.lot.id).path), .attribute(named: "target", value: "_blank"),
                      .div(.class("field"), .label(.for("f-kieu"), .text(t("Khổ tem", "Layout"))),
                           .element(named: "select", nodes: [.attribute(named: "id", value: "f-kieu"), .attribute(named: "name", value: "kieu")]
                                + LotLabels.layouts.map { .element(named: "option", nodes: [.attribute(named: "value", value: $0.code), .text($0.label(language))]) })),
                      .div(.class("field"), .label(.for("f-so-luong"), .text(t("Số tem", "How many"))),
                           .input(.type(.number), .id("f-so-luong"), .name("so-luong"), .attribute(named: "min", value: "1"),
                                  .attribute(named: "max", value: "10000"), .value("24"))),
                      .div(.class("field"), .label(.for("f-tu"), .text(t("Số sê-ri đầu tiên (để trống nếu in tem theo lô)", "First serial (empty for lot labels)"))),
                           .input(.type(.number), .id("f-tu"), .name("tu"), .attribute(named: "min", value: "0")),
                           .p(.class("hint"), .text(t("Tem có sê-ri (AI 21): mỗi đơn vị một mã riêng, tối đa 10.000 tem một lần.",
                                                      "Serialised labels (AI 21): one code per unit, up to 10,000 per run.")))),
                      .div(.class("checks"), .label(.input(.type(.checkbox), .name("dinh-dang"), .value("csv")),
                                                    .text(t("Tải tệp CSV cho máy in tem", "Download CSV for a label printer")))),
                      .button(.type(.submit), .text(t("Tạo tem", "Make labels")))))
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
