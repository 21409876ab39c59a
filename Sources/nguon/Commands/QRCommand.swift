import ArgumentParser
import Foundation
import QRCode

struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr", abstract: "Make a QR code symbol (SVG or PNG) for a text, e.g. a Digital Link URI.")

    @Argument(help: "The text to encode (UTF-8).")
    var text: String
    @Option(help: "Error correction level: L, M, Q or H.")
    var ecc: String = "M"
    @Option(help: "Output format: svg or png (default: from the -o file name, else svg).")
    var format: String?
    @Option(help: "PNG pixels per module, 1–64.")
    var scale: Int = 8
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard ErrorCorrection(ecc) != nil else { throw ValidationError("--ecc must be L, M, Q or H (got “\(ecc)”).") }
        if let format, !["svg", "png"].contains(format.lowercased()) {
            throw ValidationError("--format must be svg or png (got “\(format)”).")
        }
        guard (1...64).contains(scale) else { throw ValidationError("--scale must be from 1 to 64 (got \(scale)).") }
    }

    func run() throws {
        let kind = format?.lowercased() ?? (output?.lowercased().hasSuffix(".png") == true ? "png" : "svg")
        let symbol: QRCode
        do {
            symbol = try QRCode.encode(text, errorCorrection: ErrorCorrection(ecc)!)
        } catch {
            FileHandle.standardError.write(Data("nguon qr: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let bytes: [UInt8] = kind == "png" ? symbol.png(scale: scale, quietZone: 4) : Array(symbol.svg().utf8)
        if let output {
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                FileHandle.standardError.write(Data("nguon qr: cannot write \(output): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
            FileHandle.standardError.write(Data("version \(symbol.version), \(symbol.size)×\(symbol.size) modules, ECC \(symbol.errorCorrection.rawValue) → \(output)\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
