import NguonCore

/// `/quan-tri/vi-pham/{id}` and `/quan-tri/co-so/{id}/vi-pham`: a violation and its sanction.
enum ViolationPage {
    struct Model {
        let facility: Facility
        let organisation: Organisation
        let violation: Violation?
        /// The inspection a new violation was found in (`?kiem-tra=`).
        let inspectionID: String?
        let canWrite: Bool

        static func query(violationID: String?, facilityID: String?, inspectionID: String?, principal: Principal,
                          violations: ViolationRepository, inspections: InspectionRepository) async throws -> Model {
            var violation: Violation?
            let facility: Facility
            if let violationID {
                let found = try await violations.find(violationID, for: principal)
                violation = found
                facility = try await violations.facilities.record(found.facilityID)
            } else {
                facility = try await violations.facilities.find(facilityID ?? "", for: principal).0
            }
            // An inspection named in the link must be of this facility and readable.
            if let inspectionID, try await inspections.find(inspectionID, for: principal).facilityID != facility.id { throw AccessDenied.notFound }
            let canWrite = principal.reaches(.inspections, .write, area: facility.area, organisationID: facility.organisationID)
            guard violation != nil || canWrite else { throw AccessDenied.forbidden }
            return Model(facility: facility, organisation: try await violations.facilities.organisations.record(facility.organisationID),
                         violation: violation, inspectionID: violation?.inspectionID ?? inspectionID, canWrite: canWrite)
        }
    }

    static func values(_ violation: Violation?, today: CivilDate) -> [String: String] {
        guard let violation else { return ["foundOn": today.description, "status": Violation.Status.open.rawValue] }
        return ["foundOn": violation.foundOn.description, "legalBasis": violation.legalBasis, "description": violation.description,
                "onConditions": violation.onConditions ? "on" : "", "fineVND": violation.fineVND.map { String($0) } ?? "",
                "remedies": violation.remedies ?? "", "status": violation.status.rawValue]
    }
}

/// `/quan-tri/ngo-doc/{id}` and `/quan-tri/co-so/{id}/ngo-doc`: a food-poisoning outbreak traced to a facility.
enum IncidentPage {
    struct Model {
        let facility: Facility
        let incident: PoisoningIncident?
        let canWrite: Bool

        static func query(incidentID: String?, facilityID: String?, principal: Principal, violations: ViolationRepository) async throws -> Model {
            var incident: PoisoningIncident?
            let facility: Facility
            if let incidentID {
                let found = try await violations.findIncident(incidentID, for: principal)
                incident = found
                facility = try await violations.facilities.record(found.facilityID)
            } else {
                facility = try await violations.facilities.find(facilityID ?? "", for: principal).0
            }
            let canWrite = principal.reaches(.inspections, .write, area: facility.area, organisationID: facility.organisationID)
            guard incident != nil || canWrite else { throw AccessDenied.forbidden }
            return Model(facility: facility, incident: incident, canWrite: canWrite)
        }
    }
}
