import NguonCore

/// `/quan-tri`: what the signed-in account can open, as cards.
enum AdminHome {
    struct Model: Equatable {
        struct Card: Equatable {
            let url: SiteURL
            let title: LocalizedText
            let text: LocalizedText
        }

        /// Who is looking, for the line under the heading.
        let role: Role
        let department: Department?
        let jurisdiction: AdminArea?
        /// The sections the account may read, in the order they are shown.
        let cards: [Card]
        /// Certificates and commitments to renew in the account's scope, soonest first.
        var reminders: [CertificateReminders.Item] = []
        var today: CivilDate = .today

        /// Every section, in order, with what the account must be able to read to see it; the
        /// administrative units are open to every account.
        static let sections: [(resource: Resource?, card: Card)] = [
            (.organisations, Card(url: .organisations, title: LocalizedText(vi: "Tổ chức, doanh nghiệp", en: "Organisations"),
                                  text: LocalizedText(vi: "Hợp tác xã, doanh nghiệp, hộ kinh doanh trong phạm vi của bạn.",
                                                      en: "Cooperatives and businesses in your scope."))),
            (.registry, Card(url: .products, title: LocalizedText(vi: "Sản phẩm", en: "Products"),
                             text: LocalizedText(vi: "Sản phẩm đã đăng ký, tìm theo tên hoặc mã; xuất Excel.", en: "Registered products; search, export."))),
            (.registry, Card(url: .facilities, title: LocalizedText(vi: "Cơ sở sản xuất, kinh doanh", en: "Facilities"),
                             text: LocalizedText(vi: "Vùng trồng, ao nuôi, xưởng, kho, cửa hàng; lọc theo xã.", en: "Farms, ponds, packhouses, stores."))),
            (.foodSafety, Card(url: .certificates, title: LocalizedText(vi: "Giấy chứng nhận, cam kết ATTP", en: "Certificates and commitments"),
                               text: LocalizedText(vi: "Chứng nhận ATTP, VietGAP, HACCP…; bản cam kết; nhắc gia hạn.",
                                                   en: "Food-safety, GAP, HACCP certificates; commitments; renewals."))),
            (.inspections, Card(url: .inspections, title: LocalizedText(vi: "Kiểm tra, vi phạm", en: "Inspections and violations"),
                                text: LocalizedText(vi: "Biên bản kiểm tra, hạn khắc phục, xử phạt, ngộ độc; căn cứ thu hồi.",
                                                    en: "Inspection records, remedies, fines, outbreaks; revocation grounds."))),
            (.users, Card(url: .users, title: LocalizedText(vi: "Tài khoản", en: "Accounts"),
                          text: LocalizedText(vi: "Tạo tài khoản, phân quyền, đặt lại mật khẩu.", en: "Create accounts, set roles, reset passwords."))),
            (.apiTokens, Card(url: .tokens, title: LocalizedText(vi: "Mã truy cập API", en: "API tokens"),
                              text: LocalizedText(vi: "Mã cho phần mềm gửi dữ liệu EPCIS hoặc cổng quốc gia.",
                                                  en: "Tokens for ERPs and the national portal."))),
            (.gs1Prefixes, Card(url: .gs1Prefixes, title: LocalizedText(vi: "Tiền tố mã GS1", en: "GS1 prefixes"),
                                text: LocalizedText(vi: "Kho mã của tỉnh để cấp GTIN, GLN cho cơ sở chưa có mã.",
                                                    en: "The province's pools of GTINs and GLNs for producers without a prefix."))),
            (.auditLog, Card(url: .auditLog, title: LocalizedText(vi: "Nhật ký thay đổi", en: "Audit log"),
                             text: LocalizedText(vi: "Ai đã thay đổi gì, khi nào; xuất CSV.", en: "Who changed what, when; CSV export."))),
            (nil, Card(url: .adminUnits, title: LocalizedText(vi: "Đơn vị hành chính", en: "Administrative units"),
                       text: LocalizedText(vi: "Tra cứu tỉnh, xã, phường, đặc khu; cả tên cũ.",
                                           en: "Look up provinces and communes, former names included."))),
        ]

        /// An organisation's own work: diary, harvests, labels, shipments.
        static let workspace = Card(url: .workspace, title: LocalizedText(vi: "Khu sản xuất", en: "Producer's workspace"),
                                    text: LocalizedText(vi: "Nhật ký, thu hoạch, đóng gói, in tem QR, giao và nhận hàng.",
                                                        en: "Diary, harvests, packing, QR labels, shipping and receiving."))

        static func query(principal: Principal, reminders: [CertificateReminders.Item] = [], today: CivilDate = .today) -> Model {
            var cards = sections.filter { $0.resource.map { principal.can(.read, $0) } ?? true }.map(\.card)
            if principal.organisationID != nil { cards.insert(workspace, at: 0) }
            return Model(role: principal.role, department: principal.department, jurisdiction: principal.jurisdiction, cards: cards,
                         reminders: reminders, today: today)
        }
    }
}
