import ArgumentParser
import EPCIS
import Foundation

/// `nguon epcis …`: the EPCIS library for people who integrate with us — check a document
/// before sending it, see the hash IDs the repository will store, convert between bindings.
struct EPCISCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis", abstract: "Validate, hash and convert EPCIS 2.0 documents (JSON-LD or XML).",
        subcommands: [Validate.self, Hash.self, Convert.self])

    struct FileArgument: ParsableArguments {
        @Argument(help: "An EPCIS document, query document or event: JSON-LD or XML (2.0, or 1.2 input).")
        var file: String

        /// Decodes by content: a document starting with "<" is XML, anything else JSON.
        func payload(validate: Bool) throws -> EPCISPayload {
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                fail("cannot read \(file): \(error.localizedDescription)")
            }
            let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            do throws(EPCISErrors) {
                return first == UInt8(ascii: "<")
                    // Hashing and converting read what others wrote, in whatever order; validating holds to the XSD.
                    ? try EPCISDocument.decodeXML(bytes, validate: validate, requireSchemaOrder: validate)
                    : try EPCISJSON.decode(bytes, validate: validate)
            } catch {
                for problem in error.errors { FileHandle.standardError.write(Data("\(file): \(problem.description)\n".utf8)) }
                FileHandle.standardError.write(Data("\(file): \(error.errors.count) problem(s)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a document; list every problem with its event and field.")
        @OptionGroup var input: FileArgument

        func run() throws {
            let payload = try input.payload(validate: true)
            print("\(input.file): OK, \(payload.events.count) event(s)")
        }
    }

    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the CBV 2.0 event hash ID of each event, in document order.")
        @OptionGroup var input: FileArgument
        @Flag(help: "Print the canonical pre-hash string under each ID.")
        var prehash = false

        func run() throws {
            let payload = try input.payload(validate: false)
            let options: EventHash.Options = switch payload {
            case .document(let d): EventHash.options(for: d)
            case .queryDocument(let q): EventHash.options(for: q)
            case .event(let e): EventHash.Options(context: e.context)
            }
            for event in payload.events {
                print(EventHash.compute(event, options: options))
                if prehash { print("  " + EventHash.preHashString(event, options: options)) }
            }
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Convert a document to EPCIS 2.0 JSON-LD or XML.")
        @OptionGroup var input: FileArgument
        @Option(help: "Target binding: json or xml.")
        var to: String
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func validate() throws {
            guard ["json", "xml"].contains(to.lowercased()) else { throw ValidationError("--to must be json or xml (got “\(to)”).") }
        }

        func run() throws {
            let payload = try input.payload(validate: false)
            let bytes: [UInt8]
            do throws(EPCISErrors) {
                switch (payload, to.lowercased()) {
                case (.document(let d), "xml"): bytes = try d.xmlBytes()
                case (.queryDocument(let q), "xml"): bytes = try q.xmlBytes()
                case (.event(let e), "xml"): bytes = try EPCISDocument(context: e.context ?? EPCISContext(), events: [e]).xmlBytes()
                case (.document(let d), _): bytes = d.jsonBytes(pretty: true)
                case (.queryDocument(let q), _): bytes = q.jsonBytes(pretty: true)
                case (.event(let e), _): bytes = e.jsonBytes(pretty: true)
                }
            } catch {
                fail("cannot write \(to): \(error.description)")
            }
            if let output {
                do { try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                    fail("cannot write \(output): \(error.localizedDescription)")
                }
            } else {
                FileHandle.standardOutput.write(Data(bytes))
                if bytes.last != 0x0A { print() }
            }
        }
    }
}

/// Prints `message` to standard error and ends the command with exit code 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("nguon: \(message)\n".utf8))
    Foundation.exit(1)
}
