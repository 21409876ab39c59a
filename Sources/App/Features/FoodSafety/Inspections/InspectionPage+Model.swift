import NguonCore

/// `/quan-tri/kiem-tra/{id}` and `/quan-tri/co-so/{id}/kiem-tra`: one inspection record, or a
/// new one for a facility (a re-check when `?tai-kiem-tra=` names the failed inspection).
enum InspectionPage {
    /// Checklist rows the form offers: the default points and room for more.
    static let rows = 12

    struct Model {
        let facility: Facility
        let organisation: Organisation
        let inspection: Inspection?
        /// The failed inspection a new one re-checks.
        let rechecking: Inspection?
        let documents: [(id: String, fileName: String, contentType: String)]
        let violations: [Violation]
        let canWrite: Bool
        let today: CivilDate

        static func query(inspectionID: String?, facilityID: String?, recheckID: String?, principal: Principal, today: CivilDate,
                          inspections: InspectionRepository, violations: ViolationRepository) async throws -> Model {
            var inspection: Inspection?
            let facility: Facility
            if let inspectionID {
                let found = try await inspections.find(inspectionID, for: principal)
                inspection = found
                facility = try await inspections.facilities.record(found.facilityID)
            } else {
                facility = try await inspections.facilities.find(facilityID ?? "", for: principal).0
            }
            let organisation = try await inspections.facilities.organisations.record(facility.organisationID)
            let canWrite = principal.reaches(.inspections, .write, area: facility.area, organisationID: facility.organisationID)
            guard inspection != nil || canWrite else { throw AccessDenied.forbidden }
            var rechecking: Inspection?
            if let recheckID {
                let earlier = try await inspections.find(recheckID, for: principal)
                guard earlier.facilityID == facility.id else { throw AccessDenied.notFound }
                rechecking = earlier
            }
            var documents: [(id: String, fileName: String, contentType: String)] = []
            var found: [Violation] = []
            if let inspection {
                documents = try await ScannedDocument.list(owner: inspection.id, database: inspections.database)
                found = try await violations.of(facility: facility.id, for: principal).0.filter { $0.inspectionID == inspection.id }
            }
            return Model(facility: facility, organisation: organisation, inspection: inspection, rechecking: rechecking,
                         documents: documents, violations: found, canWrite: canWrite, today: today)
        }
    }

    /// The form's values: the inspection as recorded, or a new one with the default checklist.
    static func values(_ inspection: Inspection?, rechecking: Inspection?, today: CivilDate) -> [String: String] {
        guard let inspection else {
            var values = ["kind": (rechecking == nil ? InspectionKind.periodic : .recheck).rawValue, "inspectedOn": today.description,
                          "result": InspectionResult.pass.rawValue]
            let items = rechecking?.checklist.filter { $0.ok == false }.map(\.item) ?? Inspection.defaultChecklist
            for (index, item) in items.prefix(rows).enumerated() { values["item-\(index)"] = item }
            return values
        }
        var values = ["kind": inspection.kind.rawValue, "inspectedOn": inspection.inspectedOn.description, "team": inspection.team,
                      "result": inspection.result.rawValue, "grade": inspection.grade?.rawValue ?? "",
                      "remediationDue": inspection.remediationDue?.description ?? "", "conclusion": inspection.conclusion ?? ""]
        for (index, item) in inspection.checklist.prefix(rows).enumerated() {
            values["item-\(index)"] = item.item
            values["ok-\(index)"] = item.ok.map { $0 ? "yes" : "no" } ?? ""
            values["finding-\(index)"] = item.finding ?? ""
        }
        return values
    }
}
