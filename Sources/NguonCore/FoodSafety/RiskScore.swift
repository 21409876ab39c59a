/// How much a facility's record says it needs inspecting, 0 (nothing known against it) to 100,
/// for proposing the riskiest first in an inspection plan (issue 10 §2). No regulation sets the
/// weights: they are Nguồn's, kept here with their reasons so an officer can read why a facility
/// came first, and every part is shown next to the score.
public struct RiskScore: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        /// Monitoring samples of the facility's products that failed, in the last 24 months.
        public var failedSamples: Int
        /// Violations recorded against the facility in the last 24 months.
        public var violations: Int
        /// Whether it lacks a certificate or commitment in force (none, expired, suspended, revoked).
        public var lacksPapers: Bool
        /// Days since it last recorded a traceability event; nil when it never did.
        public var daysSinceLastEvent: Int?
        /// Days since it was last inspected; nil when it never was.
        public var daysSinceInspection: Int?

        public init(failedSamples: Int = 0, violations: Int = 0, lacksPapers: Bool = false, daysSinceLastEvent: Int? = nil,
                    daysSinceInspection: Int? = nil) {
            self.failedSamples = failedSamples
            self.violations = violations
            self.lacksPapers = lacksPapers
            self.daysSinceLastEvent = daysSinceLastEvent
            self.daysSinceInspection = daysSinceInspection
        }
    }

    public enum Part: String, Sendable, CaseIterable {
        case samples, violations, papers, traceability, inspection
    }

    public let total: Int
    public let parts: [Part: Int]

    /// Failed samples weigh most (a product found unsafe), then violations, then missing papers;
    /// a facility that records nothing, or that nobody has inspected for over a year, is less
    /// known and so ranks higher. Each part is capped so no single one decides alone.
    public init(_ record: Record) {
        var parts: [Part: Int] = [:]
        parts[.samples] = min(35, record.failedSamples * 20)
        parts[.violations] = min(25, record.violations * 12)
        parts[.papers] = record.lacksPapers ? 15 : 0
        parts[.traceability] = switch record.daysSinceLastEvent {
        case nil: 15
        case let days? where days > 180: 10
        case let days? where days > 60: 5
        default: 0
        }
        parts[.inspection] = switch record.daysSinceInspection {
        case nil: 10
        case let days? where days > 365: 10
        case let days? where days > 180: 5
        default: 0
        }
        self.parts = parts
        self.total = min(100, parts.values.reduce(0, +))
    }
}
