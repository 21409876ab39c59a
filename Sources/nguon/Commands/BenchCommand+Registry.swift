import ArgumentParser
import Foundation
import Logging
import NguonBench

/// The registry's benchmarks: `nguon bench import`, `search` and `origin-page`. Each uses a new
/// SQLite file in a temporary folder and prints one JSON report.
struct ImportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Rows/s and peak memory of a facilities sheet import (XLSX made in memory): check, store, end to end.",
        discussion: "The owners are imported first as organisations with valid tax codes; facilities name them by tax code and sit in Quảng Ninh's communes (migration 010).")

    @Option(help: "Facility rows in the sheet, 1,000–200,000 (the import's limit).")
    var rows: Int = 100_000

    @Option(help: "Owner organisations imported first, 10–10,000.")
    var organisations: Int = 1_000

    @Option(help: "Build the store in this new SQLite file and keep it.")
    var keepDatabase: String?

    func validate() throws {
        guard (1_000...200_000).contains(rows) else { throw ValidationError("--rows must be from 1,000 to 200,000 (got \(rows)).") }
        guard (10...10_000).contains(organisations) else { throw ValidationError("--organisations must be from 10 to 10,000 (got \(organisations)).") }
        try checkNew(keepDatabase)
    }

    func run() async throws {
        let report = try await RegistryBenchmark.runImport(rows: rows, organisations: organisations, keep: keepDatabase, logger: benchLogger())
        printReport(RegistryEnvelope(benchmark: "import", report: report))
    }
}

struct SearchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Latency (p50/p95/p99/max) of product searches as /quan-tri/san-pham runs them, over a synthetic registry.",
        discussion: "Queries are 1–3 words of product names, typed with accents, without, or with one slip; each asks for the first page of 50 and the count, as an administrator.")

    @Option(help: "Products to register, 1,000–500,000.")
    var products: Int = 100_000

    @Option(help: "Queries to time, 100–100,000.")
    var queries: Int = 2_000

    @Flag(help: "Run ANALYZE after loading, so the query planner has statistics (the server never runs it; this shows what it would change).")
    var analyze = false

    @Option(help: "Build the store in this new SQLite file and keep it (to look at query plans with sqlite3).")
    var keepDatabase: String?

    func validate() throws {
        guard (1_000...500_000).contains(products) else { throw ValidationError("--products must be from 1,000 to 500,000 (got \(products)).") }
        guard (100...100_000).contains(queries) else { throw ValidationError("--queries must be from 100 to 100,000 (got \(queries)).") }
        try checkNew(keepDatabase)
    }

    func run() async throws {
        let report = try await RegistryBenchmark.runSearch(products: products, queries: queries, analyze: analyze, keep: keepDatabase, logger: benchLogger())
        printReport(RegistryEnvelope(benchmark: "search", report: report))
    }
}

struct OriginPageBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "origin-page",
        abstract: "Requests/s of a cached origin page with full registry data, and of its product photo, on a real server on 127.0.0.1.",
        discussion: "The cooperative, its farm, packhouse and product (with photo) are registered through the administration forms and the lot captured with its own token; the load comes from this process, so run nothing else meanwhile.")

    @Option(help: "Seconds for each measurement, 1–60.")
    var seconds: Double = 5

    @Option(help: "Keep-alive connections of the load, 1–256.")
    var connections: Int = 16

    @Option(help: "TCP port on 127.0.0.1 for the server under test.")
    var port: Int = 18_081

    @Option(help: "Register in this new SQLite file and keep it (to serve it with `nguon serve` and load it with wrk).")
    var keepDatabase: String?

    func validate() throws {
        guard (1...60).contains(seconds) else { throw ValidationError("--seconds must be from 1 to 60 (got \(seconds)).") }
        guard (1...256).contains(connections) else { throw ValidationError("--connections must be from 1 to 256 (got \(connections)).") }
        guard (1_024...65_535).contains(port) else { throw ValidationError("--port must be from 1024 to 65535 (got \(port)).") }
        try checkNew(keepDatabase)
    }

    func run() async throws {
        let report = try await RegistryBenchmark.runOriginPage(seconds: seconds, connections: connections, port: port, keep: keepDatabase)
        printReport(RegistryEnvelope(benchmark: "origin-page", report: report))
    }
}

struct RecallBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Seconds to open a recall of a lot with N downstream holders (trace, scope, store), and to work its scope out again.",
        discussion: "The lot becomes N serialised packs, each received at its own shop; the events are captured through the capture path into a new SQLite file first.")

    @Option(help: "Shops holding the lot, 10–50,000.")
    var holders: Int = 5_000

    @Option(help: "Times to work the scope out again, 0–20.")
    var `repeat`: Int = 5

    func validate() throws {
        guard (10...50_000).contains(holders) else { throw ValidationError("--holders must be from 10 to 50,000 (got \(holders)).") }
        guard (0...20).contains(`repeat`) else { throw ValidationError("--repeat must be from 0 to 20 (got \(`repeat`)).") }
    }

    func run() async throws {
        let report = try await RecallBenchmark.run(holders: holders, repeats: `repeat`, logger: benchLogger())
        printReport(RegistryEnvelope(benchmark: "recall", report: report))
    }
}

private struct RegistryEnvelope<Report: Encodable>: Encodable {
    let benchmark: String
    let cores = ProcessInfo.processInfo.activeProcessorCount
    #if DEBUG
    let build = "debug (use: swift build -c release --product nguon)"
    #else
    let build = "release"
    #endif
    let report: Report
}

/// A kept database must be a new file: a benchmark never writes into an existing store.
private func checkNew(_ path: String?) throws {
    if let path, FileManager.default.fileExists(atPath: path) {
        throw ValidationError("--keep-database must name a file that does not exist yet (\(path) does).")
    }
}

private func benchLogger() -> Logger {
    var logger = Logger(label: "nguon.bench")
    logger.logLevel = .warning
    return logger
}

private func printReport(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self))
}
