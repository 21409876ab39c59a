import FuzzSupport
import GS1

// Fuzzes the GS1 Digital Link URI parser (`DigitalLink.parse`) with the strict, default and
// lenient options.
//
// Invariants, for every URI the parser accepts:
// - `GS1.parse` gives the same result;
// - the path holds at least the primary key, and no more elements than were parsed;
// - the URI generated from the result (which keeps the path as given) parses back to the same
//   path elements in the same order and the same query elements (as a set: generation puts
//   predefined-length AIs first);
// - the bracketed form of the result parses as bracketed AIs to the same elements.

let optionSets: [(String, ParseOptions)] = [("strict", .strict), ("default", .default), ("lenient", .lenient)]

func fuzzDigitalLink(_ input: UnsafeRawBufferPointer) {
    let text = String(decoding: input, as: UTF8.self)
    for (name, options) in optionSets {
        let parsed: ElementString
        do { parsed = try DigitalLink.parse(text, options: options) } catch { continue }
        if GS1.kind(of: text) == .digitalLink {
            Fuzz.check((try? GS1.parse(text, options: options)) == parsed, "\(name): GS1.parse disagrees with DigitalLink.parse")
        }
        let elements = parsed.elements
        Fuzz.check(parsed.pathCount >= 1 && parsed.pathCount <= elements.count,
                   "\(name): path count \(parsed.pathCount) for \(elements.count) elements")
        Fuzz.check(elements[0].definition.isPrimaryKey, "\(name): path starts with \(elements[0].ai), not a primary key")

        let uri: String
        do { uri = try parsed.digitalLink(stem: "https://example.com/", options: options) } catch {
            Fuzz.fail("\(name): no Digital Link generated for accepted \(text.debugDescription): \(error)")
        }
        do {
            let again = try DigitalLink.parse(uri, options: options)
            Fuzz.check(again.pathCount == parsed.pathCount
                       && Array(again.elements.prefix(again.pathCount)) == Array(elements.prefix(parsed.pathCount))
                       && Set(again.elements.dropFirst(again.pathCount)) == Set(elements.dropFirst(parsed.pathCount)),
                       "\(name): \(uri) reads back as \(again.elements) (path \(again.pathCount)), not \(elements) (path \(parsed.pathCount))")
        } catch {
            Fuzz.fail("\(name): regenerated \(uri) from \(text.debugDescription) does not parse: \(error)")
        }

        do {
            let bracketed = try ElementString.parse(bracketed: parsed.bracketed, options: options)
            Fuzz.check(bracketed.elements == elements, "\(name): bracketed \(parsed.bracketed) reads back as \(bracketed.elements)")
        } catch {
            Fuzz.fail("\(name): bracketed form \(parsed.bracketed.debugDescription) of \(text.debugDescription) does not parse: \(error)")
        }
    }
}

// libFuzzer calls this by its C name; without libFuzzer, `Fuzz.main` replays a corpus through it.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
#endif
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzDigitalLink(UnsafeRawBufferPointer(fuzzData: data, count: size))
    return 0
}

@main enum Harness {
    static func main() { Fuzz.main(testOneInput) }
}
