import Plot

extension AuditLogList {
    struct View: AdminFormPage {
        let model: Model
        /// The filter as asked; the export form sends it on.
        let form: FormFields

        var title: LocalizedText { LocalizedText(vi: "Nhật ký thay đổi", en: "Audit log") }
        var path: String { SiteURL.auditLog.path }

        var main: Node<HTML.BodyContext> {
            let parameters = model.parameters.sorted { $0.key < $1.key }
            return .group(
                heading,
                .p(.class("lead"), .text(t("Mỗi mục nối với mục trước bằng mã băm SHA-256; lệnh “nguon audit verify” phát hiện mục bị sửa, xóa hay đổi chỗ.",
                                           "Each entry is chained to the one before by SHA-256; “nguon audit verify” detects edited, removed or reordered entries."))),
                AdminView.filterForm(.auditLog, submit: t("Lọc", "Filter"),
                    form.select("action", t("Hành động", "Action"),
                                options: [("", t("Tất cả", "All"))] + AuditLog.actions.map { ($0.code, $0.label(language)) }),
                    form.text("entityID", t("Mã bản ghi", "Record id")),
                    form.text("from", t("Từ ngày", "From"), type: .date),
                    form.text("until", t("Đến ngày", "Until"), type: .date)),
                // Exporting is audited, so it is a POST (GET and HEAD change nothing).
                form.post(.auditLogExport, class: "tool", submit: t("Xuất CSV (theo bộ lọc)", "Export CSV (filtered)"),
                          .forEach(parameters) { form.hidden($0.key, $0.value) }),
                AdminView.table(["#", t("Thời điểm", "When"), t("Người thực hiện", "Who"), t("Địa chỉ", "From"),
                                 t("Hành động", "Action"), t("Bản ghi", "Record")], model.entries) { e in
                    .tr(.td(.text(String(e.sequence))), .td(.class("nowrap"), .text(AdminView.date(e.at, language))),
                        .td(.text(e.actorName)), .td(.text(e.address ?? "—")), .td(.text(AuditLog.label(of: e.action, language))),
                        .td(.text(e.entityType + (e.entityID.map { " " + $0 } ?? ""))))
                },
                .unwrap(model.older) { older in
                    .p(.a(.href(SiteURL.auditLog.url(parameters.map { ($0.key, Optional($0.value)) } + [("before", String(older))])),
                          .text(t("Cũ hơn →", "Older →"))))
                })
        }
    }
}
