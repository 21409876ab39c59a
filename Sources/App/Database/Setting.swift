import FluentKit
import Foundation
import SQLKit

/// One instance-wide setting. The instance id is written on first start so logs and exports
/// from several provinces can be told apart.
final class Setting: Model, @unchecked Sendable {
    static let schema = "settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(key: String, value: String) {
        self.id = key
        self.value = value
        self.updatedAt = Date()
    }

    static let instanceIDKey = "instance_id"

    /// Returns the stored instance id, creating it once. Several servers may start at the same
    /// time against one PostgreSQL, so the insert yields to whichever wrote first.
    static func instanceID(on db: any Database) async throws -> String {
        if let existing = try await Setting.find(instanceIDKey, on: db) { return existing.value }
        try await db.sql().insert(into: schema)
            .columns("key", "value", "updated_at")
            .values(SQLBind(instanceIDKey), SQLBind(UUID().uuidString.lowercased()), SQLBind(Date()))
            .ignoringConflicts(with: "key")
            .run()
        guard let stored = try await Setting.find(instanceIDKey, on: db) else {
            throw StartupError(description: "settings.instance_id could not be stored")
        }
        return stored.value
    }
}
