import NguonCore
import SQLKit

/// Where a table keeps what `Principal.scope` decides on: the place of a row and the
/// organisation it belongs to. A table without one of them has no rows in a scope that needs it.
struct ScopeColumns: Sendable {
    var province: String? = "province_code"
    var commune: String? = "commune_code"
    var organisation: String? = "organisation_id"

    static let organisations = ScopeColumns(organisation: "id")
    static let organisationOwned = ScopeColumns(province: nil, commune: nil)
}

extension RecordScope {
    /// The WHERE condition for the rows this scope reaches: nil when it reaches every row.
    /// `.nothing` is refused here, before any SQL runs.
    func condition(_ columns: ScopeColumns) throws(AccessDenied) -> (any SQLExpression)? {
        switch self {
        case .everything:
            return nil
        case .nothing:
            throw AccessDenied.forbidden
        case .organisation(let id):
            guard let column = columns.organisation else { return SQLLiteral.boolean(false) }
            return SQLBinaryExpression(Self.column(column), .equal, SQLBind(id))
        case .area(let area):
            guard let provinceColumn = columns.province else { return SQLLiteral.boolean(false) }
            let province = SQLBinaryExpression(Self.column(provinceColumn), .equal, SQLBind(area.province))
            guard let commune = area.commune else { return province }
            guard let communeColumn = columns.commune else { return SQLLiteral.boolean(false) }
            return SQLBinaryExpression(province, .and, SQLBinaryExpression(Self.column(communeColumn), .equal, SQLBind(commune)))
        }
    }

    /// "table.column" names a column of a joined table (its alias); a plain name, the query's own.
    private static func column(_ name: String) -> SQLColumn {
        let parts = name.split(separator: ".", maxSplits: 1)
        return parts.count == 2 ? SQLColumn(String(parts[1]), table: String(parts[0])) : SQLColumn(name)
    }
}

extension SQLSelectBuilder {
    /// Only the rows `principal` may `mode` on `resource`; refuses (403) when it may not at all.
    func scoped(to principal: Principal, _ resource: Resource, _ mode: AccessMode, columns: ScopeColumns) throws(AccessDenied) -> Self {
        guard let condition = try principal.scope(for: resource, mode).condition(columns) else { return self }
        return self.where(condition)
    }
}

extension SQLRow {
    /// A row as a record type whose properties are its columns in camel case (`taxCode` for
    /// `tax_code`, `actorID` for `actor_id`): one decoding for every repository, no column names
    /// repeated by hand.
    func record<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try decode(model: T.self, keyDecodingStrategy: .custom { path in
            SomeCodingKey(stringValue: SQLRowColumns.column(forProperty: path.last?.stringValue ?? ""))
        })
    }
}

/// How record properties name their columns: `taxCode` → `tax_code`, `actorID` → `actor_id`,
/// `previousHash` → `previous_hash`. A run of capitals is one word (SQLKit's own conversion
/// would make `actor_i_d`, and an optional property would then silently read as nil).
enum SQLRowColumns {
    static func column(forProperty name: String) -> String {
        var column = ""
        var previousWasUpper = false
        for (index, character) in name.enumerated() {
            if character.isUppercase {
                if index > 0 && !previousWasUpper { column.append("_") }
                column += character.lowercased()
                previousWasUpper = true
            } else {
                column.append(character)
                previousWasUpper = false
            }
        }
        return column
    }
}
