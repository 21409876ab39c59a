import HTTPTypes
import Plot

extension OrganisationShow {
    struct View: AdminFormPage {
        let model: Model
        /// The edit form: the organisation as it is, or as sent back.
        let form: FormFields
        /// The form that asks for GS1 codes: kind and count, or as sent back.
        let codesForm: FormFields
        /// Whether the page follows a save.
        let saved: Bool
        /// How many codes were just given, when the page follows that.
        var codesGiven: Int? = nil

        var status: HTTPResponse.Status { codesForm.error?.status ?? form.status }

        var title: LocalizedText { LocalizedText(vi: model.organisation.name, en: model.organisation.name) }
        var path: String { SiteURL.organisation(model.organisation.id).path }

        var main: Node<HTML.BodyContext> {
            let organisation = model.organisation
            return .group(
                AdminView.eyebrow(.organisations, t("Tổ chức, doanh nghiệp", "Organisations")),
                .h1(.text(organisation.name)),
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                AdminView.notice(codesGiven.map { t("Đã cấp \($0) mã mới.", "\($0) new codes given.") }),
                AdminView.facts([
                    (t("Loại hình", "Kind"), organisation.kind?.label(language) ?? "—"),
                    (t("Mã số thuế", "Tax code"), organisation.taxCode ?? "—"),
                    (t("Người đại diện", "Representative"), organisation.representative ?? "—"),
                    (t("Liên hệ", "Contact"), Self.joined([organisation.phone, organisation.email])),
                    (t("Tỉnh", "Province"), organisation.provinceCode),
                    (t("Xã, phường", "Commune"), organisation.communeCode ?? "—"),
                    (t("Địa chỉ", "Address"), organisation.address ?? "—"),
                ]),
                registry,
                codes,
                .unwrap(model.form) { edit in
                    form.section(t("Sửa thông tin", "Edit"),
                                 OrganisationForm.form(form, model: edit, action: .organisation(organisation.id), submit: t("Lưu", "Save")))
                })
        }
    
        /// "a · b" of the values present, or a dash.
        static func joined(_ values: [String?]) -> String {
            let present = values.compactMap { $0 }
            return present.isEmpty ? "—" : present.joined(separator: " · ")
        }

        /// Its facilities and products, each a link to its page, and the links that add more.
        private var registry: Node<HTML.BodyContext> {
            let organisation = model.organisation
            return .group(
                .h2(.text(t("Cơ sở sản xuất, kinh doanh", "Facilities"))),
                .if(model.facilities.isEmpty, .p(.class("hint"), .text(t("Chưa có cơ sở nào.", "No facilities yet.")))),
                .if(!model.facilities.isEmpty, AdminView.table([t("Tên", "Name"), "GLN", t("Trạng thái", "State")], model.facilities) { facility in
                    .tr(.td(.a(.href(SiteURL.facility(facility.id).path), .text(facility.name))),
                        .td(.class("nowrap"), .code(.text(facility.gln ?? "—"))), .td(.text(facility.state.label(language))))
                }),
                .if(model.canEditRegistry, .p(.a(.class("button"), .href(SiteURL.organisationFacilities(organisation.id).path),
                                                 .text(t("Thêm cơ sở", "Add a facility"))))),
                .h2(.text(t("Sản phẩm", "Products"))),
                .if(model.products.isEmpty, .p(.class("hint"), .text(t("Chưa có sản phẩm nào.", "No products yet.")))),
                .if(!model.products.isEmpty, AdminView.table([t("Tên", "Name"), "GTIN"], model.products) { product in
                    .tr(.td(.a(.href(SiteURL.product(product.id).path), .text(product.name))), .td(.class("nowrap"), .code(.text(product.gtin))))
                }),
                .if(model.canEditRegistry, .p(.a(.class("button"), .href(SiteURL.organisationProducts(organisation.id).path),
                                                 .text(t("Thêm sản phẩm", "Add a product"))))))
        }

        /// The GS1 keys the organisation holds from the province's pools, and the form to ask for more.
        private var codes: Node<HTML.BodyContext> {
            let organisation = model.organisation
            return .group(
                .h2(.text(t("Mã GS1 được cấp", "GS1 codes given"))),
                .if(model.codes.isEmpty, .p(.class("hint"), .text(t(
                    "Chưa có mã nào. Tổ chức chưa có tiền tố GS1 riêng có thể xin mã sản phẩm (GTIN) và mã địa điểm (GLN) từ kho mã của tỉnh.",
                    "No codes yet. An organisation without its own GS1 prefix can ask for product (GTIN) and location (GLN) numbers from the province's pools.")))),
                .if(!model.codes.isEmpty, AdminView.table([t("Mã", "Code"), t("Loại", "Kind"), t("Ngày cấp", "Given on")], model.codes) { code in
                    .tr(.td(.class("nowrap"), .code(.text(code.key))), .td(.text(code.keyKind == .gln ? t("GLN (địa điểm)", "GLN (location)") : t("GTIN (sản phẩm)", "GTIN (product)"))),
                        .td(.text(AdminView.date(code.allocatedAt, language))))
                }),
                .if(model.canAskForCodes, codesForm.section(t("Xin cấp mã mới", "Ask for new codes"),
                    codesForm.post(.organisationCodes(organisation.id), submit: t("Cấp mã", "Give codes"),
                        codesForm.select("kind", t("Loại mã", "Kind"), options: [
                            ("gtin", t("GTIN — mã sản phẩm", "GTIN — product")), ("gln", t("GLN — mã địa điểm (cơ sở, vùng trồng)", "GLN — location (facility, growing area)")),
                        ]),
                        codesForm.text("count", t("Số lượng (1–\(GS1CodeRepository.maxPerRequest))", "How many (1–\(GS1CodeRepository.maxPerRequest))"),
                                       type: .number, required: true)))))
        }
    }
}