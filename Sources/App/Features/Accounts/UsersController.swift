import Hummingbird
import NguonCore

/// `/quan-tri/nguoi-dung`: administrators create accounts, set roles and jurisdictions, and
/// reset passwords; auditors read (`UserList`, `UserShow`, `UserForm`).
enum UsersController {
    struct Dependencies: Sendable {
        let users: UserRepository
        /// Organisations a business user may be attached to.
        let organisations: OrganisationRepository
    }

    static func list(_ request: Request, context: AppRequestContext, deps: Dependencies,
                     form: [String: String] = [:], error: AppError? = nil) async throws -> Response {
        let model = try await UserList.Model.query(principal: context.acting, users: deps.users, organisations: deps.organisations)
        return try UserList.View(model: model, form: context.form(form, error: error)).response(request, context: context)
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
        let model = try await UserShow.Model.query(id: id, principal: context.acting, users: deps.users, organisations: deps.organisations)
        let done = try Query(request.uri.query, form: true)["done"].flatMap(UserShow.Done.init(rawValue:))
        return try UserShow.View(model: model, form: context.form(form ?? UserForm.values(model.user), error: error), done: done)
            .response(request, context: context)
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
