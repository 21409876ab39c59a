/// "One step back, one step forward" at every stage, repeated until the chain ends: the walk
/// behind the trace API, the origin page's journey and a recall's scope.
///
/// Each step asks the event source once for every event naming the current frontier, so the
/// number of queries grows with the depth of the chain and the work with the size of the
/// answer, never with the size of the store. Time windows keep the walk honest: going forward
/// from a lot, only what happened to it after it was made counts; going back, only before.
public struct TraceWalker: Sendable {
    public var maxDepth: Int
    public var maxNodes: Int
    /// Edges bound the work as much as nodes do: a transformation of 1,000 lots into 1,000 lots
    /// joins a million pairs among only 2,000 identifiers.
    public var maxEdges: Int

    public init(maxDepth: Int = 64, maxNodes: Int = 20_000, maxEdges: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxEdges = maxEdges
    }

    /// When an identifier matters to the trace, and how much of it.
    struct Window: Equatable {
        var after: Int64
        var before: Int64
        var mode: Mode

        enum Mode: Int, Comparable {
            /// A container followed only as the vehicle of something traced: where it went and what
            /// carried it count; its other contents do not (two sealed cases on one pallet do not
            /// share an origin or a recall).
            case vehicle
            /// Everything linked to the identifier counts.
            case full

            static func < (a: Mode, b: Mode) -> Bool { a.rawValue < b.rawValue }
        }

        func contains(_ time: Int64) -> Bool { time >= after && time <= before }

        /// The smallest window covering both; nil when `other` adds nothing.
        func widened(by other: Window) -> Window? {
            let merged = Window(after: min(after, other.after), before: max(before, other.before), mode: max(mode, other.mode))
            return merged == self ? nil : merged
        }
    }

    /// A lot or product (class level) packed into a container is what the container holds; a
    /// serialised case or pallet packed into one is merely carried by it.
    static func carriedMode(of member: TraceEvent.Member) -> Window.Mode {
        switch NodeKind.of(member.id) {
        case .lot, .product: .full
        default: member.quantity == nil ? .vehicle : .full
        }
    }

    public func trace(_ start: String, direction: TraceGraph.Direction, in source: some TraceEventSource) async throws -> TraceGraph {
        switch direction {
        case .backward, .forward:
            return try await walk(start, forward: direction == .forward, source: source)
        case .both:
            let back = try await walk(start, forward: false, source: source)
            let forth = try await walk(start, forward: true, source: source)
            return TraceGraph.merging(back, forth)
        }
    }

    private func walk(_ start: String, forward: Bool, source: some TraceEventSource) async throws -> TraceGraph {
        var graph = TraceGraph(start: start, direction: forward ? .forward : .backward, nodes: [], edges: [], truncated: false)
        var windows: [String: Window] = [start: Window(after: .min, before: .max, mode: .full)]
        var depthOf: [String: Int] = [start: 0]
        var order: [String] = [start]
        var edges = Set<TraceGraph.Edge>()
        var frontier: Set<String> = [start]
        var depth = 0

        func reach(_ id: String, _ window: Window, from parentDepth: Int, next: inout Set<String>) {
            if let known = windows[id] {
                guard let wider = known.widened(by: window) else { return }
                windows[id] = wider
                next.insert(id)
                return
            }
            guard windows.count < maxNodes else { graph.truncated = true; return }
            windows[id] = window
            depthOf[id] = parentDepth + 1
            order.append(id)
            next.insert(id)
        }

        func note(_ id: String, from parentDepth: Int) {
            // Places and parties end the walk: a supermarket leads to everything it ever sold.
            guard depthOf[id] == nil else { return }
            depthOf[id] = parentDepth + 1
            order.append(id)
        }

        while !frontier.isEmpty {
            if depth >= maxDepth { graph.truncated = true; break }
            let events = try await source.events(mentioning: frontier).sorted { ($0.time, $0.key) < ($1.time, $1.key) }
            var next = Set<String>()
            walking: for event in events {
                for member in event.members where frontier.contains(member.id) {
                    guard edges.count < maxEdges else {
                        graph.truncated = true
                        break walking
                    }
                    guard let window = windows[member.id], window.contains(event.time) else { continue }
                    let d = depthOf[member.id] ?? depth
                    observe(event, member: member, edges: &edges, note: { note($0, from: d) })
                    for (other, edge, nextWindow) in links(of: member, in: event, forward: forward, window: window) {
                        edges.insert(edge)
                        reach(other, nextWindow, from: d, next: &next)
                    }
                }
            }
            // Past the edge bound nothing more is added, so nothing more is read either.
            if edges.count >= maxEdges { break }
            frontier = next
            depth += 1
        }
        graph.nodes = order.map { TraceGraph.Node(id: $0, kind: NodeKind.of($0), depth: depthOf[$0] ?? 0) }
        graph.edges = edges.sorted { ($0.time, $0.event, $0.from, $0.to) < ($1.time, $1.event, $1.from, $1.to) }
        return graph
    }

    /// Identifiers one step away from `member` through `event`, with the edge that joins them
    /// and the window in which the new identifier matters.
    private func links(of member: TraceEvent.Member, in event: TraceEvent, forward: Bool, window: Window)
        -> [(String, TraceGraph.Edge, Window)] {
        let t = event.time
        func edge(_ from: TraceEvent.Member, _ to: TraceEvent.Member, _ relation: TraceGraph.Relation, quantityOf q: TraceEvent.Member) -> TraceGraph.Edge {
            TraceGraph.Edge(from: from.id, to: to.id, relation: relation, event: event.key, eventType: event.type,
                            time: t, bizStep: event.bizStep, quantity: q.quantity, uom: q.uom)
        }
        let carried = Self.carriedMode(of: member)
        let isContainment = event.type == .aggregation || event.type == .association
        var result: [(String, TraceGraph.Edge, Window)] = []

        switch (event.type, member.role, event.action, forward) {
        case (.transformation, .input, _, true):
            for output in event.members where output.role == .output {
                result.append((output.id, edge(member, output, .transformed, quantityOf: output), Window(after: t, before: .max, mode: .full)))
            }
        case (.transformation, .output, _, false):
            for input in event.members where input.role == .input {
                result.append((input.id, edge(input, member, .transformed, quantityOf: input), Window(after: .min, before: t, mode: .full)))
            }
        case (_, .child, .add?, true) where isContainment:
            // Packed into a container: wherever the container goes, the child goes.
            for parent in event.members where parent.role == .parent {
                result.append((parent.id, edge(member, parent, .packed, quantityOf: member), Window(after: t, before: .max, mode: carried)))
            }
        case (_, .parent, .delete?, true) where isContainment && window.mode == .full:
            for child in event.members where child.role == .child {
                result.append((child.id, edge(member, child, .unpacked, quantityOf: child), Window(after: t, before: .max, mode: .full)))
            }
        case (_, .parent, .add?, false) where isContainment && window.mode == .full:
            // What a container holds came from wherever its contents came from.
            for child in event.members where child.role == .child {
                result.append((child.id, edge(child, member, .packed, quantityOf: child), Window(after: .min, before: t, mode: .full)))
            }
        case (_, .child, .delete?, false) where isContainment:
            for parent in event.members where parent.role == .parent {
                result.append((parent.id, edge(parent, member, .unpacked, quantityOf: member), Window(after: .min, before: t, mode: carried)))
            }
        case (_, .child, .add?, false) where isContainment:
            // Traced back from a later moment, the child travelled inside this container from
            // packing until then: the container's whereabouts in that window are the child's.
            for parent in event.members where parent.role == .parent {
                result.append((parent.id, edge(member, parent, .packed, quantityOf: member),
                               Window(after: t, before: window.before, mode: .vehicle)))
            }
        default:
            break
        }
        return result
    }

    /// Where `member` was and who it went to or came from, as told by `event`.
    private func observe(_ event: TraceEvent, member: TraceEvent.Member, edges: inout Set<TraceGraph.Edge>, note: (String) -> Void) {
        func add(_ from: String, _ to: String, _ relation: TraceGraph.Relation) {
            edges.insert(TraceGraph.Edge(from: from, to: to, relation: relation, event: event.key, eventType: event.type,
                                         time: event.time, bizStep: event.bizStep, quantity: member.quantity, uom: member.uom))
        }
        if let place = event.bizLocation ?? event.readPoint {
            add(member.id, place, .locatedAt)
            note(place)
        }
        for destination in event.destinations {
            add(member.id, destination.id, .sentTo)
            note(destination.id)
        }
        for source in event.sources {
            add(source.id, member.id, .sentFrom)
            note(source.id)
        }
        for transaction in event.bizTransactions {
            add(member.id, transaction.id, .transaction)
            note(transaction.id)
        }
    }
}
