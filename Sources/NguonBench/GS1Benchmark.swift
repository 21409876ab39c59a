import GS1

/// GS1 parses per second: Digital Link URIs, element strings, bracketed strings.
public enum GS1Benchmark {
    static let digitalLink = "https://id.gs1.org/01/09506000134352/10/ABC123?17=261231"
    static let elementString = "^010950600013435210ABC123^17261231"
    static let bracketed = "(01)09506000134352(10)ABC123(17)261231"

    public static func run(seconds: Double) throws -> BenchReport {
        // Check once that the inputs are valid, so the loops measure parsing, not error paths.
        for input in [digitalLink, elementString, bracketed] { _ = try GS1.parse(input) }
        let results = [
            measure("digital-link-parse", input: digitalLink, seconds: seconds) {
                (try? GS1.parse(digitalLink))?.elements.count ?? 0
            },
            measure("element-string-parse", input: elementString, seconds: seconds) {
                (try? GS1.parse(elementString))?.elements.count ?? 0
            },
            measure("bracketed-parse", input: bracketed, seconds: seconds) {
                (try? GS1.parse(bracketed))?.elements.count ?? 0
            },
            measure("digital-link-generate", input: bracketed, seconds: seconds) {
                (try? GS1.parse(bracketed).digitalLink())?.utf8.count ?? 0
            },
        ]
        return BenchReport("gs1", results)
    }
}
