import Foundation
import Hummingbird

/// The one routing table. Paths come from `SiteURL`; handlers are thin and live in Controllers/.
func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Outermost first: log every request, then headers on every response, then the language,
    // then errors rendered in that language.
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: HeadMiddleware())

    let epcis = EPCISRepository(database: services.database)

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
    router.post(SiteURL.epcisCapture.routePath) { request, _ in
        try CaptureAuthorization.check(request, token: services.config.captureToken)
        return try await EPCISCaptureController.capture(request, repository: epcis, pages: services.originPages)
    }
    router.read(SiteURL.epcisCaptureJob("").routePath) { _, context in
        try await EPCISCaptureController.showJob(id: context.parameters.require("captureID"), repository: epcis)
    }
    router.post(SiteURL.epcisEvents.routePath) { request, _ in
        try CaptureAuthorization.check(request, token: services.config.captureToken)
        return try await EPCISCaptureController.captureEvent(request, repository: epcis, pages: services.originPages)
    }
    router.read(SiteURL.epcisEvents.routePath) { request, _ in
        try await EPCISQueryController.list(request, repository: epcis)
    }
    router.read(SiteURL.epcisRoot.routePath) { _, _ in try EPCISResourceController.root() }
    for resource in EPCISResourceController.Resource.allCases {
        let base = SiteURL.epcisResource(resource.rawValue).path
        router.read(RouterPath(base)) { request, _ in
            try await EPCISResourceController.list(resource, request: request, repository: epcis)
        }
        router.read(RouterPath(base + "/:value")) { _, _ in try EPCISResourceController.item() }
        router.read(RouterPath(base + "/:value/events")) { request, context in
            try await EPCISResourceController.events(resource, value: context.parameters.require("value"), request: request, repository: epcis)
        }
    }
    router.read(SiteURL.epcisEvent("").routePath) { request, context in
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
    router.read(SiteURL.apiTrace.routePath) { request, _ in
        try await TraceController.show(request, repository: epcis)
    }
    return router
}
