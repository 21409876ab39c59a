import SQLKit

extension SearchIndex {
    /// Each kind's documents are numbered in a range of their own, in the order lists sort records
    /// (name, then record id), with room between them: a new document takes a number inside the
    /// gap where it falls. Records of one name fall among each other by their random ids, so many
    /// records of a common name do not crowd one gap.
    /// The full-text index lists a term's documents by number, so a search reads its matches in
    /// name order and stops after a page, instead of sorting every match (50 ms for 50,000).
    /// When a gap has no room left, which 2^56 numbers make rare, the kind is numbered anew.
    enum DocumentNumbers {
        static let span: Int64 = 1 << 56

        static func range(of kind: Kind) -> ClosedRange<Int64> {
            let code: Int64 = switch kind { case .organisation: 1; case .facility: 2; case .product: 3 }
            return (code * span)...(code * span + span - 1)
        }

        /// Free numbers for new documents, in the order given. Documents falling in one gap between
        /// existing ones are spread evenly over it, in order.
        static func place(_ documents: [(name: String, id: String)], kind: Kind, on sql: any SQLDatabase,
                          renumbered: Bool = false) async throws -> [Int64] {
            let range = range(of: kind)
            let order = documents.indices.sorted { (documents[$0].name, documents[$0].id) < (documents[$1].name, documents[$1].id) }
            // The number of the document each follows (nil: before the first); the database
            // decides what follows what, as it orders names.
            var gaps: [Int64?: [Int]] = [:]
            var ends: [Int64?: Int64?] = [:]
            if try await sql.raw("SELECT doc FROM search_documents WHERE doc BETWEEN \(bind: range.lowerBound) AND \(bind: range.upperBound) LIMIT 1").first() == nil {
                gaps[nil] = order
            } else {
                // A few hundred names a query: each name's predecessor, and the number after it.
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
                    guard !renumbered else { throw SearchIndexFull() }
                    try await renumber(kind, on: sql)
                    return try await place(documents, kind: kind, on: sql, renumbered: true)
                }
                let step = (high - low) / Int64(members.count + 1)
                for (position, member) in members.enumerated() { numbers[member] = low + step * Int64(position + 1) }
            }
            return numbers
        }

        /// Numbers the kind's documents evenly over its range, in order.
        static func renumber(_ kind: Kind, on sql: any SQLDatabase) async throws {
            let range = range(of: kind)
            let docs = try await sql.raw("SELECT doc FROM search_documents WHERE kind = \(bind: kind.rawValue) ORDER BY name, record_id").all()
                .map { try $0.decode(column: "doc", as: Int64.self) }
            // Out of the way first: no document has a negative number.
            try await sql.raw("UPDATE search_documents SET doc = -doc WHERE doc BETWEEN \(bind: range.lowerBound) AND \(bind: range.upperBound)").run()
            let step = span / Int64(docs.count + 1)
            for (position, doc) in docs.enumerated() {
                try await sql.update("search_documents").set("doc", to: SQLBind(range.lowerBound + step * Int64(position + 1)))
                    .where("doc", .equal, SQLBind(-doc)).run()
            }
            try await FullText.rebuild(on: sql)
        }
    }

    struct SearchIndexFull: Error, CustomStringConvertible {
        var description: String { "the search index has no room left for these documents" }
    }
}
