import Plot

extension WorkspaceHome {
    struct View: AdminFormPage {
        let model: Model
        /// Carries the CSRF token of the receive buttons, and an error sent back.
        let form: FormFields
        var notice: String? = nil

        var title: LocalizedText { LocalizedText(vi: "Khu sản xuất", en: "Producer's workspace") }
        var path: String { SiteURL.workspace.path }
        var script: SiteURL.Asset? { .producerJS }

        var main: Node<HTML.BodyContext> {
            let organisation = model.workspace.organisation
            return .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.organisation(organisation.id).path), .text(organisation.name))),
                heading,
                AdminView.notice(notice),
                // Filled by producer.js: entries kept on the device until the connection returns.
                .p(.id("outbox"), .class("notice"), .attribute(named: "hidden", value: "hidden"), .attribute(named: "role", value: "status")),
                form.summary,
                .nav(.class("actions"),
                     action(.workspaceDiary, t("Ghi nhật ký", "Diary entry")),
                     action(.workspaceHarvest, t("Thu hoạch", "Harvest")),
                     action(.workspacePack, t("Sơ chế, đóng gói", "Pack")),
                     action(.workspaceShip, t("Giao hàng", "Ship"))),
                .if(!model.todo.isEmpty, .group(
                    .h2(.text(t("Việc cần làm", "To do"))),
                    .ul(.forEach(model.todo) { .li(.text($0(language))) }))),
                .if(!model.incoming.isEmpty, .group(
                    .h2(.text(t("Hàng đang đến", "Arriving"))),
                    .ul(.class("cards"), .forEach(model.incoming) { shipment in
                        .li(.p(.strong(.text(shipment.productName ?? "GTIN " + shipment.gtin))),
                            .p(.text(t("Lô ", "Lot ") + shipment.lotNumber + " · " + Formatting.decimal(shipment.quantity) + " " + Units.label(shipment.unit))),
                            .p(.class("hint"), .text(t("Từ ", "From ") + (shipment.fromName ?? shipment.fromKey) + t(" đến ", " to ") + shipment.facilityName
                                                  + " · " + Formatting.dateTime(millis: shipment.time, language))),
                            form.post(.workspaceReceive, class: "inline", submit: t("Đã nhận hàng", "Received"),
                                      form.hidden("shipment", shipment.eventID)))
                    }))),
                .h2(.text(t("Lô hàng gần đây", "Recent lots"))),
                .if(model.lots.isEmpty, .p(.class("hint"), .text(t("Chưa có lô nào. Thu hoạch tạo lô đầu tiên.", "No lots yet. A harvest makes the first.")))),
                .ul(.class("cards"), .forEach(model.lots) { lot in
                    .li(.a(.href(SiteURL.workspaceLot(lot.id).path),
                           .strong(.text(model.workspace.products.first { $0.id == lot.productID }?.name ?? lot.gtin))),
                        .p(.text(t("Lô ", "Lot ") + lot.lotNumber + (lot.quantity.map { " · " + Formatting.decimal($0) + " " + Units.label(lot.unit ?? "") } ?? ""))),
                        .unwrap(lot.producedOn) { .p(.class("hint"), .text(t("Ngày ", "On ") + Formatting.date($0, language))) })
                }),
                .h2(.text(t("Nhật ký gần đây", "Latest diary entries"))),
                .if(model.diary.isEmpty, .p(.class("hint"), .text(t("Chưa có ghi chép nào.", "No entries yet.")))),
                .ul(.forEach(model.diary) { entry in
                    .li(.text(Formatting.dateTime(millis: entry.time, language) + " — " + entry.activity.label(language)
                              + (entry.input.map { ": " + $0 } ?? "") + " · " + entry.facilityName))
                }),
                .h2(.text(t("Sổ đăng ký", "Registry"))),
                .p(.a(.href(SiteURL.organisation(organisation.id).path),
                      .text(t("Cơ sở, sản phẩm và mã GS1 của tổ chức", "Your facilities, products and GS1 codes")))))
        }

        private func action(_ url: SiteURL, _ text: String) -> Node<HTML.BodyContext> {
            .a(.class("button"), .href(url.path), .text(text))
        }
    }
}

/// Units of quantity as forms offer them: UN/ECE Recommendation 20 codes, which EPCIS stores, with
/// the words Vietnamese labels use.
enum Units {
    static let all: [(code: String, label: String)] = [
        ("KGM", "kg"), ("TNE", "tấn"), ("GRM", "g"), ("LTR", "lít"), ("H87", "cái, quả, con"), ("XBX", "hộp"), ("XBG", "túi, bao"),
    ]

    static func label(_ code: String) -> String { all.first { $0.code == code }?.label ?? code }
}
