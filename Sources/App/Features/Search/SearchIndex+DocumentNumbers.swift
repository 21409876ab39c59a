import SQLKit

extension SearchIndex {
    /// Each kind's documents are numbered in a range of their own, in the order lists sort records
    /// (name, then record id), with room between them: a new document takes a number inside the
    /// gap where it falls. Records of one name fall among each other by their random ids, so many
    /// records of a common name do not crowd one gap.
    /// The full-text index lists a term's documents by number, so a search reads its matches in
    /// name order and stops after a page, instead of sorting every match (50 ms for 50,000).
    /// Names arriving again and again at one place (a record renamed back and forth) halve its gap
    /// each time; when a gap has too little room, the documents around it are spread out, over
    /// the smallest neighbourhood with room to spare (as order-maintenance lists do), so the cost
    /// stays local however large the registry.
    enum DocumentNumbers {
        static let span: Int64 = 1 << 56
        /// The least room a spread leaves between neighbours: 20 more halvings before the next.
        static let spreadStep: Int64 = 1 << 20

        static func range(of kind: Kind) -> ClosedRange<Int64> {
            let code: Int64 = switch kind { case .organisation: 1; case .facility: 2; case .product: 3 }
            return (code * span)...(code * span + span - 1)
        }

        /// Free numbers for new documents, in the order given. Documents falling in one gap between
        /// existing ones are spread evenly over it, in order.
        static func place(_ documents: [(name: String, id: String)], kind: Kind, on sql: any SQLDatabase) async throws -> [Int64] {
            // One transaction at a time: two saves placing names in one gap would choose one number.
            // (SQLite has one writer anyway; on PostgreSQL the audit log's turn serves.)
            if sql.dialect.name == "postgresql" { try await AuditLog.takeTurn(on: sql) }
            // Each spread makes room for a crowded gap; the next pass finds the room.
            for _ in 0..<64 {
                if let numbers = try await tryPlace(documents, kind: kind, on: sql) { return numbers }
            }
            throw SearchIndexFull()
        }

        /// The numbers, or nil after spreading out the documents around a gap without room.
        private static func tryPlace(_ documents: [(name: String, id: String)], kind: Kind, on sql: any SQLDatabase) async throws -> [Int64]? {
            let range = range(of: kind)
            let order = documents.indices.sorted { (documents[$0].name, documents[$0].id) < (documents[$1].name, documents[$1].id) }
            // The number of the document each follows (nil: before the first); the database
            // decides what follows what, as it orders names.
            var gaps: [Int64?: [Int]] = [:]
            var ends: [Int64?: Int64?] = [:]
            if try await sql.raw("SELECT doc FROM search_documents WHERE doc BETWEEN \(bind: range.lowerBound) AND \(bind: range.upperBound) LIMIT 1").first() == nil {
                gaps[nil] = order
            } else {
                // A few hundred at a query: each one's predecessor, and the number after it.
                for chunk in order.chunked(into: 300) {
                    var values: [SQLQueryString] = []
                    for index in chunk { values.append("(\(bind: index), \(bind: documents[index].name), \(bind: documents[index].id))") }
                    let rows = try await sql.raw("""
                        WITH incoming (position, name, id) AS (VALUES \(values.joined(separator: ", "))),
                        placed AS (SELECT incoming.position, (SELECT doc FROM search_documents WHERE kind = \(bind: kind.rawValue)
                                                                AND (name, record_id) < (incoming.name, incoming.id)
                                                              ORDER BY name DESC, record_id DESC LIMIT 1) AS after FROM incoming)
                        SELECT placed.position, placed.after,
                               (SELECT min(doc) FROM search_documents WHERE doc > coalesce(placed.after, \(bind: range.lowerBound - 1))
                                  AND doc <= \(bind: range.upperBound)) AS following
                        FROM placed
                        """).all()
                    var after: [Int: Int64?] = [:]
                    for row in rows {
                        let gap = try row.decode(column: "after", as: Int64?.self)
                        after[try row.decode(column: "position", as: Int.self)] = gap
                        ends[gap] = .some(try row.decode(column: "following", as: Int64?.self))
                    }
                    for index in chunk { gaps[after[index] ?? nil, default: []].append(index) }
                }
            }
            var numbers = [Int64](repeating: 0, count: documents.count)
            for (after, members) in gaps {
                let low = after ?? range.lowerBound - 1
                let high = (ends[after] ?? nil) ?? range.upperBound + 1
                guard high - low > Int64(members.count) else {
                    try await spread(low: low, high: high, room: members.count, kind: kind, on: sql)
                    return nil
                }
                let step = (high - low) / Int64(members.count + 1)
                for (position, member) in members.enumerated() { numbers[member] = low + step * Int64(position + 1) }
            }
            return numbers
        }

        /// Spreads the documents on both sides of the gap between `low` and `high` (exclusive
        /// numbers) evenly over their neighbourhood, leaving `room` places in the gap, each at
        /// least `spreadStep` apart. The neighbourhood doubles until it has that much room.
        static func spread(low: Int64, high: Int64, room: Int, kind: Kind, on sql: any SQLDatabase) async throws {
            let range = range(of: kind)
            var width = 8
            while true {
                // `width` documents on each side, and the one beyond, which bounds the neighbourhood.
                let left = try await sql.raw("""
                    SELECT doc, terms FROM search_documents WHERE doc <= \(bind: low) AND doc >= \(bind: range.lowerBound)
                    ORDER BY doc DESC LIMIT \(bind: width + 1)
                    """).all().map { (doc: try $0.decode(column: "doc", as: Int64.self), terms: try $0.decode(column: "terms", as: String.self)) }
                let right = try await sql.raw("""
                    SELECT doc, terms FROM search_documents WHERE doc >= \(bind: high) AND doc <= \(bind: range.upperBound)
                    ORDER BY doc LIMIT \(bind: width + 1)
                    """).all().map { (doc: try $0.decode(column: "doc", as: Int64.self), terms: try $0.decode(column: "terms", as: String.self)) }
                let lower = left.count > width ? left[width].doc : range.lowerBound - 1
                let upper = right.count > width ? right[width].doc : range.upperBound + 1
                let moving = Array(left.prefix(width).reversed()) + Array(right.prefix(width))
                let step = (upper - lower) / Int64(moving.count + room + 1)
                guard step >= spreadStep else {
                    guard left.count > width || right.count > width else { throw SearchIndexFull() }
                    width *= 2
                    continue
                }
                // Out of the way first (no document has a negative number), then in place; the
                // gap's room lies between the left side and the right.
                let leftCount = min(left.count, width)
                for document in moving {
                    try await sql.update("search_documents").set("doc", to: SQLBind(-document.doc)).where("doc", .equal, SQLBind(document.doc)).run()
                    try await FullText.remove(document.doc, terms: document.terms, on: sql)
                }
                var moved: [(doc: Int64, terms: String)] = []
                for (position, document) in moving.enumerated() {
                    let slot = Int64(position < leftCount ? position + 1 : position + 1 + room)
                    let number = lower + step * slot
                    try await sql.update("search_documents").set("doc", to: SQLBind(number)).where("doc", .equal, SQLBind(-document.doc)).run()
                    moved.append((number, document.terms))
                }
                try await FullText.add(moved, on: sql)
                return
            }
        }
    }

    struct SearchIndexFull: Error, CustomStringConvertible {
        var description: String { "the search index has no room left for these documents" }
    }
}
