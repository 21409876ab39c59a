import App
import EPCIS
import Foundation
import Logging
import NguonCore

/// `nguon bench epcis --events N`: capture, query and trace figures on a synthetic store of
/// demo supply chains (12 events each), captured as documents of about 1,000 events through
/// the same path as `POST /epcis/capture` minus HTTP: JSON decode, validation, hash, one
/// transaction per document.
public enum EPCISBenchmark {
    public struct Report: Encodable, Sendable {
        public struct Latency: Encodable, Sendable {
            public let samples: Int
            public let p50Ms: Double
            public let p99Ms: Double
            public let maxMs: Double
        }

        public let database: String
        public let events: Int
        public let documents: Int
        public let clients: Int
        public let captureSeconds: Double
        public let captureEventsPerSecond: Double
        /// Where capture time went, summed over the concurrent clients: making the JSON (the
        /// client's work), decoding it, checking (validation, hash, index rows) and writing.
        public let capturePhases: [String: Double]
        public let query: Latency
        public let traceBackward: Latency
        public let traceForward: Latency
        public let peakMemoryMB: Double
    }

    public static func run(events target: Int, clients: Int, database location: DatabaseLocation, logger: Logger) async throws -> Report {
        let perChain = DemoSupplyChain().events.count
        let chains = max(1, target / perChain)
        let config = AppConfig(database: location, logLevel: .warning, autoMigrate: true)
        return try await AppDatabase.using(config, logger: logger) { database in
            let repository = EPCISRepository(database: database)
            let chainsPerDocument = max(1, 1_000 / perChain)
            let clock = ContinuousClock()
            let start = clock.now
            let ranges = stride(from: 1, through: chains, by: chainsPerDocument).map { $0...min(chains, $0 + chainsPerDocument - 1) }
            // Several clients send documents at once, as the ERPs of several businesses would:
            // one document's checks overlap another's database write.
            let results = try await withThrowingTaskGroup(of: (Int, Int, [String: Duration]).self) { group in
                for client in 0..<clients {
                    group.addTask {
                        var captured = 0
                        var documents = 0
                        var phases: [String: Duration] = ["generate": .zero, "decode": .zero, "check": .zero, "write": .zero]
                        for range in ranges.enumerated().filter({ $0.offset % clients == client }).map(\.element) {
                            var mark = clock.now
                            func lap(_ phase: String) {
                                let now = clock.now
                                phases[phase]! += now - mark
                                mark = now
                            }
                            let body = range.flatMap { DemoSupplyChain(variant: $0).events }.joined(separator: ",")
                            let json = Array(#"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-25T00:00:00Z","epcisBody":{"eventList":[\#(body)]}}"#.utf8)
                            lap("generate")
                            guard case .document(let document) = try EPCISJSON.decode(json) else { continue }
                            lap("decode")
                            let checked = try await EPCISCapture.check(document.events, context: document.context)
                            lap("check")
                            let job = try await EPCISCapture.store(checked, vocabularies: [], behaviour: .rollback, repository: repository, changes: nil)
                            lap("write")
                            captured += job.capturedCount + job.duplicateCount
                            documents += 1
                        }
                        return (captured, documents, phases)
                    }
                }
                var total = (0, 0, [String: Duration]())
                for try await (captured, documents, phases) in group {
                    total.0 += captured
                    total.1 += documents
                    total.2.merge(phases, uniquingKeysWith: +)
                }
                return total
            }
            let (captured, documents, phases) = results
            let captureSeconds = seconds(clock.now - start)
            if case .postgres = location {
                // What autovacuum would do after a bulk load; without it, it does so in the middle of
                // the latency samples and they measure the vacuum, not the queries.
                try await database.sql.raw("VACUUM ANALYZE").run()
            }

            // Samples spread over the whole store, the same for every run.
            var generator = SplitMix(seed: 42)
            func sampleChain() -> DemoSupplyChain { DemoSupplyChain(variant: Int(generator.next() % UInt64(chains)) + 1) }
            let samples = min(500, max(50, chains))

            var queryTimes: [Double] = []
            for _ in 0..<samples {
                var query = EPCISQuery()
                let chain = sampleChain()
                query.matches = [try EPCISQuery.match("MATCH_anyEPC", chain.caseA, roles: IdentifierRole.allCases, classLevel: false)]
                let t0 = clock.now
                _ = try await repository.events(query)
                queryTimes.append(seconds(clock.now - t0) * 1000)
            }
            var backwardTimes: [Double] = []
            var forwardTimes: [Double] = []
            let walker = TraceWalker()
            for _ in 0..<samples {
                let chain = sampleChain()
                var t0 = clock.now
                _ = try await walker.trace(EPCISIdentifier.canonicalKey(chain.caseA), direction: .backward, in: repository)
                backwardTimes.append(seconds(clock.now - t0) * 1000)
                t0 = clock.now
                _ = try await walker.trace(EPCISIdentifier.canonicalKey(chain.harvestLot), direction: .forward, in: repository)
                forwardTimes.append(seconds(clock.now - t0) * 1000)
            }
            return Report(
                database: location.kind, events: captured, documents: documents, clients: clients,
                captureSeconds: round3(captureSeconds), captureEventsPerSecond: (Double(captured) / captureSeconds).rounded(),
                capturePhases: phases.mapValues { round3(seconds($0)) },
                query: latency(queryTimes), traceBackward: latency(backwardTimes), traceForward: latency(forwardTimes),
                peakMemoryMB: peakMemoryMB())
        }
    }

    static func latency(_ values: [Double]) -> Report.Latency {
        let sorted = values.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return round3(sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)])
        }
        return Report.Latency(samples: sorted.count, p50Ms: percentile(0.5), p99Ms: percentile(0.99), maxMs: round3(sorted.last ?? 0))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// Peak resident memory of this process (Linux VmHWM), in MiB.
    static func peakMemoryMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return (kb / 1024 * 10).rounded() / 10
    }
}

/// A tiny deterministic generator, so benchmark samples are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
