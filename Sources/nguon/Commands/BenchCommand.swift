import App
import ArgumentParser
import Foundation
import GS1
import Logging
import QRCode

/// `nguon bench …`: throughput figures as JSON, for BENCHMARKS.md. Single-threaded on purpose:
/// the figure is per core, and `cores` says how many the machine has.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure throughput and print JSON.",
        subcommands: [GS1Bench.self, QRBench.self, EPCISBench.self])
}

struct BenchOptions: ParsableArguments {
    @Option(help: "Seconds to run each measurement, 0.1–60.")
    var seconds: Double = 2

    func validate() throws {
        guard (0.1...60).contains(seconds) else { throw ValidationError("--seconds must be from 0.1 to 60 (got \(seconds)).") }
    }
}

struct BenchResult: Encodable {
    let name: String
    let input: String
    let operations: Int
    let seconds: Double
    let perSecond: Double
}

struct BenchReport: Encodable {
    let benchmark: String
    let cores: Int
    let threads: Int
    let build: String
    let results: [BenchResult]

    init(_ name: String, _ results: [BenchResult]) {
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

    func print() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try! encoder.encode(self), as: UTF8.self))
    }
}

/// Runs `body` repeatedly for about `seconds` and reports the rate. `body` returns a number that is
/// folded into a checksum, so the optimiser cannot drop the work.
func measure(_ name: String, input: String, seconds: Double, _ body: () -> Int) -> BenchResult {
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

struct QRBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr", abstract: "QR symbols per second: 60-character Digital Link URI, ECC M, rendered to SVG.")

    @OptionGroup var options: BenchOptions

    static let uri = "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ9876543"

    func run() throws {
        let results = [
            measure("qr-encode+svg", input: Self.uri, seconds: options.seconds) {
                (try? QRCode.encode(Self.uri, errorCorrection: .medium))?.svg().utf8.count ?? 0
            },
            measure("qr-encode", input: Self.uri, seconds: options.seconds) {
                (try? QRCode.encode(Self.uri, errorCorrection: .medium))?.size ?? 0
            },
            measure("qr-encode+png", input: Self.uri, seconds: options.seconds) {
                (try? QRCode.encode(Self.uri, errorCorrection: .medium))?.png(scale: 4, quietZone: 4).count ?? 0
            },
        ]
        BenchReport("qr", results).print()
    }
}

struct GS1Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gs1", abstract: "GS1 parses per second: Digital Link URIs, element strings, bracketed strings.")

    @OptionGroup var options: BenchOptions

    static let digitalLink = "https://id.gs1.org/01/09506000134352/10/ABC123?17=261231"
    static let elementString = "^010950600013435210ABC123^17261231"
    static let bracketed = "(01)09506000134352(10)ABC123(17)261231"

    func run() throws {
        // Check once that the inputs are valid, so the loops measure parsing, not error paths.
        for input in [Self.digitalLink, Self.elementString, Self.bracketed] { _ = try GS1.parse(input) }
        let results = [
            measure("digital-link-parse", input: Self.digitalLink, seconds: options.seconds) {
                (try? GS1.parse(Self.digitalLink))?.elements.count ?? 0
            },
            measure("element-string-parse", input: Self.elementString, seconds: options.seconds) {
                (try? GS1.parse(Self.elementString))?.elements.count ?? 0
            },
            measure("bracketed-parse", input: Self.bracketed, seconds: options.seconds) {
                (try? GS1.parse(Self.bracketed))?.elements.count ?? 0
            },
            measure("digital-link-generate", input: Self.bracketed, seconds: options.seconds) {
                (try? GS1.parse(Self.bracketed).digitalLink())?.utf8.count ?? 0
            },
        ]
        BenchReport("gs1", results).print()
    }
}

struct EPCISBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis",
        abstract: "Capture events/s, query and trace latency (p50/p99) and peak memory on a synthetic store.",
        discussion: "Uses a new SQLite file in a temporary folder, or the PostgreSQL database given with --postgres (never DATABASE_URL, so a production database is not filled by accident; use an empty one).")

    @Option(help: "How many events to generate and capture (12 per supply chain), 1,000–5,000,000.")
    var events: Int = 100_000

    @Option(help: "How many clients send documents at once, 1–16 (a server's capacity shows once there are more than cores).")
    var clients: Int = 2

    @Option(help: "An empty PostgreSQL database to measure instead of SQLite: postgres://user@host:port/db.")
    var postgres: String?

    func validate() throws {
        if let postgres, !postgres.hasPrefix("postgres") {
            throw ValidationError("--postgres must be a postgres:// URL.")
        }
        guard (1_000...5_000_000).contains(events) else { throw ValidationError("--events must be from 1,000 to 5,000,000 (got \(events)).") }
        guard (1...16).contains(clients) else { throw ValidationError("--clients must be from 1 to 16 (got \(clients)).") }
    }

    func run() async throws {
        var location = DatabaseLocation.sqlite(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("nguon-bench-\(UUID().uuidString).sqlite").path)
        if let postgres { location = .postgres(url: postgres) }
        var logger = Logger(label: "nguon.bench")
        logger.logLevel = .warning
        let report = try await EPCISBenchmark.run(events: events, clients: clients, database: location, logger: logger)
        if case .sqlite(let path) = location {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(BenchEnvelope(report: report)), as: UTF8.self))
    }

    struct BenchEnvelope: Encodable {
        let benchmark = "epcis"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let report: EPCISBenchmark.Report
    }
}
