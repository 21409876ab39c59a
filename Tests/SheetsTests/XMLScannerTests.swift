import Foundation
import Testing
@testable import Sheets

/// The chunked tokenizer gives the same events however its input is split.
@Suite struct XMLScannerTests {
    struct Recorder: XMLScanHandler {
        var events: [String] = []
        mutating func start(_ tag: XMLScanner.Tag) throws {
            let attributes = tag.attributes.map { a in
                String(decoding: UnsafeBufferPointer(start: tag.base + a.localStart, count: a.localEnd - a.localStart), as: UTF8.self)
                    + "=" + String(decoding: UnsafeBufferPointer(start: tag.base + a.valueStart, count: a.valueEnd - a.valueStart), as: UTF8.self)
            }
            events.append("<" + String(decoding: tag.local, as: UTF8.self) + attributes.map { " " + $0 }.joined() + ">")
        }
        mutating func end(_ local: UnsafeBufferPointer<UInt8>) throws {
            events.append("</" + String(decoding: local, as: UTF8.self) + ">")
        }
        mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {
            var out: [UInt8] = []
            try XMLScanner.appendText(raw, isCDATA: isCDATA, part: "t", into: &out)
            // Adjacent text events are one text node, however the chunks fell.
            let s = String(decoding: out, as: UTF8.self)
            if let last = events.last, last.hasPrefix("\"") { events[events.count - 1] = last + s } else { events.append("\"" + s) }
        }
    }

    static let document = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
        <!-- đầu -->
        <x:root xmlns:x="urn:x" a="1" b='a>b "c"'>
          <x:row r="1"><c r="A1"><v>Đồng &amp; Tháp &#x1EA0;&#65;</v></c><c r="B1"/></x:row>
          <?pi data?><t><![CDATA[<thô> & ]]>\r\nsau</t>
        </x:root>
        """

    func events(_ bytes: [UInt8], chunk: Int) throws -> [String] {
        var scanner = XMLScanner(part: "t")
        var recorder = Recorder()
        var k = 0
        while k < bytes.count {
            try scanner.feed(Data(bytes[k..<min(k + chunk, bytes.count)]), &recorder)
            k += chunk
        }
        try scanner.finish(&recorder)
        return recorder.events
    }

    @Test func chunkingDoesNotChangeEvents() throws {
        let bytes = Array(Self.document.utf8)
        let whole = try events(bytes, chunk: bytes.count)
        #expect(whole.contains("<root x=urn:x a=1 b=a>b \"c\">"), "names are local names, prefixes dropped")
        #expect(whole.contains("\"Đồng & Tháp ẠA"))
        #expect(whole.contains("\"<thô> & \nsau"))
        #expect(whole.contains("<c r=B1>") && whole.contains("</c>"))
        for chunk in [1, 2, 3, 5, 7, 13, 64] {
            #expect(try events(bytes, chunk: chunk) == whole, "chunk \(chunk)")
        }
    }

    @Test(arguments: ["<a>", "<a></b>", "<a>x</a><b/>", "text", "<a b=\"1></a>", "<a><!-- x</a>", "<a>&#0;</a>", "<a b></a>", "</a>", "<a>&amp</a>"])
    func malformedInputIsRefusedAtAnyChunking(_ xml: String) {
        for chunk in [1, 3, 1000] {
            #expect(throws: SheetsError.self, "\(xml) / \(chunk)") { _ = try events(Array(xml.utf8), chunk: chunk) }
        }
    }

    /// A token far larger than a chunk is scanned once, not once per chunk.
    @Test(.timeLimit(.minutes(1))) func hugeTokensStayLinear() throws {
        let text = "<a>" + String(repeating: "x", count: 8_000_000) + "</a>"
        let start = ContinuousClock.now
        #expect(try events(Array(text.utf8), chunk: 4096).count == 3)
        let attribute = "<a b=\"" + String(repeating: "y", count: 8_000_000) + "\"/>"
        #expect(try events(Array(attribute.utf8), chunk: 4096).count == 2)
        #expect(ContinuousClock.now - start < .seconds(30))
    }
}
