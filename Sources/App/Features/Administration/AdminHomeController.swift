import Hummingbird

/// `/quan-tri`: the cards page (`AdminHome`).
enum AdminHomeController {
    static func show(_ request: Request, context: AppRequestContext) throws -> Response {
        let model = AdminHome.Model.query(principal: try context.acting)
        return try AdminHome.View(model: model, language: context.language).response(request, context: context)
    }
}

extension AdminHomeController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.read(SiteURL.admin.routePath) { request, context in try show(request, context: context) }
    }
}
