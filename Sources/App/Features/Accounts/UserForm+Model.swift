import NguonCore

/// The forms that create an account, change it, and reset its password.
enum UserForm {
    struct Model {
        /// Organisations a business user may be attached to.
        let organisations: [Organisation]

        static func query(principal: Principal, organisations: OrganisationRepository) async throws -> Model {
            guard principal.can(.read, .users) else { return Model(organisations: []) }
            return Model(organisations: try await organisations.list(for: principal, limit: 2_000))
        }
    }

    /// What the change form holds before anything is changed: the account as it is.
    static func values(_ user: User) -> [String: String] {
        ["displayName": user.displayName, "role": user.role.rawValue, "department": user.department?.rawValue ?? "",
         "unit": user.jurisdiction?.code ?? "", "organisation": user.organisationID ?? "", "active": user.active ? "on" : ""]
    }
}
