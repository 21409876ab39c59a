@testable import App
import Foundation
import NguonCore
import SQLKit
import Testing

/// The registry's search index on its own: the order it lists matches in, the scopes it keeps,
/// and the room it keeps between document numbers.
@Suite("Search index: order, scope and document numbers", .serialized)
struct SearchIndexTests {
    static let quangNinh = AdminArea(province: "22", commune: "07093")
    static let orgA = "org-a"

    static func product(_ name: String, id: String = UUID().uuidString.lowercased(), organisation: String = orgA,
                        area: AdminArea = quangNinh) -> SearchIndex.Document {
        SearchIndex.Document(.product, id: id, name: name, text: name, organisationID: organisation, area: area)
    }

    static func withDatabase(_ body: (any SQLDatabase) async throws -> Void) async throws {
        try await withAppDatabase { try await body($0.sql) }
    }

    static func withAppDatabase(_ body: (AppDatabase) async throws -> Void) async throws {
        let database = try AppDatabase(location: try await TestApp.config().database, logger: TestApp.quietLogger)
        try await database.migrate()
        do { try await body(database) } catch { await database.shutdown(); throw error }
        await database.shutdown()
    }

    /// Every page of a search, joined: the order a person paging through the list sees.
    static func pages(_ query: String, in scope: RecordScope = .everything, unit: String? = nil, order: SearchIndex.Order = .name,
                      size: Int = 7, on sql: any SQLDatabase) async throws -> (ids: [String], totals: Set<Int>) {
        var ids: [String] = []
        var totals = Set<Int>()
        while true {
            let found = try #require(try await SearchIndex.search(.product, query, in: scope, unit: unit, order: order, limit: size,
                                                                  offset: ids.count, countCap: 10_000, on: sql))
            ids += found.ids
            totals.insert(found.total)
            if found.ids.count < size { return (ids, totals) }
        }
    }

    static func numbers(_ ids: [String], on sql: any SQLDatabase) async throws -> [String: Int64] {
        var numbers: [String: Int64] = [:]
        for row in try await sql.raw("SELECT record_id, doc FROM search_documents WHERE record_id IN (\(binds: ids))").all() {
            numbers[try row.decode(column: "record_id", as: String.self)] = try row.decode(column: "doc", as: Int64.self)
        }
        return numbers
    }

    @Test("Matches come in the order lists sort them (name, then id), page by page, each page with the full count")
    func nameOrder() async throws {
        try await Self.withDatabase { sql in
            let first = (1...15).map { Self.product("Chè xanh lô \(String(format: "%02d", $0 * 2))") }
            // Added later, falling between the first ones, and some with a name already taken.
            let second = (1...15).map { Self.product("Chè xanh lô \(String(format: "%02d", $0 * 2 - 1))") }
                + (1...6).map { _ in Self.product("Chè xanh lô 10") }
            try await SearchIndex.add(first, on: sql)
            try await SearchIndex.add(second, on: sql)
            let expected = (first + second).sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map(\.id)
            let (ids, totals) = try await Self.pages("che xanh", on: sql)
            #expect(ids == expected && totals == [36])
            #expect(try await Self.pages("chè xạnh lo", on: sql).ids == expected)
            #expect(try await Self.pages("nuoc mam", on: sql).ids.isEmpty)
        }
    }

    @Test("Newest first lists the last added first")
    func newestFirst() async throws {
        try await Self.withDatabase { sql in
            let older = [Self.product("Mật ong rừng Ba Chẽ")]
            try await SearchIndex.add(older, on: sql)
            try await Task.sleep(for: .milliseconds(5))
            let newer = [Self.product("Mật ong bạc hà")]
            try await SearchIndex.add(newer, on: sql)
            #expect(try await Self.pages("mat ong", order: .newest, on: sql).ids == [newer[0].id, older[0].id])
            #expect(try await Self.pages("mat ong", on: sql).ids == [newer[0].id, older[0].id])  // "bạc" sorts before "rừng"
        }
    }

    @Test("A search holds to the scope: one organisation, one commune, a unit filter, or nothing")
    func scopes() async throws {
        try await Self.withDatabase { sql in
            let mine = Self.product("Nước mắm Cái Rồng")
            let neighbour = Self.product("Nước mắm Vân Đồn", organisation: "org-b", area: AdminArea(province: "22", commune: "06895"))
            let elsewhere = Self.product("Nước mắm Phú Quốc", organisation: "org-c", area: AdminArea(province: "91", commune: "30000"))
            try await SearchIndex.add([mine, neighbour, elsewhere], on: sql)
            func ids(_ scope: RecordScope, unit: String? = nil) async throws -> Set<String> {
                Set(try await Self.pages("nuoc mam", in: scope, unit: unit, on: sql).ids)
            }
            #expect(try await ids(.everything) == [mine.id, neighbour.id, elsewhere.id])
            #expect(try await ids(.organisation(Self.orgA)) == [mine.id])
            #expect(try await ids(.area(AdminArea(province: "22"))) == [mine.id, neighbour.id])
            #expect(try await ids(.area(AdminArea(province: "22", commune: "06895"))) == [neighbour.id])
            #expect(try await ids(.everything, unit: "91") == [elsewhere.id])
            #expect(try await ids(.area(AdminArea(province: "22")), unit: "91").isEmpty)
            #expect(try await ids(.nothing).isEmpty)
        }
    }

    @Test("Renaming moves a record in the order; an edit keeping the name keeps its number; words change at once")
    func replace() async throws {
        try await Self.withDatabase { sql in
            let a = Self.product("Bưởi Diễn"), b = Self.product("Bưởi Phúc Trạch")
            try await SearchIndex.add([a, b], on: sql)
            let before = try await Self.numbers([a.id], on: sql)[a.id]
            try await SearchIndex.replace(SearchIndex.Document(.product, id: a.id, name: a.name, text: a.name + " hữu cơ",
                                                               organisationID: Self.orgA, area: Self.quangNinh), on: sql)
            #expect(try await Self.numbers([a.id], on: sql)[a.id] == before)
            #expect(try await Self.pages("buoi huu co", on: sql).ids == [a.id])
            try await SearchIndex.replace(Self.product("Bưởi Tân Triều", id: a.id), on: sql)
            #expect(try await Self.pages("buoi", on: sql).ids == [b.id, a.id])
            #expect(try await Self.pages("buoi dien", on: sql).ids.isEmpty)
        }
    }

    @Test("Many records of one name keep their numbers: each batch falls among the others, not into one gap")
    func commonNames() async throws {
        try await Self.withDatabase { sql in
            let first = (0..<50).map { _ in Self.product("Trang trại gà đồi") }
            try await SearchIndex.add(first, on: sql)
            let numbers = try await Self.numbers(first.map(\.id), on: sql)
            for _ in 0..<20 { try await SearchIndex.add((0..<50).map { _ in Self.product("Trang trại gà đồi") }, on: sql) }
            #expect(try await Self.numbers(first.map(\.id), on: sql) == numbers)
            #expect(try await Self.pages("trang trai", size: 500, on: sql).totals == [1_050])
        }
    }

    @Test("Records of one name saved at the same moment each get a number of their own")
    func concurrentSaves() async throws {
        try await Self.withAppDatabase { database in
            try await SearchIndex.add([Self.product("Chè Bình Liêu")], on: database.sql)
            let documents = (0..<8).map { _ in Self.product("Chè Bình Liêu") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for document in documents {
                    group.addTask { try await database.transaction { sql in try await SearchIndex.replace(document, on: sql) } }
                }
                try await group.waitForAll()
            }
            #expect(Set(try await Self.pages("che binh lieu", on: database.sql).ids).isSuperset(of: documents.map(\.id)))
            #expect(Set(try await Self.numbers(documents.map(\.id), on: database.sql).values).count == 8)
        }
    }

    @Test("A gap without room: the documents around it are spread out, in order, and nothing is lost")
    func crowdedGap() async throws {
        try await Self.withDatabase { sql in
            let a = Self.product("Gạo Tiên Yên A"), c = Self.product("Gạo Tiên Yên C")
            try await SearchIndex.add([a, c], on: sql)
            // Squeezed together, as countless insertions at one place would leave them.
            let base = SearchIndex.DocumentNumbers.range(of: .product).lowerBound
            for (document, number) in [(a, base + 1), (c, base + 2)] {
                let row = try #require(try await sql.raw("SELECT doc, terms FROM search_documents WHERE record_id = \(bind: document.id)").first())
                let (old, terms) = (try row.decode(column: "doc", as: Int64.self), try row.decode(column: "terms", as: String.self))
                try await sql.raw("UPDATE search_documents SET doc = \(bind: number) WHERE doc = \(bind: old)").run()
                try await SearchIndex.FullText.remove(old, terms: terms, on: sql)
                try await SearchIndex.FullText.add([(number, terms)], on: sql)
            }
            let b = Self.product("Gạo Tiên Yên B")
            try await SearchIndex.add([b], on: sql)
            #expect(try await Self.pages("gao tien yen", on: sql).ids == [a.id, b.id, c.id])
            let numbers = try await Self.numbers([a.id, b.id, c.id], on: sql)
            #expect(numbers[b.id]! - numbers[a.id]! >= SearchIndex.DocumentNumbers.spreadStep
                    && numbers[c.id]! - numbers[b.id]! >= SearchIndex.DocumentNumbers.spreadStep)
        }
    }

    @Test("A record renamed again and again at one place moves only its neighbours, never the whole registry")
    func renamedAgainAndAgain() async throws {
        try await Self.withDatabase { sql in
            let far = (0..<200).map { Self.product("Bánh đa \(String(format: "%03d", $0))") }
            let before = Self.product("Zeta"), after = Self.product("Zetb")
            try await SearchIndex.add(far + [before, after], on: sql)
            let farNumbers = try await Self.numbers(far.map(\.id), on: sql)
            // Each new name falls just after the last, between "Zeta" and "Zetb": the gap halves each time.
            let moving = Self.product("Zetaa")
            try await SearchIndex.add([moving], on: sql)
            for length in 3...130 {
                try await SearchIndex.replace(Self.product("Zet" + String(repeating: "a", count: length), id: moving.id), on: sql)
            }
            #expect(try await Self.numbers(far.map(\.id), on: sql) == farNumbers)
            // "Zetb" is one slip from "zeta"; the long name is found by its own (first 24) letters.
            #expect(try await Self.pages("zeta", on: sql).ids == [before.id, after.id])
            #expect(try await Self.pages("zet" + String(repeating: "a", count: 130), on: sql).ids == [moving.id])
            let order = try await sql.raw("SELECT record_id FROM search_documents WHERE kind = 'product' AND name LIKE 'Zet%' ORDER BY doc").all()
                .map { try $0.decode(column: "record_id", as: String.self) }
            #expect(order == [before.id, moving.id, after.id])
        }
    }
}
