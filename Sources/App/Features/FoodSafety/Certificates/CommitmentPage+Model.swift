import NguonCore

/// `/quan-tri/cam-ket/{id}` and `/quan-tri/co-so/{id}/cam-ket`: one commitment, or a new one
/// for a facility that needs no certificate.
enum CommitmentPage {
    struct Model {
        let facility: Facility
        let organisation: Organisation
        let commitment: Commitment?
        let canWrite: Bool
        let today: CivilDate

        static func query(commitmentID: String?, facilityID: String?, principal: Principal, today: CivilDate,
                          commitments: CommitmentRepository) async throws -> Model {
            var commitment: Commitment?
            let facility: Facility
            let organisation: Organisation
            if let commitmentID {
                let found = try await commitments.find(commitmentID, for: principal)
                commitment = found
                facility = try await commitments.facilities.record(found.facilityID)
                organisation = try await commitments.facilities.organisations.record(found.organisationID)
            } else {
                (facility, organisation) = try await commitments.facilities.find(facilityID ?? "", for: principal)
            }
            let canWrite = principal.reaches(.foodSafety, .write, area: facility.area, organisationID: facility.organisationID)
            guard commitment != nil || canWrite else { throw AccessDenied.forbidden }
            return Model(facility: facility, organisation: organisation, commitment: commitment, canWrite: canWrite, today: today)
        }
    }

    static func values(_ commitment: Commitment?, facility: Facility) -> [String: String] {
        guard let commitment else {
            return ["category": CommitmentCategory.smallPrimaryProduction.rawValue,
                    "receivedBy": facility.communeCode == nil ? "" : "Ủy ban nhân dân xã"]
        }
        return ["category": commitment.category.rawValue, "receivedBy": commitment.receivedBy, "signedOn": commitment.signedOn.description,
                "validUntil": commitment.validUntil?.description ?? "", "checkedOn": commitment.checkedOn?.description ?? "",
                "checkResult": commitment.checkResult?.rawValue ?? "", "checkNote": commitment.checkNote ?? ""]
    }
}
