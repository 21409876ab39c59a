import Foundation
import NguonCore
import SQLKit

/// What a consumer sees of a certificate on the origin page of the facility's lots: kind,
/// number, issuer and last valid day. Written into the facility's master data whenever the
/// facility or one of its certificates changes; the page leaves out those past their day.
struct CertificateBadge: Sendable, Equatable, Codable {
    var kind: CertificateKind
    var number: String
    var issuer: String
    var until: CivilDate?

    /// Where a location's master data keeps them (GS1 Web Vocabulary's term for certifications).
    static let attribute = "https://gs1.org/voc/certification"

    /// The facility's certificates that are neither suspended nor revoked and have not expired
    /// on `today`, soonest to expire last.
    static func inForce(facilityID: String, today: CivilDate, on sql: any SQLDatabase) async throws -> [CertificateBadge] {
        try await sql.raw("""
            SELECT kind, number, issuer, expires_on FROM certificates
            WHERE facility_id = \(bind: facilityID) AND state = 'issued' AND (expires_on IS NULL OR expires_on >= \(bind: today.description))
            ORDER BY kind, number
            """).all().compactMap { row in
            guard let kind = CertificateKind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
            return CertificateBadge(kind: kind, number: try row.decode(column: "number", as: String.self),
                                    issuer: try row.decode(column: "issuer", as: String.self),
                                    until: try row.decode(column: "expires_on", as: String?.self).flatMap(CivilDate.init))
        }
    }

    static func encode(_ badges: [CertificateBadge]) -> String? {
        guard !badges.isEmpty, let data = try? JSONEncoder().encode(badges) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String?) -> [CertificateBadge] {
        guard let text, let badges = try? JSONDecoder().decode([CertificateBadge].self, from: Data(text.utf8)) else { return [] }
        return badges
    }
}
