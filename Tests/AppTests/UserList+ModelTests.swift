@testable import App
import NguonCore
import Testing

@Suite("Accounts list: where or for whom each account works", .serialized)
struct UserListModelTests {
    @Test("Jurisdictions read as unit names and organisations by name; only administrators get the form")
    func scopesResolved() async throws {
        try await AccountFixtures.withDatabase { database, f in
            let repositories = Repositories(database: database)
            let model = try await UserList.Model.query(principal: f.users[.admin]!.principal, users: repositories.users,
                                                       organisations: repositories.organisations)
            let scope = Dictionary(uniqueKeysWithValues: model.rows.map { ($0.user.username, $0.scope) })
            #expect(scope["t.commune"] == "Phường Đông Triều")
            #expect(scope["t.business"] == "HTX Rau an toàn Đông Triều")
            // Provinces are seeded with the database.
            #expect(scope["t.department"] == "Tỉnh Quảng Ninh")
            #expect(scope["t.admin"] == .some(nil))
            #expect(model.rows.map(\.user.username) == model.rows.map(\.user.username).sorted())
            #expect(model.form?.organisations.count == 3)

            let auditor = try await UserList.Model.query(principal: f.users[.auditor]!.principal, users: repositories.users,
                                                         organisations: repositories.organisations)
            #expect(auditor.form == nil)
            #expect(auditor.rows.first { $0.user.username == "t.business" }?.scope == "HTX Rau an toàn Đông Triều")
        }
    }
}
