import ArgumentParser

/// `nguon`: the server and the tools around it. This file only wires subcommands; each lives in
/// Commands/ and calls into the App, GS1 and QRCode libraries.
@main
struct Nguon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nguon",
        abstract: "Nguồn — provincial traceability and food-safety platform.",
        subcommands: [ServeCommand.self, MigrateCommand.self, DemoCommand.self, GS1Command.self, QRCommand.self, EPCISCommand.self,
                      TraceCommand.self, BenchCommand.self, UserCommand.self, AdminUnitsCommand.self, AuditCommand.self,
                      TokenCommand.self]
    )
}
