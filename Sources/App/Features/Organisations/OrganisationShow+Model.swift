import NguonCore

/// `/quan-tri/to-chuc/{id}`: one organisation, and the form that edits it for those who may.
enum OrganisationShow {
    struct Model {
        let organisation: Organisation
        /// The edit form; nil for accounts that may read the organisation but not change it.
        let form: OrganisationForm.Model?

        static func query(id: String, principal: Principal, repository: OrganisationRepository) async throws -> Model {
            let organisation = try await repository.find(id, for: principal)
            let canWrite = principal.reaches(.organisations, .write, area: organisation.area, organisationID: organisation.id)
            return Model(organisation: organisation,
                         form: canWrite ? try await OrganisationForm.Model.query(principal: principal, repository: repository) : nil)
        }
    }
}
