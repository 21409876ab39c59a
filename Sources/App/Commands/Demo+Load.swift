import EPCIS
import Foundation
import Logging

/// `nguon demo` and `serve --demo`: captures the demo supply chains so a newcomer sees real
/// origin pages at once. Capturing twice changes nothing (events are deduplicated by hash).
public enum DemoLoader {
    public struct Loaded: Sendable {
        public let product: String
        /// Path of the origin page of the consumer pack's lot.
        public let path: String
        public let events: Int
    }

    public static func load(into config: AppConfig, logger: Logger) async throws -> [Loaded] {
        try await AppDatabase.using(config, logger: logger) { database in
            try await load(into: EPCISRepository(database: database), changes: nil)
        }
    }

    static func load(into repository: EPCISRepository, changes: IdentifierChanges?) async throws -> [Loaded] {
        var loaded: [Loaded] = []
        for scenario in DemoSupplyChain.Scenario.all {
            let chain = DemoSupplyChain(variant: 1, scenario: scenario)
            guard case .document(let document) = try EPCISJSON.decode(Array(chain.document.utf8)) else { continue }
            let job = try await EPCISCapture.capture(document.events, context: document.context, vocabularies: document.vocabularyList,
                                                     behaviour: .rollback, repository: repository, changes: changes)
            loaded.append(Loaded(product: scenario.packedProduct, path: "/01/\(chain.packGTIN)/10/\(chain.packLotCode)",
                                 events: job.capturedCount + job.duplicateCount))
        }
        return loaded
    }
}
