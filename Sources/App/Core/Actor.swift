import Foundation
import NguonCore

/// Who is acting and from where, as the audit log records it.
package struct Actor: Sendable {
    let principal: Principal?
    let address: String?
    /// Shown in the log when there is no principal: "nguon CLI", "anonymous".
    let fallbackName: String

    package init(principal: Principal?, address: String?, fallbackName: String = "ẩn danh (anonymous)") {
        self.principal = principal
        self.address = address
        self.fallbackName = fallbackName
    }

    /// The command line: whoever runs it has the server's files, so it acts as the system.
    static func commandLine() -> Actor { Actor(principal: .commandLine, address: nil) }

    var id: String? { principal?.id }
    var name: String { principal.map { $0.isToken ? "mã truy cập \($0.name)" : $0.name } ?? fallbackName }
}

extension Principal {
    /// The command line acts with full rights: whoever runs it has the server's files.
    /// Named after the operating-system account that ran it, for the audit log.
    static let commandLine = Principal(id: "cli", name: "dòng lệnh nguon (\(ProcessInfo.processInfo.environment["USER"] ?? "?"))", role: .admin)
}
