import NguonCore

/// `/quan-tri/chung-nhan`: certificates in scope, by kind and status, soonest to expire first.
enum CertificateList {
    struct Filter: Equatable {
        var kind: CertificateKind?
        var status: CertificateStatus?
        var page = 1
        static let pageSize = 50

        init(_ query: Query) throws(AppError) {
            kind = try query.choice("loai", from: CertificateKind.allCases.map(\.rawValue)).flatMap(CertificateKind.init)
            status = try query.choice("tinh-trang", from: CertificateStatus.allCases.map(\.rawValue)).flatMap(CertificateStatus.init)
            page = try query.integer("trang", in: 1...10_000) ?? 1
        }

        var queryItems: [(String, String?)] { [("loai", kind?.rawValue), ("tinh-trang", status?.rawValue)] }
    }

    struct Model {
        let filter: Filter
        let rows: [CertificateRepository.Listed]
        let total: Int
        let today: CivilDate
        let canWrite: Bool
        var pages: Int { max(1, (total + Filter.pageSize - 1) / Filter.pageSize) }

        static func query(filter: Filter, principal: Principal, today: CivilDate, certificates: CertificateRepository) async throws -> Model {
            let (rows, total) = try await certificates.list(
                .init(kind: filter.kind, status: filter.status, limit: Filter.pageSize, offset: (filter.page - 1) * Filter.pageSize),
                for: principal, today: today)
            return Model(filter: filter, rows: rows, total: total, today: today, canWrite: principal.can(.write, .foodSafety))
        }
    }
}

/// `/quan-tri/chung-nhan/nhac-han` and its CSV: the daily digest of papers to renew. Certificates
/// and commitments that are expiring (inside the renewal window or the notice period) or
/// expired within the notice period, soonest first.
enum CertificateReminders {
    struct Item: Equatable {
        let paper: String
        let number: String
        let facilityName: String
        let organisationName: String
        let link: SiteURL
        let expires: CivilDate
        let status: CertificateStatus
        /// The food-safety certificate: the first day of its renewal window.
        let renewalOpens: CivilDate?
    }

    static let limit = 1_000

    static func query(principal: Principal, today: CivilDate, certificates: CertificateRepository,
                      commitments: CommitmentRepository) async throws -> [Item] {
        let rules = FoodSafetyRules.inForce(on: today)
        let window = today.adding(days: -rules.expiringNoticeDays)...max(today.adding(months: rules.renewalLeadMonths),
                                                                          today.adding(days: rules.expiringNoticeDays))
        let (rows, _) = try await certificates.list(.init(expiring: window, limit: limit), for: principal, today: today)
        var items = rows.compactMap { row -> Item? in
            let certificate = row.certificate
            let status = certificate.status(on: today)
            guard status == .expiring || status == .expired, let expires = certificate.expiresOn else { return nil }
            return Item(paper: certificate.kind.shortName, number: certificate.number, facilityName: row.facilityName,
                        organisationName: row.organisationName, link: .certificate(certificate.id), expires: expires,
                        status: status, renewalOpens: certificate.renewalOpens)
        }
        for (commitment, facility, organisation) in try await commitments.expiring(window, for: principal, limit: limit) {
            let status = commitment.status(on: today)
            guard status == .expiring || status == .expired, let expires = commitment.validUntil else { continue }
            items.append(Item(paper: "Cam kết", number: "", facilityName: facility, organisationName: organisation,
                              link: .commitment(commitment.id), expires: expires, status: status, renewalOpens: nil))
        }
        return items.sorted { ($0.expires, $0.facilityName) < ($1.expires, $1.facilityName) }
    }
}
