/// `/quan-tri/don-vi-hanh-chinh`: provinces, communes, wards and special zones found by name,
/// former name or code, and how many the list holds.
enum AdminUnitSearch {
    struct Model {
        let term: String
        let units: [AdminUnit]
        let provinces: Int
        let communes: Int

        /// At most 100 units matching `term`, inside `province` when one is given.
        static func query(term: String, province: String?, units: AdminUnitRepository) async throws -> Model {
            let found = try await units.search(term, province: province, limit: 100)
            let counts = try await units.count()
            return Model(term: term, units: found, provinces: counts.provinces, communes: counts.communes)
        }
    }
}
