import NguonCore

/// The form that registers or edits an organisation, for an account that may.
enum OrganisationForm {
    struct Model {
        /// The communes an officer may place organisations in, to choose from; nil for
        /// administrators, who type the code (there are 3,321).
        let units: [AdminUnit]?

        static func query(principal: Principal, repository: OrganisationRepository) async throws -> Model {
            guard let area = principal.jurisdiction else { return Model(units: nil) }
            let units = repository.units
            let list = area.commune != nil
                ? try await units.find(area.code).map { [$0] } ?? []
                : try await units.search("", province: area.province, limit: 1_000).filter { !$0.kind.isProvinceLevel }
            // Communes not imported yet: the code is typed instead.
            return Model(units: list.isEmpty ? nil : list.sorted { SearchText.fold($0.name) < SearchText.fold($1.name) })
        }
    }

    /// What the form holds before anything is changed: the organisation as it is.
    static func values(_ organisation: Organisation) -> [String: String] {
        ["name": organisation.name, "taxCode": organisation.taxCode ?? "",
         "unit": organisation.communeCode ?? organisation.provinceCode, "address": organisation.address ?? "",
         "kind": organisation.kind?.rawValue ?? "", "representative": organisation.representative ?? "",
         "phone": organisation.phone ?? "", "email": organisation.email ?? ""]
    }
}
