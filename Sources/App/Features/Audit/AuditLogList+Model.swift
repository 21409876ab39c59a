import NguonCore

/// `/quan-tri/nhat-ky`: a page of the audit log, newest first, as filtered.
enum AuditLogList {
    struct Model {
        let entries: [AuditEntry]
        /// The parameters the page was asked with, except its position in the log: what the
        /// filter form shows, what the export sends, and what the link to older entries keeps.
        let parameters: [String: String]
        /// Where older entries begin, when this page is full and there may be more.
        let older: Int64?

        static func query(_ filter: AuditLog.Filter, parameters: [String: String], principal: Principal,
                          database: AppDatabase) async throws -> Model {
            let entries = try await AuditLog.list(filter, for: principal, on: database.reader)
            var parameters = parameters
            parameters["before"] = nil
            return Model(entries: entries, parameters: parameters,
                         older: entries.count == filter.limit ? entries.last?.sequence : nil)
        }
    }
}
