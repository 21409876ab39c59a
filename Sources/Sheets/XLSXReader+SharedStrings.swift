import Foundation

/// The shared string table (sharedStrings.xml): each `<si>` is one string, either a plain `<t>`
/// or rich text runs `<r><t>…</t></r>` whose texts join. Phonetic guides (`<rPh>`, furigana)
/// hold `<t>` too but are not part of the cell's text. Whitespace is kept as written: every
/// writer that means it marks it xml:space="preserve", and none pads text it does not mean.
extension XLSXReader {
    static func readSharedStrings(_ entry: ZIPDirectory.Entry, _ zip: ZIPDirectory) throws(SheetsError) -> [String] {
        var scanner = XMLScanner(part: entry.name)
        var handler = SharedStringsHandler(part: entry.name)
        do {
            try zip.read(entry) { chunk in try scanner.feed(chunk, &handler) }
            try scanner.finish(&handler)
        } catch let error as SheetsError {
            throw error
        } catch {
            throw SheetsError.corrupt("\(error)")
        }
        return handler.strings
    }
}

struct SharedStringsHandler: XMLScanHandler {
    let part: String
    var strings: [String] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var buffer: [UInt8] = []

    init(part: String) { self.part = part }

    mutating func start(_ tag: XMLScanner.Tag) throws {
        let name = tag.local
        if XMLScanner.equal(name, "si") {
            inItem = true
            buffer.removeAll(keepingCapacity: true)
        } else if XMLScanner.equal(name, "t") {
            inText = inItem && phoneticDepth == 0
        } else if XMLScanner.equal(name, "rPh") {
            phoneticDepth += 1
        }
    }

    mutating func end(_ name: UnsafeBufferPointer<UInt8>) throws {
        if XMLScanner.equal(name, "t") {
            inText = false
        } else if XMLScanner.equal(name, "rPh") {
            phoneticDepth -= 1
        } else if XMLScanner.equal(name, "si") {
            strings.append(ExcelText.decode(buffer))
            inItem = false
        }
    }

    mutating func text(_ raw: UnsafeBufferPointer<UInt8>, isCDATA: Bool) throws {
        if inText { try XMLScanner.appendText(raw, isCDATA: isCDATA, part: part, into: &buffer) }
    }
}
