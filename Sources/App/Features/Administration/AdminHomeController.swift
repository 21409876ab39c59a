import Hummingbird
import NguonCore

/// `/quan-tri`: the cards page (`AdminHome`), with the papers to renew in the account's scope.
enum AdminHomeController {
    static func show(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let principal = try context.acting
        var reminders: [CertificateReminders.Item] = []
        if principal.can(.read, .foodSafety) {
            reminders = try await services.listing {
                try await CertificateReminders.query(principal: principal, today: .today, certificates: services.certificates,
                                                     commitments: services.commitments)
            }
        }
        let model = AdminHome.Model.query(principal: principal, reminders: reminders, today: .today)
        return try AdminHome.View(model: model, language: context.language).response(request, context: context)
    }
}

extension AdminHomeController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.admin.routePath) { request, context in try await show(request, context: context, services: services) }
    }
}
