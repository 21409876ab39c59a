import NguonCore

/// `/quan-tri/co-so/{id}` and `/quan-tri/to-chuc/{id}/co-so`: one facility, or a new one, with
/// the form for those who may change it.
enum FacilityPage {
    struct Model {
        let organisation: Organisation
        /// Nil on the page that registers a new facility.
        let facility: Facility?
        let canWrite: Bool
        /// Communes to choose from (`OrganisationForm.Model`).
        let units: OrganisationForm.Model
        /// GLNs the organisation was given that no facility uses yet, offered in the GLN field.
        let freeGLNs: [String]

        static func query(facilityID: String?, organisationID: String?, principal: Principal,
                          facilities: FacilityRepository, codes: GS1CodeRepository) async throws -> Model {
            let organisation: Organisation
            var facility: Facility?
            var canWrite: Bool
            if let facilityID {
                let found = try await facilities.find(facilityID, for: principal)
                (facility, organisation) = (found.0, found.1)
                canWrite = (try? await facilities.find(facilityID, for: principal, .write)) != nil
            } else {
                organisation = try await facilities.organisations.find(organisationID ?? "", for: principal)
                canWrite = principal.reaches(.registry, .write, area: organisation.area, organisationID: organisation.id)
                guard canWrite else { throw AccessDenied.forbidden }
            }
            // The organisation itself may lie outside a commune officer's scope while the facility lies inside it.
            let used = Set(((try? await facilities.list(of: organisation.id, for: principal)) ?? []).compactMap(\.gln))
            let given = ((try? await codes.allocations(of: organisation.id, for: principal)) ?? []).filter { $0.keyKind == .gln }.map(\.key)
            return Model(organisation: organisation, facility: facility, canWrite: canWrite,
                         units: try await OrganisationForm.Model.query(principal: principal, repository: facilities.organisations),
                         freeGLNs: given.filter { !used.contains($0) || $0 == facility?.gln })
        }
    }

    /// The form's values for a facility as it is (or a new one in the organisation's commune).
    static func values(_ facility: Facility?, organisation: Organisation) -> [String: String] {
        guard let facility else {
            return ["unit": organisation.communeCode ?? organisation.provinceCode, "state": Facility.State.active.rawValue]
        }
        var values = ["name": facility.name, "gln": facility.gln ?? "", "unit": facility.communeCode ?? facility.provinceCode,
                      "address": facility.address ?? "", "latitude": facility.latitude.map { String($0) } ?? "",
                      "longitude": facility.longitude.map { String($0) } ?? "", "scale": facility.scale ?? "",
                      "state": facility.state.rawValue]
        for activity in facility.activities { values["activity-" + activity.rawValue] = "on" }
        for kind in [Facility.Registration.Kind.growingArea, .aquaculture] {
            values[kind.rawValue] = facility.registrations.filter { $0.kind == kind }
                .map { r in r.code + (r.areaHa.map { "; " + Formatting.decimal($0) } ?? "") }.joined(separator: "\n")
        }
        return values
    }
}
