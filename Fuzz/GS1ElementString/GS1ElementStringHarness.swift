import FuzzSupport
import GS1

// Fuzzes the GS1 element-string parsers: raw element strings ("^01…^10…", GS separators,
// "]C1" symbology identifiers) and bracketed AIs ("(01)…(10)…"), through `GS1.parse` and the
// two `ElementString.parse` entry points, with the strict, default and lenient options.
//
// Invariants, for every input the parser accepts:
// - `GS1.parse` agrees with the parser its first byte selects (a raw element string that starts
//   with a digit is read as a scanner sends it, its leading FNC1 implied);
// - the bracketed, "^" element-string and scanner (GS, behind "]C1") forms it prints parse back
//   to the same elements in the same order (the last two only when every AI's two-digit prefix
//   is in the dictionary: lenient options accept "(29)X" in brackets, but in a raw element string
//   nothing says where an AI with an unassigned prefix ends, so that form cannot be read back);
// - a Digital Link generated from it parses back to the same elements (as a set: generation
//   puts the path first and drops repeats of an AI).

let optionSets: [(String, ParseOptions)] = [("strict", .strict), ("default", .default), ("lenient", .lenient)]

func fuzzElementString(_ input: UnsafeRawBufferPointer) {
    let text = String(decoding: input, as: UTF8.self)
    for (name, options) in optionSets {
        let raw = try? ElementString.parse(elementString: text, options: options)
        let bracketed = try? ElementString.parse(bracketed: text, options: options)
        let any = try? GS1.parse(text, options: options)
        switch GS1.kind(of: text) {
        case .elementString:
            let scanned = text.utf8.first.map { (0x30...0x39).contains($0) } ?? false
            let selected = scanned ? try? ElementString.parse(elementString: text, options: options, leadingFNC1Implied: true) : raw
            Fuzz.check(any == selected, "\(name): GS1.parse \(String(describing: any)) ≠ element string \(String(describing: selected))")
        case .bracketed: Fuzz.check(any == bracketed, "\(name): GS1.parse \(String(describing: any)) ≠ bracketed \(String(describing: bracketed))")
        case .digitalLink, nil: break
        }
        for parsed in [raw, bracketed].compactMap({ $0 }) {
            checkRoundTrips(parsed, options: options, name)
        }
    }
}

func checkRoundTrips(_ parsed: ElementString, options: ParseOptions, _ name: String) {
    Fuzz.check(!parsed.elements.isEmpty, "\(name): accepted with no elements")
    Fuzz.check(parsed.pathCount == 0, "\(name): element string with a Digital Link path count \(parsed.pathCount)")
    let forms: [(String, String, (String) throws -> ElementString)] = [
        ("bracketed", parsed.bracketed, { try ElementString.parse(bracketed: $0, options: options) }),
        ("element string", parsed.elementString, { try ElementString.parse(elementString: $0, options: options) }),
        ("scanner", "]C1" + parsed.scannerString, { try ElementString.parse(elementString: $0, options: options) }),
    ]
    let rawForms = parsed.elements.allSatisfy { ApplicationIdentifier.aiLength(forPrefix: $0.ai) != nil }
    for (form, printed, parse) in forms where form == "bracketed" || rawForms {
        do {
            let again = try parse(printed)
            Fuzz.check(again.elements == parsed.elements,
                       "\(name): \(form) form \(printed.debugDescription) reads back as \(again.elements), not \(parsed.elements)")
        } catch {
            Fuzz.fail("\(name): \(form) form \(printed.debugDescription) of \(parsed.elements) does not parse: \(error)")
        }
    }
    // Only data that is a valid Digital Link has one: generation refuses the rest.
    guard let uri = try? parsed.digitalLink(options: options) else { return }
    do {
        let link = try DigitalLink.parse(uri, options: options)
        Fuzz.check(Set(link.elements) == Set(parsed.elements),
                   "\(name): Digital Link \(uri) reads back as \(link.elements), not \(parsed.elements)")
    } catch {
        Fuzz.fail("\(name): generated Digital Link \(uri) of \(parsed.elements) does not parse: \(error)")
    }
}

// libFuzzer calls this by its C name; without libFuzzer, `Fuzz.main` replays a corpus through it.
#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
#endif
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzElementString(UnsafeRawBufferPointer(fuzzData: data, count: size))
    return 0
}

@main enum Harness {
    static func main() { Fuzz.main(testOneInput) }
}
