import NguonCore
import Plot

extension InspectionList {
    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { LocalizedText(vi: "Kiểm tra, thẩm định", en: "Inspections") }
        var path: String { SiteURL.inspections.path }
        var query: [(String, String?)] { model.filter.queryItems + [("trang", model.filter.page > 1 ? String(model.filter.page) : nil)] }

        var main: Node<HTML.BodyContext> {
            let filter = model.filter
            return .group(
                AdminView.eyebrow(.admin, t("An toàn thực phẩm", "Food safety")),
                heading,
                .p(.a(.href(SiteURL.inspectionProposals.path), .text(t("Đề xuất cơ sở cần kiểm tra →", "Whom to inspect first →"))),
                   .text(" · "), .a(.href(SiteURL.inspections.url([("qua-han", "1")])), .text(t("Quá hạn khắc phục chưa tái kiểm tra →", "Overdue remedies →"))),
                   .text(" · "), .a(.href(SiteURL.violations.path), .text(t("Vi phạm, xử phạt →", "Violations →"))),
                   .text(" · "), .a(.href(SiteURL.programmes.path), .text(t("Giám sát, lấy mẫu →", "Monitoring samples →")))),
                AdminView.filterForm(.inspections, submit: t("Lọc", "Filter"),
                    AdminView.choice("ket-qua", t("Kết quả", "Result"), language: language, selected: filter.result?.rawValue,
                                           options: [("pass", t("Đạt", "Pass")), ("fail", t("Không đạt", "Fail"))]),
                    .div(.class("field"), .label(.for("nam"), .text(t("Năm", "Year"))),
                         .input(.type(.number), .id("nam"), .name("nam"), .value(filter.year.map { String($0) } ?? ""))),
                    .if(filter.overdue, .input(.type(.hidden), .name("qua-han"), .value("1")))),
                .p(.class("hint"), .text(t("\(AdminView.number(model.total, language)) lần kiểm tra", "\(AdminView.number(model.total, language)) inspections")
                                         + (filter.overdue ? t(" quá hạn khắc phục", " overdue") : ""))),
                .if(model.rows.isEmpty, .p(.text(t("Chưa có biên bản nào. Mở trang một cơ sở để ghi biên bản kiểm tra.",
                                                   "No inspections. Open a facility's page to record one.")))),
                .if(!model.rows.isEmpty, AdminView.table([t("Ngày", "Date"), t("Cơ sở", "Facility"), t("Loại", "Kind"), t("Kết quả", "Result")], model.rows) { row in
                    let inspection = row.inspection
                    return .tr(.td(.class("nowrap"), .a(.href(SiteURL.inspection(inspection.id).path), .text(inspection.inspectedOn.vietnamese))),
                               .td(.text(row.facilityName), .br(), .small(.text(row.organisationName))),
                               .td(.text(language == .vi ? inspection.kind.vietnameseName : inspection.kind.englishName)),
                               .td(AdminView.badge(inspection.result == .pass ? t("Đạt", "Pass") : t("Không đạt", "Fail"), on: inspection.result == .pass),
                                   .if(row.overdue, .group(.br(), .small(.text(t("quá hạn khắc phục ", "overdue since ") + (inspection.remediationDue?.vietnamese ?? "")))))))
                }),
                pager)
        }

        private var pager: Node<HTML.BodyContext> {
            AdminView.pager(page: model.filter.page, pages: model.pages, list: .inspections, query: model.filter.queryItems, language: language)
        }
    }
}

extension ViolationList {
    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { LocalizedText(vi: "Vi phạm, xử phạt", en: "Violations") }
        var path: String { SiteURL.violations.path }

        var main: Node<HTML.BodyContext> {
            .group(
                AdminView.eyebrow(.inspections, t("Kiểm tra", "Inspections")),
                heading,
                ViolationList.warnings(model.warnings, language),
                .if(model.rows.isEmpty, .p(.text(t("Chưa ghi vi phạm nào.", "No violations recorded.")))),
                .if(!model.rows.isEmpty, AdminView.table([t("Ngày", "Date"), t("Cơ sở", "Facility"), t("Hành vi", "What"), t("Tiền phạt", "Fine")], model.rows) { row in
                    .tr(.td(.class("nowrap"), .a(.href(SiteURL.violation(row.violation.id).path), .text(row.violation.foundOn.vietnamese))),
                        .td(.text(row.facilityName), .br(), .small(.text(row.organisationName))),
                        .td(.text(row.violation.description)),
                        .td(.class("nowrap"), .text(row.violation.fineVND.map { AdminView.number(Int($0), language) } ?? "—")))
                }))
        }
    }

    /// Facilities whose record gives grounds to revoke their certificate, with the grounds.
    static func warnings(_ warnings: [ViolationRepository.RevocationWarning], _ language: Language) -> Node<HTML.BodyContext> {
        guard !warnings.isEmpty else { return .empty }
        let vi = language == .vi
        return .div(.class("error"), .attribute(named: "role", value: "status"),
                    .h2(.text(vi ? "Đủ căn cứ xem xét thu hồi giấy chứng nhận ATTP" : "Grounds to revoke the food-safety certificate")),
                    .ul(.forEach(warnings) { warning in
                        .li(.a(.href(SiteURL.facility(warning.facilityID).path), .text(warning.facilityName)),
                            .text(" (\(warning.organisationName)): " + warning.grounds.map { $0.text(language) }.joined(separator: "; ")
                                  + (warning.certificates.isEmpty ? (vi ? " — không có giấy chứng nhận ATTP còn hiệu lực" : " — no certificate in force")
                                                                  : (vi ? " — giấy chứng nhận số " : " — certificate ") + warning.certificates.joined(separator: ", "))))
                    }),
                    .p(.class("hint"), .text(vi ? "Căn cứ: 2 lần xử phạt vi phạm điều kiện ATTP hoặc 2 vụ ngộ độc trong 12 tháng, hoặc 1 vụ có người chết."
                                                : "Grounds: two fines on conditions or two outbreaks within 12 months, or one fatal outbreak.")))
    }
}
