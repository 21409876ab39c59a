import Synchronization

/// Capture announces which identifiers (EPCs, classes, lots, places, master-data elements) its
/// events or master data touched; whatever keeps derived views of them (the origin-page cache
/// today, recalls and certificates later) listens and decides for itself what to drop. Capture
/// never needs to know who keeps what.
package final class IdentifierChanges: Sendable {
    typealias Listener = @Sendable (Set<String>) -> Void
    private let listeners = Mutex<[Listener]>([])

    func listen(_ listener: @escaping Listener) {
        listeners.withLock { $0.append(listener) }
    }

    func announce(_ keys: Set<String>) {
        guard !keys.isEmpty else { return }
        for listener in listeners.withLock({ $0 }) { listener(keys) }
    }
}
