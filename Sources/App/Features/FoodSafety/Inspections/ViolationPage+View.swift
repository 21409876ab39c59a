import HTTPTypes
import NguonCore
import Plot

extension ViolationPage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var title: LocalizedText {
            model.violation == nil ? LocalizedText(vi: "Ghi vi phạm", en: "Record a violation") : LocalizedText(vi: "Vi phạm", en: "Violation")
        }
        var path: String { model.violation.map { SiteURL.violation($0.id).path } ?? SiteURL.facilityViolations(model.facility.id).path }

        var main: Node<HTML.BodyContext> {
            .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.facility(model.facility.id).path), .text(model.facility.name)),
                   .text(" · "), .a(.href(SiteURL.violations.path), .text(t("Vi phạm", "Violations")))),
                heading,
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.violation) { violation in
                    AdminView.facts([
                        (t("Cơ sở", "Facility"), model.facility.name + " — " + model.organisation.name),
                        (t("Ngày phát hiện", "Found on"), violation.foundOn.vietnamese),
                        (t("Căn cứ", "Legal basis"), violation.legalBasis),
                        (t("Hành vi", "What"), violation.description),
                        (t("Vi phạm điều kiện bảo đảm ATTP", "On food-safety conditions"), violation.onConditions ? t("Có", "Yes") : t("Không", "No")),
                        (t("Tiền phạt", "Fine"), violation.fineVND.map { AdminView.number(Int($0), language) + " đồng" } ?? "—"),
                        (t("Biện pháp khắc phục", "Remedies"), violation.remedies ?? "—"),
                        (t("Tình trạng", "Status"), violation.status.label(language)),
                    ])
                },
                .unwrap(model.inspectionID) { id in .p(.a(.href(SiteURL.inspection(id).path), .text(t("Biên bản kiểm tra liên quan", "The inspection")))) },
                .if(model.canWrite, form.section(model.violation == nil ? t("Thông tin vi phạm", "Violation") : t("Sửa", "Edit"),
                    form.post(model.violation.map { .violation($0.id) } ?? .facilityViolations(model.facility.id),
                              submit: model.violation == nil ? t("Ghi vi phạm", "Record") : t("Lưu", "Save"),
                        .unwrap(model.violation == nil ? model.inspectionID : nil) { form.hidden("inspection", $0) },
                        form.text("foundOn", t("Ngày phát hiện", "Found on"), type: .date, required: true),
                        form.text("legalBasis", t("Căn cứ xử phạt (điều, khoản, nghị định)", "Legal basis"), required: true,
                                  hint: t("Ví dụ: Nghị định 115/2018/NĐ-CP, điều 6 khoản 2.", "e.g. Decree 115/2018/NĐ-CP art. 6(2).")),
                        form.textarea("description", t("Hành vi vi phạm", "What was found")),
                        form.checkbox("onConditions", t("Vi phạm điều kiện bảo đảm ATTP (tính vào căn cứ thu hồi giấy chứng nhận)",
                                                        "On food-safety conditions (counts towards revoking the certificate)"),
                                      checked: form.values["onConditions"] == "on"),
                        form.text("fineVND", t("Tiền phạt (đồng)", "Fine (VND)"), hint: t("Bỏ trống nếu chỉ cảnh cáo.", "Empty for a warning.")),
                        form.textarea("remedies", t("Biện pháp khắc phục hậu quả", "Remedies")),
                        form.select("status", t("Tình trạng", "Status"), options: Violation.Status.allCases.map { ($0.rawValue, $0.label(language)) })))))
        }
    }
}

extension IncidentPage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var title: LocalizedText { LocalizedText(vi: "Vụ ngộ độc thực phẩm", en: "Food-poisoning outbreak") }
        var path: String { model.incident.map { SiteURL.incident($0.id).path } ?? SiteURL.facilityIncidents(model.facility.id).path }

        var main: Node<HTML.BodyContext> {
            .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.facility(model.facility.id).path), .text(model.facility.name))),
                heading,
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.incident) { incident in
                    AdminView.facts([
                        (t("Ngày xảy ra", "On"), incident.occurredOn.vietnamese),
                        (t("Số người mắc", "Cases"), String(incident.cases)),
                        (t("Nhập viện", "Hospitalised"), String(incident.hospitalised)),
                        (t("Tử vong", "Deaths"), String(incident.deaths)),
                        (t("Diễn biến", "What happened"), incident.description),
                    ])
                },
                .if(model.canWrite && model.incident == nil, form.section(t("Thông tin vụ ngộ độc", "Outbreak"),
                    form.post(.facilityIncidents(model.facility.id), submit: t("Ghi vụ ngộ độc", "Record"),
                        form.text("occurredOn", t("Ngày xảy ra", "On"), type: .date, required: true),
                        .div(.class("row"),
                             form.text("cases", t("Số người mắc", "Cases"), required: true),
                             form.text("hospitalised", t("Nhập viện", "Hospitalised")),
                             form.text("deaths", t("Tử vong", "Deaths"))),
                        form.textarea("description", t("Diễn biến, nguyên nhân", "What happened"))))))
        }
    }
}
