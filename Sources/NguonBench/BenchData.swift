import App
import EPCIS
import Foundation
import Logging

/// Synthetic stores for the benchmarks: demo supply chains (12 events each), made distinct by
/// their variant number, captured through the same path as `POST /epcis/capture` minus HTTP.
enum BenchData {
    /// Captures `chains` demo chains in documents of about 1,000 events; returns the event count.
    static func load(chains: Int, config: AppConfig, logger: Logger) async throws -> Int {
        try await AppDatabase.using(config, logger: logger) { database in
            let repository = EPCISRepository(database: database)
            let perDocument = max(1, 1_000 / DemoSupplyChain().events.count)
            var captured = 0
            for first in stride(from: 1, through: chains, by: perDocument) {
                let body = (first...min(chains, first + perDocument - 1)).flatMap { DemoSupplyChain(variant: $0).events }
                let json = Array(#"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-25T00:00:00Z","epcisBody":{"eventList":[\#(body.joined(separator: ","))]}}"#.utf8)
                guard case .document(let document) = try EPCISJSON.decode(json) else { continue }
                let checked = try await EPCISCapture.check(document.events, context: document.context)
                let job = try await EPCISCapture.store(checked, vocabularies: [], behaviour: .rollback, repository: repository, changes: nil)
                captured += job.capturedCount
            }
            return captured
        }
    }

    static func packGTIN(variant: Int) -> String { DemoSupplyChain(variant: variant).packGTIN }

    /// The origin page of a chain's packed lot, as its label's QR code leads to it.
    static func lotPath(variant: Int) -> String {
        let chain = DemoSupplyChain(variant: variant)
        return "/01/\(chain.packGTIN)/10/\(chain.packLotCode)"
    }

    static func residentMB() -> Double { statusMB("VmRSS:") }
    static func peakResidentMB() -> Double { statusMB("VmHWM:") }

    /// A memory figure of this process from /proc/self/status, in MiB (Linux).
    static func statusMB(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return (kb / 1024 * 10).rounded() / 10
    }
}
