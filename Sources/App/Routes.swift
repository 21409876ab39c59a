import Foundation
import Hummingbird

/// The one routing table. Paths come from `SiteURL`; handlers are thin and live in Controllers/.
func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Outermost first: settle the client's address, log every request, then headers on every response, then the language,
    // then errors rendered in that language.
    router.add(middleware: ClientAddressMiddleware(trusted: services.config.trustedProxies))
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: RateLimitMiddleware(limiter: services.publicLimiter))
    router.add(middleware: HeadMiddleware())
    router.add(middleware: AuthMiddleware(sessions: services.sessions, tokens: services.tokens))

    let epcis = EPCISRepository(database: services.database)
    let account = AccountController.Dependencies(users: services.users, sessions: services.sessions,
                                                 signInLimiter: services.signInLimiter, failedNames: services.failedNames,
                                                 secureCookies: services.config.secureCookies)

    // public pages
    router.read(SiteURL.home.routePath) { _, context in
        let page = HomePage.rendered[context.language]!
        return HTMLResponse(html: page.html, etag: page.etag)
    }
    router.read(SiteURL.gs1Check.routePath) { request, context in
        try GS1Controller.page(request: request, context: context)
    }
    router.read(SiteURL.asset(.siteCSS).routePath) { request, context in
        try AssetController.show(name: context.parameters.require("name"), request: request)
    }
    router.read(SiteURL.qrSVG.routePath) { request, _ in
        try QRController.show(.svg, request: request)
    }
    router.read(SiteURL.qrPNG.routePath) { request, _ in
        try QRController.show(.png, request: request)
    }

    // resolver (GS1 Digital Link on the root)
    for key in ResolverController.primaryKeys {
        router.read(RouterPath("/\(key)/**")) { request, context in
            try await ResolverController.resolve(request, context: context, services: services, repository: epcis,
                                                 pages: services.originPages)
        }
    }
    router.read(SiteURL.wellKnownResolver.routePath) { _, _ in
        try ResolverController.wellKnown(publicURL: services.config.publicURL)
    }

    // operations
    router.read(SiteURL.healthz.routePath) { _, _ in
        try await HealthController.show(database: services.database)
    }

    // epcis (EPCIS 2.0 REST binding)
    // Capture needs a capture token or a signed-in account that may write events; reading the
    // repository needs a read token or a government account (Principal.scope).
    router.post(SiteURL.epcisCapture.routePath) { request, context in
        try await EPCISCaptureController.capture(request, context: context, repository: epcis, pages: services.originPages)
    }
    router.read(SiteURL.epcisCaptureJob("").routePath) { request, context in
        try await EPCISCaptureController.showJob(id: context.parameters.require("captureID"), request: request, context: context, repository: epcis)
    }
    router.post(SiteURL.epcisEvents.routePath) { request, context in
        try await EPCISCaptureController.captureEvent(request, context: context, repository: epcis, pages: services.originPages)
    }
    router.read(SiteURL.epcisEvents.routePath) { request, context in
        _ = try Require.access(.traceability, .read, request, context)
        return try await EPCISQueryController.list(request, repository: epcis)
    }
    router.read(SiteURL.epcisRoot.routePath) { _, _ in try EPCISResourceController.root() }
    for resource in EPCISResourceController.Resource.allCases {
        let base = SiteURL.epcisResource(resource.rawValue).path
        router.read(RouterPath(base)) { request, context in
            _ = try Require.access(.traceability, .read, request, context)
            return try await EPCISResourceController.list(resource, request: request, repository: epcis)
        }
        router.read(RouterPath(base + "/:value")) { request, context in
            _ = try Require.access(.traceability, .read, request, context)
            return try EPCISResourceController.item()
        }
        router.read(RouterPath(base + "/:value/events")) { request, context in
            _ = try Require.access(.traceability, .read, request, context)
            return try await EPCISResourceController.events(resource, value: context.parameters.require("value"), request: request, repository: epcis)
        }
    }
    router.read(SiteURL.epcisEvent("").routePath) { request, context in
        _ = try Require.access(.traceability, .read, request, context)
        let raw = try context.parameters.require("eventID")
        return try await EPCISQueryController.show(eventID: raw.removingPercentEncoding ?? raw, request: request, repository: epcis)
    }

    // api v1
    router.read(SiteURL.apiGS1Parse.routePath) { request, _ in
        try GS1Controller.apiParse(request: request)
    }
    router.read(SiteURL.apiGS1DigitalLink.routePath) { request, _ in
        try GS1Controller.apiDigitalLink(request: request)
    }
    router.read(SiteURL.apiTrace.routePath) { request, context in
        _ = try Require.access(.traceability, .read, request, context)
        return try await TraceController.show(request, repository: epcis)
    }

    // accounts
    router.read(SiteURL.signIn.routePath) { request, context in try AccountController.showSignIn(request, context: context, deps: account) }
    router.post(SiteURL.signIn.routePath) { request, context in try await AccountController.signIn(request, context: context, deps: account) }
    router.post(SiteURL.signOut.routePath) { request, context in try await AccountController.signOut(request, context: context, deps: account) }
    router.read(SiteURL.account.routePath) { request, context in try AccountController.showAccount(request, context: context, deps: account) }
    router.post(SiteURL.accountPassword.routePath) { request, context in
        try await AccountController.changePassword(request, context: context, deps: account)
    }

    // administration
    router.read(SiteURL.admin.routePath) { request, context in try AdminHomeController.show(request, context: context) }
    router.read(SiteURL.users.routePath) { request, context in try await UsersController.list(request, context: context, users: services.users) }
    router.post(SiteURL.users.routePath) { request, context in try await UsersController.create(request, context: context, users: services.users) }
    router.read(SiteURL.user("").routePath) { request, context in
        try await UsersController.show(request, context: context, users: services.users, id: context.parameters.require("id"))
    }
    router.post(SiteURL.user("").routePath) { request, context in
        try await UsersController.update(request, context: context, users: services.users, id: context.parameters.require("id"))
    }
    router.post(SiteURL.userPasswordReset("").routePath) { request, context in
        try await UsersController.resetPassword(request, context: context, users: services.users, id: context.parameters.require("id"))
    }
    router.read(SiteURL.organisations.routePath) { request, context in
        try await OrganisationsController.list(request, context: context, repository: services.organisations)
    }
    router.post(SiteURL.organisations.routePath) { request, context in
        try await OrganisationsController.create(request, context: context, repository: services.organisations)
    }
    router.read(SiteURL.organisation("").routePath) { request, context in
        try await OrganisationsController.show(request, context: context, repository: services.organisations, id: context.parameters.require("id"))
    }
    router.post(SiteURL.organisation("").routePath) { request, context in
        try await OrganisationsController.update(request, context: context, repository: services.organisations, id: context.parameters.require("id"))
    }
    router.read(SiteURL.tokens.routePath) { request, context in try await TokensController.list(request, context: context, tokens: services.tokens) }
    router.post(SiteURL.tokens.routePath) { request, context in try await TokensController.create(request, context: context, tokens: services.tokens) }
    router.post(SiteURL.tokenRevoke("").routePath) { request, context in
        try await TokensController.revoke(request, context: context, tokens: services.tokens, id: context.parameters.require("id"))
    }
    router.read(SiteURL.auditLog.routePath) { request, context in
        try await AuditController.list(request, context: context, database: services.database)
    }
    router.read(SiteURL.auditLogCSV.routePath) { request, context in
        try await AuditController.csv(request, context: context, database: services.database)
    }
    router.read(SiteURL.adminUnits.routePath) { request, context in
        try await AdminUnitsController.show(request, context: context, units: services.adminUnits)
    }
    return router
}
