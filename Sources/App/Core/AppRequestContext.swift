import Hummingbird

/// Per-request state shared by middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Interface language, settled by `LanguageMiddleware` before any handler runs.
    public var language: Language = .vi

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Bodies are small forms and JSON for now; EPCIS capture raises its own limit when it lands.
    public var maxUploadSize: Int { 1 << 20 }
}
