import NguonCore

/// `/quan-tri/san-pham/{id}` and `/quan-tri/to-chuc/{id}/san-pham`: one product, or a new one,
/// with the form for those who may change it.
enum ProductPage {
    struct Model {
        let organisation: Organisation
        /// Nil on the page that registers a new product.
        let product: Product?
        let canWrite: Bool
        let categories: [ProductCategory]
        /// GTINs the organisation was given that no product uses yet, offered in the GTIN field.
        let freeGTINs: [String]

        static func query(productID: String?, organisationID: String?, principal: Principal,
                          products: ProductRepository, codes: GS1CodeRepository) async throws -> Model {
            let organisation: Organisation
            var product: Product?
            let canWrite: Bool
            if let productID {
                let found = try await products.find(productID, for: principal)
                (product, organisation) = (found.0, found.1)
                canWrite = principal.reaches(.registry, .write, area: organisation.area, organisationID: organisation.id)
            } else {
                organisation = try await products.organisations.find(organisationID ?? "", for: principal)
                canWrite = principal.reaches(.registry, .write, area: organisation.area, organisationID: organisation.id)
                guard canWrite else { throw AccessDenied.forbidden }
            }
            let used = Set(try await products.list(of: organisation.id, for: principal).map(\.gtin))
            let given = try await codes.allocations(of: organisation.id, for: principal).filter { $0.keyKind == .gtin }.map(\.key)
            return Model(organisation: organisation, product: product, canWrite: canWrite, categories: try await products.categories(),
                         freeGTINs: given.filter { !used.contains($0) || $0 == product?.gtin })
        }
    }

    static func values(_ product: Product?) -> [String: String] {
        guard let p = product else { return [:] }
        return ["gtin": p.gtin, "name": p.name, "nameEn": p.nameEn ?? "", "category": p.category ?? "", "packaging": p.packaging ?? "",
                "netContent": p.netContent.map(Formatting.decimal) ?? "", "netUnit": p.netUnit ?? "",
                "shelfLifeDays": p.shelfLifeDays.map(String.init) ?? "", "brand": p.brand ?? "",
                "selfDeclaration": p.selfDeclaration ?? "", "standards": p.standards ?? ""]
    }
}
