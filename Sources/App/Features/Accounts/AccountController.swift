import Foundation
import Hummingbird
import NguonCore
import Plot
import SQLKit

/// Sign-in, sign-out and the signed-in person's own account (password change).
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
        return try signInPage(request, context: context, deps: deps, username: "", next: next, error: nil, status: .ok)
    }

    static func signIn(_ request: Request, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        // Guessing from one address is slowed before any password is checked.
        try deps.signInLimiter.check(RateLimiter.clientKey(context.clientAddress))
        let form = try await Form.read(request, context: context)
        let next = safeNext(form["next"])
        let username = try form.text("username", required: false, maxBytes: 80) ?? ""
        let password = try form.text("password", required: false, maxBytes: 200) ?? ""
        guard !username.isEmpty, !password.isEmpty else {
            return try signInPage(request, context: context, deps: deps, username: username, next: next, error: AppError.invalid(
                field: username.isEmpty ? "username" : "password", rule: "required",
                LocalizedText(vi: "Hãy nhập tên đăng nhập và mật khẩu.", en: "Enter your user name and password.")), status: .badRequest)
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
            // The same answer for unknown names, wrong passwords and closed accounts.
            return try signInPage(request, context: context, deps: deps, username: username, next: next, error: AppError(
                status: .unauthorized, code: "sign-in-failed", title: LocalizedText(vi: "Không đăng nhập được", en: "Sign-in failed"),
                detail: LocalizedText(vi: "Tên đăng nhập hoặc mật khẩu không đúng.", en: "The user name or password is wrong.")),
                status: .unauthorized)
        case .locked(let until):
            return try lockedPage(request, context: context, deps: deps, username: username, next: next,
                                  seconds: max(1, Int((until - Millis.now() + 999) / 1000)))
        }
    }

    private static func lockedPage(_ request: Request, context: AppRequestContext, deps: Dependencies, username: String,
                                   next: String?, seconds: Int) throws -> Response {
        var response = try signInPage(request, context: context, deps: deps, username: username, next: next, error: AppError(
            status: .tooManyRequests, code: "account-locked", title: LocalizedText(vi: "Tài khoản tạm khóa", en: "Account locked"),
            detail: LocalizedText(vi: "Đăng nhập sai nhiều lần. Hãy thử lại sau \(seconds) giây, hoặc nhờ quản trị viên đặt lại mật khẩu.",
                                  en: "Too many failed sign-ins. Try again in \(seconds) seconds, or ask an administrator to reset the password.")),
            status: .tooManyRequests)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    static func signOut(_ request: Request, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        _ = try await Form.read(request, context: context)
        if let token = request.cookies[SessionStore.cookieName]?.value {
            try await deps.sessions.end(token)
            if let session = context.session {
                try await deps.users.database.audited(context.actor) { _ in
                    ((), AuditRecord(action: "auth.sign_out", entityType: "user", entityID: session.user.id))
                }
            }
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

    private static func signInPage(_ request: Request, context: AppRequestContext, deps: Dependencies, username: String,
                                   next: String?, error: AppError?, status: HTTPResponse.Status) throws -> Response {
        let (token, cookie) = Form.token(for: request, context: context, secure: deps.secureCookies)
        let fields = FormFields(values: ["username": username], error: error, language: context.language)
        let title = LocalizedText(vi: "Đăng nhập", en: "Sign in")
        var response = try AdminView.page(title, path: SiteURL.signIn.path, context: context, .group(
            .h1(.text(title(context.language))),
            .p(.class("lead"), .text(fields.t("Dành cho cán bộ quản lý, thanh tra và doanh nghiệp đã được cấp tài khoản.",
                                              "For officers, inspectors and businesses with an account."))),
            fields.summary,
            .form(.class("stack"), .method(.post), .action(SiteURL.signIn.path),
                  fields.csrf(token),
                  .unwrap(next) { .input(.type(.hidden), .name("next"), .value($0)) },
                  fields.text("username", fields.t("Tên đăng nhập", "User name"), required: true, autocomplete: "username"),
                  fields.text("password", fields.t("Mật khẩu", "Password"), type: .password, required: true, autocomplete: "current-password"),
                  .button(.type(.submit), .text(fields.t("Đăng nhập", "Sign in")))),
            .p(.class("hint"), .text(fields.t("Quên mật khẩu? Hãy liên hệ quản trị viên của đơn vị để được đặt lại.",
                                              "Forgot your password? Ask your administrator to reset it."))))
        ).response(from: request, context: context)
        response.status = status
        if let cookie { response.setCookie(cookie) }
        return response
    }

    // MARK: own account

    static func showAccount(_ request: Request, context: AppRequestContext, deps: Dependencies) throws -> Response {
        let session = try context.signedInSession
        let query = try Query(request.uri.query, form: true)
        let notice = query["done"] == "1" ? (context.language == .vi ? "Đã đổi mật khẩu." : "Password changed.") : nil
        return try accountPage(request, context: context, session: session, notice: notice, error: nil, status: .ok)
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
            return try accountPage(request, context: context, session: session, notice: nil, error: error, status: .badRequest)
        }
        // Changing the password ended every session, this one included: start a fresh one.
        let token = try await deps.sessions.create(for: session.user, address: context.clientAddress)
        var response = redirect(SiteURL.account.url([("done", "1")]))
        response.setCookie(sessionCookie(token, secure: deps.secureCookies))
        return response
    }

    private static func accountPage(_ request: Request, context: AppRequestContext, session: SessionInfo, notice: String?,
                                    error: AppError?, status: HTTPResponse.Status) throws -> Response {
        let user = session.user
        let fields = FormFields(values: [:], error: error, language: context.language)
        let lang = context.language
        let title = LocalizedText(vi: "Tài khoản của tôi", en: "My account")
        var response = try AdminView.page(title, path: SiteURL.account.path, context: context, .group(
            .h1(.text(title(lang))),
            AdminView.notice(notice),
            .if(user.mustChangePassword, .div(.class("error"), .p(.text(fields.t(
                "Mật khẩu của bạn do quản trị viên đặt tạm. Hãy đổi mật khẩu mới trước khi làm việc.",
                "Your password was set by an administrator. Choose a new one before you go on."))))),
            .element(named: "dl", nodes: [.class("facts"),
                .element(named: "dt", text: fields.t("Tên đăng nhập", "User name")), .element(named: "dd", text: user.username),
                .element(named: "dt", text: fields.t("Họ tên", "Name")), .element(named: "dd", text: user.displayName),
                .element(named: "dt", text: fields.t("Vai trò", "Role")),
                .element(named: "dd", text: lang == .vi ? user.role.vietnameseName : user.role.englishName),
                .element(named: "dt", text: fields.t("Địa bàn", "Jurisdiction")),
                .element(named: "dd", text: user.jurisdiction?.code ?? "—"),
            ]),
            .h2(.text(fields.t("Đổi mật khẩu", "Change password"))),
            fields.summary,
            .form(.class("stack"), .method(.post), .action(SiteURL.accountPassword.path),
                  fields.csrf(session.csrfToken),
                  fields.text("current", fields.t("Mật khẩu hiện tại", "Current password"), type: .password, required: true, autocomplete: "current-password"),
                  fields.text("new", fields.t("Mật khẩu mới", "New password"), type: .password, required: true, autocomplete: "new-password",
                              hint: fields.t("Ít nhất \(PasswordPolicy.minimumLength) ký tự; nên dùng một câu dễ nhớ. Mật khẩu phổ biến sẽ bị từ chối.",
                                             "At least \(PasswordPolicy.minimumLength) characters; a memorable phrase works well. Common passwords are refused.")),
                  fields.text("repeat", fields.t("Nhập lại mật khẩu mới", "Repeat the new password"), type: .password, required: true, autocomplete: "new-password"),
                  .button(.type(.submit), .text(fields.t("Đổi mật khẩu", "Change password")))))
        ).response(from: request, context: context)
        response.status = status
        return response
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
