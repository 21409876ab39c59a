@testable import App
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import NguonCore
import Testing

/// GS1 codes for producers without a prefix (issue 9 §2): the province's pools, and GTINs and
/// GLNs given from them, each number once.
@Suite("GS1 codes from the province's pools", .serialized)
struct GS1CodesTests {
    @Test("Codes asked for at the same moment are all real GS1 keys, and no number is given twice")
    func neverTwice() async throws {
        let config = try await TestApp.config()
        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            let f = try await AccountFixtures.seed(database)
            let codes = Repositories(database: database).gs1Codes
            let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
            _ = try await codes.addPrefix("8931000001", organisationID: nil, provinceCode: "22", note: "Kho mã Quảng Ninh", actor: admin)
            let batches = try await withThrowingTaskGroup(of: [GS1Allocation].self) { group in
                for _ in 0..<10 { group.addTask { try await codes.allocate(.gtin, count: 5, to: f.orgA, actor: admin) } }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let keys = batches.map(\.key)
            #expect(keys.count == 50 && Set(keys).count == 50)
            #expect(Set(batches.map(\.reference)) == Set(0..<50))
            for key in keys { #expect(try GTIN(key).gtin14 == key && key.hasPrefix("08931000001")) }
            // GLNs are numbered apart from GTINs, from the same pool.
            let glns = try await codes.allocate(.gln, count: 2, to: f.orgA, actor: admin)
            #expect(glns.map(\.reference) == [0, 1] && glns.allSatisfy { GS1.hasValidCheckDigit($0.key) && $0.key.utf8.count == 13 })
            #expect(try await codes.allocations(of: f.orgA, for: f.users[.business]!.principal).count == 52)
        }
    }

    @Test("When the pools run short nothing is given and the answer says how many are left; other provinces' pools are not used")
    func poolsRunShort() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in
            let f = try await AccountFixtures.seed(database)
            box.set(f)
            let codes = Repositories(database: database).gs1Codes
            let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
            _ = try await codes.addPrefix("89310000021", organisationID: nil, provinceCode: "22", note: nil, actor: admin)  // 10 numbers
            _ = try await codes.addPrefix("8931000003", organisationID: nil, provinceCode: "01", note: nil, actor: admin)  // Hà Nội's
            #expect(try await codes.allocate(.gtin, count: 8, to: f.orgB, actor: admin).count == 8)
        }) { client in
            let f = box.get()
            let response = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", method: .post,
                                                              headers: f.headers(.commune, form: true),
                                                              body: f.form(.commune, [("kind", "gtin"), ("count", "5")]))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("chỉ còn 2 mã GTIN"))
            let page = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)", method: .get, headers: f.headers(.commune))
            #expect(!page.text.contains("<code>0893100000"))
            // Two are left, and two can still be given.
            let two = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", method: .post,
                                                         headers: f.headers(.commune, form: true),
                                                         body: f.form(.commune, [("kind", "gtin"), ("count", "2")]))
            #expect(two.status == .seeOther)
        }
    }

    @Test("A cooperative asks for its own codes and sees them; it cannot ask for another organisation's")
    func businessAsks() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in
            let f = try await AccountFixtures.seed(database)
            box.set(f)
            let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
            _ = try await Repositories(database: database).gs1Codes.addPrefix("893100004", organisationID: nil, provinceCode: nil,
                                                                                note: nil, actor: admin)
        }) { client in
            let f = box.get()
            let asked = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", method: .post,
                                                           headers: f.headers(.business, form: true),
                                                           body: f.form(.business, [("kind", "gln"), ("count", "2")]))
            #expect(asked.status == .seeOther)
            let location = try #require(asked.headers[.location])
            #expect(location.hasSuffix("?codes=2"))
            let page = try await client.anonymous.execute(uri: location, method: .get, headers: f.headers(.business))
            #expect(page.status == .ok && page.text.contains("Đã cấp 2 mã mới"))
            let expected = try CompanyPrefix("893100004").key(.gln, reference: 1)!
            #expect(page.text.contains(expected))
            let other = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgB)/ma-gs1", method: .post,
                                                           headers: f.headers(.business, form: true),
                                                           body: f.form(.business, [("kind", "gln"), ("count", "1")]))
            #expect(other.status == .notFound)
            let bad = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", method: .post,
                                                         headers: f.headers(.business, form: true),
                                                         body: f.form(.business, [("kind", "gln"), ("count", "1000")]))
            #expect(bad.status == .badRequest && bad.text.contains("count"))
            // Asking for itself, an organisation holds at most a few hundred of a kind: it cannot drain the pool.
            for _ in 0..<2 {
                let more = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", method: .post,
                                                              headers: f.headers(.business, form: true),
                                                              body: f.form(.business, [("kind", "gln"), ("count", "99")]))
                #expect(more.status == .seeOther)
            }
            let beyond = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", method: .post,
                                                            headers: f.headers(.business, form: true),
                                                            body: f.form(.business, [("kind", "gln"), ("count", "1")]))
            #expect(beyond.status == .badRequest && beyond.text.contains("tự xin được tối đa 200"))
            let officer = try await client.anonymous.execute(uri: "/quan-tri/to-chuc/\(f.orgA)/ma-gs1", method: .post,
                                                             headers: f.headers(.commune, form: true),
                                                             body: f.form(.commune, [("kind", "gln"), ("count", "1")]))
            #expect(officer.status == .seeOther)
        }
    }

    @Test("A prefix already known, or one that begins another (or is begun by one), is refused, naming the other")
    func overlappingPrefixes() async throws {
        let config = try await TestApp.config()
        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            let f = try await AccountFixtures.seed(database)
            let codes = Repositories(database: database).gs1Codes
            let admin = Actor(principal: f.users[.admin]!.principal, address: nil)
            _ = try await codes.addPrefix("8931000", organisationID: nil, note: nil, actor: admin)
            await #expect(throws: GS1CodeError.prefixKnown("8931000")) {
                try await codes.addPrefix("8931000", organisationID: nil, note: nil, actor: admin)
            }
            await #expect(throws: GS1CodeError.prefixOverlaps(new: "89310005", existing: "8931000")) {
                try await codes.addPrefix("89310005", organisationID: nil, note: nil, actor: admin)
            }
            await #expect(throws: GS1CodeError.prefixOverlaps(new: "893100", existing: "8931000")) {
                try await codes.addPrefix("893100", organisationID: nil, note: nil, actor: admin)
            }
            await #expect(throws: GS1CodeError.malformedPrefix("89A1000")) {
                try await codes.addPrefix("89A1000", organisationID: nil, note: nil, actor: admin)
            }
            // Only administrators record prefixes.
            let officer = Actor(principal: f.users[.department]!.principal, address: nil)
            await #expect(throws: AccessDenied.forbidden) {
                try await codes.addPrefix("8939999", organisationID: nil, note: nil, actor: officer)
            }
        }
    }
}
