import App
import EPCIS
import Foundation
import Logging
import NguonCore

/// `nguon bench recall --holders N`: a lot turned into N serialised packs, each seen last at its
/// own shop, captured through the capture path; then a recall of the lot is opened (forward
/// trace, scope with N holders and N+1 identifiers, written in one transaction) and its scope
/// worked out again, `--repeat` times, as `/quan-tri/thu-hoi` does. SQLite in a new file.
public enum RecallBenchmark {
    public struct Report: Encodable, Sendable {
        let holders: Int
        let identifiers: Int
        let events: Int
        let captureSeconds: Double
        /// Opening the recall: trace, scope, names of the holders, and the transaction that stores it.
        let openSeconds: Double
        /// Working the scope out again over the same data, each time (the trace's reads warm).
        let recomputeSeconds: [Double]
        let recomputeMedianSeconds: Double
        let peakMemoryMB: Double
    }

    static let prefix = "8935999"

    public static func run(holders: Int, repeats: Int, logger: Logger) async throws -> Report {
        try await RegistryBenchmark.withTemporaryDatabase(logger: logger) { database, _ in
            let repository = EPCISRepository(database: database)
            let lot = "https://id.gs1.org/01/08935999000019/10/BENCH1"
            let clock = ContinuousClock()
            var events = [
                #"{"type":"ObjectEvent","eventTime":"2026-11-20T06:00:00.000+07:00","eventTimeZoneOffset":"+07:00","action":"ADD","bizStep":"commissioning","bizLocation":{"id":"urn:epc:id:sgln:\#(prefix).00001.0"},"quantityList":[{"epcClass":"\#(lot)","quantity":\#(holders),"uom":"KGM"}]}"#,
            ]
            let packs = (1...holders).map { "urn:epc:id:sgtin:\(prefix).100001.\($0)" }
            events.append(#"{"type":"TransformationEvent","eventTime":"2026-11-20T08:00:00.000+07:00","eventTimeZoneOffset":"+07:00","bizStep":"commissioning","bizLocation":{"id":"urn:epc:id:sgln:\#(prefix).00002.0"},"inputQuantityList":[{"epcClass":"\#(lot)","quantity":\#(holders),"uom":"KGM"}],"outputEPCList":[\#(packs.map { "\"\($0)\"" }.joined(separator: ","))]}"#)
            for (index, pack) in packs.enumerated() {
                let shop = String(format: "%05d", 10 + index)
                events.append(#"{"type":"ObjectEvent","eventTime":"2026-11-21T08:00:00.000+07:00","eventTimeZoneOffset":"+07:00","action":"OBSERVE","bizStep":"receiving","epcList":["\#(pack)"],"bizLocation":{"id":"urn:epc:id:sgln:\#(prefix).\#(shop).0"}}"#)
            }
            let start = clock.now
            for chunk in stride(from: 0, to: events.count, by: 1_000).map({ Array(events[$0..<min(events.count, $0 + 1_000)]) }) {
                let json = Array(#"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-25T00:00:00Z","epcisBody":{"eventList":[\#(chunk.joined(separator: ","))]}}"#.utf8)
                guard case .document(let document) = try EPCISJSON.decode(json) else { throw BenchError(description: "not a document") }
                let checked = try await EPCISCapture.check(document.events, context: document.context)
                let job = try await EPCISCapture.store(checked, vocabularies: [], behaviour: .rollback, repository: repository, changes: nil)
                guard job.capturedCount == chunk.count else {
                    throw BenchError(description: "capture stored \(job.capturedCount) of \(chunk.count) events")
                }
            }
            let captureSeconds = RegistryBenchmark.seconds(clock.now - start)

            let recalls = Repositories(database: database).recalls
            let actor = Actor(principal: Principal(id: "bench", name: "Cán bộ (benchmark)", role: .departmentOfficer,
                                                   jurisdiction: AdminArea(province: "22")), address: nil)
            let openStart = clock.now
            let recall = try await recalls.open(.init(title: "Benchmark", reason: "Benchmark", lots: [lot], mode: .mandatory,
                                                      basis: .officialControl, type: .alert, sampleID: nil), actor: actor)
            let openSeconds = RegistryBenchmark.seconds(clock.now - openStart)
            var recompute: [Double] = []
            for _ in 0..<repeats {
                let t0 = clock.now
                try await recalls.recompute(recall.id, actor: actor)
                recompute.append(RegistryBenchmark.seconds(clock.now - t0))
            }
            let stored = try await RegistryBenchmark.count("SELECT COUNT(*) AS n FROM recall_holders WHERE recall_id = \(bind: recall.id)", in: database)
            let items = try await RegistryBenchmark.count("SELECT COUNT(*) AS n FROM recall_items WHERE recall_id = \(bind: recall.id)", in: database)
            // The shops, and the farm and packhouse the lot passed through.
            guard stored == holders + 2 else { throw BenchError(description: "the scope holds \(stored) holders, not \(holders + 2)") }
            let sorted = recompute.sorted()
            return Report(holders: stored, identifiers: items, events: events.count, captureSeconds: RegistryBenchmark.round3(captureSeconds),
                          openSeconds: RegistryBenchmark.round3(openSeconds), recomputeSeconds: recompute.map(RegistryBenchmark.round3),
                          recomputeMedianSeconds: RegistryBenchmark.round3(sorted.isEmpty ? 0 : sorted[sorted.count / 2]),
                          peakMemoryMB: RegistryBenchmark.round1(BenchData.peakResidentMB()))
        }
    }
}
