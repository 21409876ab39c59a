import App
import NguonBench
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
        subcommands: [GS1Bench.self, QRBench.self, EPCISBench.self, HashBench.self, AvailabilityBench.self,
                      ImportBench.self, SearchBench.self, OriginPageBench.self, RecallBench.self])
}

struct BenchOptions: ParsableArguments {
    @Option(help: "Seconds to run each measurement, 0.1–60.")
    var seconds: Double = 2

    func validate() throws {
        guard (0.1...60).contains(seconds) else { throw ValidationError("--seconds must be from 0.1 to 60 (got \(seconds)).") }
    }
}

struct QRBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr", abstract: "QR symbols per second: 60-character Digital Link URI, ECC M, rendered to SVG.")

    @OptionGroup var options: BenchOptions

    func run() throws { QRBenchmark.run(seconds: options.seconds).print() }
}

struct GS1Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gs1", abstract: "GS1 parses per second: Digital Link URIs, element strings, bracketed strings.")

    @OptionGroup var options: BenchOptions

    func run() throws { try GS1Benchmark.run(seconds: options.seconds).print() }
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

struct HashBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash", abstract: "CBV 2.0 event hash IDs per second over the demo supply chain's events (pre-hash string and SHA-256).")

    @OptionGroup var options: BenchOptions

    func run() throws { try HashBenchmark.run(seconds: options.seconds).print() }
}

struct AvailabilityBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "availability",
        abstract: "A real server on 127.0.0.1: cached origin pages, linksets, unknown codes and first views per second, memory after them, and pages per second while sign-ins are attempted.",
        discussion: "Uses a new SQLite file in a temporary folder; the load comes from this process, so run nothing else meanwhile.")

    @Option(help: "Demo supply chains to load (12 events and one packed lot each), 100–200,000.")
    var lots: Int = 20_000

    @Option(help: "Seconds for each measurement, 1–60.")
    var seconds: Double = 5

    @Option(help: "Keep-alive connections of the load, 1–256.")
    var connections: Int = 16

    @Option(help: "Sign-in attempts per second during the sign-in measurement, 1–200.")
    var signIns: Int = 20

    @Option(help: "TCP port on 127.0.0.1 for the server under test.")
    var port: Int = 18_080

    @Option(help: "Build the store in this new SQLite file and keep it (to serve it with `nguon serve` and load it with wrk).")
    var keepDatabase: String?

    func validate() throws {
        guard (100...200_000).contains(lots) else { throw ValidationError("--lots must be from 100 to 200,000 (got \(lots)).") }
        guard (1...60).contains(seconds) else { throw ValidationError("--seconds must be from 1 to 60 (got \(seconds)).") }
        guard (1...256).contains(connections) else { throw ValidationError("--connections must be from 1 to 256 (got \(connections)).") }
        guard (1...200).contains(signIns) else { throw ValidationError("--sign-ins must be from 1 to 200 (got \(signIns)).") }
        guard (1_024...65_535).contains(port) else { throw ValidationError("--port must be from 1024 to 65535 (got \(port)).") }
        if let keepDatabase, FileManager.default.fileExists(atPath: keepDatabase) {
            throw ValidationError("--keep-database must name a file that does not exist yet (\(keepDatabase) does).")
        }
    }

    func run() async throws {
        let report = try await AvailabilityBenchmark.run(lots: lots, seconds: seconds, connections: connections, port: port,
                                                         signInsPerSecond: signIns, keep: keepDatabase)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(Envelope(report: report)), as: UTF8.self))
    }

    struct Envelope: Encodable {
        let benchmark = "availability"
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let report: AvailabilityBenchmark.Report
    }
}
