import Hummingbird

/// Per-request state shared by middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Interface language, settled by `LanguageMiddleware` before any handler runs.
    public var language: Language = .vi

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Limit for bodies decoded through the context (forms, JSON). EPCIS capture reads its body
    /// itself, within `EPCISCapture.maxBytes`, which it announces in a response header.
    public var maxUploadSize: Int { 1 << 20 }
}
