// swift-tools-version:6.0
import PackageDescription

// The libraries (GS1, XML, EPCIS, QRCode, NguonCore) depend on Foundation (and swift-crypto) only,
// so they build and test in seconds; App wires them to HTTP and storage; `nguon` is the command line.
let package = Package(
    name: "nguon",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nguon", targets: ["nguon"]),
        .library(name: "GS1", targets: ["GS1"]),
        .library(name: "QRCode", targets: ["QRCode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "GS1"),
        // The namespace-aware XML reader and writer: EPCIS XML now, XLSX and DOCX next.
        .target(name: "XML"),
        .target(name: "EPCIS", dependencies: ["GS1", "XML", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "QRCode"),
        // Printable QR label sheets (HTML with SVG pages) and printer CSV for a lot's labels.
        .target(name: "Labels", dependencies: ["QRCode", "GS1"]),
        // Product photos from phones: checked, turned upright, shrunk and re-encoded without metadata.
        .systemLibrary(name: "CTurboJPEG", path: "Sources/CTurboJPEG", pkgConfig: "libturbojpeg",
                       providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CWebP", path: "Sources/CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),
        .target(name: "Images", dependencies: ["CTurboJPEG", "CPNG", "CWebP"]),
        // Spreadsheets (XLSX and CSV) for imports and exports; XML for the parts, ZIPFoundation for the zip.
        .target(name: "Sheets", dependencies: ["XML", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "NguonCore", dependencies: ["GS1", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "App",
            dependencies: [
                "GS1", "EPCIS", "QRCode", "NguonCore", "Images", "Labels", "Sheets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The `nguon bench` workloads: not part of the server.
        .target(
            name: "NguonBench",
            dependencies: ["App", "GS1", "QRCode", "EPCIS", "NguonCore", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "nguon",
            dependencies: [
                "App", "NguonBench", "GS1", "QRCode", "EPCIS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fuzz harnesses (issue 8 §5; Fuzz/run builds them with libFuzzer). Each is an executable:
        // built with -DFUZZING -sanitize=fuzzer it is a libFuzzer binary; built plainly, as here,
        // it replays the corpus folders given as arguments, so `swift build` and CI check them.
        .target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "Fuzz/Support"),
        .executableTarget(name: "fuzz-gs1-element-string", dependencies: ["GS1", "FuzzSupport"],
                          path: "Fuzz/GS1ElementString"),
        .executableTarget(name: "fuzz-gs1-digital-link", dependencies: ["GS1", "FuzzSupport"],
                          path: "Fuzz/GS1DigitalLink"),
        .executableTarget(name: "fuzz-epcis-json", dependencies: ["EPCIS", "FuzzSupport"], path: "Fuzz/EPCISJSON"),
        .executableTarget(name: "fuzz-epcis-xml", dependencies: ["EPCIS", "FuzzSupport"], path: "Fuzz/EPCISXML"),
        .executableTarget(name: "fuzz-xml-reader", dependencies: ["EPCIS", "FuzzSupport"], path: "Fuzz/XMLReader"),
        .executableTarget(name: "fuzz-qr-encode", dependencies: ["QRCode", "FuzzSupport"], path: "Fuzz/QREncode"),
        // Shared by the test targets: where ../shared is, and how to skip without it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GS1Tests", dependencies: ["GS1", "TestSupport"]),
        .testTarget(name: "XMLTests", dependencies: ["XML"]),
        .testTarget(name: "EPCISTests", dependencies: ["EPCIS", "TestSupport"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(name: "LabelsTests", dependencies: ["Labels"]),
        // The C libraries too: the tests make their fixtures with the encoders and read the output back.
        .testTarget(name: "ImagesTests", dependencies: ["Images", "CTurboJPEG", "CWebP"]),
        .testTarget(name: "SheetsTests", dependencies: ["Sheets", "TestSupport"]),
        .testTarget(name: "NguonCoreTests", dependencies: ["NguonCore"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App", "GS1", "QRCode", "NguonCore", "EPCIS", "TestSupport", "Sheets",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncKit", package: "async-kit"),
            ]
        ),
    ]
)
