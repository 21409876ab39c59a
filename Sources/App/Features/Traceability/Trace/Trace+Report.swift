import Foundation
import Logging
import NguonCore

/// `nguon trace <id>`: the trace API's answer on the command line, as a tree or as JSON.
public enum TraceReport {
    public static func run(id input: String, direction: String, json: Bool, config: AppConfig, logger: Logger) async throws -> String {
        guard let direction = TraceGraph.Direction(rawValue: direction) else {
            throw AppError.invalid(field: "--direction", rule: "one-of", LocalizedText(
                vi: "--direction phải là backward, forward hoặc both.", en: "--direction must be backward, forward or both."))
        }
        let id = try TraceController.key(for: input)
        let (graph, scope) = try await AppDatabase.using(config, logger: logger) { database in
            try await TraceController.query(id: id, direction: direction, repository: EPCISRepository(database: database))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(TraceController.answer(id: id, direction: direction, graph: graph, scope: scope)), as: UTF8.self)
        }
        return tree(graph, scope: scope)
    }

    /// Each identifier once, with the links that reach it indented under it, earliest first.
    static func tree(_ graph: TraceGraph, scope: RecallScope?) -> String {
        var lines = ["\(graph.start)  [\(graph.direction.rawValue)]"]
        var adjacent: [String: [TraceGraph.Edge]] = [:]
        for edge in graph.edges {
            adjacent[edge.from, default: []].append(edge)
            adjacent[edge.to, default: []].append(edge)
        }
        var printedEdges = Set<TraceGraph.Edge>()
        var visited: Set<String> = [graph.start]
        func walk(_ id: String, _ indent: String) {
            for edge in adjacent[id] ?? [] where printedEdges.insert(edge).inserted {
                let other = edge.from == id ? edge.to : edge.from
                let arrow = edge.from == id ? "→" : "←"
                let step = edge.bizStep.map { " \($0)" } ?? ""
                let amount = edge.quantity.map { " \($0.formatted())\(edge.uom.map { " \($0)" } ?? "")" } ?? ""
                lines.append("\(indent)├─ \(TraceController.isoTime(edge.time)) \(edge.relation.rawValue)\(step)\(amount) \(arrow) \(other)")
                // Places and parties are leaves: they link to everything that ever passed through them.
                let isPlace = [.location, .party, .other].contains(NodeKind.of(other))
                if !isPlace, visited.insert(other).inserted { walk(other, indent + "│  ") }
            }
        }
        walk(graph.start, "")
        if let scope {
            lines.append("")
            lines.append("Phạm vi thu hồi (recall scope): \(scope.identifiers.count) mã, \(scope.locations.count) địa điểm, \(scope.parties.count) bên nhận")
            for location in scope.locations { lines.append("  • \(location)") }
        }
        if graph.truncated { lines.append("(đã cắt bớt do vượt giới hạn — truncated)") }
        return lines.joined(separator: "\n")
    }
}
