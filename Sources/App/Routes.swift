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

    let epcis = EPCISRepository(database: services.database)

    // public pages
    router.get(SiteURL.home.routePath) { _, context in
        let page = HomePage.rendered[context.language]!
        return HTMLResponse(html: page.html, etag: page.etag)
    }
    router.get(SiteURL.gs1Check.routePath) { request, context in
        try GS1Controller.page(request: request, context: context)
    }
    router.get(SiteURL.asset(.siteCSS).routePath) { request, context in
        try AssetController.show(name: context.parameters.require("name"), request: request)
    }
    router.get(SiteURL.qrSVG.routePath) { request, _ in
        try QRController.show(.svg, request: request)
    }
    router.get(SiteURL.qrPNG.routePath) { request, _ in
        try QRController.show(.png, request: request)
    }

    // resolver (GS1 Digital Link on the root)
    for key in ResolverController.primaryKeys {
        router.get(RouterPath("/\(key)/**")) { request, context in
            try await ResolverController.resolve(request, context: context, services: services, repository: epcis,
                                                 pages: services.originPages)
        }
    }
    router.get(SiteURL.wellKnownResolver.routePath) { _, _ in
        try ResolverController.wellKnown(publicURL: services.config.publicURL)
    }

    // operations
    router.get(SiteURL.healthz.routePath) { _, _ in
        try await HealthController.show(database: services.database)
    }

    // epcis (EPCIS 2.0 REST binding)
    router.post(SiteURL.epcisCapture.routePath) { request, _ in
        try await EPCISCaptureController.capture(request, repository: epcis, pages: services.originPages)
    }
    router.get(SiteURL.epcisCaptureJob("").routePath) { _, context in
        try await EPCISCaptureController.showJob(id: context.parameters.require("captureID"), repository: epcis)
    }
    router.post(SiteURL.epcisEvents.routePath) { request, _ in
        try await EPCISCaptureController.captureEvent(request, repository: epcis, pages: services.originPages)
    }
    router.get(SiteURL.epcisEvents.routePath) { request, _ in
        try await EPCISQueryController.list(request, repository: epcis)
    }
    router.get(SiteURL.epcisRoot.routePath) { _, _ in try EPCISResourceController.root() }
    for resource in EPCISResourceController.Resource.allCases {
        let base = SiteURL.epcisResource(resource.rawValue).path
        router.get(RouterPath(base)) { request, _ in
            try await EPCISResourceController.list(resource, request: request, repository: epcis)
        }
        router.get(RouterPath(base + "/:value")) { _, _ in try EPCISResourceController.item() }
        router.get(RouterPath(base + "/:value/events")) { request, context in
            try await EPCISResourceController.events(resource, value: context.parameters.require("value"), request: request, repository: epcis)
        }
    }
    router.get(SiteURL.epcisEvent("").routePath) { request, context in
        let raw = try context.parameters.require("eventID")
        return try await EPCISQueryController.show(eventID: raw.removingPercentEncoding ?? raw, request: request, repository: epcis)
    }

    // api v1
    router.get(SiteURL.apiGS1Parse.routePath) { request, _ in
        try GS1Controller.apiParse(request: request)
    }
    router.get(SiteURL.apiGS1DigitalLink.routePath) { request, _ in
        try GS1Controller.apiDigitalLink(request: request)
    }
    router.get(SiteURL.apiTrace.routePath) { request, _ in
        try await TraceController.show(request, repository: epcis)
    }
    return router
}
