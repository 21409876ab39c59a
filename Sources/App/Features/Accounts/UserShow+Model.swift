import NguonCore

/// `/quan-tri/nguoi-dung/{id}`: one account; administrators change it and reset its password.
enum UserShow {
    /// What the page follows.
    enum Done: String {
        case created, saved, reset
    }

    struct Model {
        let user: User
        /// The forms that change the account; nil for accounts that may only read.
        let form: UserForm.Model?

        static func query(id: String, principal: Principal, users: UserRepository, organisations: OrganisationRepository) async throws -> Model {
            let user = try await users.find(id, for: principal)
            let form = principal.can(.write, .users) ? try await UserForm.Model.query(principal: principal, organisations: organisations) : nil
            return Model(user: user, form: form)
        }
    }
}
