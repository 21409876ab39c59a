import NIOCore
import Synchronization

/// Rendered origin pages, kept until something they show changes. A consumer's scan then costs
/// a dictionary lookup, not a trace and a Plot render.
///
/// - Bounded in bytes, least recently used first out, so the heap stays flat however many
///   distinct lots are scanned.
/// - One entry per identifier and language. The attributes a label adds to a link (`?17=…`)
///   change a few lines of the page, so an entry keeps the built model and at most a few
///   rendered variants of its own: varying attributes churns that entry's variants and never
///   pushes other pages out.
/// - Invalidated per identifier: each entry remembers the identifiers and places it was built
///   from; when capture announces that some changed, exactly the entries built from them go. A
///   page whose data was read before such an announcement is not stored after it.
final class OriginPageCache: Sendable {
    struct Page: Sendable {
        /// The HTML, ready to write: answers share its storage instead of copying it.
        let body: ByteBuffer
        let etag: String

        init(html: String, etag: String) {
            self.body = ByteBuffer(string: html)
            self.etag = etag
        }
    }

    /// A page, and when its data was read (`begin()`), for `store`.
    struct Ticket: Sendable {
        fileprivate let stamp: UInt64
        fileprivate let started: ContinuousClock.Instant
    }

    private struct Entry {
        var model: OriginPage
        var variants: [(query: String, page: Page)]
        var bytes: Int
        var older: String?
        var newer: String?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var idsByKey: [String: Set<String>] = [:]
        var bytes = 0
        /// Least and most recently used entry ids (a linked list through the entries).
        var oldest: String?
        var newest: String?
        var clock: UInt64 = 0
        /// When each recently changed identifier changed, for builds that started before it.
        var changedAt: [String: (stamp: UInt64, at: ContinuousClock.Instant)] = [:]
    }

    private let state = Mutex(State())
    let capacityBytes: Int
    let variantsPerEntry: Int
    /// A build that took longer than this is not stored (its change records may be gone).
    static let maxBuildTime: Duration = .seconds(30)

    init(capacityBytes: Int = 48 << 20, variantsPerEntry: Int = 4) {
        self.capacityBytes = capacityBytes
        self.variantsPerEntry = variantsPerEntry
    }

    var byteCount: Int { state.withLock { $0.bytes } }
    var count: Int { state.withLock { $0.entries.count } }

    /// The rendered variant, or the model to render it from, or nothing.
    enum Lookup {
        case page(Page)
        case model(OriginPage)
        case miss
    }

    func lookup(_ id: String, query: String) -> Lookup {
        state.withLock { state in
            guard let entry = state.entries[id] else { return .miss }
            Self.touch(id, in: &state)
            if let variant = entry.variants.first(where: { $0.query == query }) { return .page(variant.page) }
            return .model(entry.model)
        }
    }

    /// Call before reading the data a page is built from.
    func begin() -> Ticket {
        state.withLock { state in
            state.clock &+= 1
            return Ticket(stamp: state.clock, started: .now)
        }
    }

    /// Keeps the model and one rendered variant, unless an identifier it was built from changed
    /// since `ticket`.
    func store(_ model: OriginPage, page: Page, query: String, as id: String, ticket: Ticket) {
        let keys = model.keys
        let now = ContinuousClock.now
        guard now - ticket.started < Self.maxBuildTime else { return }
        state.withLock { state in
            for key in keys {
                if let changed = state.changedAt[key], changed.stamp > ticket.stamp { return }
            }
            var entry: Entry
            if let existing = state.entries[id] {
                entry = existing
                entry.variants.removeAll { $0.query == query }
            } else {
                entry = Entry(model: model, variants: [], bytes: 0, older: nil, newer: nil)
                state.entries[id] = entry
                Self.link(id, in: &state)
                entry = state.entries[id] ?? entry
                for key in keys { state.idsByKey[key, default: []].insert(id) }
            }
            entry.variants.insert((query, page), at: 0)
            if entry.variants.count > variantsPerEntry { entry.variants.removeLast(entry.variants.count - variantsPerEntry) }
            let bytes = Self.size(of: entry, keys: keys)
            state.bytes += bytes - entry.bytes
            entry.bytes = bytes
            state.entries[id] = entry
            Self.touch(id, in: &state)
            while state.bytes > capacityBytes, let oldest = state.oldest, oldest != id {
                Self.remove(oldest, in: &state)
            }
        }
    }

    /// Drops every entry built from any of `keys` (capture announces them).
    func invalidate(_ keys: some Sequence<String>) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.clock &+= 1
            let stamp = state.clock
            for key in keys {
                state.changedAt[key] = (stamp, now)
                guard let ids = state.idsByKey.removeValue(forKey: key) else { continue }
                for id in ids { Self.remove(id, in: &state) }
            }
            // Change records are needed only while a build that began before them may still store.
            if state.changedAt.count > 4_096 {
                state.changedAt = state.changedAt.filter { now - $0.value.at < Self.maxBuildTime }
            }
        }
    }

    // MARK: the list, oldest to newest

    private static func size(of entry: Entry, keys: Set<String>) -> Int {
        // The model is about as large as one rendered page; keys are counted with the index.
        let pages = entry.variants.reduce(0) { $0 + $1.page.body.readableBytes + $1.query.utf8.count + 64 }
        return pages + (entry.variants.first?.page.body.readableBytes ?? 0) + keys.reduce(0) { $0 + $1.utf8.count + 48 } + 256
    }

    private static func link(_ id: String, in state: inout State) {
        state.entries[id]?.older = state.newest
        state.entries[id]?.newer = nil
        if let newest = state.newest { state.entries[newest]?.newer = id }
        state.newest = id
        if state.oldest == nil { state.oldest = id }
    }

    private static func unlink(_ id: String, in state: inout State) {
        guard let entry = state.entries[id] else { return }
        if let older = entry.older { state.entries[older]?.newer = entry.newer } else { state.oldest = entry.newer }
        if let newer = entry.newer { state.entries[newer]?.older = entry.older } else { state.newest = entry.older }
        state.entries[id]?.older = nil
        state.entries[id]?.newer = nil
    }

    private static func touch(_ id: String, in state: inout State) {
        guard state.newest != id else { return }
        unlink(id, in: &state)
        link(id, in: &state)
    }

    private static func remove(_ id: String, in state: inout State) {
        guard let entry = state.entries[id] else { return }
        unlink(id, in: &state)
        state.entries[id] = nil
        state.bytes -= entry.bytes
        for key in entry.model.keys {
            state.idsByKey[key]?.remove(id)
            if state.idsByKey[key]?.isEmpty == true { state.idsByKey[key] = nil }
        }
    }
}
