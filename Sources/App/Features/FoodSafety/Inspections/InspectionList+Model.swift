import NguonCore
import SQLKit

/// `/quan-tri/kiem-tra`: inspections in scope, newest first, by result and year, or only the
/// failures whose remediation deadline passed without a re-check.
enum InspectionList {
    struct Filter: Equatable {
        var result: InspectionResult?
        var year: Int?
        var overdue = false
        var page = 1
        static let pageSize = 50

        init(_ query: Query) throws(AppError) {
            result = try query.choice("ket-qua", from: InspectionResult.allCases.map(\.rawValue)).flatMap(InspectionResult.init(rawValue:))
            year = try query.integer("nam", in: 2000...2100)
            overdue = query["qua-han"] == "1"
            page = try query.integer("trang", in: 1...10_000) ?? 1
        }

        var queryItems: [(String, String?)] { [("ket-qua", result?.rawValue), ("nam", year.map { String($0) }), ("qua-han", overdue ? "1" : nil)] }
    }

    struct Model {
        let filter: Filter
        let rows: [InspectionRepository.Listed]
        let total: Int
        var pages: Int { max(1, (total + Filter.pageSize - 1) / Filter.pageSize) }

        static func query(filter: Filter, principal: Principal, today: CivilDate, inspections: InspectionRepository) async throws -> Model {
            let (rows, total) = try await inspections.list(
                .init(result: filter.result, year: filter.year, overdueOnly: filter.overdue, limit: Filter.pageSize,
                      offset: (filter.page - 1) * Filter.pageSize),
                for: principal, today: today)
            return Model(filter: filter, rows: rows, total: total)
        }
    }
}

/// `/quan-tri/vi-pham`: violations in scope, newest first, with the facilities whose record now
/// gives grounds to revoke their food-safety certificate.
enum ViolationList {
    struct Model {
        let rows: [(violation: Violation, facilityName: String, organisationName: String)]
        let warnings: [ViolationRepository.RevocationWarning]

        static func query(principal: Principal, today: CivilDate, violations: ViolationRepository) async throws -> Model {
            let rows = try await violations.violations.select(for: principal).orderBy(SQLRaw("r.found_on"), SQLDirection.descending)
                .orderBy(SQLRaw("r.id"), SQLDirection.ascending).limit(200).all()
                .map { row in (try Violation(row: row), try row.decode(column: "facility_name", as: String.self),
                               try row.decode(column: "organisation_name", as: String.self)) }
            return Model(rows: rows, warnings: try await violations.revocationWarnings(for: principal, today: today))
        }
    }
}
