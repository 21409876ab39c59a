import Foundation

/// One measured workload.
public struct BenchResult: Encodable, Sendable {
    let name: String
    let input: String
    let operations: Int
    let seconds: Double
    let perSecond: Double
}

/// A set of results as printed by `nguon bench`.
public struct BenchReport: Encodable, Sendable {
    let benchmark: String
    let cores: Int
    let threads: Int
    let build: String
    let results: [BenchResult]

    public init(_ name: String, _ results: [BenchResult]) {
        benchmark = name
        cores = ProcessInfo.processInfo.activeProcessorCount
        threads = 1
        #if DEBUG
        build = "debug (use: swift run -c release nguon bench …)"
        #else
        build = "release"
        #endif
        self.results = results
    }

    public func print() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self))
    }
}

/// Runs `body` repeatedly for about `seconds` and reports the rate. `body` returns a number that is
/// folded into a checksum, so the optimiser cannot drop the work.
public func measure(_ name: String, input: String, seconds: Double, _ body: () -> Int) -> BenchResult {
    var sink = 0
    for _ in 0..<1_000 { sink &+= body() }  // warm-up: caches, lazy tables
    let clock = ContinuousClock()
    let start = clock.now
    let limit = Duration.milliseconds(Int64(seconds * 1000))
    var operations = 0
    var elapsed = Duration.zero
    repeat {
        for _ in 0..<256 { sink &+= body() }
        operations += 256
        elapsed = clock.now - start
    } while elapsed < limit
    let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    if sink == 42 { Swift.print("") }  // practically never true; keeps `sink` alive
    return BenchResult(name: name, input: input, operations: operations, seconds: (secs * 1000).rounded() / 1000,
                       perSecond: (Double(operations) / secs).rounded())
}

