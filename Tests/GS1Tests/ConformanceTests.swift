import TestSupport
import Testing
@testable import GS1

/// GS1's Digital Link and AI vectors from shared/conformance/digital-link.
///
/// The vectors come from GS1's syntax engine tests, where some inputs are run twice under
/// different switches (e.g. zero-suppressed GTINs off, then on). One rule covers every row:
/// a row expected to succeed must succeed with everything optional permitted (`.lenient`);
/// a row expected to fail must fail with everything optional refused (`.strict`).
/// The "ai-*" files test syntax only, as in the engine's own tests, so pair rules are not
/// applied there; the Digital Link files run with pair rules on.
@Suite("GS1 conformance vectors", .enabled(if: SharedFolder.has("conformance/digital-link"), "needs shared/conformance/digital-link (set NGUON_SHARED to the shared/ folder)"))
struct ConformanceTests {
    static let dir = "conformance/digital-link/"

    static func profile(_ succeed: Bool, syntaxOnly: Bool) -> ParseOptions {
        var o: ParseOptions = succeed ? .lenient : .strict
        if syntaxOnly { o.validateAssociations = false }
        return o
    }

    /// Rows whose input is a bare lowercase word such as "inbuf" or "buf" are C variable
    /// names the extraction could not resolve (the engine builds those inputs in code); a
    /// success expectation for them cannot be checked and they are reported, not run.
    static func isUnresolvedPlaceholder(_ input: String) -> Bool {
        !input.isEmpty && input.utf8.allSatisfy { $0 >= 97 && $0 <= 122 }
    }

    struct Tally { var passed = 0, placeholders = 0 }

    @Test func bracketedParse() throws {
        var t = Tally()
        for row in try SharedFolder.rows(Self.dir + "ai-bracketed-parse.tsv") {
            let succeed = row["should_succeed"] == "true"
            let input = row["bracketed_input"] ?? ""
            if succeed && Self.isUnresolvedPlaceholder(input) { t.placeholders += 1; continue }
            let result = Result { () throws(GS1Error) in
                try ElementString.parse(bracketed: input, options: Self.profile(succeed, syntaxOnly: true))
            }
            switch (succeed, result) {
            case (true, .success(let es)):
                #expect(es.elementString == row["expected_element_string_caret_is_FNC1"], "\(input)")
            case (true, .failure(let e)): Issue.record("expected success for \(input): \(e)")
            case (false, .success(let es)): Issue.record("expected failure for \(input), got \(es.elementString)")
            case (false, .failure): break
            }
            t.passed += 1
        }
        print("ai-bracketed-parse: \(t.passed) rows checked, \(t.placeholders) unresolved placeholders")
    }

    @Test func elementStringValidate() throws {
        var t = Tally()
        for row in try SharedFolder.rows(Self.dir + "ai-element-string-validate.tsv") {
            let succeed = row["should_succeed"] == "true"
            let input = row["element_string_caret_is_FNC1"] ?? ""
            if succeed && Self.isUnresolvedPlaceholder(input) { t.placeholders += 1; continue }
            let result = Result { () throws(GS1Error) in
                try ElementString.parse(elementString: input, options: Self.profile(succeed, syntaxOnly: true))
            }
            switch (succeed, result) {
            case (true, .success(let es)):
                // Re-encoding and parsing again must give the same data.
                let again = try? ElementString.parse(elementString: es.elementString, options: Self.profile(true, syntaxOnly: true))
                #expect(again == es, "\(input)")
            case (true, .failure(let e)): Issue.record("expected success for \(input): \(e)")
            case (false, .success(let es)): Issue.record("expected failure for \(input), got \(es.elementString)")
            case (false, .failure): break
            }
            t.passed += 1
        }
        print("ai-element-string-validate: \(t.passed) rows checked, \(t.placeholders) unresolved placeholders")
    }

    @Test func digitalLinkParse() throws {
        var checked = 0
        for row in try SharedFolder.rows(Self.dir + "dl-parse.tsv") {
            let succeed = row["should_succeed"] == "true"
            let input = row["digital_link_uri"] ?? ""
            let result = Result { () throws(GS1Error) in
                try DigitalLink.parse(input, options: Self.profile(succeed, syntaxOnly: false))
            }
            switch (succeed, result) {
            case (true, .success(let es)):
                #expect(es.elementString == row["expected_element_string_caret_is_FNC1"], "\(input)")
            case (true, .failure(let e)): Issue.record("expected success for \(input): \(e)")
            case (false, .success(let es)): Issue.record("expected failure for \(input), got \(es.elementString)")
            case (false, .failure): break
            }
            checked += 1
        }
        print("dl-parse: \(checked) rows checked")
    }

    @Test func digitalLinkGenerate() throws {
        var checked = 0
        for row in try SharedFolder.rows(Self.dir + "dl-generate.tsv") {
            let succeed = row["should_succeed"] == "true"
            let input = row["element_string_caret_is_FNC1"] ?? ""
            let stem = row["stem"] ?? "NULL"
            let options = Self.profile(succeed, syntaxOnly: false)
            let result = Result { () throws(GS1Error) -> String in
                let data = try GS1.parse(input, options: options)
                return stem == "NULL" ? try data.digitalLink(options: options) : try data.digitalLink(stem: stem, options: options)
            }
            switch (succeed, result) {
            case (true, .success(let uri)): #expect(uri == row["expected_uri"], "\(input)")
            case (true, .failure(let e)): Issue.record("expected success for \(input): \(e)")
            case (false, .success(let uri)): Issue.record("expected failure for \(input), got \(uri)")
            case (false, .failure): break
            }
            checked += 1
        }
        print("dl-generate: \(checked) rows checked")
    }
}
