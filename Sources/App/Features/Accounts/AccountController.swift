import Foundation
import Hummingbird
import NguonCore
import SQLKit

/// Sign-in, sign-out and the signed-in person's own account with its password change
/// (`SignIn`, `AccountShow`).
enum AccountController {
    struct Dependencies: Sendable {
        let users: UserRepository
        let sessions: SessionStore
        /// Sign-in attempts per client address, before any password is checked.
        let signInLimiter: RateLimiter
        /// Failed sign-ins per address and name (`SignInGuard`).
        let signInGuard: SignInGuard
        let secureCookies: Bool
    }

    // MARK: sign-in

    static func showSignIn(_ request: Request, context: AppRequestContext, deps: Dependencies) throws -> Response {
        let query = try Query(request.uri.query, form: true)
        let next = safeNext(query["next"])
        if context.session != nil { return redirect(next ?? SiteURL.admin.path) }
        return try signInPage(request, context: context, deps: deps, SignIn.Model(next: next))
    }

    static func signIn(_ request: Request, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        // Guessing from one address is slowed before any password is checked.
        try deps.signInLimiter.check(RateLimiter.clientKey(context.clientAddress))
        let form = try await Form.read(request, context: context)
        let next = safeNext(form["next"])
        let username = try form.text("username", required: false, maxBytes: 80) ?? ""
        let password = try form.text("password", required: false, maxBytes: 200) ?? ""
        guard !username.isEmpty, !password.isEmpty else {
            return try signInPage(request, context: context, deps: deps, .missing(username: username, next: next))
        }
        let result: UserRepository.SignInResult
        do {
            result = try await deps.users.signIn(username: username, password: password, address: context.clientAddress,
                                                 guard: deps.signInGuard)
        } catch is PasswordHasher.Busy {
            throw PasswordHasher.busyError
        }
        switch result {
        case .success(let user):
            // A new session every time: a session id planted before sign-in is worth nothing after it.
            if let old = request.cookies[SessionStore.cookieName]?.value { try await deps.sessions.end(old) }
            // Expired sessions of everyone are cleared here, at the moment sessions are made.
            try await deps.sessions.purge()
            let token = try await deps.sessions.create(for: user, address: context.clientAddress)
            var response = redirect(user.mustChangePassword ? SiteURL.account.url([("change", "1")]) : (next ?? SiteURL.admin.path))
            response.setCookie(sessionCookie(token, secure: deps.secureCookies))
            response.setCookie(Cookie(name: Form.preSessionCookie, value: "", maxAge: 0, path: "/", secure: deps.secureCookies,
                                      httpOnly: true, sameSite: .strict))
            return response
        case .wrongCredentials, .inactive:
            return try signInPage(request, context: context, deps: deps, .failed(username: username, next: next))
        case .locked(let until):
            return try signInPage(request, context: context, deps: deps, .locked(username: username, next: next, until: until))
        }
    }

    static func signOut(_ request: Request, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        _ = try await Form.read(request, context: context)
        if let token = request.cookies[SessionStore.cookieName]?.value {
            try await deps.sessions.signOut(token, session: context.session, actor: context.actor)
        }
        var response = redirect(SiteURL.home.path)
        response.setCookie(Cookie(name: SessionStore.cookieName, value: "", maxAge: 0, path: "/", secure: deps.secureCookies,
                                  httpOnly: true, sameSite: .lax))
        return response
    }

    static func sessionCookie(_ token: String, secure: Bool) -> Cookie {
        // No Max-Age: the cookie ends with the browser; the server ends the session on its own timeouts.
        Cookie(name: SessionStore.cookieName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Only paths on this site are followed after sign-in, never another host.
    static func safeNext(_ next: String?) -> String? {
        // Browsers drop tabs and line breaks and read \ as /, so "/\t/evil" would leave the site:
        // no control characters, spaces or backslashes at all.
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 1000,
              next.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\\") }) else { return nil }
        return next
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// The sign-in page (`SignIn`), with the pre-session CSRF cookie when the browser has none.
    private static func signInPage(_ request: Request, context: AppRequestContext, deps: Dependencies,
                                   _ model: SignIn.Model) throws -> Response {
        let (token, cookie) = Form.token(for: request, context: context, secure: deps.secureCookies)
        var response = try SignIn.View(model: model, language: context.language, csrf: token).response(request, context: context)
        if let cookie { response.setCookie(cookie) }
        if let seconds = model.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    // MARK: own account

    static func showAccount(_ request: Request, context: AppRequestContext, deps: Dependencies) throws -> Response {
        let session = try context.signedInSession
        let changed = try Query(request.uri.query, form: true)["done"] == "1"
        return try accountPage(request, context: context, session: session, changed: changed)
    }

    static func changePassword(_ request: Request, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        let session = try context.signedInSession
        let form = try await Form.read(request, context: context)
        do {
            let current = try form.required("current", maxBytes: 200)
            let new = try form.required("new", maxBytes: 200)
            guard form["repeat"] == new else {
                throw AppError.invalid(field: "repeat", rule: "mismatch", LocalizedText(
                    vi: "Hai lần nhập mật khẩu mới không giống nhau.", en: "The two new passwords differ."))
            }
            try await deps.users.changeOwnPassword(session.user, current: current, new: new, actor: context.actor)
        } catch let error as AppError where error.status == .badRequest {
            return try accountPage(request, context: context, session: session, error: error)
        }
        // Changing the password ended every session, this one included: start a fresh one.
        let token = try await deps.sessions.create(for: session.user, address: context.clientAddress)
        var response = redirect(SiteURL.account.url([("done", "1")]))
        response.setCookie(sessionCookie(token, secure: deps.secureCookies))
        return response
    }

    /// The own-account page (`AccountShow`).
    private static func accountPage(_ request: Request, context: AppRequestContext, session: SessionInfo, changed: Bool = false,
                                    error: AppError? = nil) throws -> Response {
        try AccountShow.View(model: .query(session: session), form: context.form(error: error), changed: changed)
            .response(request, context: context)
    }
}

extension AccountController {
    /// Signing in and out: open to everyone (the forms carry their own CSRF checks).
    static func addPublicRoutes(to group: RouterGroup<AppRequestContext>, deps: Dependencies) {
        group.read(SiteURL.signIn.routePath) { request, context in try showSignIn(request, context: context, deps: deps) }
        group.post(SiteURL.signIn.routePath) { request, context in try await signIn(request, context: context, deps: deps) }
        group.post(SiteURL.signOut.routePath) { request, context in try await signOut(request, context: context, deps: deps) }
    }

    /// One's own account.
    static func addRoutes(to group: RouterGroup<AppRequestContext>, deps: Dependencies) {
        group.read(SiteURL.account.routePath) { request, context in try showAccount(request, context: context, deps: deps) }
        group.post(SiteURL.accountPassword.routePath) { request, context in try await changePassword(request, context: context, deps: deps) }
    }
}
