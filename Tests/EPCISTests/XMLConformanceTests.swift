import Foundation
import TestSupport
import Testing
@testable import EPCIS

/// The published EPCIS XML examples (shared/conformance/epcis/XML) and the event-hash pairs
/// (shared/conformance/event-hash: X.xml and X.jsonld hold the same events).
@Suite("EPCIS XML conformance", .enabled(if: SharedFolder.has("conformance/epcis/XML"), "needs shared/conformance/epcis/XML (set NGUON_SHARED to the shared/ folder)"))
struct XMLConformanceTests {
    static func bytes(_ u: URL) throws -> [UInt8] { Array(try Data(contentsOf: u)) }

    /// CaptureJob examples are capture-job status resources (EPCIS 2.0 REST), not documents
    /// with events; the binding refuses them by name, which the test checks.
    static func isCaptureJob(_ u: URL) -> Bool { u.path.contains("/CaptureJob/") }

    /// Events only: a document's @context is bookkeeping of prefixes and legitimately differs
    /// between a JSON file and the XML it was written from. Timestamps are compared as instants
    /// with their offset: the pairs spell some differently ("15:00:00.000+01:00" / "15:00:00+01:00").
    static func events(_ p: EPCISPayload) -> [EPCISEvent] { p.events.map(canonical) }

    static func canonical(_ t: EPCISTimestamp) -> EPCISTimestamp {
        EPCISTimestamp(epochSeconds: t.epochSeconds, nanoseconds: t.nanoseconds, offsetSeconds: t.offsetSeconds ?? 0)
    }

    static func canonical(_ e: EPCISEvent) -> EPCISEvent {
        var e = e
        e.eventTime = canonical(e.eventTime)
        e.recordTime = e.recordTime.map(canonical)
        if var d = e.errorDeclaration {
            d.declarationTime = canonical(d.declarationTime)
            e.errorDeclaration = d
        }
        for i in e.sensorElementList.indices {
            if var md = e.sensorElementList[i].sensorMetadata {
                md.time = md.time.map(canonical)
                md.startTime = md.startTime.map(canonical)
                md.endTime = md.endTime.map(canonical)
                e.sensorElementList[i].sensorMetadata = md
            }
            for r in e.sensorElementList[i].sensorReport.indices {
                e.sensorElementList[i].sensorReport[r].time = e.sensorElementList[i].sensorReport[r].time.map(canonical)
            }
        }
        return e
    }

    static func vocabularies(_ p: EPCISPayload) -> [Vocabulary] {
        switch p {
        case .document(let d): d.vocabularyList
        case .queryDocument(let q): (q.epcisHeader?.vocabularyList ?? []) + q.vocabularyList
        case .event: []
        }
    }

    /// Event hash IDs of a payload, with the document's own prefixes and ignoreFields.
    static func hashes(_ p: EPCISPayload) -> [String] {
        switch p {
        case .document(let d): EventHash.compute(d)
        case .queryDocument(let q): EventHash.compute(q)
        case .event(let e): [e.hashID]
        }
    }

    /// Hash IDs with the standard @context's prefixes (cbvmda, gs1…) in scope when a document
    /// does not declare them. A JSON document may use "cbvmda:lotNumber" on the strength of the
    /// standard context alone; its XML form must name the namespace, so the model read back
    /// declares it. EventHash leaves undeclared prefixes unexpanded, which would make the two
    /// differ for a reason outside the XML binding.
    static func hashesWithStandardPrefixes(_ p: EPCISPayload) -> [String] {
        func opts(_ o: EventHash.Options) -> EventHash.Options {
            var o = o
            for (prefix, uri) in XMLNamespaces.standardContextPrefixes where o.namespaces[prefix] == nil { o.namespaces[prefix] = uri }
            return o
        }
        switch p {
        case .document(let d): return d.events.map { EventHash.compute($0, options: opts(EventHash.options(for: d).merging($0.context))) }
        case .queryDocument(let q): return q.events.map { EventHash.compute($0, options: opts(EventHash.options(for: q).merging($0.context))) }
        case .event(let e): return [EventHash.compute(e, options: opts(EventHash.Options(context: e.context)))]
        }
    }

    static func reencode(_ p: EPCISPayload) throws -> [UInt8] {
        switch p {
        case .document(let d): try d.xmlBytes()
        case .queryDocument(let q): try q.xmlBytes()
        case .event: []
        }
    }

    @Test("every EPCIS XML example decodes; CaptureJob status files are refused by name")
    func examplesDecode() throws {
        let files = SharedFolder.files(under: "conformance/epcis/XML", suffix: ".xml")
        #expect(files.count >= 25)
        var decoded = 0
        for f in files {
            if Self.isCaptureJob(f) {
                do {
                    _ = try EPCISDocument.decodeXML(try Self.bytes(f))
                    Issue.record("\(f.lastPathComponent): a capture job status decoded as a document")
                } catch {
                    #expect("\(error)".contains("EPCISCaptureJob"), "\(f.lastPathComponent): \(error)")
                }
                continue
            }
            do {
                let p = try EPCISDocument.decodeXML(try Self.bytes(f))
                decoded += 1
                let name = f.lastPathComponent
                if name.lowercased().contains("masterdata") {
                    #expect(!Self.vocabularies(p).isEmpty, "\(name): master data lost")
                } else if !f.path.contains("/CBV/") {
                    #expect(!p.events.isEmpty, "\(name): no events")
                }
            } catch {
                Issue.record("\(f.lastPathComponent): \(error)")
            }
        }
        print("XML conformance: \(decoded) documents decoded, \(files.filter(Self.isCaptureJob).count) capture-job files refused")
    }

    @Test("CBV and Mimasu examples keep their master data and every event")
    func masterDataComesThrough() throws {
        let md = try #require(SharedFolder.file("conformance/epcis/XML/Mimasu/Example-masterData.xml"))
        let d = try EPCISDocument(xml: try Self.bytes(md))
        let loc = d.vocabularyList.first { $0.type == Vocabulary.businessLocationType }
        let site = loc?.elements.first { $0.id == "urn:epc:id:sgln:0037000.00729.0" }
        #expect(site?.children.count == 3)
        #expect(site?.attribute("http://epcis.example.com/mda/latitude") == .string("+18.0000"))
        // A structured attribute keeps its nested elements (with their namespace prefix).
        let address = site?.attribute("http://epcis.example.com/mda/address")?.objectValue
        #expect(address?["example:Address"]?.objectValue?["City"] == .string("Fancy"))
        #expect(d.context.namespace(forPrefix: "example") == "http://epcis.example.com/ns")

        let cbv = SharedFolder.files(under: "conformance/epcis/XML/CBV", suffix: ".xml")
        try #require(!cbv.isEmpty, "no CBV examples under conformance/epcis/XML/CBV")
        for f in cbv {
            let p = try EPCISDocument.decodeXML(try Self.bytes(f))
            let text = String(decoding: try Self.bytes(f), as: UTF8.self)
            let count = ["<ObjectEvent>", "<AggregationEvent>", "<TransactionEvent>", "<TransformationEvent>", "<AssociationEvent>"]
                .map { text.components(separatedBy: $0).count - 1 }.reduce(0, +)
            #expect(p.events.count == count, "\(f.lastPathComponent)")
            if text.contains("VocabularyElement ") { #expect(!Self.vocabularies(p).isEmpty, "\(f.lastPathComponent)") }
        }
    }

    @Test("XML → model → XML → model is stable for every example",
          .enabled(if: SharedFolder.has("conformance/event-hash"), "needs shared/conformance/event-hash (set NGUON_SHARED to the shared/ folder)"))
    func roundTrip() throws {
        let files = SharedFolder.files(under: "conformance/epcis/XML", suffix: ".xml")
            + SharedFolder.files(under: "conformance/event-hash", suffix: ".xml")
        try #require(files.count >= 40)
        for f in files where !Self.isCaptureJob(f) {
            // The hash vectors include one event out of schema order; the writer puts it in order.
            let first = try EPCISDocument.decodeXML(try Self.bytes(f), requireSchemaOrder: false)
            let xml = try Self.reencode(first)
            let second: EPCISPayload
            do { second = try EPCISDocument.decodeXML(xml) } catch {
                Issue.record("\(f.lastPathComponent): re-encoded XML does not decode: \(error)\n\(String(decoding: xml, as: UTF8.self))")
                continue
            }
            #expect(first == second, "\(f.lastPathComponent)")
            #expect(Self.hashes(first) == Self.hashes(second), "\(f.lastPathComponent): event hash changed through XML")
            // And the second encoding is byte-identical to the first: the writer is deterministic.
            #expect(try Self.reencode(second) == xml, "\(f.lastPathComponent)")
        }
    }

    @Test("event-hash pairs: the same events from XML and from JSON-LD",
          .enabled(if: SharedFolder.has("conformance/event-hash"), "needs shared/conformance/event-hash (set NGUON_SHARED to the shared/ folder)"))
    func xmlAndJSONAgree() throws {
        var pairs = 0
        for x in SharedFolder.files(under: "conformance/event-hash", suffix: ".xml") {
            let j = x.deletingPathExtension().appendingPathExtension("jsonld")
            guard FileManager.default.fileExists(atPath: j.path) else { continue }
            pairs += 1
            let fromXML = try EPCISDocument.decodeXML(try Self.bytes(x), requireSchemaOrder: false)
            let fromJSON = try EPCISJSON.decode(try Self.bytes(j))
            #expect(Self.hashes(fromXML) == Self.hashes(fromJSON), "\(x.lastPathComponent): event hash IDs differ between XML and JSON")
            let a = Self.events(fromXML), b = Self.events(fromJSON)
            #expect(a.count == b.count, "\(x.lastPathComponent): \(a.count) events from XML, \(b.count) from JSON")
            for (k, (ex, ej)) in zip(a, b).enumerated() where ex != ej {
                Issue.record("\(x.lastPathComponent) event \(k) differs:\nXML:  \(String(decoding: ex.jsonBytes(), as: UTF8.self))\nJSON: \(String(decoding: ej.jsonBytes(), as: UTF8.self))")
            }
        }
        #expect(pairs >= 10)
    }

    @Test("JSON → model → XML → model gives the same events",
          .enabled(if: SharedFolder.has("conformance/epcis/JSON") && SharedFolder.has("conformance/event-hash"),
                   "needs shared/conformance/epcis/JSON and shared/conformance/event-hash"))
    func jsonThroughXML() throws {
        let files = SharedFolder.files(under: "conformance/epcis/JSON", suffix: ".jsonld")
            + SharedFolder.files(under: "conformance/event-hash", suffix: ".jsonld")
        var checked = 0
        for f in files {
            guard let p = try? EPCISJSON.decode(try Self.bytes(f)) else { continue }
            let xml: [UInt8]
            switch p {
            case .document(let d): xml = try d.xmlBytes()
            case .queryDocument(let q): xml = try q.xmlBytes()
            case .event: continue
            }
            checked += 1
            let back: EPCISPayload
            do { back = try EPCISDocument.decodeXML(xml) } catch {
                Issue.record("\(f.lastPathComponent): \(error)")
                continue
            }
            let a = p.events, b = back.events
            #expect(a.count == b.count, "\(f.lastPathComponent)")
            #expect(Self.hashesWithStandardPrefixes(p) == Self.hashesWithStandardPrefixes(back), "\(f.lastPathComponent): event hash changed through XML")
            for (k, (ej, ex)) in zip(a, b).enumerated() where ej != ex {
                Issue.record("\(f.lastPathComponent) event \(k) differs after XML:\nJSON: \(String(decoding: ej.jsonBytes(), as: UTF8.self))\nXML:  \(String(decoding: ex.jsonBytes(), as: UTF8.self))")
            }
            #expect(Self.vocabularies(p) == Self.vocabularies(back), "\(f.lastPathComponent) master data")
            // Everything but @context (prefix bookkeeping) and timestamps' spelling comes back.
            switch (p, back) {
            case (.document(var a), .document(var b)):
                a.context = b.context
                a.events = a.events.map(Self.canonical)
                b.events = b.events.map(Self.canonical)
                #expect(a == b, "\(f.lastPathComponent): document differs after XML")
            case (.queryDocument(var a), .queryDocument(var b)):
                a.context = b.context
                a.events = a.events.map(Self.canonical)
                b.events = b.events.map(Self.canonical)
                #expect(a == b, "\(f.lastPathComponent): query document differs after XML")
            default:
                Issue.record("\(f.lastPathComponent): document kind changed through XML")
            }
        }
        print("JSON through XML: \(checked) documents")
        // Documents that do not decode are skipped above; the JSON tests report them.
        #expect(checked >= 60)
    }
}
