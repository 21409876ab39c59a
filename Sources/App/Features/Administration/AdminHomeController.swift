import Hummingbird
import NguonCore
import Plot

/// `/quan-tri`: what the signed-in account can open, as cards.
enum AdminHomeController {
    static func show(_ request: Request, context: AppRequestContext) throws -> Response {
        let principal = try context.acting
        let lang = context.language
        func t(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }
        var cards: [(SiteURL, String, String)] = []
        if principal.can(.read, .organisations) {
            cards.append((.organisations, t("Tổ chức, doanh nghiệp", "Organisations"),
                          t("Hợp tác xã, doanh nghiệp, hộ kinh doanh trong phạm vi của bạn.", "Cooperatives and businesses in your scope.")))
        }
        if principal.can(.read, .users) {
            cards.append((.users, t("Tài khoản", "Accounts"), t("Tạo tài khoản, phân quyền, đặt lại mật khẩu.", "Create accounts, set roles, reset passwords.")))
        }
        if principal.can(.read, .apiTokens) {
            cards.append((.tokens, t("Mã truy cập API", "API tokens"), t("Mã cho phần mềm gửi dữ liệu EPCIS hoặc cổng quốc gia.", "Tokens for ERPs and the national portal.")))
        }
        if principal.can(.read, .auditLog) {
            cards.append((.auditLog, t("Nhật ký thay đổi", "Audit log"), t("Ai đã thay đổi gì, khi nào; xuất CSV.", "Who changed what, when; CSV export.")))
        }
        cards.append((.adminUnits, t("Đơn vị hành chính", "Administrative units"), t("Tra cứu tỉnh, xã, phường, đặc khu; cả tên cũ.", "Look up provinces and communes, former names included.")))
        let title = LocalizedText(vi: "Quản trị", en: "Administration")
        let scope: String = {
            let role = lang == .vi ? principal.role.vietnameseName : principal.role.englishName
            let department = principal.department.map { " · " + (lang == .vi ? $0.vietnameseName : $0.englishName) } ?? ""
            let area = principal.jurisdiction.map { " · " + t("địa bàn ", "jurisdiction ") + $0.code } ?? ""
            return role + department + area
        }()
        return try AdminView.page(title, path: SiteURL.admin.path, context: context, .group(
            .h1(.text(title(lang))),
            .p(.class("lead"), .text(scope)),
            .div(.class("cards"), .forEach(cards) { url, name, text in
                .div(.class("card"), .h2(.a(.href(url.path), .text(name))), .p(.text(text)))
            }))
        ).response(from: request, context: context)
    }
}

extension AdminHomeController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.read(SiteURL.admin.routePath) { request, context in try show(request, context: context) }
    }
}
