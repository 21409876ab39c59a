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
                .div(.class("cards"), .forEach(model.cards) { card in
                    .div(.class("card"), .h2(.a(.href(card.url.path), .text(card.title(language)))), .p(.text(card.text(language))))
                }))
        }

        /// Role · department · jurisdiction.
        private var scope: String {
            let department = model.department.map { " · " + $0.name(language) } ?? ""
            let area = model.jurisdiction.map { " · " + t("địa bàn ", "jurisdiction ") + $0.code } ?? ""
            return model.role.name(language) + department + area
        }
    }
}
