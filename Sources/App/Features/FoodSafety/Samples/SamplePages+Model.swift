import NguonCore

/// `/quan-tri/giam-sat`: monitoring programmes of a year with their samples taken and failed,
/// and the year's violation rate against the year before (plan 001's target: −10%).
enum ProgrammeList {
    struct Model {
        let year: Int
        let programmes: [SampleRepository.ProgrammeSummary]
        let rate: YearOnYear
        let canWrite: Bool
        let units: OrganisationForm.Model

        static func query(year: Int, principal: Principal, samples: SampleRepository) async throws -> Model {
            let now = try await samples.counts(year: year, for: principal)
            let before = try await samples.counts(year: year - 1, for: principal)
            return Model(year: year, programmes: try await samples.programmes(for: principal, year: year),
                         rate: YearOnYear(part: now.failed, whole: now.taken, previousPart: before.failed, previousWhole: before.taken),
                         canWrite: principal.can(.write, .inspections),
                         units: try await OrganisationForm.Model.query(principal: principal, repository: samples.facilities.organisations))
        }
    }
}

/// `/quan-tri/giam-sat/{id}`: one programme and its samples.
enum ProgrammePage {
    struct Model {
        let programme: MonitoringProgramme
        let samples: [(sample: Sample, facilityName: String)]

        var failed: Int { samples.filter { $0.sample.verdict == .fail }.count }
        var decided: Int { samples.filter { $0.sample.verdict != .pending }.count }

        static func query(id: String, principal: Principal, samples: SampleRepository) async throws -> Model {
            let programme = try await samples.programme(id, for: principal)
            return Model(programme: programme, samples: try await samples.list(programmeID: id, for: principal))
        }
    }
}

/// `/quan-tri/mau/{id}` and `/quan-tri/co-so/{id}/mau`: a sample, or a new one taken at a facility.
enum SamplePage {
    /// Analyte rows the form offers.
    static let rows = 8

    struct Model {
        let facility: Facility
        let sample: Sample?
        /// Programmes a new sample may go under: this year's and last year's in scope that hold the facility.
        let programmes: [MonitoringProgramme]
        let products: [Product]
        let canWrite: Bool

        static func query(sampleID: String?, facilityID: String?, principal: Principal, today: CivilDate,
                          samples: SampleRepository) async throws -> Model {
            var sample: Sample?
            let facility: Facility
            if let sampleID {
                let found = try await samples.find(sampleID, for: principal)
                sample = found
                facility = try await samples.facilities.record(found.facilityID)
            } else {
                facility = try await samples.facilities.find(facilityID ?? "", for: principal).0
            }
            let canWrite = principal.reaches(.inspections, .write, area: facility.area, organisationID: facility.organisationID)
            guard sample != nil || canWrite else { throw AccessDenied.forbidden }
            var programmes: [MonitoringProgramme] = []
            if canWrite {
                for year in [today.year, today.year - 1] {
                    programmes += try await samples.programmes(for: principal, year: year).map(\.programme)
                        .filter { $0.area.contains(facility.area) }
                }
            }
            let products = (try? await samples.products.list(of: facility.organisationID, for: principal)) ?? []
            return Model(facility: facility, sample: sample, programmes: programmes, products: products, canWrite: canWrite)
        }
    }

    static func values(_ sample: Sample?, today: CivilDate) -> [String: String] {
        guard let sample else { return ["sampledOn": today.description] }
        var values = ["code": sample.code, "product": sample.productID ?? "", "productName": sample.productID == nil ? sample.productName : "",
                      "lotNumber": sample.lotNumber ?? "", "sampledOn": sample.sampledOn.description, "place": sample.place ?? "",
                      "laboratory": sample.laboratory, "note": sample.note ?? "", "programme": sample.programmeID]
        for (index, analyte) in sample.analytes.prefix(rows).enumerated() {
            values["analyte-\(index)"] = analyte.name
            values["result-\(index)"] = analyte.result
            values["limit-\(index)"] = analyte.limit.map(Formatting.decimal) ?? ""
            values["unit-\(index)"] = analyte.unit
        }
        return values
    }
}
