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
                    (t("Mã số thuế", "Tax code"), organisation.taxCode ?? "—"),
                    (t("Tỉnh", "Province"), organisation.provinceCode),
                    (t("Xã, phường", "Commune"), organisation.communeCode ?? "—"),
                    (t("Địa chỉ", "Address"), organisation.address ?? "—"),
                ]),
                codes,
                .unwrap(model.form) { edit in
                    form.section(t("Sửa thông tin", "Edit"),
                                 OrganisationForm.form(form, model: edit, action: .organisation(organisation.id), submit: t("Lưu", "Save")))
                })
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