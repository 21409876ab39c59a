import Foundation
import TestSupport
import Testing
@testable import EPCIS

/// What the encoder writes is valid against the EPCIS 2.0 XSD (shared/conformance/epcis/XSD),
/// checked with xmllint when the machine has it (Debian: libxml2-utils); skipped otherwise.
enum XMLLint {
    static let path: String? = {
        for p in ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        print("SKIP: xmllint not found (apt-get install libxml2-utils); XML output is not checked against the XSD")
        return nil
    }()
}

@Suite("EPCIS XML output against the XSD",
       .enabled(if: XMLLint.path != nil && SharedFolder.has("conformance/epcis/XSD") && SharedFolder.has("conformance/epcis/XML")
                && SharedFolder.has("conformance/epcis/JSON") && SharedFolder.has("conformance/event-hash"),
                "needs xmllint (apt-get install libxml2-utils) and shared/conformance/epcis/{XSD,XML,JSON} and event-hash"))
struct XMLSchemaTests {
    /// Runs xmllint on `xml`; nil when valid, else its complaint.
    static func validate(_ xml: [UInt8], schema: URL, dir: URL, name: String) throws -> String? {
        let file = dir.appendingPathComponent(name)
        try Data(xml).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: XMLLint.path!)
        p.arguments = ["--noout", "--nonet", "--schema", schema.path, file.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : text
    }

    @Test("every example, from XML and from JSON, is written as schema-valid EPCIS 2.0 XML")
    func outputValidates() throws {
        let xsd = try #require(SharedFolder.file("conformance/epcis/XSD"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nguon-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputs = SharedFolder.files(under: "conformance/epcis/XML", suffix: ".xml")
            + SharedFolder.files(under: "conformance/event-hash", suffix: ".xml")
            + SharedFolder.files(under: "conformance/epcis/JSON", suffix: ".jsonld")
            + SharedFolder.files(under: "conformance/event-hash", suffix: ".jsonld")
        var checked = 0
        for (k, u) in inputs.enumerated() where !XMLConformanceTests.isCaptureJob(u) {
            let bytes = Array(try Data(contentsOf: u))
            let isJSON = u.pathExtension == "jsonld"
            guard let p = isJSON ? try? EPCISJSON.decode(bytes) : try? EPCISDocument.decodeXML(bytes, requireSchemaOrder: false) else { continue }
            let (xml, schema): ([UInt8], String)
            switch p {
            case .document(let d): (xml, schema) = (try d.xmlBytes(), "EPCglobal-epcis-2_0.xsd")
            case .queryDocument(let q): (xml, schema) = (try q.xmlBytes(), "EPCglobal-epcis-query-2_0.xsd")
            case .event: continue
            }
            if let problem = try Self.validate(xml, schema: xsd.appendingPathComponent(schema), dir: dir, name: "\(k).xml") {
                Issue.record("\(u.lastPathComponent): output is not valid EPCIS 2.0 XML:\n\(problem.prefix(600))")
            }
            checked += 1
        }
        // The EPCIS 1.2 input of XMLBindingTests, upgraded.
        let upgraded = try EPCISDocument(xml: XMLBindingTests.v12).xmlBytes()
        if let problem = try Self.validate(upgraded, schema: xsd.appendingPathComponent("EPCglobal-epcis-2_0.xsd"), dir: dir, name: "v12.xml") {
            Issue.record("EPCIS 1.2 document written as 2.0 is not valid:\n\(problem.prefix(600))")
        }
        print("XSD: \(checked) encoded documents validated")
        #expect(checked >= 90)
    }
}
