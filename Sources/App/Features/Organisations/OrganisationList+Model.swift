import NguonCore

/// `/quan-tri/to-chuc`: the organisations in the account's scope, found, filtered by commune,
/// sorted and paged as the registry's lists are (`RegistryList`), and the form that registers
/// one for those who may.
enum OrganisationList {
    struct Model {
        let list: RegistryList.Model
        /// The registration form; nil for accounts that may not register organisations.
        let form: OrganisationForm.Model?

        static func query(principal: Principal, filter: RegistryList.Filter, database: AppDatabase,
                          repository: OrganisationRepository) async throws -> Model {
            let list = try await RegistryList.Model.query(.organisations, filter: filter, principal: principal, database: database,
                                                          units: repository.units)
            // The commune list is read only for those who get the form.
            let form = principal.can(.write, .organisations) ? try await OrganisationForm.Model.query(principal: principal, repository: repository) : nil
            return Model(list: list, form: form)
        }
    }
}
