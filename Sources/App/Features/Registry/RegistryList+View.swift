import Plot

extension RegistryList {
    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { model.kind.title }
        var path: String { model.kind.url.path }
        var query: [(String, String?)] { model.filter.queryItems + [("trang", model.filter.page > 1 ? String(model.filter.page) : nil)] }

        var main: Node<HTML.BodyContext> {
            .group(AdminView.eyebrow(.admin, t("Sổ đăng ký", "Registry")), heading, listing)
        }

        /// The filter, the count with its export links, one page of rows and the pager: what the
        /// organisations' page shows above its registration form too.
        var listing: Node<HTML.BodyContext> {
            let kind = model.kind
            let filter = model.filter
            let (codeLabel, detailLabel) = switch kind {
            case .products: ("GTIN", t("Tổ chức", "Organisation"))
            case .facilities: ("GLN", t("Tổ chức", "Organisation"))
            case .organisations: (t("Mã số thuế", "Tax code"), t("Loại hình", "Kind"))
            }
            return .group(
                AdminView.filterForm(kind.url, submit: t("Tìm", "Search"),
                    .div(.class("field"), .label(.for("q"), .text(kind == .organisations ? t("Tên, mã số thuế, người đại diện", "Name, tax code, representative")
                                                                                          : t("Tên, mã GTIN/GLN", "Name, GTIN or GLN"))),
                         .input(.type(.search), .id("q"), .name("q"), .value(filter.search ?? ""))),
                    .div(.class("field"), .label(.for("don-vi"), .text(t("Xã, phường hoặc tỉnh", "Commune or province"))),
                         model.units.map { units in
                             .element(named: "select", nodes: [.attribute(named: "id", value: "don-vi"), .attribute(named: "name", value: "don-vi"),
                                                               .element(named: "option", nodes: [.attribute(named: "value", value: "", ignoreIfValueIsEmpty: false), .text(t("— tất cả —", "— all —"))])]
                                + units.map { unit in
                                    .element(named: "option", nodes: [.attribute(named: "value", value: unit.code),
                                                                      unit.code == filter.unit ? .attribute(named: "selected", value: "selected") : .empty,
                                                                      .text(unit.fullName)])
                                })
                         } ?? .input(.type(.text), .id("don-vi"), .name("don-vi"), .value(filter.unit ?? ""),
                                     .attribute(named: "inputmode", value: "numeric"))),
                    .div(.class("field"), .label(.for("sap-xep"), .text(t("Sắp xếp", "Order"))),
                         .element(named: "select", nodes: [
                             .attribute(named: "id", value: "sap-xep"), .attribute(named: "name", value: "sap-xep"),
                             .element(named: "option", nodes: [.attribute(named: "value", value: "ten"), .text(t("Theo tên", "By name"))]),
                             .element(named: "option", nodes: [.attribute(named: "value", value: "moi"),
                                                               filter.newestFirst ? .attribute(named: "selected", value: "selected") : .empty,
                                                               .text(t("Mới đăng ký trước", "Newest first"))]),
                         ]))),
                .p(.class("hint"), .text(model.total > RegistryList.Filter.countCap
                        ? t("Hơn \(AdminView.number(RegistryList.Filter.countCap, language)) kết quả; hãy thu hẹp tìm kiếm · ",
                            "More than \(AdminView.number(RegistryList.Filter.countCap, language)) found; narrow the search · ")
                        : t("\(AdminView.number(model.total, language)) kết quả · ", "\(AdminView.number(model.total, language)) found · ")),
                   .a(.href(kind.exportURL.url(filter.queryItems + [("dinh-dang", "xlsx")])), .text(t("Tải Excel (XLSX)", "Download XLSX"))),
                   .text(" · "), .a(.href(kind.exportURL.url(filter.queryItems + [("dinh-dang", "csv")])), .text("CSV"))),
                .if(model.rows.isEmpty, .p(.text(t("Không có kết quả.", "Nothing found.")))),
                .if(!model.rows.isEmpty, AdminView.table([t("Tên", "Name"), codeLabel, detailLabel, t("Địa bàn", "Area")], model.rows) { row in
                    let link: SiteURL = switch kind { case .products: SiteURL.product(row.id); case .facilities: .facility(row.id); case .organisations: .organisation(row.id) }
                    return .tr(.td(.a(.href(link.path), .text(row.name))),
                               .td(.class("nowrap"), .code(.text(row.code ?? "—"))), .td(.text(row.detail.isEmpty ? "—" : row.detail)), .td(.text(row.area)))
                }),
                pager)
        }

        private var pager: Node<HTML.BodyContext> {
            AdminView.pager(page: model.filter.page, pages: model.pages, list: model.kind.url, query: model.filter.queryItems, language: language)
        }
    }
}
