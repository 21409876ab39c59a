import NguonCore
import SQLKit

/// The search index of the registry, as a search engine keeps one: a document per record in
/// `search_documents` (its terms: folded words plus tokens saying whose it is and where; its
/// number: what kind of record it is and its place in name order, `DocumentNumbers`), and each
/// term's typo keys once for the whole registry in `search_terms`. A query word becomes the terms it shares a key with; the database finds
/// the documents holding one of each word's terms and the scope's tokens, from sorted integer
/// lists (FTS5 on SQLite, a GIN index on PostgreSQL). A record's document is written in the
/// transaction that writes the record.
package enum SearchIndex {
    package enum Kind: String, Sendable {
        case organisation, facility, product
    }

    /// What the index holds of one record.
    package struct Document: Sendable {
        let kind: Kind
        let id: String
        /// Sorts the matches, as lists sort records.
        let name: String
        /// The record's distinct folded words.
        let words: Set<String>
        /// The organisation the record belongs to (an organisation's own id).
        let organisationID: String
        /// Where it lies: a product lies where its organisation does.
        let area: AdminArea

        package init(_ kind: Kind, id: String, name: String, text: String, organisationID: String, area: AdminArea) {
            (self.kind, self.id, self.name, self.organisationID, self.area) = (kind, id, name, organisationID, area)
            words = SearchText.terms(text)
        }

        /// The document's tokens and terms, space-separated.
        var terms: String {
            var tokens = [Token.organisation(organisationID), Token.province(area.province)]
            if let commune = area.commune { tokens.append(Token.commune(commune)) }
            return (tokens + words.sorted()).joined(separator: " ")
        }
    }

    /// Tokens that place a document. Each starts with "§", which no word holds (words are letters
    /// and digits), so a query can never forge one.
    enum Token {
        /// Ids are written as hex so any id is one token (migration 012 writes them alike).
        static func organisation(_ id: String) -> String {
            let digits = Array("0123456789abcdef".utf8)
            var hex: [UInt8] = Array("§o".utf8)
            for byte in id.utf8 { hex += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
            return String(decoding: hex, as: UTF8.self)
        }
        static func province(_ code: String) -> String { "§p" + code }
        static func commune(_ code: String) -> String { "§c" + code }

        /// The tokens a record in `scope` holds; nil when the scope holds nothing.
        static func within(_ scope: RecordScope) -> [String]? {
            switch scope {
            case .everything: []
            case .nothing: nil
            case .organisation(let id): [organisation(id)]
            case .area(let area): [province(area.province)] + (area.commune.map { [commune($0)] } ?? [])
            }
        }

        /// The token of a unit filter: a commune (5 digits) or a province (2 digits).
        static func unit(_ code: String) -> String { code.count == 2 ? province(code) : commune(code) }
    }

    /// Words a search uses; more are ignored (a name is found by its first few words).
    static let maxQueryWords = 6
    /// Terms a query word stands for: itself and the nearest of those one typo away.
    static let maxTermsPerWord = 64

    /// Indexes one record anew. An edit that keeps the name keeps the document's place.
    static func replace(_ document: Document, on sql: any SQLDatabase) async throws {
        try await addTerms(document.words, on: sql)
        let kind = document.kind.rawValue
        let old = try await sql.raw("SELECT doc, name, terms, created FROM search_documents WHERE kind = \(bind: kind) AND record_id = \(bind: document.id)").first()
        var created = Millis.now()
        if let old {
            let doc = try old.decode(column: "doc", as: Int64.self)
            if try old.decode(column: "name", as: String.self) == document.name {
                try await setTerms(doc, from: try old.decode(column: "terms", as: String.self), to: document.terms, on: sql)
                return
            }
            created = try old.decode(column: "created", as: Int64.self)
            try await sql.delete(from: "search_documents").where("doc", .equal, SQLBind(doc)).run()
            try await FullText.remove(doc, terms: try old.decode(column: "terms", as: String.self), on: sql)
        }
        try await insert([document], created: created, on: sql)
    }

    /// Indexes new records: the keys of terms the registry has not seen yet, then a document each.
    package static func add(_ documents: [Document], on sql: any SQLDatabase) async throws {
        var terms = Set<String>()
        for document in documents { terms.formUnion(document.words) }
        try await addTerms(terms, on: sql)
        for kind in Set(documents.map(\.kind)) {
            try await insert(documents.filter { $0.kind == kind }, created: Millis.now(), on: sql)
        }
    }

    /// Writes documents of one kind, each numbered in its place by name among the kind's
    /// documents (`DocumentNumbers`), so the full-text index, which lists documents by number,
    /// gives matches in name order without sorting them.
    private static func insert(_ documents: [Document], created: Int64, on sql: any SQLDatabase) async throws {
        guard let kind = documents.first?.kind else { return }
        let numbered = try await DocumentNumbers.place(documents.map { ($0.name, $0.id) }, kind: kind, on: sql)
        let entries = zip(numbered, documents).map { (doc: $0, document: $1, terms: $1.terms) }.sorted { $0.doc < $1.doc }
        for chunk in entries.chunked(into: 200) {
            try await sql.insert(into: "search_documents").columns("doc", "kind", "record_id", "name", "terms", "created")
                .rows(chunk.map { [SQLBind($0.doc), SQLBind(kind.rawValue), SQLBind($0.document.id), SQLBind($0.document.name), SQLBind($0.terms), SQLBind(created)] })
                .run()
        }
        try await FullText.add(entries.map { ($0.doc, $0.terms) }, on: sql)
    }

    private static func setTerms(_ doc: Int64, from old: String, to new: String, on sql: any SQLDatabase) async throws {
        guard old != new else { return }
        try await sql.update("search_documents").set("terms", to: SQLBind(new)).where("doc", .equal, SQLBind(doc)).run()
        try await FullText.remove(doc, terms: old, on: sql)
        try await FullText.add([(doc, new)], on: sql)
    }

    /// Places the products of an organisation where it now lies.
    static func move(productsOf organisationID: String, to area: AdminArea, on sql: any SQLDatabase) async throws {
        let rows = try await sql.raw("""
            SELECT doc, terms FROM search_documents WHERE kind = 'product'
              AND record_id IN (SELECT id FROM products WHERE organisation_id = \(bind: organisationID))
            """).all()
        let place = [Token.province(area.province)] + (area.commune.map { [Token.commune($0)] } ?? [])
        for row in rows {
            let old = try row.decode(column: "terms", as: String.self)
            let kept = old.split(separator: " ").filter { !$0.hasPrefix("§p") && !$0.hasPrefix("§c") }.map(String.init)
            try await setTerms(try row.decode(column: "doc", as: Int64.self), from: old, to: (place + kept).joined(separator: " "), on: sql)
        }
    }

    /// Documents added at least this many at a time are worth merging the index for.
    static let compactAfter = 1_000

    /// SQLite's full-text index of the documents' terms (FTS5, over `search_documents`), kept
    /// here rather than by triggers: FTS5 writes out what it holds at the end of every
    /// statement, and an import's documents written 200 at a time made hundreds of small
    /// segments, half the import's time. PostgreSQL's GIN index over the terms keeps itself.
    enum FullText {
        static func add(_ entries: [(doc: Int64, terms: String)], on sql: any SQLDatabase) async throws {
            guard sql.dialect.name == "sqlite" else { return }
            // In ascending number (FTS5 starts a segment whenever a number goes down), thousands a statement.
            for chunk in entries.sorted(by: { $0.doc < $1.doc }).chunked(into: 4_000) {
                let values: [SQLQueryString] = chunk.map { "(\(bind: $0.doc), \(bind: $0.terms))" }
                try await sql.raw("INSERT INTO search_fts (rowid, terms) VALUES " + values.joined(separator: ", ")).run()
            }
        }

        /// An external-content FTS5 table forgets a document given the terms it was indexed with.
        static func remove(_ doc: Int64, terms: String, on sql: any SQLDatabase) async throws {
            guard sql.dialect.name == "sqlite" else { return }
            try await sql.raw("INSERT INTO search_fts (search_fts, rowid, terms) VALUES ('delete', \(bind: doc), \(bind: terms))").run()
        }
    }

    /// Merges the full-text index into one segment, as after a large import: reading a term
    /// from dozens of segments made searches five times slower (0.4 s for 100,000 products).
    package static func compact(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run()
    }

    /// Writes the typo keys of each term not yet known. A term is known by its own key (every
    /// term is a key of itself); two writers adding one term at once both succeed.
    private static func addTerms(_ terms: Set<String>, on sql: any SQLDatabase) async throws {
        var new = terms
        for chunk in Array(terms).chunked(into: 500) {
            for row in try await sql.raw("SELECT term FROM search_terms WHERE variant IN (\(binds: Array(chunk))) AND term = variant").all() {
                new.remove(try row.decode(column: "term", as: String.self))
            }
        }
        var keys: [(variant: String, term: String)] = []
        for term in new { for variant in SearchText.keys(ofWord: term) { keys.append((variant, term)) } }
        keys.sort { $0.variant != $1.variant ? $0.variant < $1.variant : $0.term < $1.term }
        for chunk in keys.chunked(into: 400) {
            try await sql.insert(into: "search_terms").columns("variant", "term")
                .rows(chunk.map { [SQLBind($0.variant), SQLBind($0.term)] })
                .ignoringConflicts(with: ["variant", "term"])
                .run()
        }
    }

    /// The distinct words of a query that a search uses.
    static func queryWords(_ query: String) -> [String] {
        var seen = Set<String>()
        return Array(SearchText.words(query).filter { seen.insert($0).inserted }.prefix(maxQueryWords))
    }

    package enum Order: Sendable {
        /// By name, as lists sort.
        case name
        /// Most recently created first.
        case newest
    }

    /// A page of matches, in order, and how many match in all (counted to one past `countCap`).
    package struct Found: Sendable, Equatable {
        package let ids: [String]
        package let total: Int
    }

    /// The `kind` records in `scope` (and in `unit`, a commune or province code, when given) that
    /// hold every word of `query`, accents ignored and one typo forgiven per word of four letters
    /// or more; nil when the query has no words.
    static func search(_ kind: Kind, _ query: String, in scope: RecordScope, unit: String? = nil, order: Order = .name,
                       limit: Int, offset: Int = 0, countCap: Int, on sql: any SQLDatabase) async throws -> Found? {
        let words = queryWords(query)
        guard !words.isEmpty else { return nil }
        guard var required = Token.within(scope) else { return Found(ids: [], total: 0) }
        if let unit { required.append(Token.unit(unit)) }
        guard let alternatives = try await terms(near: words, on: sql) else { return Found(ids: [], total: 0) }

        let numbers = DocumentNumbers.range(of: kind)
        let sqlite = sql.dialect.name == "sqlite"
        // What is counted, and (joined to the documents) what is listed.
        var counted: SQLQueryString
        let from: SQLQueryString
        if sqlite {
            func quoted(_ token: String) -> String { "\"" + token.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
            let match = (required.map(quoted) + alternatives.map { "(" + $0.map(quoted).joined(separator: " OR ") + ")" })
                .joined(separator: " AND ")
            // The full-text index gives matches in number order, which is name order.
            let condition: SQLQueryString = """
                search_fts MATCH \(bind: match) AND search_fts.rowid BETWEEN \(bind: numbers.lowerBound) AND \(bind: numbers.upperBound)
                """
            counted = "search_fts WHERE " + condition
            from = "search_fts CROSS JOIN search_documents d ON d.doc = search_fts.rowid WHERE " + condition
        } else {
            counted = "search_documents d WHERE d.doc BETWEEN \(bind: numbers.lowerBound) AND \(bind: numbers.upperBound)"
            if !required.isEmpty {
                counted += " AND string_to_array(d.terms, ' ') @> string_to_array(\(bind: required.joined(separator: " ")), ' ')"
            }
            for terms in alternatives {
                counted += " AND string_to_array(d.terms, ' ') && string_to_array(\(bind: terms.joined(separator: " ")), ' ')"
            }
            from = counted
        }
        let sorted: SQLQueryString = switch order {
        case .name: sqlite ? " ORDER BY search_fts.rowid" : " ORDER BY d.name, d.record_id"
        case .newest: " ORDER BY d.created DESC, d.doc DESC"
        }
        let ids = try await sql.raw("SELECT d.record_id FROM " + from + sorted + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            .map { try $0.decode(column: "record_id", as: String.self) }
        // A first page that is not full holds every match: no need to count them.
        if offset == 0 && ids.count < limit { return Found(ids: ids, total: ids.count) }
        let total = try await sql.raw("SELECT count(*) AS n FROM (SELECT 1 FROM " + counted + " LIMIT \(bind: countCap + 1)) counted").first()?
            .decode(column: "n", as: Int.self) ?? 0
        return Found(ids: ids, total: total)
    }

    /// For each query word, the indexed terms within one typo of it: the word itself first, then
    /// the nearest by length; nil when a word has none (nothing can match).
    private static func terms(near words: [String], on sql: any SQLDatabase) async throws -> [[String]]? {
        let keys = words.map { SearchText.keys(ofWord: $0) }
        var termsOfKey: [String: [String]] = [:]
        for row in try await sql.raw("SELECT variant, term FROM search_terms WHERE variant IN (\(binds: Array(Set(keys.joined()))))").all() {
            termsOfKey[try row.decode(column: "variant", as: String.self), default: []].append(try row.decode(column: "term", as: String.self))
        }
        var alternatives: [[String]] = []
        for (word, keys) in zip(words, keys) {
            let found = Set(keys.flatMap { termsOfKey[$0] ?? [] })
            guard !found.isEmpty else { return nil }
            let nearest = found.sorted {
                ($0 == word ? 0 : 1, abs($0.count - word.count), $0) < ($1 == word ? 0 : 1, abs($1.count - word.count), $1)
            }
            alternatives.append(Array(nearest.prefix(maxTermsPerWord)))
        }
        return alternatives
    }
}
