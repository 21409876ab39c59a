import Hummingbird
import NguonCore
import Plot

/// `/quan-tri/nguoi-dung`: administrators create accounts, set roles and jurisdictions, and
/// reset passwords; auditors read.
enum UsersController {
    struct Dependencies: Sendable {
        let users: UserRepository
        /// Organisations a business user may be attached to.
        let organisations: OrganisationRepository
    }

    static func list(_ request: Request, context: AppRequestContext, deps: Dependencies,
                     form: [String: String] = [:], error: AppError? = nil) async throws -> Response {
        let principal = try context.acting
        let all = try await deps.users.list(for: principal)
        let organisations = try await choices(for: principal, deps: deps)
        let organisationNames = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.name) })
        let areas = try await deps.users.units.fullNames(Set(all.compactMap { $0.jurisdiction?.code }))
        let lang = context.language
        let fields = FormFields(values: form, error: error, language: lang)
        let title = LocalizedText(vi: "Tài khoản", en: "Accounts")
        var response = try AdminView.page(title, path: SiteURL.users.path, context: context, .group(
            .h1(.text(title(lang))),
            .div(.class("table-scroll"), .table(
                .thead(.tr(.th(.text(fields.t("Tên đăng nhập", "User name"))), .th(.text(fields.t("Họ tên", "Name"))),
                           .th(.text(fields.t("Vai trò", "Role"))), .th(.text(fields.t("Địa bàn / tổ chức", "Scope"))),
                           .th(.text(fields.t("Trạng thái", "State"))))),
                .tbody(.forEach(all) { u in
                    .tr(.td(.a(.href(SiteURL.user(u.id).path), .text(u.username))), .td(.text(u.displayName)),
                        .td(.text(roleName(u.role, lang))),
                        .td(.text(u.jurisdiction.map { areas[$0.code] ?? $0.code } ?? u.organisationID.map { organisationNames[$0] ?? $0 } ?? "—")),
                        .td(.span(.class(u.active ? "badge" : "badge off"), .text(u.active ? fields.t("Hoạt động", "Active") : fields.t("Đã khóa", "Disabled")))))
                }))),
            .if(principal.can(.write, .users), .group(
                .h2(.text(fields.t("Tạo tài khoản", "Create an account"))),
                fields.summary,
                .form(.class("stack"), .method(.post), .action(SiteURL.users.path),
                      fields.csrf(context.session?.csrfToken ?? ""),
                      fields.text("username", fields.t("Tên đăng nhập", "User name"), required: true,
                                  hint: fields.t("Chữ thường không dấu, số, dấu chấm hoặc gạch: ví dụ nguyen.van.an", "a–z, 0–9, dot or dash")),
                      fields.text("displayName", fields.t("Họ tên", "Full name"), required: true),
                      accessFields(fields, organisations: organisations),
                      fields.text("password", fields.t("Mật khẩu tạm", "Temporary password"), type: .password, required: true,
                                  autocomplete: "new-password",
                                  hint: fields.t("Người dùng phải đổi mật khẩu ở lần đăng nhập đầu.", "The user must change it at first sign-in.")),
                      .button(.type(.submit), .text(fields.t("Tạo tài khoản", "Create account"))))
            )))
        ).response(from: request, context: context)
        if error != nil { response.status = .badRequest }
        return response
    }

    static func create(_ request: Request, context: AppRequestContext, deps: Dependencies) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            let password = try form.required("password", maxBytes: 200)
            let user = try await deps.users.create(try input(form), password: password, actor: context.actor, mustChangePassword: true)
            return AccountController.redirect(SiteURL.user(user.id).url([("done", "created")]))
        } catch let error as AppError where error.status == .badRequest {
            var values = form.values
            values["password"] = nil
            return try await list(request, context: context, deps: deps, form: values, error: error)
        }
    }

    static func show(_ request: Request, context: AppRequestContext, deps: Dependencies, id: String,
                     form: [String: String]? = nil, error: AppError? = nil) async throws -> Response {
        let principal = try context.acting
        let user = try await deps.users.find(id, for: principal)
        let organisations = try await choices(for: principal, deps: deps)
        let lang = context.language
        let values = form ?? ["displayName": user.displayName, "role": user.role.rawValue, "department": user.department?.rawValue ?? "",
                              "unit": user.jurisdiction?.code ?? "", "organisation": user.organisationID ?? "",
                              "active": user.active ? "on" : ""]
        let fields = FormFields(values: values, error: error, language: lang)
        let query = try Query(request.uri.query, form: true)
        let notice: String? = switch query["done"] {
        case "created": fields.t("Đã tạo tài khoản. Hãy gửi mật khẩu tạm cho người dùng qua kênh an toàn.", "Account created. Send the temporary password through a safe channel.")
        case "saved": fields.t("Đã lưu.", "Saved.")
        case "reset": fields.t("Đã đặt lại mật khẩu; mọi phiên đăng nhập của tài khoản đã kết thúc.", "Password reset; every session of the account has ended.")
        default: nil
        }
        var response = try AdminView.page(LocalizedText(vi: user.username, en: user.username), path: SiteURL.user(id).path, context: context, .group(
            .p(.class("eyebrow"), .a(.href(SiteURL.users.path), .text(fields.t("Tài khoản", "Accounts")))),
            .h1(.text("\(user.displayName) (\(user.username))")),
            AdminView.notice(notice),
            .if(principal.can(.write, .users), .group(
                fields.summary,
                .form(.class("stack"), .method(.post), .action(SiteURL.user(id).path),
                      fields.csrf(context.session?.csrfToken ?? ""),
                      fields.text("displayName", fields.t("Họ tên", "Full name"), required: true),
                      accessFields(fields, organisations: organisations),
                      fields.checkbox("active", fields.t("Tài khoản đang hoạt động", "Account active"), checked: values["active"] == "on"),
                      .button(.type(.submit), .text(fields.t("Lưu", "Save")))),
                .h2(.text(fields.t("Đặt lại mật khẩu", "Reset password"))),
                .form(.class("stack"), .method(.post), .action(SiteURL.userPasswordReset(id).path),
                      fields.csrf(context.session?.csrfToken ?? ""),
                      fields.text("password", fields.t("Mật khẩu tạm mới", "New temporary password"), type: .password, required: true,
                                  autocomplete: "new-password"),
                      .button(.type(.submit), .class("danger"), .text(fields.t("Đặt lại", "Reset"))))
            ), else: .element(named: "dl", nodes: [.class("facts"),
                .element(named: "dt", text: fields.t("Vai trò", "Role")), .element(named: "dd", text: roleName(user.role, lang)),
                .element(named: "dt", text: fields.t("Địa bàn", "Jurisdiction")), .element(named: "dd", text: user.jurisdiction?.code ?? "—"),
            ])))
        ).response(from: request, context: context)
        if error != nil { response.status = .badRequest }
        return response
    }

    static func update(_ request: Request, context: AppRequestContext, deps: Dependencies, id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            _ = try await deps.users.update(id, try input(form, username: "unchanged"), actor: context.actor)
            return AccountController.redirect(SiteURL.user(id).url([("done", "saved")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await show(request, context: context, deps: deps, id: id, form: form.values, error: error)
        }
    }

    static func resetPassword(_ request: Request, context: AppRequestContext, deps: Dependencies, id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        do {
            try await deps.users.resetPassword(id, to: try form.required("password", maxBytes: 200), actor: context.actor)
            return AccountController.redirect(SiteURL.user(id).url([("done", "reset")]))
        } catch let error as AppError where error.status == .badRequest {
            return try await show(request, context: context, deps: deps, id: id, error: error)
        }
    }

    static func roleName(_ role: Role, _ language: Language) -> String {
        language == .vi ? role.vietnameseName : role.englishName
    }

    /// Organisations a business user can be attached to, for the form's list.
    private static func choices(for principal: Principal, deps: Dependencies) async throws -> [Organisation] {
        guard principal.can(.read, .users) else { return [] }
        return try await deps.organisations.list(for: principal, limit: 2_000)
    }

    private static func accessFields(_ fields: FormFields, organisations: [Organisation]) -> Node<HTML.FormContext> {
        .group(
            fields.select("role", fields.t("Vai trò", "Role"),
                          options: Role.allCases.map { ($0.rawValue, roleName($0, fields.language)) }),
            fields.select("department", fields.t("Sở, ngành (với cán bộ sở)", "Department (department officers)"),
                          options: [("", "—")] + Department.allCases.map { ($0.rawValue, fields.language == .vi ? $0.vietnameseName : $0.englishName) }),
            fields.text("unit", fields.t("Địa bàn: mã tỉnh (2 số) hoặc mã xã, phường, đặc khu (5 số)", "Jurisdiction: province (2 digits) or commune (5 digits) code"),
                        hint: fields.t("Bắt buộc với cán bộ và thanh tra.", "Required for officers and inspectors.")),
            fields.select("organisation", fields.t("Tổ chức (với người dùng doanh nghiệp)", "Organisation (business users)"),
                          options: [("", "—")] + organisations.map { ($0.id, $0.name + ($0.taxCode.map { " · MST " + $0 } ?? "")) }))
    }

    static func input(_ form: Query, username: String? = nil) throws(AppError) -> UserRepository.Input {
        guard let roleText = try form.choice("role", from: Role.allCases.map(\.rawValue)), let role = Role(rawValue: roleText) else {
            throw AppError.invalid(field: "role", rule: "required", LocalizedText(vi: "Hãy chọn vai trò.", en: "Choose a role."))
        }
        let department = try form.choice("department", from: Department.allCases.map(\.rawValue)).flatMap(Department.init(rawValue:))
        let unit = try form.text("unit", required: false, maxBytes: 5)?.trimmingCharacters(in: .whitespaces)
        let organisation = try form.text("organisation", required: false, maxBytes: 64)?.trimmingCharacters(in: .whitespaces)
        let name: String
        if let username { name = username } else { name = try form.required("username", maxBytes: 40) }
        return .init(username: name,
                     displayName: try form.required("displayName", maxBytes: 400),
                     role: role, department: department, unitCode: unit?.isEmpty == true ? nil : unit,
                     organisationID: organisation?.isEmpty == true ? nil : organisation,
                     active: username == nil ? true : form["active"] == "on")
    }
}

extension UsersController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, deps: Dependencies) {
        group.read(SiteURL.users.routePath) { request, context in try await list(request, context: context, deps: deps) }
        group.post(SiteURL.users.routePath) { request, context in try await create(request, context: context, deps: deps) }
        group.read(SiteURL.user("").routePath) { request, context in
            try await show(request, context: context, deps: deps, id: context.parameters.require("id"))
        }
        group.post(SiteURL.user("").routePath) { request, context in
            try await update(request, context: context, deps: deps, id: context.parameters.require("id"))
        }
        group.post(SiteURL.userPasswordReset("").routePath) { request, context in
            try await resetPassword(request, context: context, deps: deps, id: context.parameters.require("id"))
        }
    }
}
