import HTTPTypes
import Plot

extension ProducerForm {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        var notice: String? = nil

        var title: LocalizedText {
            switch model.kind {
            case .diary: LocalizedText(vi: "Nhật ký sản xuất", en: "Farm diary")
            case .harvest: LocalizedText(vi: "Thu hoạch", en: "Harvest")
            case .pack: LocalizedText(vi: "Sơ chế, đóng gói", en: "Pack or process")
            case .ship: LocalizedText(vi: "Giao hàng", en: "Ship")
            }
        }
        var path: String { model.kind.url.path }
        var script: SiteURL.Asset? { .producerJS }

        var main: Node<HTML.BodyContext> {
            .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.workspace.path), .text(model.workspace.organisation.name))),
                heading,
                AdminView.notice(notice),
                // Filled by producer.js: entries kept on the device until the connection returns.
                .p(.id("outbox"), .class("notice"), .attribute(named: "hidden", value: "hidden"), .attribute(named: "role", value: "status")),
                form.summary,
                form.post(model.kind.url, class: "stack producer-form", submit: submitText, fields),
                .if(model.kind == .diary && !model.diary.isEmpty, .group(
                    .h2(.text(t("Đã ghi", "Recorded"))),
                    .ul(.class("cards"), .forEach(model.diary) { entry in
                        .li(.p(.strong(.text(entry.activity.label(language)))),
                            .p(.text([entry.input, entry.dose, entry.waitingDays.map { t("cách ly \($0) ngày", "\($0) days' interval") }]
                                .compactMap { $0 }.joined(separator: " · "))),
                            .p(.class("hint"), .text(Formatting.dateTime(millis: entry.time, language) + " · " + entry.facilityName)),
                            .unwrap(entry.note) { .p(.text($0)) })
                    }))))
        }

        private var submitText: String {
            switch model.kind {
            case .diary: t("Ghi nhật ký", "Record")
            case .harvest: t("Thu hoạch, tạo lô", "Harvest")
            case .pack: t("Tạo lô thành phẩm", "Make the lot")
            case .ship: t("Giao hàng", "Ship")
            }
        }

        private var fields: Node<HTML.FormContext> {
            let facilities = model.workspace.facilities.filter { $0.gln != nil && $0.state == .active }.map { ($0.id, $0.name) }
            let products = model.workspace.products.map { ($0.id, $0.name) }
            let choose = [("", t("— chọn —", "— choose —"))]
            let facility = form.select("facility", t("Cơ sở", "Facility"), options: choose + facilities)
            let product = form.select("product", t("Sản phẩm", "Product"), options: choose + products)
            let time = form.text("time", t("Thời gian", "When"), type: .datetimeLocal, required: true)
            let units = Units.all.map { ($0.code, $0.label) }
            let holdings = choose + model.holdings.map { h in
                (h.choice, "\(h.productName) — \(t("lô", "lot")) \(h.lotNumber) (\(Formatting.decimal(h.quantity)) \(Units.label(h.unit)))")
            }
            switch model.kind {
            case .diary:
                return .group(
                    form.hidden("entry", form.values["entry"] ?? ""),
                    form.select("activity", t("Công việc", "Work"), options: choose + FarmActivity.allCases.map { ($0.rawValue, $0.label(language)) }),
                    facility, product, time,
                    form.text("input", t("Vật tư đã dùng (phân bón, thuốc, thức ăn)", "What was applied"),
                              hint: t("Tên thương mại như trên bao bì.", "The trade name on the package.")),
                    form.text("dose", t("Liều lượng", "Dose"), hint: t("Ví dụ: 20 ml/bình 16 lít; 50 kg/ha.", "e.g. 20 ml per 16 l")),
                    form.text("waitingDays", t("Thời gian cách ly, ngừng thuốc (ngày)", "Pre-harvest interval (days)"), type: .number,
                              hint: t("Bắt buộc khi phun thuốc hoặc dùng thuốc thú y: số ngày ghi trên nhãn.", "Required for spraying and treatments.")),
                    form.text("area", t("Khu vực, lô đất, ao", "Plot or pond")),
                    form.textarea("note", t("Ghi chú", "Note"), rows: 2))
            case .harvest:
                return .group(form.hidden("entry", form.values["entry"] ?? ""), facility, product, lotFields(units: units, time: time))
            case .pack:
                return .group(
                    form.hidden("entry", form.values["entry"] ?? ""), facility,
                    .group((0..<3).map { index in
                        .div(.class("row"),
                             form.select("input\(index)", index == 0 ? t("Lô nguyên liệu", "Input lot") : t("Lô nguyên liệu khác (nếu có)", "Another input lot"),
                                         options: holdings),
                             form.text("inputQuantity\(index)", t("Số lượng dùng", "Quantity used")))
                    }),
                    product, lotFields(units: units, time: time))
            case .ship:
                return .group(
                    form.hidden("entry", form.values["entry"] ?? ""),
                    form.select("lot", t("Lô hàng", "Lot"), options: holdings),
                    form.text("quantity", t("Số lượng giao", "Quantity"), required: true),
                    form.text("destination", t("Giao đến (GLN cơ sở bên nhận)", "To (the receiving facility's GLN)"), required: true,
                              hint: t("Gõ tên hoặc GLN để chọn; hỏi bên mua GLN của kho, cửa hàng.", "Type a name or GLN."), list: "destinations"),
                    .element(named: "datalist", nodes: [.attribute(named: "id", value: "destinations")]
                        + model.destinations.map { .element(named: "option", nodes: [.attribute(named: "value", value: $0.gln), .text($0.name)]) }),
                    form.text("sscc", t("Mã kiện hàng SSCC (nếu có, 18 số)", "SSCC (optional)")),
                    time)
            }
        }

        private func lotFields(units: [(String, String)], time: Node<HTML.FormContext>) -> Node<HTML.FormContext> {
            .group(
                form.text("lotNumber", t("Số lô", "Lot number"), required: true,
                          hint: t("Tối đa 20 ký tự: chữ không dấu, số, dấu gạch.", "Up to 20 letters, digits or dashes.")),
                time,
                .div(.class("row"),
                     form.text("quantity", t("Số lượng", "Quantity"), required: true),
                     form.select("unit", t("Đơn vị", "Unit"), options: units)),
                form.text("expires", t("Hạn sử dụng (nếu khác hạn của sản phẩm)", "Use by (if not the product's shelf life)"), type: .date),
                form.text("bestBefore", t("Sử dụng tốt nhất trước (nếu có)", "Best before (optional)"), type: .date))
        }
    }
}
