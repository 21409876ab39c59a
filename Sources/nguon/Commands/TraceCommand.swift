import App
import ArgumentParser
import Foundation
import Logging

struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace", abstract: "Trace an identifier (Digital Link, EPC URN, GTIN+lot, SSCC) through the stored events.")

    @Argument(help: "What to trace, e.g. https://id.gs1.org/01/08935001000020/10/LTH1 or \"(01)08935001000020(10)LTH1\".")
    var id: String
    @Option(help: "backward (to the origin), forward (to consumers, with the recall scope) or both.")
    var direction: String = "both"
    @Flag(help: "Print the same answer as GET /api/v1/trace, as JSON.")
    var json = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        var logger = Logger(label: "nguon.trace")
        logger.logLevel = .warning
        do {
            print(try await TraceReport.run(id: id, direction: direction, json: json, config: config, logger: logger))
        } catch let error as AppError {
            fail(error.detail.vi + " (" + error.detail.en + ")")
        }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load the demo supply chains (vegetables, shrimp, OCOP pomelo) into the database.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        var logger = Logger(label: "nguon.demo")
        logger.logLevel = .warning
        for item in try await DemoLoader.load(into: config, logger: logger) {
            print("\(item.product): \(config.publicURL)\(item.path)  (\(item.events) sự kiện)")
        }
    }
}
