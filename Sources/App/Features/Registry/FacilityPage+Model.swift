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
        /// Its food-safety papers, for those who may read them.
        var certificates: [Certificate] = []
        var commitments: [Commitment] = []
        var canCertify = false
        var inspections: [Inspection] = []
        var violations: [Violation] = []
        var incidents: [PoisoningIncident] = []
        var samples: [Sample] = []
        var canInspect = false
        var today: CivilDate = .today

        static func query(facilityID: String?, organisationID: String?, principal: Principal,
                          facilities: FacilityRepository, codes: GS1CodeRepository,
                          certificates: CertificateRepository, commitments: CommitmentRepository,
                          inspections: InspectionRepository, violations: ViolationRepository, samples: SampleRepository) async throws -> Model {
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
            var model = Model(organisation: organisation, facility: facility, canWrite: canWrite,
                              units: try await OrganisationForm.Model.query(principal: principal, repository: facilities.organisations),
                              freeGLNs: given.filter { !used.contains($0) || $0 == facility?.gln })
            if let facility, principal.can(.read, .foodSafety) {
                model.certificates = try await certificates.of(facility: facility.id, for: principal)
                model.commitments = try await commitments.of(facility: facility.id, for: principal)
                model.canCertify = principal.reaches(.foodSafety, .write, area: facility.area, organisationID: facility.organisationID)
            }
            if let facility, principal.can(.read, .inspections) {
                model.inspections = try await inspections.of(facility: facility.id, for: principal)
                (model.violations, model.incidents) = try await violations.of(facility: facility.id, for: principal)
                model.samples = try await samples.list(facilityID: facility.id, for: principal, limit: 50).map(\.sample)
                model.canInspect = principal.reaches(.inspections, .write, area: facility.area, organisationID: facility.organisationID)
            }
            return model
        }
    }

    /// Grounds to revoke the facility's certificate today, from its recorded fines and outbreaks.
    static func revocationGrounds(_ model: Model) -> [FoodSafetyRules.RevocationGround] {
        FoodSafetyRules.inForce(on: model.today).revocationGrounds(
            fines: model.violations.filter(\.onConditions).map(\.foundOn),
            outbreaks: model.incidents.map { ($0.occurredOn, $0.deaths) }, on: model.today)
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
