import NguonCore

/// `/quan-tri/nguoi-dung`: every account, with where or for whom each works, and the form
/// that creates one for administrators.
enum UserList {
    struct Model {
        struct Row {
            let user: User
            /// The jurisdiction's full name, or the organisation's name (their codes when not
            /// known); nil for accounts with neither.
            let scope: String?
        }

        let rows: [Row]
        /// The form that creates an account; nil for accounts that may only read.
        let form: UserForm.Model?

        static func query(principal: Principal, users: UserRepository, organisations: OrganisationRepository) async throws -> Model {
            let all = try await users.list(for: principal)
            let choices = try await UserForm.Model.query(principal: principal, organisations: organisations)
            let organisationNames = Dictionary(uniqueKeysWithValues: choices.organisations.map { ($0.id, $0.name) })
            let areas = try await users.units.fullNames(Set(all.compactMap { $0.jurisdiction?.code }))
            let rows = all.map { user in
                Row(user: user, scope: user.jurisdiction.map { areas[$0.code] ?? $0.code }
                        ?? user.organisationID.map { organisationNames[$0] ?? $0 })
            }
            return Model(rows: rows, form: principal.can(.write, .users) ? choices : nil)
        }
    }
}
