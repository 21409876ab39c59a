import NguonCore

/// `/quan-tri/to-chuc/{id}`: one organisation, and the form that edits it for those who may.
enum OrganisationShow {
    struct Model {
        let organisation: Organisation
        /// The edit form; nil for accounts that may read the organisation but not change it.
        let form: OrganisationForm.Model?
        /// GS1 keys given to it from the province's pools, newest first.
        let codes: [GS1Allocation]
        /// Whether the account may give it new codes (its area's officers, or the organisation asking).
        let canAskForCodes: Bool
        let facilities: [Facility]
        let products: [Product]
        /// Whether the account may register facilities and products for it.
        let canEditRegistry: Bool

        static func query(id: String, principal: Principal, repository: OrganisationRepository, codes: GS1CodeRepository,
                          facilities: FacilityRepository, products: ProductRepository) async throws -> Model {
            let organisation = try await repository.find(id, for: principal)
            let canWrite = principal.reaches(.organisations, .write, area: organisation.area, organisationID: organisation.id)
            return Model(organisation: organisation,
                         form: canWrite ? try await OrganisationForm.Model.query(principal: principal, repository: repository) : nil,
                         codes: try await codes.allocations(of: organisation.id, for: principal),
                         canAskForCodes: principal.reaches(.gs1Codes, .write, area: organisation.area, organisationID: organisation.id),
                         facilities: principal.can(.read, .registry) ? try await facilities.list(of: organisation.id, for: principal) : [],
                         products: principal.can(.read, .registry) ? try await products.list(of: organisation.id, for: principal) : [],
                         canEditRegistry: principal.reaches(.registry, .write, area: organisation.area, organisationID: organisation.id))
        }
    }
}
