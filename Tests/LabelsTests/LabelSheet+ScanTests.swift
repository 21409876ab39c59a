import Foundation
import Testing
@testable import Labels

/// The printed codes scan: a sheet is rasterised by headless Chromium (as a browser prints it)
/// and each label's area is read by zbarimg (Debian: chromium, zbar-tools). These tools are
/// required, not optional: CI installs them, so a missing one fails the test rather than
/// skipping it and passing having checked nothing.
@Suite("Label sheets scan", .serialized)
struct LabelSheetScanTests {
    @Test("Every code on a full A4 3 × 8 page of serialised labels decodes to its link")
    func a4Page() throws {
        let labels = try Fixture.lot(lot: "DS-2611/B").serialised(.counting(from: 9_977, count: 24, width: 6))
        try scan(labels, layout: .a4x24, scale: 2)
    }

    @Test("Every page of a 50 × 30 mm roll decodes to its label's link")
    func roll() throws {
        let labels = try Fixture.lot(limit: .bestBefore(Fixture.expires)).serialised(.list(["R-001", "R-002", "R-003"]))
        try scan(labels, layout: .roll50x30, scale: 4)
    }

    /// Renders `labels`, screenshots the whole document once, then reads each label's area
    /// separately: zbar misses some codes in an image holding two dozen of them, but not one
    /// at a time, and a crop shows which label failed.
    private func scan(_ labels: [LabelContent], layout: LabelLayout, scale: Int) throws {
        let chromium = try #require(Tool.find(["chromium", "chromium-browser", "google-chrome"]),
                                    "headless Chromium is needed: apt-get install chromium")
        let zbarimg = try #require(Tool.find(["zbarimg"]), "zbarimg is needed: apt-get install zbar-tools")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("labels-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // Screen-only placement pinned for the test (no note, no gaps between pages), so page n
        // starts n page-heights down; printing ignores these rules, and the labels are untouched.
        let pin = "<style>@media screen{.s{display:none}body{padding:0}svg.p{margin:0;box-shadow:none}}</style>\n</head>"
        let html = try LabelSheet.render(labels, layout: layout, title: "Quét thử")
            .replacing("</head>", with: pin, maxReplacements: 1)
        let page = dir.appendingPathComponent("sheet.html"), png = dir.appendingPathComponent("sheet.png")
        try html.write(to: page, atomically: true, encoding: .utf8)

        let cssPerMM = 96 / 25.4
        let pages = layout.pageCount(for: labels.count)
        let window = (Int((layout.page.width * cssPerMM).rounded(.up)),
                      Int((layout.page.height * Double(pages) * cssPerMM).rounded(.up)))
        let shot = try Tool.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
            "--force-device-scale-factor=\(scale)", "--window-size=\(window.0),\(window.1)",
            "--screenshot=\(png.path)", page.absoluteString,
        ])
        try #require(FileManager.default.fileExists(atPath: png.path), "Chromium made no screenshot: \(shot.output)")

        // ImageMagick, which zbarimg reads images with, crops on read: "file.png[WxH+X+Y]".
        let pixelsPerMM = cssPerMM * Double(scale)
        let crops = labels.indices.map { i in
            let (x, y) = layout.origin(ofSlot: i % layout.labelsPerPage)
            let top = y + Double(i / layout.labelsPerPage) * layout.page.height
            return png.path + "[\(Int(layout.label.width * pixelsPerMM))x\(Int(layout.label.height * pixelsPerMM))"
                + "+\(Int(x * pixelsPerMM))+\(Int(top * pixelsPerMM))]"
        }
        let read = try Tool.run(zbarimg, ["--raw", "-q", "-Sdisable", "-Sqrcode.enable"] + crops)
        let decoded = read.output.split(separator: "\n").map(String.init)
        for (i, label) in labels.enumerated() {
            #expect(decoded.contains(label.digitalLink), "label \(i + 1) (page \(i / layout.labelsPerPage + 1)) did not scan")
        }
        #expect(Set(decoded).isSubset(of: Set(labels.map(\.digitalLink))), "decoded: \(decoded)")
    }
}

/// Finding and running the command-line tools.
enum Tool {
    static func find(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs to completion (killed after `timeout` seconds); stdout only, stderr is discarded
    /// (Chromium complains there about D-Bus, which a headless run does not need).
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 120) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
