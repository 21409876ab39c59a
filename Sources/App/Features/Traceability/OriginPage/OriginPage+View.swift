import EPCIS
import NguonCore
import Plot

/// The page a consumer sees after scanning: what the product is, where it comes from, and its
/// journey as a timeline, readable on a phone in a shop.
extension OriginPage {
    /// `link` is the Digital Link as scanned (with the label's attributes, for the page's own QR
    /// code), `path` and `query` its parts on this server, `labelDates` the label's dates by AI,
    /// `today` the day certificates are judged on.
    func render(language: Language, link: String, path: String, query: [(String, String?)], labelDates: [String: String],
                today: CivilDate) -> String {
        let t = { (vi: String, en: String) in language == .vi ? vi : en }
        let expiry = self.expiry ?? labelDates["17"]
        let bestBefore = self.bestBefore ?? labelDates["15"]
        let title = productName ?? t("Sản phẩm", "Product")
        return BasePage(
            title: LocalizedText(stringLiteral: title),
            language: language,
            path: path,
            query: query,
            main: .group(
                .unwrap(recall) { recall in
                    .div(.class("error recall"), .attribute(named: "role", value: "alert"),
                         .h2(.text(t("Sản phẩm đang bị thu hồi — không sử dụng", "This product is being recalled — do not use it"))),
                         .p(.text(recall.title + ": " + recall.reason)),
                         .p(.text(t("Hãy ngừng sử dụng và mang trả nơi đã mua. ", "Stop using it and return it where you bought it. ")),
                            .a(.href(SiteURL.recallNotice(recall.code).path), .text(t("Thông báo thu hồi ", "Recall notice ") + recall.code))))
                },
                .p(.class("eyebrow"), .text(t("Thông tin truy xuất nguồn gốc", "Traceability information"))),
                .h1(.text(title)),
                .unwrap(image) { .img(.class("product-image"), .src($0), .alt(title)) },
                .if(!isKnown, .div(.class("error"), .attribute(named: "role", value: "status"),
                                   .p(.text(t("Chưa có dữ liệu truy xuất cho mã này. Nếu mã được in trên bao bì, hãy báo cho cơ quan quản lý qua đường dây nóng an toàn thực phẩm.",
                                              "No traceability data exists for this code yet. If it is printed on a package, please tell the food-safety authority."))))),
                .dl(
                    .class("facts"),
                    fact(t("Nhà sản xuất", "Producer"), producer),
                    fact(t("Nhãn hiệu", "Brand"), brand),
                    fact(t("Khối lượng tịnh", "Net content"), netContent),
                    fact(t("Mã sản phẩm (GTIN)", "Product code (GTIN)"), gtin),
                    fact(t("Số lô", "Lot"), lot),
                    fact(t("Số sê-ri", "Serial"), serial),
                    fact(t("Mã kiện hàng (SSCC)", "Logistic unit (SSCC)"), sscc),
                    fact(t("Nơi sản xuất", "Produced at"), origin.map { placeLine($0) }),
                    fact(t("Vùng trồng, vùng nuôi", "Growing area"), origin?.registrations),
                    fact(t("Chứng nhận", "Certified"), Self.certificates(origin?.certificates ?? [], today: today, language)),
                    fact(t("Ngày sản xuất", "Production date"), producedAt.map { Self.date($0, language) }),
                    fact(t("Hạn sử dụng", "Use by"), expiry.map { Formatting.date($0, language) }),
                    fact(t("Sử dụng tốt nhất trước", "Best before"), bestBefore.map { Formatting.date($0, language) }),
                    fact(t("Thời hạn sử dụng", "Shelf life"), shelfLifeDays.map { t("\($0) ngày kể từ ngày sản xuất", "\($0) days from production") })
                ),
                .if(isKnown, .group(
                    .h2(.text(t("Hành trình sản phẩm", "The product's journey"))),
                    .ol(.class("journey"), .forEach(Self.grouped(steps)) { (step, count) in
                        .li(
                            .p(.class("when"), .text(Self.dateTime(step.time, language))),
                            .p(.class("what"), .text(Self.label(step, language) + (count > 1 ? " (\(count) \(t("lần", "times")))" : ""))),
                            .unwrap(step.place) { .p(.class("where"), .text(placeLine($0))) },
                            .unwrap(step.destination) { .p(.class("where"), .text(t("Đến: ", "To: ") + placeLine($0))) },
                            .unwrap(step.recordedBy) { .p(.class("who"), .text(t("Ghi nhận bởi: ", "Recorded by: ") + $0)) }
                        )
                    })
                )),
                .if(!distributedTo.isEmpty, .group(
                    .h2(.text(t("Đã phân phối đến", "Distributed to"))),
                    .ul(.forEach(distributedTo) { .li(.text(placeLine($0))) }),
                    .if(distributedCount > distributedTo.count,
                        .p(.class("hint"), .text(t("và \(distributedCount - distributedTo.count) nơi khác", "and \(distributedCount - distributedTo.count) other places"))))
                )),
                .h2(.text(t("Mã QR của trang này", "This page's QR code"))),
                .img(.class("qr"), .src(SiteURL.qrSVG.url([("data", link)])), .alt(t("Mã QR dẫn tới trang này", "QR code linking to this page"))),
                .p(.class("hint"), .text(t("Dữ liệu theo chuẩn GS1 Digital Link và EPCIS 2.0. ", "Data follows GS1 Digital Link and EPCIS 2.0. ")),
                   .a(.href(ResolverController.url(link, linkType: "linkset")), .text(t("Danh sách liên kết", "Linkset"))),
                   .text(" · "),
                   .a(.href(ResolverController.url(link, linkType: "gs1:epcis")), .text(t("Sự kiện EPCIS", "EPCIS events"))))
            )
        ).render()
    }

    /// The origin's certificates still valid on `today`: "VietGAP số 12/2026 (Trung tâm X, đến 30/06/2028)".
    static func certificates(_ badges: [CertificateBadge], today: CivilDate, _ language: Language) -> String? {
        let valid = badges.filter { $0.until.map { $0 >= today } ?? true }
        guard !valid.isEmpty else { return nil }
        return valid.map { badge in
            let name = language == .vi ? badge.kind.vietnameseName : badge.kind.englishName
            let until = badge.until.map { (language == .vi ? ", đến " : ", until ") + (language == .vi ? $0.vietnamese : $0.description) } ?? ""
            return "\(name) \(language == .vi ? "số" : "no.") \(badge.number) (\(badge.issuer)\(until))"
        }.joined(separator: "; ")
    }

    /// Consecutive steps of the same kind at the same place and destination (packing 40 cases
    /// one after another) read as one line with a count.
    static func grouped(_ steps: [Step]) -> [(Step, Int)] {
        var groups: [(Step, Int)] = []
        for step in steps {
            if let last = groups.last, last.0.bizStep == step.bizStep, last.0.place == step.place,
               last.0.destination == step.destination, last.0.eventType == step.eventType, last.0.recordedBy == step.recordedBy {
                groups[groups.count - 1].1 += 1
            } else {
                groups.append((step, 1))
            }
        }
        return groups
    }

    private func fact(_ label: String, _ value: String?) -> Node<HTML.DescriptionListContext> {
        guard let value, !value.isEmpty else { return .empty }
        return .group(.dt(.text(label)), .dd(.text(value)))
    }

    private func placeLine(_ place: Place) -> String {
        [place.name ?? place.id, place.address].compactMap { $0 }.joined(separator: " — ")
    }

    /// What happened in a step, in words a shopper understands (CBV 2.0 business steps).
    static func label(_ step: Step, _ language: Language) -> String {
        let vi = language == .vi
        switch step.bizStep {
        case "commissioning":
            return step.eventType == .transformation ? (vi ? "Sơ chế, đóng gói thành lô sản phẩm" : "Processed and packed into a product lot")
                : (vi ? "Thu hoạch / tạo lô" : "Harvested / lot created")
        case "packing": return vi ? "Đóng thùng, xếp kiện" : "Packed"
        case "unpacking": return vi ? "Dỡ kiện" : "Unpacked"
        case "shipping": return vi ? "Xuất hàng" : "Shipped"
        case "receiving": return vi ? "Nhận hàng" : "Received"
        case "storing": return vi ? "Lưu kho" : "Stored"
        case "inspecting": return vi ? "Kiểm tra" : "Inspected"
        case "transforming": return vi ? "Chế biến" : "Processed"
        case "retail_selling": return vi ? "Bán lẻ" : "Sold"
        case "accepting": return vi ? "Tiếp nhận" : "Accepted"
        case "loading": return vi ? "Bốc hàng lên xe" : "Loaded"
        case "departing": return vi ? "Khởi hành" : "Departed"
        case "arriving": return vi ? "Đến nơi" : "Arrived"
        case "stocking": return vi ? "Lên kệ" : "Shelved"
        case "destroying": return vi ? "Tiêu hủy" : "Destroyed"
        case "recalling": return vi ? "Thu hồi" : "Recalled"
        case let other?: return other.replacingOccurrences(of: "_", with: " ")
        case nil: return vi ? "Sự kiện" : "Event"
        }
    }

    /// Times are shown in Vietnam's time (UTC+7), the way labels and receipts show them.
    static func dateTime(_ ms: Int64, _ language: Language) -> String {
        let local = EPCISTimestamp(epochMilliseconds: ms, offsetSeconds: 7 * 3600).lexical
        let date = Formatting.date(String(local.prefix(10)), language)
        return "\(local.dropFirst(11).prefix(5)) · \(date)"
    }

    static func date(_ ms: Int64, _ language: Language) -> String {
        Formatting.date(String(EPCISTimestamp(epochMilliseconds: ms, offsetSeconds: 7 * 3600).lexical.prefix(10)), language)
    }
}
