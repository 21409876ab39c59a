import Plot

extension AdminUnitSearch {
    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { LocalizedText(vi: "Đơn vị hành chính", en: "Administrative units") }
        var path: String { SiteURL.adminUnits.path }
        var query: [(String, String?)] { [("q", model.term.isEmpty ? nil : model.term)] }

        var main: Node<HTML.BodyContext> {
            .group(
                heading,
                .p(.class("lead"), .text(t("Danh mục có \(model.provinces) tỉnh, thành phố và \(model.communes) xã, phường, đặc khu.",
                                           "The list holds \(model.provinces) provinces and \(model.communes) communes, wards and special zones."))),
                AdminView.searchForm(.adminUnits, label: t("Tên, tên cũ hoặc mã", "Name, former name or code"), term: model.term,
                                     submit: t("Tìm", "Search")),
                AdminView.table([t("Mã", "Code"), t("Tên", "Name"), t("Thuộc", "Part of"), t("Tên cũ", "Former names")], model.units) { unit in
                    .tr(.td(.code(.text(unit.code))), .td(.text(unit.fullName)), .td(.text(unit.parentCode ?? "—")),
                        .td(.text(unit.former.map { former in former.code.map { "\(former.name) (\($0))" } ?? former.name }.joined(separator: "; "))))
                })
        }
    }
}
