import App
import Foundation
import GS1
import Logging
import NguonCore
import SQLKit

/// `nguon bench search --products N --queries Q`: N products of a few producers, each under its
/// own GS1 prefix, written straight into `products` and indexed by `SearchIndex.add` (as an
/// import indexes them), then Q searches of one to
/// three words, typed with accents, without, or with one slip, through `RegistryList.rows`:
/// what `/quan-tri/san-pham?q=…` runs for an administrator (first page of 50 and the count).
extension RegistryBenchmark {
    public struct SearchReport: Encodable, Sendable {
        public struct Matches: Encodable, Sendable {
            let median: Int
            let p99: Int
            let max: Int
            /// Queries that found nothing (a slip in a word under four letters is not forgiven).
            let none: Int
        }

        public struct Slow: Encodable, Sendable {
            let query: String
            let ms: Double
            let matches: Int
        }

        let products: Int
        let organisations: Int
        let prefixes: [String]
        /// Rows of the index: a document per product, and the typo keys of every distinct term.
        let documents: Int
        let termKeys: Int
        let loadSeconds: Double
        let productsPerSecond: Double
        let queries: Int
        let warmUpQueries: Int
        let pageSize: Int
        let latency: Latency
        /// "accented" as typed with marks, "unaccented" without, "typo" without and one slip.
        let byVariant: [String: Latency]
        let byWords: [String: Latency]
        let matches: Matches
        let slowest: [Slow]
        /// Whether ANALYZE ran after loading (`--analyze`; the server itself never runs it).
        let analyzed: Bool
        let databaseMB: Double
        /// Resident peak of the whole run (VmHWM), and the query phase's peaks sampled every
        /// 10 ms: anonymous (heap) and file-backed (memory-mapped database pages).
        let peakMemoryMB: Double
        let queryPhaseMemory: MemorySampler.Peaks
    }

    /// The producers and their prefixes (fictional, in GS1 Vietnam's 893 range).
    static let searchProducers: [(name: String, prefix: String)] = [
        ("Công ty Cổ phần Thực phẩm Hạ Long", "8936001"), ("HTX Rau an toàn Đông Triều", "8936002"),
        ("Công ty TNHH Hải sản Vân Đồn", "8936003"), ("HTX Nước mắm Cái Rồng", "8936004"), ("HTX Chè Bình Liêu", "8936005"),
        ("Công ty TNHH Nông sản Quảng Yên", "8936006"), ("HTX Bưởi Phúc Trạch", "8936007"), ("Công ty CP Gạo Tiên Yên", "8936008"),
        ("HTX Mật ong Ba Chẽ", "8936009"), ("Công ty TNHH Đặc sản Cô Tô", "8936010"),
    ]

    /// `analyze` runs ANALYZE after loading, so the query planner has the statistics a server
    /// that ran `PRAGMA optimize` would have; without it the figures are today's server's.
    public static func runSearch(products count: Int, queries: Int, analyze: Bool = false, keep: String? = nil,
                                 logger: Logger) async throws -> SearchReport {
        try await withTemporaryDatabase(keep: keep, logger: logger) { database, path in
            let communes = try await communes(in: database)
            var data = RegistryBenchData(seed: 25)
            let clock = ContinuousClock()
            let start = clock.now
            let names = try await loadProducts(count, communes: communes, data: &data, database: database)
            let loadSeconds = seconds(clock.now - start)
            // The log copied into the database file, as the server's checkpointer does after an
            // import this size: searches then read the file (memory-mapped), not the log.
            try await database.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            if analyze { try await database.sql.raw("ANALYZE").run() }

            let admin = Principal(id: "bench-admin", name: "Quản trị (benchmark)", role: .admin)
            let units = Repositories(database: database).units
            func search(_ text: String) async throws -> (Double, Int) {
                let t0 = clock.now
                let (_, total) = try await RegistryList.rows(.products, filter: .init(search: text), principal: admin, database: database,
                                                            units: units, limit: RegistryList.Filter.pageSize, offset: 0)
                return (seconds(clock.now - t0) * 1000, total)
            }
            // Warm-up on other queries: the page cache and prepared plans, as a running server has them.
            var warmGenerator = RegistryBenchData(seed: 99)
            let warmUp = min(200, max(20, queries / 10))
            for _ in 0..<warmUp { _ = try await search(makeQuery(from: names, variant: .accented, data: &warmGenerator).text) }

            let sampler = MemorySampler()
            var generator = RegistryBenchData(seed: 7)
            var all: [Double] = []
            var byVariant: [String: [Double]] = [:]
            var byWords: [String: [Double]] = [:]
            var totals: [Int] = []
            var slow: [SearchReport.Slow] = []
            for n in 0..<queries {
                let variant = QueryVariant.allCases[n % QueryVariant.allCases.count]
                let query = makeQuery(from: names, variant: variant, data: &generator)
                let (ms, total) = try await search(query.text)
                all.append(ms)
                byVariant[variant.rawValue, default: []].append(ms)
                byWords["\(query.words)", default: []].append(ms)
                totals.append(total)
                slow.append(.init(query: query.text, ms: round3(ms), matches: total))
            }
            let queryMemory = sampler.stop()
            let sortedTotals = totals.sorted()
            func totalAt(_ p: Double) -> Int { sortedTotals.isEmpty ? 0 : sortedTotals[min(sortedTotals.count - 1, Int(p * Double(sortedTotals.count)))] }
            return SearchReport(
                products: count, organisations: searchProducers.count, prefixes: searchProducers.map(\.prefix),
                documents: try await RegistryBenchmark.count("SELECT count(*) AS n FROM search_documents WHERE kind = 'product'", in: database),
                termKeys: try await RegistryBenchmark.count("SELECT count(*) AS n FROM search_terms", in: database),
                loadSeconds: round3(loadSeconds), productsPerSecond: (Double(count) / loadSeconds).rounded(),
                queries: queries, warmUpQueries: warmUp, pageSize: RegistryList.Filter.pageSize,
                latency: Latency(all), byVariant: byVariant.mapValues(Latency.init), byWords: byWords.mapValues(Latency.init),
                matches: .init(median: totalAt(0.5), p99: totalAt(0.99), max: sortedTotals.last ?? 0, none: totals.filter { $0 == 0 }.count),
                slowest: Array(slow.sorted { $0.ms > $1.ms }.prefix(8)), analyzed: analyze, databaseMB: databaseMB(path),
                peakMemoryMB: ProcessMemory.peakMB(), queryPhaseMemory: queryMemory)
        }
    }

    /// A product to write: its owner (by index), GTIN and label text.
    struct ProductSpec: Sendable {
        let owner: Int
        let gtin: String
        let text: RegistryBenchData.ProductText
    }

    /// Writes the producers, their prefixes and `count` products, indexed, in one transaction,
    /// 2,000 products at a time; returns the product names (the queries' vocabulary).
    static func loadProducts(_ count: Int, communes: [RegistryBenchData.Commune], data: inout RegistryBenchData,
                             database: AppDatabase) async throws -> [String] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let owners = searchProducers.map { _ in UUID().uuidString.lowercased() }
        var organisations: [[any SQLExpression]] = []
        var areas: [AdminArea] = []
        var prefixes: [[any SQLExpression]] = []
        for (serial, producer) in searchProducers.enumerated() {
            let commune = data.pick(communes)
            areas.append(AdminArea(province: province, commune: commune.code))
            let taxCode = RegistryBenchData.taxCode(900_000 + serial)
            organisations.append([SQLBind(owners[serial]), SQLBind(producer.name), SQLBind(taxCode), SQLBind(province), SQLBind(commune.code),
                                  SQLBind(data.address(in: commune)), SQLBind(SearchText.fold([producer.name, taxCode].joined(separator: " "))),
                                  SQLBind(now), SQLBind(now)])
            prefixes.append([SQLBind(producer.prefix), SQLBind(owners[serial]), SQLBind(province), SQLBind("Tiền tố riêng (benchmark)"), SQLBind(now)])
        }
        // Each producer's items are numbered from 0 under its own prefix, so every GTIN is unique.
        var references = Array(repeating: 0, count: searchProducers.count)
        var specs: [ProductSpec] = []
        specs.reserveCapacity(count)
        for _ in 0..<count {
            let owner = data.number(0...(searchProducers.count - 1))
            specs.append(ProductSpec(owner: owner, gtin: RegistryBenchData.gtin(prefix: searchProducers[owner].prefix, reference: references[owner]),
                                     text: data.product()))
            references[owner] += 1
        }
        guard references.allSatisfy({ $0 < 100_000 }) else { throw BenchError(description: "more products than a 7-digit prefix holds") }
        try await database.db.transaction { [organisations, prefixes, specs, areas] db in
            guard let sql = db as? any SQLDatabase else { throw BenchError(description: "the database does not speak SQL") }
            try await sql.insert(into: "organisations")
                .columns("id", "name", "tax_code", "province_code", "commune_code", "address", "search_text", "created_at", "updated_at")
                .rows(organisations).run()
            try await sql.insert(into: "gs1_prefixes").columns("prefix", "organisation_id", "province_code", "note", "created_at")
                .rows(prefixes).run()
            for chunk in stride(from: 0, to: specs.count, by: 2_000) {
                var rows: [[any SQLExpression]] = []
                var indexed: [SearchIndex.Document] = []
                for spec in specs[chunk..<min(chunk + 2_000, specs.count)] {
                    let id = UUID().uuidString.lowercased()
                    let product = spec.text
                    // As `Product.searchText`: names, brand, GTIN.
                    let text = [product.name, product.nameEn ?? "", product.brand ?? "", spec.gtin].joined(separator: " ")
                    rows.append([SQLBind(id), SQLBind(owners[spec.owner]), SQLBind(spec.gtin), SQLBind(product.name), SQLBind(product.nameEn),
                                 SQLBind(product.category), SQLBind(product.netContent), SQLBind(product.netUnit), SQLBind(product.shelfLifeDays),
                                 SQLBind(product.brand), SQLBind(SearchText.fold(text)), SQLBind(now), SQLBind(now)])
                    indexed.append(SearchIndex.Document(.product, id: id, name: product.name, text: text, organisationID: owners[spec.owner],
                                                        area: areas[spec.owner]))
                }
                try await sql.insert(into: "products")
                    .columns("id", "organisation_id", "gtin", "name", "name_en", "category", "net_content", "net_unit", "shelf_life_days",
                             "brand", "search_text", "created_at", "updated_at")
                    .rows(rows).run()
                try await SearchIndex.add(indexed, on: sql)
            }
            try await SearchIndex.compact(on: sql)
        }
        return specs.map(\.text.name)
    }

    enum QueryVariant: String, CaseIterable {
        case accented, unaccented, typo
    }

    /// One to three neighbouring words of a product's name, as someone would type them: with
    /// marks, without, or without and with one slip (a letter dropped, doubled, swapped with its
    /// neighbour or replaced) in a word of four letters or more, the length search forgives.
    static func makeQuery(from names: [String], variant: QueryVariant, data: inout RegistryBenchData) -> (text: String, words: Int) {
        while true {
            let words = data.pick(names).split(separator: " ").map(String.init)
            let length = min(words.count, data.number(1...3))
            let first = data.number(0...(words.count - length))
            var chosen = Array(words[first..<(first + length)])
            switch variant {
            case .accented:
                return (chosen.joined(separator: " "), length)
            case .unaccented:
                return (SearchText.fold(chosen.joined(separator: " ")), length)
            case .typo:
                chosen = chosen.map(SearchText.fold)
                let long = chosen.indices.filter { chosen[$0].count >= SearchText.typoMinimumLength && chosen[$0].allSatisfy(\.isLetter) }
                guard !long.isEmpty else { continue }
                let index = data.pick(long)
                var letters = Array(chosen[index])
                let at = data.number(0...(letters.count - 2))
                switch data.number(0...3) {
                case 0: letters.remove(at: at)
                case 1: letters.insert(letters[at], at: at)
                case 2: letters.swapAt(at, at + 1)
                default: letters[at] = letters[at] == "a" ? "s" : "a"
                }
                chosen[index] = String(letters)
                return (chosen.joined(separator: " "), length)
            }
        }
    }
}
