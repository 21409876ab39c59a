@testable import App
import NguonCore
import Testing

@Suite("API tokens list: each token's state and who may revoke it", .serialized)
struct TokenListModelTests {
    @Test("Live, expired and revoked tokens are told apart at the given moment; only writers may revoke, and never twice")
    func states() async throws {
        try await AccountFixtures.withDatabase { database, f in
            let tokens = Repositories(database: database).tokens
            let admin = f.users[.admin]!.principal
            let erpB = try #require(try await tokens.list(for: admin).first { $0.name == "ERP B" })
            try await tokens.revoke(erpB.id, actor: Actor(principal: admin, address: nil))

            let now = try await TokenList.Model.query(principal: admin, tokens: tokens)
            let state = Dictionary(uniqueKeysWithValues: now.rows.map { ($0.token.name, $0.state) })
            #expect(state["ERP"] == .live && state["ERP B"] == .revoked)
            #expect(now.rows.allSatisfy { $0.revocable == ($0.state != .revoked) })
            #expect(now.canWrite && now.ownOrganisation == nil && now.created == nil)

            // Two days on, the one-day tokens have expired; a revoked one stays revoked.
            let later = try await TokenList.Model.query(principal: admin, tokens: tokens, now: Millis.now() + 2 * 86_400_000)
            #expect(later.rows.first { $0.token.name == "ERP" }?.state == .expired)
            #expect(later.rows.first { $0.token.name == "ERP B" }?.state == .revoked)

            let business = try await TokenList.Model.query(principal: f.users[.business]!.principal, tokens: tokens)
            #expect(business.rows.map(\.token.name) == ["ERP"] && business.ownOrganisation == f.orgA)
            let auditor = try await TokenList.Model.query(principal: f.users[.auditor]!.principal, tokens: tokens)
            #expect(!auditor.canWrite && auditor.rows.allSatisfy { !$0.revocable })
        }
    }
}
