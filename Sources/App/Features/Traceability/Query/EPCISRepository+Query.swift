import EPCIS
import SQLKit

extension EPCISRepository {
    /// One page of events matching `query`, in its order, plus the token for the next page.
    /// Every condition is an indexed column or an EXISTS over an indexed index-row table.
    package func events(_ query: EPCISQuery) async throws -> (events: [(id: Int64, document: String)], next: EPCISQuery.PageToken?) {
        let sql = try database.reader
        let returned = query.after?.returned ?? 0
        var pageSize = query.perPage
        if let limit = query.eventCountLimit {
            pageSize = min(pageSize, limit.subtractingReportingOverflow(returned).overflow ? 0 : limit - returned)
            if pageSize <= 0 { return ([], nil) }
        }
        let timeColumn = query.orderBy == .eventTime ? "event_time" : "record_time"
        let descending = query.orderDirection == .desc

        let readPoints = try await withDescendants(query.readPoints, query.readPointsWithDescendants)
        let bizLocations = try await withDescendants(query.bizLocations, query.bizLocationsWithDescendants)

        var select = sql.select()
            .columns(SQLColumn("id", table: "e"), SQLColumn("document", table: "e"), SQLColumn(timeColumn, table: "e"))
            .from(SQLAlias(SQLIdentifier("epcis_events"), as: SQLIdentifier("e")))
        func column(_ name: String) -> SQLColumn { SQLColumn(name, table: "e") }
        if !query.eventTypes.isEmpty { select = select.where(column("event_type"), .in, SQLBind.group(query.eventTypes.map(\.rawValue))) }
        if let t = query.eventTimeFrom { select = select.where(column("event_time"), .greaterThanOrEqual, SQLBind(t)) }
        if let t = query.eventTimeBefore { select = select.where(column("event_time"), .lessThan, SQLBind(t)) }
        if let t = query.recordTimeFrom { select = select.where(column("record_time"), .greaterThanOrEqual, SQLBind(t)) }
        if let t = query.recordTimeBefore { select = select.where(column("record_time"), .lessThan, SQLBind(t)) }
        if !query.actions.isEmpty { select = select.where(column("action"), .in, SQLBind.group(query.actions.map(\.rawValue))) }
        if !query.bizSteps.isEmpty { select = select.where(column("biz_step"), .in, SQLBind.group(query.bizSteps)) }
        if !query.dispositions.isEmpty { select = select.where(column("disposition"), .in, SQLBind.group(query.dispositions)) }
        if let readPoints { select = select.where(column("read_point"), .in, SQLBind.group(readPoints)) }
        if let bizLocations { select = select.where(column("biz_location"), .in, SQLBind.group(bizLocations)) }
        if !query.transformationIDs.isEmpty { select = select.where(column("transformation_id"), .in, SQLBind.group(query.transformationIDs)) }
        if !query.eventIDs.isEmpty { select = select.where(Self.eventIDCondition(query.eventIDs, table: "e")) }
        for match in query.matches {
            // Driven from the members index: the few events naming these keys, then their rows.
            select = select.where(column("id"), .in, memberCondition(match))
        }
        for quantity in query.quantities {
            select = select.where(SQLExists(quantityCondition(quantity)))
        }
        if let after = query.after {
            // Keyset paging: strictly after the last (time, id) of the previous page.
            let op: SQLBinaryOperator = descending ? .lessThan : .greaterThan
            select = select.where(SQLGroupExpression(SQLList([
                SQLBinaryExpression(column(timeColumn), op, SQLBind(after.time)),
                SQLRaw(" OR "),
                SQLGroupExpression(SQLList([
                    SQLBinaryExpression(column(timeColumn), .equal, SQLBind(after.time)),
                    SQLRaw(" AND "),
                    SQLBinaryExpression(column("id"), op, SQLBind(after.id)),
                ], separator: SQLRaw(""))),
            ], separator: SQLRaw(""))))
        }
        let direction: SQLDirection = descending ? .descending : .ascending
        let rows = try await select
            .orderBy(column(timeColumn), direction)
            .orderBy(column("id"), direction)
            .limit(pageSize + 1)
            .all()
        var page: [(id: Int64, document: String, time: Int64)] = []
        for row in rows.prefix(pageSize) {
            page.append((try row.decode(column: "id", as: Int64.self), try row.decode(column: "document", as: String.self),
                         try row.decode(column: timeColumn, as: Int64.self)))
        }
        var next: EPCISQuery.PageToken?
        if rows.count > pageSize, let last = page.last {
            let total = returned + page.count
            if query.eventCountLimit.map({ total < $0 }) ?? true {
                next = EPCISQuery.PageToken(time: last.time, id: last.id, returned: total, order: query.orderKey)
            }
        }
        return (page.map { ($0.id, $0.document) }, next)
    }

    /// `(SELECT m.event FROM epcis_event_members m WHERE m.role IN … AND m.class_level = … AND (m.key IN … OR prefix ranges))`
    private func memberCondition(_ match: EPCISQuery.Match) -> any SQLExpression {
        SQLSubquery.select { sub in
            var keyConditions: [any SQLExpression] = []
            if !match.keys.isEmpty {
                keyConditions.append(SQLBinaryExpression(SQLColumn("key", table: "m"), .in, SQLBind.group(match.keys)))
            }
            for prefix in match.prefixes {
                // [prefix, prefix + U+FFFF): a range an index answers, unlike LIKE on every dialect.
                keyConditions.append(SQLGroupExpression(SQLList([
                    SQLBinaryExpression(SQLColumn("key", table: "m"), .greaterThanOrEqual, SQLBind(prefix)),
                    SQLRaw(" AND "),
                    SQLBinaryExpression(SQLColumn("key", table: "m"), .lessThan, SQLBind(prefix + "\u{FFFF}")),
                ], separator: SQLRaw(""))))
            }
            return sub.column(SQLColumn("event", table: "m"))
                .from(SQLAlias(SQLIdentifier("epcis_event_members"), as: SQLIdentifier("m")))
                .where(SQLColumn("role", table: "m"), .in, SQLBind.group(match.roles.map(\.rawValue)))
                .where(SQLColumn("class_level", table: "m"), .equal, SQLBind(match.classLevel))
                .where(SQLGroupExpression(SQLList(keyConditions, separator: SQLRaw(" OR "))))
        }
    }

    private func quantityCondition(_ condition: EPCISQuery.QuantityCondition) -> any SQLExpression {
        let op: SQLBinaryOperator = switch condition.op {
        case .eq: .equal
        case .gt: .greaterThan
        case .ge: .greaterThanOrEqual
        case .lt: .lessThan
        case .le: .lessThanOrEqual
        }
        return SQLSubquery.select { sub in
            sub.column(SQLLiteral.numeric("1"))
                .from(SQLAlias(SQLIdentifier("epcis_event_members"), as: SQLIdentifier("m")))
                .where(SQLColumn("event", table: "m"), .equal, SQLColumn("id", table: "e"))
                .where(SQLColumn("class_level", table: "m"), .equal, SQLBind(true))
                .where(SQLColumn("quantity", table: "m"), op, SQLBind(condition.value))
        }
    }

    /// Exact locations plus, for the WD_ ones, every descendant in the master-data hierarchy.
    /// nil means "no condition".
    private func withDescendants(_ exact: [String], _ roots: [String]) async throws -> [String]? {
        guard !exact.isEmpty || !roots.isEmpty else { return nil }
        var all = Set(exact).union(roots)
        var frontier = Set(roots)
        // Hierarchies are shallow (site > building > room); the cap stops a cyclic master data loop.
        for _ in 0..<16 where !frontier.isEmpty {
            let rows = try await database.reader.select().columns("children").from("epcis_master_data")
                .where("element_id", .in, SQLBind.group(Array(frontier))).all()
            var next = Set<String>()
            for row in rows {
                let text = try row.decode(column: "children", as: String.self)
                if case .array(let children)? = try? JSONValue.parse(text) {
                    for case .string(let child) in children {
                        let key = EPCISIndex.key(for: child)
                        if all.insert(key).inserted { next.insert(key) }
                    }
                }
            }
            frontier = next
        }
        return Array(all)
    }
}

/// `EXISTS (subquery)`, which SQLKit has no expression for.
struct SQLExists: SQLExpression {
    let subquery: any SQLExpression

    init(_ subquery: any SQLExpression) { self.subquery = subquery }

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("EXISTS ")
        subquery.serialize(to: &serializer)
    }
}
