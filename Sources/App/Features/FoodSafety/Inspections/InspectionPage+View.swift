import HTTPTypes
import NguonCore
import Plot

extension InspectionPage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var title: LocalizedText {
            guard let inspection = model.inspection else {
                return model.rechecking == nil ? LocalizedText(vi: "Ghi biên bản kiểm tra", en: "Record an inspection")
                    : LocalizedText(vi: "Tái kiểm tra", en: "Re-check")
            }
            return LocalizedText(vi: "Kiểm tra ngày \(inspection.inspectedOn.vietnamese)", en: "Inspection of \(inspection.inspectedOn)")
        }
        var path: String { model.inspection.map { SiteURL.inspection($0.id).path } ?? SiteURL.facilityInspections(model.facility.id).path }

        var main: Node<HTML.BodyContext> {
            .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.facility(model.facility.id).path), .text(model.facility.name)),
                   .text(" · "), .a(.href(SiteURL.inspections.path), .text(t("Kiểm tra", "Inspections")))),
                heading,
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.rechecking) { earlier in
                    .p(.class("lead"), .text(t("Tái kiểm tra lần kiểm tra ngày \(earlier.inspectedOn.vietnamese) (không đạt, hạn khắc phục \(earlier.remediationDue?.vietnamese ?? "—")).",
                                               "Re-check of the failed inspection of \(earlier.inspectedOn).")))
                },
                .unwrap(model.inspection) { facts($0) },
                .if(model.canWrite && model.inspection == nil, form.section(t("Biên bản", "Record"), editor)),
                // A recorded inspection is read far more than it is corrected: its form stays folded
                // (open again when a correction was refused).
                .if(model.canWrite && model.inspection != nil, .element(named: "details", nodes: [
                    form.error == nil ? .empty : .attribute(named: "open", value: "open"),
                    .element(named: "summary", text: t("Sửa biên bản", "Edit the record")),
                    form.summary, editor,
                ])),
                .unwrap(model.inspection) { inspection in .group(documents(inspection), followUp(inspection)) })
        }

        private func facts(_ inspection: Inspection) -> Node<HTML.BodyContext> {
            let overdue = inspection.result == .fail && (inspection.remediationDue.map { $0 < model.today } ?? false)
            return .group(
                AdminView.facts([
                    (t("Cơ sở", "Facility"), model.facility.name + " — " + model.organisation.name),
                    (t("Loại", "Kind"), language == .vi ? inspection.kind.vietnameseName : inspection.kind.englishName),
                    (t("Đoàn kiểm tra", "Team"), inspection.team),
                    (t("Kết quả", "Result"), resultText(inspection.result) + (inspection.grade.map { " (" + t("loại ", "grade ") + $0.rawValue + ")" } ?? "")),
                    (t("Hạn khắc phục", "Remedy by"), inspection.remediationDue.map { $0.vietnamese + (overdue ? t(" — đã quá hạn", " — overdue") : "") } ?? "—"),
                    (t("Kết luận", "Conclusion"), inspection.conclusion ?? "—"),
                ]),
                .if(!inspection.checklist.isEmpty, AdminView.table([t("Nội dung kiểm tra", "Point"), t("Đạt", "Met"), t("Phát hiện", "Finding")],
                                                                  inspection.checklist) { item in
                    .tr(.td(.text(item.item)), .td(.text(item.ok.map { $0 ? t("Đạt", "Yes") : t("Không đạt", "No") } ?? "—")),
                        .td(.text(item.finding ?? "")))
                }))
        }

        private func resultText(_ result: InspectionResult) -> String {
            result == .pass ? t("Đạt", "Pass") : t("Không đạt", "Fail")
        }

        private var editor: Node<HTML.BodyContext> {
            let action: SiteURL = model.inspection.map { .inspection($0.id) } ?? .facilityInspections(model.facility.id)
            let rules = FoodSafetyRules.inForce(on: model.inspection?.inspectedOn ?? model.today)
            return form.post(action, submit: model.inspection == nil ? t("Ghi biên bản", "Record") : t("Lưu", "Save"),
                .unwrap(model.rechecking) { form.hidden("rechecks", $0.id) },
                form.select("kind", t("Loại kiểm tra", "Kind"), options: InspectionKind.allCases.map { ($0.rawValue, language == .vi ? $0.vietnameseName : $0.englishName) }),
                .div(.class("row"),
                     form.text("inspectedOn", t("Ngày kiểm tra", "Date"), type: .date, required: true),
                     form.text("team", t("Đoàn kiểm tra (trưởng đoàn, thành viên)", "Team"), required: true)),
                .element(named: "fieldset", nodes: [
                    .attribute(named: "class", value: "field checklist"),
                    .element(named: "legend", text: t("Nội dung kiểm tra", "Checklist")),
                    .group((0..<InspectionPage.rows).map { index in
                        .div(.class("check-row"),
                             .input(.type(.text), .name("item-\(index)"), .value(form.values["item-\(index)"] ?? ""),
                                    .attribute(named: "aria-label", value: t("Nội dung \(index + 1)", "Point \(index + 1)"))),
                             .element(named: "select", nodes: [
                                .attribute(named: "name", value: "ok-\(index)"),
                                .attribute(named: "aria-label", value: t("Kết quả nội dung \(index + 1)", "Result of point \(index + 1)")),
                             ] + [("", "—"), ("yes", t("Đạt", "Met")), ("no", t("Không đạt", "Not met"))].map { value, label in
                                .element(named: "option", nodes: [.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
                                                                  form.values["ok-\(index)"] == value && !value.isEmpty ? .attribute(named: "selected", value: "selected") : .empty,
                                                                  .text(label)])
                             }),
                             .input(.type(.text), .name("finding-\(index)"), .value(form.values["finding-\(index)"] ?? ""),
                                    .attribute(named: "placeholder", value: t("Phát hiện, tồn tại", "Finding")),
                                    .attribute(named: "aria-label", value: t("Phát hiện \(index + 1)", "Finding \(index + 1)"))))
                    }),
                ]),
                .div(.class("row"),
                     form.select("result", t("Kết quả", "Result"), options: [("pass", t("Đạt", "Pass")), ("fail", t("Không đạt", "Fail"))]),
                     form.text("remediationDue", t("Hạn khắc phục (nếu không đạt)", "Remedy by (if failed)"), type: .date,
                               hint: t("Tối đa \(rules.remediationMaxDays) ngày kể từ ngày kiểm tra.", "At most \(rules.remediationMaxDays) days."))),
                form.select("grade", t("Xếp loại (biên bản trước 15/01/2025)", "Grade (records before 2025-01-15)"),
                            options: [("", t("— không xếp loại —", "— none —"))] + FacilityGrade.allCases.map { ($0.rawValue, $0.rawValue) }),
                form.textarea("conclusion", t("Kết luận, kiến nghị", "Conclusion")))
        }

        private func documents(_ inspection: Inspection) -> Node<HTML.BodyContext> {
            .group(
                .h2(.text(t("Ảnh, biên bản đã ký", "Photos and the signed record"))),
                .if(model.documents.isEmpty, .p(.text(t("Chưa có tệp nào.", "No files yet.")))),
                .ul(.forEach(model.documents) { document in
                    .li(.a(.href(SiteURL.inspectionDocument(inspection.id, document.id).path), .text(document.fileName)))
                }),
                .if(model.canWrite, form.upload(.inspectionDocuments(inspection.id), name: "document",
                                                 label: t("Ảnh chụp hoặc bản quét (PDF, JPEG, PNG; tối đa 8 MB)", "Photo or scan (PDF, JPEG, PNG; up to 8 MB)"),
                                                 accept: "application/pdf,image/jpeg,image/png", submit: t("Thêm tệp", "Add the file"))))
        }

        /// Violations recorded from this inspection, and the next steps.
        private func followUp(_ inspection: Inspection) -> Node<HTML.BodyContext> {
            .group(
                .if(!model.violations.isEmpty, .group(
                    .h2(.text(t("Vi phạm ghi nhận", "Violations recorded"))),
                    .ul(.forEach(model.violations) { violation in
                        .li(.a(.href(SiteURL.violation(violation.id).path), .text(violation.foundOn.vietnamese + " — " + violation.description)))
                    }))),
                .if(model.canWrite, .p(
                    .if(inspection.result == .fail, .a(.class("button"), .href(SiteURL.facilityInspections(model.facility.id).url([("tai-kiem-tra", inspection.id)])),
                                                       .text(t("Ghi tái kiểm tra", "Record the re-check")))),
                    .text(" "),
                    .a(.class("button secondary"), .href(SiteURL.facilityViolations(model.facility.id).url([("kiem-tra", inspection.id)])),
                       .text(t("Ghi vi phạm, xử phạt", "Record a violation"))))))
        }
    }
}
