import Hummingbird
import NguonCore

/// What a route group requires of whoever is acting. Declared once per group in `Routes.swift`;
/// repositories enforce the same table (`Principal.scope`) again in their SQL, so a handler
/// can neither forget the check nor widen it.
enum RouteAccess: Sendable, Equatable, CustomStringConvertible {
    /// Anyone, signed in or not.
    case everyone
    /// Any signed-in account or API token; the repository decides which rows.
    case signedIn
    /// A person signed in through the browser (not a token): their own account pages.
    case person
    /// Allowed `mode` on `resource` at all (rows are then filtered by scope). With no mode, GET
    /// and HEAD read and every other method writes.
    case resource(Resource, AccessMode? = nil)

    var description: String {
        switch self {
        case .everyone: "everyone"
        case .signedIn: "signed in"
        case .person: "person"
        case .resource(let resource, let mode): "\(resource) \(mode.map { "\($0)" } ?? "read/write by method")"
        }
    }
}

/// Checks a group's `RouteAccess` before any handler of the group runs.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let access: RouteAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch access {
        case .everyone:
            break
        case .signedIn:
            _ = try Require.signedIn(request, context)
        case .person:
            _ = try Require.user(request, context)
        case .resource(let resource, let mode):
            let mode = mode ?? (request.method == .get || request.method == .head ? .read : .write)
            _ = try Require.access(resource, mode, request, context)
        }
        return try await next(request, context)
    }
}

extension Router where Context == AppRequestContext {
    /// A group of routes that all require `access`.
    func group(_ access: RouteAccess) -> RouterGroup<Context> {
        group().add(middleware: AccessMiddleware(access: access))
    }
}

extension AppRequestContext {
    /// Who is acting, in a handler of a group that required a signed-in principal. The group's
    /// middleware has checked it; should a route ever be registered outside such a group, this
    /// refuses instead of acting for nobody.
    var acting: Principal {
        get throws(AccessDenied) {
            guard let principal else { throw AccessDenied.forbidden }
            return principal
        }
    }

    /// The browser session, in a handler of a `.person` group.
    var signedInSession: SessionInfo {
        get throws(AccessDenied) {
            guard let session else { throw AccessDenied.forbidden }
            return session
        }
    }
}

extension RouterGroup where Context == AppRequestContext {
    /// GET and HEAD (whose body `HeadMiddleware` drops) for one readable path.
    @discardableResult
    func read(_ path: RouterPath, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(path, use: handler)
        head(path, use: handler)
        return self
    }
}
