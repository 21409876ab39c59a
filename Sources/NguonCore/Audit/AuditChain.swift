import Crypto
import Foundation

/// One entry of the audit log as it is hashed: who did what, when, from where, to which record,
/// with the record before and after. Entries form a chain: each hash covers the previous hash
/// and the entry's own content, so editing, removing or reordering any entry breaks every hash
/// from there on.
public struct AuditEntry: Sendable, Equatable, Codable {
    public let sequence: Int64
    /// Milliseconds since 1970 (UTC).
    public let at: Int64
    public let actorID: String?
    public let actorName: String
    public let address: String?
    public let action: String
    public let entityType: String
    public let entityID: String?
    /// JSON of the record before and after the change; nil where there is none (create, delete, sign-in).
    public let before: String?
    public let after: String?
    public let previousHash: String
    public let hash: String

    public init(sequence: Int64, at: Int64, actorID: String?, actorName: String, address: String?, action: String,
                entityType: String, entityID: String?, before: String?, after: String?, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actorID = actorID
        self.actorName = actorName
        self.address = address
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
    }
}

public enum AuditChain {
    /// The previous hash of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The content an entry's hash covers. Each field is length-prefixed, so no choice of values
    /// can make two different entries read the same ("ab"+"c" vs "a"+"bc"); nil differs from "".
    public static func canonical(sequence: Int64, at: Int64, actorID: String?, actorName: String, address: String?,
                                 action: String, entityType: String, entityID: String?, before: String?, after: String?,
                                 previousHash: String) -> String {
        var out = "nguon-audit-v1\n"
        for field in [String(sequence), String(at), actorID, actorName, address, action, entityType, entityID,
                      before, after, previousHash] as [String?] {
            if let field {
                out += "\(field.utf8.count):" + field + "\n"
            } else {
                out += "-\n"
            }
        }
        return out
    }

    public static func hash(sequence: Int64, at: Int64, actorID: String?, actorName: String, address: String?,
                            action: String, entityType: String, entityID: String?, before: String?, after: String?,
                            previousHash: String) -> String {
        let text = canonical(sequence: sequence, at: at, actorID: actorID, actorName: actorName, address: address,
                             action: action, entityType: entityType, entityID: entityID, before: before, after: after,
                             previousHash: previousHash)
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public static func expectedHash(of entry: AuditEntry) -> String {
        hash(sequence: entry.sequence, at: entry.at, actorID: entry.actorID, actorName: entry.actorName,
             address: entry.address, action: entry.action, entityType: entry.entityType, entityID: entry.entityID,
             before: entry.before, after: entry.after, previousHash: entry.previousHash)
    }

    /// Why an entry breaks the chain.
    public enum Break: Sendable, Equatable, CustomStringConvertible {
        /// The stored content does not match the stored hash: the row was edited.
        case contentChanged(sequence: Int64)
        /// The entry does not point at the one before it: something was removed, inserted or moved.
        case linkBroken(sequence: Int64, expectedPrevious: String)
        /// Sequence numbers skip or repeat.
        case sequenceGap(expected: Int64, found: Int64)

        public var sequence: Int64 {
            switch self {
            case .contentChanged(let s), .linkBroken(let s, _): s
            case .sequenceGap(_, let found): found
            }
        }

        public var description: String {
            switch self {
            case .contentChanged(let s):
                "mục #\(s): nội dung không khớp mã băm — bản ghi đã bị sửa (entry #\(s): content does not match its hash — the row was edited)"
            case .linkBroken(let s, _):
                "mục #\(s): không nối với mục trước — có mục bị xóa, chèn hoặc đổi chỗ (entry #\(s): does not link to the entry before it — an entry was removed, inserted or moved)"
            case .sequenceGap(let expected, let found):
                "mục #\(found): đáng lẽ là #\(expected) — thiếu hoặc lặp mục (entry #\(found): expected #\(expected) — an entry is missing or repeated)"
            }
        }
    }

    /// Checks entries in sequence order, continuing from `previous` (the last verified entry's
    /// sequence and hash, or nil at the start of the log). Returns the first break, if any.
    public static func verify<S: Sequence>(_ entries: S, after previous: (sequence: Int64, hash: String)?) -> Break?
    where S.Element == AuditEntry {
        var expectedSequence = (previous?.sequence ?? 0) + 1
        var previousHash = previous?.hash ?? genesis
        for entry in entries {
            if entry.sequence != expectedSequence { return .sequenceGap(expected: expectedSequence, found: entry.sequence) }
            if entry.previousHash != previousHash { return .linkBroken(sequence: entry.sequence, expectedPrevious: previousHash) }
            if expectedHash(of: entry) != entry.hash { return .contentChanged(sequence: entry.sequence) }
            previousHash = entry.hash
            expectedSequence += 1
        }
        return nil
    }
}
