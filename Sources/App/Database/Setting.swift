import FluentKit
import Foundation

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

    /// Returns the stored instance id, creating it once.
    static func instanceID(on db: any Database) async throws -> String {
        if let existing = try await Setting.find(instanceIDKey, on: db) { return existing.value }
        let setting = Setting(key: instanceIDKey, value: UUID().uuidString.lowercased())
        try await setting.create(on: db)
        return setting.value
    }
}
