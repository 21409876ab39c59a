import App
import EPCIS

/// Event hash IDs per second (CBV 2.0: the canonical pre-hash string, then SHA-256) over the
/// demo supply chain's twelve events, decoded once.
public enum HashBenchmark {
    public static func run(seconds: Double) throws -> BenchReport {
        let chain = DemoSupplyChain(variant: 1)
        guard case .document(let document) = try EPCISJSON.decode(Array(chain.document.utf8)) else {
            throw BenchError(description: "the demo document did not decode")
        }
        let events = document.events
        var index = 0
        let result = measure("event-hash-id", input: "the \(events.count) events of the demo supply chain", seconds: seconds) {
            defer { index = (index + 1) % events.count }
            return EventHash.compute(events[index], options: EventHash.Options(context: document.context)).utf8.count
        }
        return BenchReport("hash", [result])
    }
}
