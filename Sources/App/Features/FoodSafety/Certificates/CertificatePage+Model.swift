import NguonCore

/// `/quan-tri/chung-nhan/{id}` and `/quan-tri/co-so/{id}/chung-nhan`: one certificate, or a new
/// one for a facility, with the forms for those who may change it.
enum CertificatePage {
    struct Model {
        let facility: Facility
        let organisation: Organisation
        /// Nil on the page that records a new certificate.
        let certificate: Certificate?
        /// The organisation's products, which a certificate may name.
        let products: [Product]
        let canWrite: Bool
        let today: CivilDate

        static func query(certificateID: String?, facilityID: String?, principal: Principal, today: CivilDate,
                          certificates: CertificateRepository, products: ProductRepository) async throws -> Model {
            var certificate: Certificate?
            let facility: Facility
            let organisation: Organisation
            if let certificateID {
                let found = try await certificates.find(certificateID, for: principal)
                certificate = found
                facility = try await certificates.facilities.record(found.facilityID)
                organisation = try await certificates.facilities.organisations.record(found.organisationID)
            } else {
                (facility, organisation) = try await certificates.facilities.find(facilityID ?? "", for: principal)
            }
            let canWrite = principal.reaches(.foodSafety, .write, area: facility.area, organisationID: facility.organisationID)
            guard certificate != nil || canWrite else { throw AccessDenied.forbidden }
            // A business user reads its own products; an officer may not reach the organisation's.
            let list = (try? await products.list(of: organisation.id, for: principal)) ?? []
            return Model(facility: facility, organisation: organisation, certificate: certificate, products: list,
                         canWrite: canWrite, today: today)
        }
    }

    /// The form's values for a certificate as it is, or a new one.
    static func values(_ certificate: Certificate?) -> [String: String] {
        guard let certificate else { return ["kind": CertificateKind.foodSafety.rawValue] }
        var values = ["kind": certificate.kind.rawValue, "number": certificate.number, "issuer": certificate.issuer,
                      "scopeNote": certificate.scopeNote ?? "", "issuedOn": certificate.issuedOn.description,
                      "expiresOn": certificate.expiresOn?.description ?? ""]
        for id in certificate.productIDs { values["product-" + id] = "on" }
        return values
    }
}
