import Hummingbird
import NguonCore

/// Per-request state shared by middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Interface language, settled by `LanguageMiddleware` before any handler runs.
    public var language: Language = .vi
    /// The client's IP address, for the audit log and rate limits: the peer's, or what a trusted
    /// proxy in front says it was (`ClientAddressMiddleware`).
    public var clientAddress: String?
    /// Who is acting, settled by `AuthMiddleware`: a signed-in account or an API token; nil is the public.
    var principal: Principal?
    /// The browser session behind `principal`, when it came from a cookie.
    var session: SessionInfo?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Limit for bodies decoded through the context (forms, JSON). EPCIS capture reads its body
    /// itself, within `EPCISCapture.maxBytes`, which it announces in a response header.
    public var maxUploadSize: Int { 1 << 20 }

    /// The actor for the audit log.
    var actor: Actor { Actor(principal: principal, address: clientAddress) }
}
