@testable import App
import NguonCore
import Testing

@Suite("Organisations list: areas by name, and the communes an officer may register in", .serialized)
struct OrganisationListModelTests {
    @Test("Rows carry the commune's name; the registration form offers officers their own communes, administrators a code to type, readers nothing")
    func rowsAndForm() async throws {
        try await AccountFixtures.withDatabase { database, f in
            let repository = Repositories(database: database).organisations
            func query(_ who: AccountFixtures.Who, search: String? = nil) async throws -> OrganisationList.Model {
                try await OrganisationList.Model.query(principal: f.users[who]!.principal, filter: RegistryList.Filter(search: search),
                                                       database: database, repository: repository)
            }
            let admin = try await query(.admin)
            #expect(admin.list.rows.map(\.area) == ["Phường Ba Đình", "Phường Đông Triều", "Xã Đầm Hà"])
            #expect(admin.form != nil && admin.form?.units == nil)

            let searched = try await query(.admin, search: "thủy sản")
            #expect(searched.list.rows.map(\.id) == [f.orgB] && searched.list.filter.search == "thủy sản")

            // The department officer's province: its communes, in alphabetical order without accents.
            let department = try await query(.department)
            #expect(department.list.rows.count == 2 && department.list.total == 2)
            // Quảng Ninh's 54 communes, wards and special zones (compiled in), by name without accents.
            let communes = try #require(department.form?.units)
            #expect(communes.count == 54 && communes.contains { $0.code == "06895" } && communes.contains { $0.code == "07093" })
            #expect(communes.map { SearchText.fold($0.name) } == communes.map { SearchText.fold($0.name) }.sorted())
            #expect(try await query(.commune).form?.units?.map(\.code) == ["07093"])
            #expect(try await query(.inspector).form == nil)
            #expect(try await query(.auditor).form == nil)
        }
    }
}
