import Plot

/// The frame every page shares: language, head, header with the language switch, footer.
/// Pages give a title and the body of `<main>`; they never write `<head>` themselves.
struct BasePage {
    let title: LocalizedText
    let language: Language
    /// Path of the page itself, so the language switch returns to the same page.
    let path: String
    var query: [(String, String?)] = []
    /// Who is signed in, for pages rendered per request; cached public pages leave it nil and
    /// show the sign-in link.
    var account: AccountNav? = nil
    /// A script of ours the page needs (the workspace's offline forms); most pages have none.
    var script: SiteURL.Asset? = nil
    let main: Node<HTML.BodyContext>

    struct AccountNav {
        let name: String
        let csrfToken: String
        /// An organisation's account: its workspace comes first in the menu.
        var producer = false
    }

    func render() -> String {
        let switchTo = language.other
        // "//host" would be a link to another site; the switch always stays on this one.
        let ownPath = "/" + path.drop { $0 == "/" }
        let switchURL = ownPath + "?" + (query.filter { $0.0 != "lang" } + [("lang", switchTo.rawValue)])
            .compactMap { key, value in value.map { "\(SiteURL.encode(key))=\(SiteURL.encode($0))" } }
            .joined(separator: "&")
        let html = HTML(
            .lang(language == .vi ? .vietnamese : .english),
            .head(
                .encoding(.utf8),
                // Plot's .title() also writes og/twitter meta tags without escaping; the title can
                // come from captured master data, so only the escaped <title> element is written.
                .element(named: "title", text: "\(title(language)) · Nguồn"),
                .viewport(.accordingToDevice),
                .meta(.name("description"), .content(Strings.tagline(language))),
                .link(.rel(.icon), .href(SiteURL.asset(.favicon).url([("v", Assets.favicon.version)])), .type("image/svg+xml")),
                .stylesheet(SiteURL.asset(.siteCSS).url([("v", Assets.siteCSS.version)])),
                .unwrap(script) { asset in
                    .script(.src(SiteURL.asset(asset).url([("v", Assets.asset(asset).version)])), .attribute(named: "defer", value: "defer"))
                }
            ),
            .body(
                .a(.class("skip"), .href("#noi-dung"), .text(Strings.skipToContent(language))),
                .header(
                    .class("site-header"),
                    .div(
                        .class("wrap bar"),
                        .a(.class("brand"), .href(SiteURL.home.path),
                           .span(.class("brand-mark"), .text("N")), .span(.text("Nguồn"))),
                        .nav(
                            .attribute(named: "aria-label", value: Strings.mainNavigation(language)),
                            .a(.href(SiteURL.home.path), .text(Strings.home(language))),
                            .a(.href(SiteURL.gs1Check.path), .text(Strings.gs1Check(language))),
                            accountLinks,
                            .a(.class("lang"), .href(switchURL), .attribute(named: "hreflang", value: switchTo.rawValue),
                               .attribute(named: "lang", value: switchTo.rawValue),
                               .text(switchTo == .en ? "English" : "Tiếng Việt"))
                        )
                    )
                ),
                .main(.id("noi-dung"), .class("wrap"), main),
                .footer(
                    .class("site-footer"),
                    .div(.class("wrap"),
                         .p(.text(Strings.footer(language))))
                )
            )
        )
        return html.render()
    }

    private var accountLinks: Node<HTML.BodyContext> {
        guard let account else {
            return .a(.href(SiteURL.signIn.path), .text(language == .vi ? "Đăng nhập" : "Sign in"))
        }
        return .group(
            .if(account.producer, .a(.href(SiteURL.workspace.path), .text(language == .vi ? "Sản xuất" : "Workspace"))),
            .a(.href(SiteURL.admin.path), .text(language == .vi ? "Quản trị" : "Administration")),
            .a(.href(SiteURL.account.path), .text(account.name)),
            .form(.class("inline"), .method(.post), .action(SiteURL.signOut.path),
                  .input(.type(.hidden), .name(Form.fieldName), .value(account.csrfToken)),
                  .button(.type(.submit), .class("link"), .text(language == .vi ? "Đăng xuất" : "Sign out")))
        )
    }
}
