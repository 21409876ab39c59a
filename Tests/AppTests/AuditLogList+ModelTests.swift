@testable import App
import NguonCore
import Testing

@Suite("Audit log page: paging and the parameters it keeps", .serialized)
struct AuditLogListModelTests {
    @Test("A full page points to where older entries begin; the page position is not kept for the filter, export or next link")
    func paging() async throws {
        try await AccountFixtures.withDatabase { database, f in
            let admin = f.users[.admin]!.principal
            var filter = AuditLog.Filter()
            filter.limit = 2
            let first = try await AuditLogList.Model.query(filter, parameters: ["action": "", "before": "99", "lang": "en"],
                                                          principal: admin, database: database)
            #expect(first.entries.count == 2)
            #expect(first.older == first.entries.last?.sequence)
            #expect(first.parameters == ["action": "", "lang": "en"])

            filter.limit = 1_000
            let all = try await AuditLogList.Model.query(filter, parameters: [:], principal: admin, database: database)
            #expect(all.older == nil && all.entries.count > 2)
            #expect(all.entries.map(\.sequence) == all.entries.map(\.sequence).sorted(by: >))
        }
    }
}
