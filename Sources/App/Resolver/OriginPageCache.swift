import Synchronization

/// Rendered origin pages, kept until something they show changes. A consumer's scan then costs
/// a dictionary lookup, not a trace and a Plot render.
///
/// Each page remembers the identifiers and places it was built from. A new event can only
/// change a page by naming one of them (an event that names none is not connected to the
/// page's trace), so capture hands the keys it touched to `invalidate`, which drops exactly the
/// pages that used any of them. Master data changes do the same with the element ids.
final class OriginPageCache: Sendable {
    struct Page: Sendable {
        let html: String
        let etag: String
        let keys: Set<String>
    }

    private struct State {
        var pages: [String: Page] = [:]
        var pagesByKey: [String: Set<String>] = [:]
        /// Bumped by every invalidation, so a page built from data read before a capture is
        /// not stored after that capture's invalidation has run.
        var generation = 0
    }

    private let state = Mutex(State())
    /// Bound on memory: past it, the cache starts afresh (pages re-render on their next scan).
    let capacity: Int

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    func page(_ id: String) -> Page? {
        state.withLock { $0.pages[id] }
    }

    /// The current generation: read it before reading the data a page is built from.
    var generation: Int { state.withLock { $0.generation } }

    /// Keeps `page` unless something was invalidated since `generation` was read.
    func store(_ page: Page, as id: String, builtAt generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.pages.count >= capacity {
                state.pages = [:]
                state.pagesByKey = [:]
            }
            state.pages[id] = page
            for key in page.keys { state.pagesByKey[key, default: []].insert(id) }
        }
    }

    /// Drops every page built from any of `keys`.
    func invalidate(_ keys: some Sequence<String>) {
        state.withLock { state in
            state.generation &+= 1
            for key in keys {
                guard let ids = state.pagesByKey.removeValue(forKey: key) else { continue }
                for id in ids {
                    guard let page = state.pages.removeValue(forKey: id) else { continue }
                    for other in page.keys where other != key { state.pagesByKey[other]?.remove(id) }
                }
            }
        }
    }

}
