import Synchronization

/// Answers each identifier from the store once for the walks behind one answer: an origin page
/// walks back and then forward from the same lot, and a walk whose window widens asks again for
/// what it already read. Made for one answer and then dropped, so it never serves stale events.
public final class RememberingEventSource<Source: TraceEventSource>: TraceEventSource {
    private let source: Source
    private let answered = Mutex<[String: [TraceEvent]]>([:])

    public init(_ source: Source) {
        self.source = source
    }

    public func events(mentioning ids: Set<String>) async throws -> [TraceEvent] {
        var found: [[TraceEvent]] = []
        let missing = answered.withLock { answered in
            ids.filter { id in
                guard let events = answered[id] else { return true }
                found.append(events)
                return false
            }
        }
        if !missing.isEmpty {
            let fetched = try await source.events(mentioning: missing)
            var byID = Dictionary(uniqueKeysWithValues: missing.map { ($0, [TraceEvent]()) })
            for event in fetched {
                for id in Set(event.members.map(\.id)) where byID[id] != nil { byID[id]?.append(event) }
            }
            answered.withLock { $0.merge(byID) { earlier, _ in earlier } }
            found.append(fetched)
        }
        // The same event read for two identifiers carries the members followed from each.
        var merged: [String: TraceEvent] = [:]
        var order: [String] = []
        for event in found.joined() {
            guard let earlier = merged[event.key] else {
                merged[event.key] = event
                order.append(event.key)
                continue
            }
            let extra = event.members.filter { !earlier.members.contains($0) }
            if !extra.isEmpty { merged[event.key] = earlier.with(members: earlier.members + extra) }
        }
        return order.compactMap { merged[$0] }
    }
}

extension TraceEvent {
    public func with(members: [Member]) -> TraceEvent {
        TraceEvent(key: key, type: type, time: time, action: action, bizStep: bizStep, disposition: disposition,
                   readPoint: readPoint, bizLocation: bizLocation, members: members, sources: sources,
                   destinations: destinations, bizTransactions: bizTransactions)
    }
}
