import NguonCore

/// `/quan-tri/to-chuc`: the organisations in the account's scope, searched by name, and the
/// form that registers one for those who may.
enum OrganisationList {
    struct Model {
        struct Row {
            let organisation: Organisation
            /// The commune's (or province's) full name; its code when the unit is not known.
            let area: String
        }

        let search: String?
        let rows: [Row]
        /// The registration form; nil for accounts that may not register organisations.
        let form: OrganisationForm.Model?

        static func query(principal: Principal, search: String?, repository: OrganisationRepository) async throws -> Model {
            let organisations = try await repository.list(for: principal, search: search)
            // The commune list is read only for those who get the form.
            let form = principal.can(.write, .organisations) ? try await OrganisationForm.Model.query(principal: principal, repository: repository) : nil
            let codes = organisations.map { $0.communeCode ?? $0.provinceCode }
            let names = try await repository.units.fullNames(Set(codes))
            return Model(search: search, rows: zip(organisations, codes).map { Row(organisation: $0, area: names[$1] ?? $1) }, form: form)
        }
    }
}
