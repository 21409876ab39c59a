import NguonCore
import Plot

extension CertificateList {
    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { LocalizedText(vi: "Giấy chứng nhận", en: "Certificates") }
        var path: String { SiteURL.certificates.path }
        var query: [(String, String?)] { model.filter.queryItems + [("trang", model.filter.page > 1 ? String(model.filter.page) : nil)] }

        var main: Node<HTML.BodyContext> {
            let filter = model.filter
            return .group(
                AdminView.eyebrow(.admin, t("An toàn thực phẩm", "Food safety")),
                heading,
                .p(.a(.href(SiteURL.certificateReminders.path), .text(t("Cần gia hạn, sắp hết hạn →", "To renew, expiring →")))),
                AdminView.filterForm(.certificates, submit: t("Lọc", "Filter"),
                    AdminView.choice("loai", t("Loại", "Kind"), language: language, selected: filter.kind?.rawValue,
                                           options: CertificateKind.allCases.map { ($0.rawValue, language == .vi ? $0.vietnameseName : $0.englishName) }),
                    AdminView.choice("tinh-trang", t("Tình trạng", "Status"), language: language, selected: filter.status?.rawValue,
                                           options: CertificateStatus.allCases.map { ($0.rawValue, language == .vi ? $0.vietnameseName : $0.englishName) })),
                .p(.class("hint"), .text(t("\(AdminView.number(model.total, language)) giấy chứng nhận", "\(AdminView.number(model.total, language)) certificates"))),
                .if(model.rows.isEmpty, .p(.text(model.canWrite
                    ? t("Chưa có giấy chứng nhận nào. Mở trang một cơ sở để ghi giấy chứng nhận hoặc bản cam kết.",
                        "No certificates yet. Open a facility's page to record one.")
                    : t("Không có giấy chứng nhận nào.", "No certificates.")))),
                .if(!model.rows.isEmpty, AdminView.table([t("Loại, số", "Kind, number"), t("Cơ sở", "Facility"), t("Hết hạn", "Expires"), t("Tình trạng", "Status")],
                                                         model.rows) { row in
                    let certificate = row.certificate
                    let status = certificate.status(on: model.today)
                    return .tr(.td(.a(.href(SiteURL.certificate(certificate.id).path), .text("\(certificate.kind.shortName) \(certificate.number)"))),
                               .td(.text(row.facilityName), .br(), .small(.text(row.organisationName))),
                               .td(.class("nowrap"), .text(certificate.expiresOn?.vietnamese ?? "—")),
                               .td(CertificateList.badge(status, language)))
                }),
                pager)
        }

        private var pager: Node<HTML.BodyContext> {
            AdminView.pager(page: model.filter.page, pages: model.pages, list: .certificates, query: model.filter.queryItems, language: language)
        }
    }

    /// A status as a badge: dimmed unless in force.
    static func badge(_ status: CertificateStatus, _ language: Language) -> Node<HTML.BodyContext> {
        AdminView.badge(language == .vi ? status.vietnameseName : status.englishName, on: status.isInForce)
    }
}

extension CertificateReminders {
    struct View: AdminPage {
        let items: [Item]
        let today: CivilDate
        let language: Language

        var title: LocalizedText { LocalizedText(vi: "Giấy tờ cần gia hạn", en: "Papers to renew") }
        var path: String { SiteURL.certificateReminders.path }

        var main: Node<HTML.BodyContext> {
            .group(
                AdminView.eyebrow(.certificates, t("Giấy chứng nhận", "Certificates")),
                heading,
                .p(.class("lead"), .text(t("Ngày \(today.vietnamese): giấy chứng nhận và bản cam kết sắp hết hạn hoặc đã hết hạn trong 90 ngày qua.",
                                           "\(today): certificates and commitments expiring, or expired within the last 90 days."))),
                .p(.a(.href(SiteURL.certificateRemindersExport.path), .text(t("Tải CSV", "Download CSV")))),
                .if(items.isEmpty, .p(.text(t("Không có giấy tờ nào cần gia hạn.", "Nothing to renew.")))),
                // Three columns, so a phone shows the row without scrolling sideways.
                .if(!items.isEmpty, AdminView.table([t("Giấy tờ, cơ sở", "Paper, facility"), t("Hết hạn", "Expires"), t("Việc cần làm", "To do")], items) { item in
                    .tr(.td(.a(.href(item.link.path), .text(item.number.isEmpty ? item.paper : "\(item.paper) \(item.number)")),
                            .br(), .small(.text(item.facilityName + " — " + item.organisationName))),
                        .td(.class("nowrap"), .text(item.expires.vietnamese), .br(), CertificateList.badge(item.status, language)),
                        .td(.text(CertificateReminders.action(item, today: today, language))))
                }))
        }
    }

    /// What the holder should do now, in words.
    static func action(_ item: Item, today: CivilDate, _ language: Language) -> String {
        let vi = language == .vi
        if item.status == .expired {
            return vi ? "Đã hết hạn \(item.expires.days(until: today)) ngày: cấp lại hoặc ngừng hoạt động theo diện này"
                      : "Expired \(item.expires.days(until: today)) days ago: renew, or stop the activity it covers"
        }
        let days = today.days(until: item.expires)
        if let opens = item.renewalOpens {
            return vi ? "Nộp hồ sơ cấp lại (từ \(opens.vietnamese)); còn \(days) ngày" : "File the renewal (from \(opens)); \(days) days left"
        }
        return vi ? "Còn \(days) ngày: chuẩn bị gia hạn" : "\(days) days left: prepare the renewal"
    }
}
