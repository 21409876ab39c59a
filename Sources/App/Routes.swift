import Hummingbird

/// The one routing table: every feature's route group with the access it requires. Paths come
/// from `SiteURL`; each feature registers its own routes (`addRoutes`), and handlers are thin.
/// A route registered outside these groups fails `RouteTableTests`.
func buildRouter(_ services: AppServices) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    // Outermost first: settle the client's address, log every request, then headers on every
    // response, then the language, then errors rendered in that language.
    // The rate limit comes before anything that reads the query string, so a refused request
    // costs a counter, not a parse of a long query.
    router.add(middleware: ClientAddressMiddleware(trusted: services.config.trustedProxies))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RateLimitMiddleware(limiter: services.publicLimiter))
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: LanguageMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: HeadMiddleware())
    router.add(middleware: AuthMiddleware(sessions: services.sessions, tokens: services.tokens))

    // public: pages, tools, the resolver and its origin pages, health
    HomeController.addRoutes(to: router.group(.everyone))
    AssetController.addRoutes(to: router.group(.everyone))
    ProductsController.addImageRoutes(to: router.group(.everyone), services: services)
    GS1Controller.addRoutes(to: router.group(.everyone))
    QRController.addRoutes(to: router.group(.everyone), work: services.publicWork)
    ResolverController.addRoutes(to: router.group(.everyone), services: services)
    HealthController.addRoutes(to: router.group(.everyone), database: services.database)
    RecallsController.addPublicRoutes(to: router.group(.everyone), services: services)
    AccountController.addPublicRoutes(to: router.group(.everyone), deps: services.accounts)

    // EPCIS 2.0 REST binding and the trace API
    let capture = EPCISCaptureController.Dependencies(repository: services.epcis, changes: services.changes, work: services.captureWork,
                                                      uploads: services.uploads)
    EPCISCaptureController.addRoutes(to: router.group(.resource(.traceability, .write)), deps: capture)
    // A capture job is seen by its organisation and by government readers (the repository decides).
    EPCISCaptureController.addJobRoutes(to: router.group(.signedIn), repository: services.epcis)
    EPCISQueryController.addRoutes(to: router.group(.resource(.traceability, .read)), repository: services.epcis)
    EPCISResourceController.addRootRoute(to: router.group(.everyone))
    EPCISResourceController.addRoutes(to: router.group(.resource(.traceability, .read)), repository: services.epcis)
    TraceController.addRoutes(to: router.group(.resource(.traceability, .read)), repository: services.epcis, work: services.publicWork)

    // one's own account
    AccountController.addRoutes(to: router.group(.person), deps: services.accounts)

    // administration
    AdminHomeController.addRoutes(to: router.group(.signedIn), services: services)
    UsersController.addRoutes(to: router.group(.resource(.users)),
                               deps: .init(users: services.users, organisations: services.organisations))
    OrganisationsController.addRoutes(to: router.group(.resource(.organisations)), services: services)
    // The producer's workspace: business accounts write their own organisation's events.
    WorkspaceController.addRoutes(to: router.group(.resource(.traceability, .write)), services: services)
    // Imports write organisations or facilities: officers and administrators (checked again per kind and per row).
    ImportController.addRoutes(to: router.group(.resource(.organisations, .write)), services: services)
    RegistryListController.addRoutes(to: router.group(.resource(.registry, .read)), services: services)
    FacilitiesController.addRoutes(to: router.group(.resource(.registry)), services: services)
    ProductsController.addRoutes(to: router.group(.resource(.registry)), services: services)
    CertificatesController.addRoutes(to: router.group(.resource(.foodSafety)), services: services)
    InspectionsController.addRoutes(to: router.group(.resource(.inspections)), services: services)
    SamplesController.addRoutes(to: router.group(.resource(.inspections)), services: services)
    RecallsController.addRoutes(to: router.group(.resource(.inspections)), services: services)
    GS1CodesController.addAllocationRoutes(to: router.group(.resource(.gs1Codes, .write)), services: services)
    GS1CodesController.addPrefixRoutes(to: router.group(.resource(.gs1Prefixes)), codes: services.gs1Codes)
    TokensController.addRoutes(to: router.group(.resource(.apiTokens)), tokens: services.tokens)
    // Exporting the log is a POST (it is audited) but only reads.
    AuditController.addRoutes(to: router.group(.resource(.auditLog, .read)), database: services.database)
    AdminUnitsController.addRoutes(to: router.group(.resource(.adminUnits)), units: services.adminUnits)
    return router
}
