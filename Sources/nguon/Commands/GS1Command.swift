import ArgumentParser
import Foundation
import GS1

struct GS1Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gs1", abstract: "Parse and convert GS1 data: element strings and Digital Link URIs.",
        subcommands: [Parse.self, DL.self])

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the AIs of a bracketed string, an element string (FNC1 as ^ or GS) or a Digital Link as JSON.",
            discussion: """
                With no argument, reads one input per line from standard input and writes one JSON object \
                per line, with an "error" member for invalid lines, so a whole label file can be checked at once. \
                The exit code is then 1 if any line was invalid.
                """)

        @Argument(help: "The GS1 data; omit to read lines from standard input.")
        var input: String?

        func run() throws {
            if let input {
                do throws(GS1Error) {
                    let parsed = try Self.parse(input)
                    print(encode(parsed.descriptions(), pretty: true))
                } catch {
                    FileHandle.standardError.write(Data("nguon gs1 parse: \(error.description) [\(error.code)]\n".utf8))
                    throw ExitCode(1)
                }
                return
            }
            var anyInvalid = false
            var lineNumber = 0
            while let line = readLine(strippingNewline: true) {
                lineNumber += 1
                // A file saved on Windows ends its lines with CR and may start with a byte order mark.
                var text = line.hasSuffix("\r") ? String(line.dropLast()) : line
                if lineNumber == 1, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                if text.isEmpty { continue }
                do throws(GS1Error) {
                    let parsed = try Self.parse(text)
                    print(encode(LineResult(line: lineNumber, input: text, ais: parsed.descriptions(), error: nil), pretty: false))
                } catch {
                    anyInvalid = true
                    let problem = LineError(code: error.code, message: error.description, ai: error.ai, position: error.position)
                    print(encode(LineResult(line: lineNumber, input: text, ais: nil, error: problem), pretty: false))
                }
            }
            if anyInvalid { throw ExitCode(1) }
        }

        /// The one way both modes read an input, so an argument and a line of standard input
        /// with the same text always agree: GS1.parse, which also takes an element string
        /// whose leading FNC1 a scanner left out ("0178717691753146").
        static func parse(_ text: String) throws(GS1Error) -> ElementString {
            try GS1.parse(text)
        }
    }

    struct DL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dl", abstract: "Print the canonical GS1 Digital Link URI for GS1 data.")

        @Argument(help: "Bracketed string, element string or Digital Link URI.")
        var input: String
        @Option(help: "Domain and optional path stem of the URI.")
        var domain: String = DigitalLink.canonicalStem

        func validate() throws {
            guard let url = URLComponents(string: domain), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
                  url.query == nil else {
                throw ValidationError("--domain must be an absolute http(s) URL without a query (got “\(domain)”).")
            }
        }

        func run() throws {
            var stem = domain
            while stem.hasSuffix("/") { stem.removeLast() }
            do throws(GS1Error) {
                print(try GS1.parse(input).digitalLink(stem: stem))
            } catch {
                FileHandle.standardError.write(Data("nguon gs1 dl: \(error.description) [\(error.code)]\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

/// One line of `nguon gs1 parse` in batch mode.
private struct LineResult: Encodable {
    let line: Int
    let input: String
    let ais: [AIDescription]?
    let error: LineError?
}

private struct LineError: Encodable {
    let code: String
    let message: String
    let ai: String?
    let position: Int?
}

/// Our own Encodable values of strings and numbers: encoding cannot fail.
private func encode(_ value: some Encodable, pretty: Bool) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(value), as: UTF8.self)
}
