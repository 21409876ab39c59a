import Foundation
#if FUZZING
import CFuzzDriver
#endif

/// What every harness shares: how it starts, and how it reports a broken invariant.
///
/// SwiftPM on Linux renames an executable's entry point and links `main` to it, so a harness
/// cannot simply leave `main` to libFuzzer. Each harness therefore has a `@main` that calls
/// `Fuzz.main(_:)`: built with `-DFUZZING -sanitize=fuzzer` that hands control to libFuzzer
/// (`LLVMFuzzerRunDriver`, which takes the same command line as a libFuzzer binary); built
/// plainly it replays the files of the folders given as arguments, so the committed corpus is a
/// regression test that needs no libFuzzer.
public enum Fuzz {
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Stops the process: libFuzzer records the input that broke the invariant as a crash.
    /// (The message is a plain String: with an autoclosure here, Swift 6.3.1 -O crashed in
    /// CopyPropagation's ownership verifier on a `catch { Fuzz.fail("…\(error)") }`.)
    public static func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        fatalError("fuzz invariant violated: \(message)", file: file, line: line)
    }

    /// `fail` unless `condition` holds.
    @inline(__always)
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String,
                             file: StaticString = #fileID, line: UInt = #line) {
        if !condition { fail(message(), file: file, line: line) }
    }

    /// Runs the harness: libFuzzer's driver when built for fuzzing, a corpus replay otherwise.
    public static func main(_ testOneInput: TestOneInput) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
        #else
        exit(replay(Array(CommandLine.arguments.dropFirst()), testOneInput))
        #endif
    }

    /// Feeds every file under the given files or folders (sorted, recursively; options starting
    /// with "-" are ignored, as libFuzzer's would be) through the harness. Returns the exit status.
    static func replay(_ arguments: [String], _ testOneInput: TestOneInput) -> Int32 {
        let name = (CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent }) ?? "fuzz"
        let paths = arguments.filter { !$0.hasPrefix("-") }
        guard !paths.isEmpty else {
            print("usage: \(name) CORPUS_DIR_OR_FILE…  (replays each input; build with Fuzz/run to fuzz)")
            return 2
        }
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                print("\(name): no such file or folder: \(path)")
                return 2
            }
            if isDirectory.boolValue {
                let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []
                for item in found.sorted() {
                    let full = (path as NSString).appendingPathComponent(item)
                    var dir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue { files.append(full) }
                }
            } else {
                files.append(path)
            }
        }
        var bytes = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(name): cannot read \(file)")
                return 1
            }
            bytes += data.count
            let copy = [UInt8](data)
            // An exact-size allocation, as libFuzzer gives, so an over-read is an over-read.
            copy.withUnsafeBufferPointer { _ = testOneInput($0.baseAddress, $0.count) }
        }
        print("\(name): replayed \(files.count) inputs (\(bytes) bytes), no invariant violated")
        return 0
    }
}

extension UnsafeRawBufferPointer {
    /// The harness input as a buffer (libFuzzer may pass a null pointer for an empty input).
    public init(fuzzData data: UnsafePointer<UInt8>?, count: Int) {
        self = count == 0 || data == nil ? UnsafeRawBufferPointer(start: nil, count: 0) : UnsafeRawBufferPointer(start: data, count: count)
    }
}
