import Plot

extension AdminHome {
    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { LocalizedText(vi: "Quản trị", en: "Administration") }
        var path: String { SiteURL.admin.path }

        var main: Node<HTML.BodyContext> {
            .group(
                heading,
                .p(.class("lead"), .text(scope)),
                reminders,
                .div(.class("cards"), .forEach(model.cards) { card in
                    .div(.class("card"), .h2(.a(.href(card.url.path), .text(card.title(language)))), .p(.text(card.text(language))))
                }))
        }

        /// The first papers to renew, with a link to the whole digest.
        private var reminders: Node<HTML.BodyContext> {
            guard !model.reminders.isEmpty else { return .empty }
            let shown = model.reminders.prefix(5)
            return .div(.class("notice"), .attribute(named: "role", value: "status"),
                        .h2(.text(t("Cần gia hạn: \(model.reminders.count) giấy tờ", "To renew: \(model.reminders.count) papers"))),
                        .ul(.forEach(Array(shown)) { item in
                            .li(.a(.href(item.link.path), .text(item.number.isEmpty ? item.paper : "\(item.paper) \(item.number)")),
                                .text(" — \(item.facilityName): " + CertificateReminders.action(item, today: model.today, language)))
                        }),
                        .p(.a(.href(SiteURL.certificateReminders.path), .text(t("Xem tất cả, tải CSV", "See all, download CSV")))))
        }

        /// Role · department · jurisdiction.
        private var scope: String {
            let department = model.department.map { " · " + $0.name(language) } ?? ""
            let area = model.jurisdiction.map { " · " + t("địa bàn ", "jurisdiction ") + $0.code } ?? ""
            return model.role.name(language) + department + area
        }
    }
}
