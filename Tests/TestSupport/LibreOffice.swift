import Foundation
import Testing

/// LibreOffice run headless with a private profile, to open what Nguồn writes and to write what it
/// must read. Missing `soffice` fails the calling test (CI installs it).
public struct LibreOffice: Sendable {
    public let executable: String
    public let folder: URL

    public init(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = path.split(separator: ":").flatMap { ["\($0)/soffice", "\($0)/libreoffice"] }
        executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                  "LibreOffice is not installed (Debian: apt-get install libreoffice-calc); CI installs it",
                                  sourceLocation: sourceLocation)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sheets-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Deletes the folder, profile and files included.
    public func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Converts `input` with `soffice --convert-to`, waiting at most `timeout`; returns the new file.
    public func convert(_ input: URL, to format: String, inputFilter: String? = nil, timeout: Duration = .seconds(180)) throws -> URL {
        let out = folder.appendingPathComponent("out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--norestore", "--nologo"]
        if let inputFilter { arguments.append("--infilter=\(inputFilter)") }
        arguments += ["--convert-to", format, "--outdir", out.path, input.path]
        process.arguments = arguments
        let log = folder.appendingPathComponent("soffice-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(100_000) }
        if process.isRunning {
            process.terminate()
            usleep(2_000_000)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw Failure(description: "soffice did not finish within \(timeout)")
        }
        try? handle.close()
        let produced = try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil)
        guard process.terminationStatus == 0, let file = produced.first else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "soffice exited \(process.terminationStatus) without output: \(text)")
        }
        return file
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}
