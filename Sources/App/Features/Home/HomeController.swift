import Hummingbird

/// `/`: the home page, rendered once per language at start.
enum HomeController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.read(SiteURL.home.routePath) { _, context in
            guard let page = HomePage.rendered[context.language] else { throw AppError.notFound() }
            return HTMLResponse(html: page.html, etag: page.etag)
        }
    }
}
