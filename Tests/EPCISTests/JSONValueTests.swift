import Foundation
import Testing
@testable import EPCIS

/// The byte-level JSON parser and writer behind the codec.
@Suite struct JSONValueTests {
    @Test func keepsMemberOrderAndNumberText() throws {
        let v = try JSONValue.parse(#"{"z": 1.50, "a": -0, "m": 1e3, "b": [true, false, null], "s": "x"}"#)
        let o = try #require(v.objectValue)
        #expect(o.keys == ["z", "a", "m", "b", "s"])
        #expect(o["z"] == .number("1.50"))
        #expect(o["m"]?.doubleValue == 1000)
        #expect(o["b"] == [true, false, nil])
        #expect(v.jsonString() == #"{"z":1.50,"a":-0,"m":1e3,"b":[true,false,null],"s":"x"}"#)
    }

    @Test func stringEscapes() throws {
        let v = try JSONValue.parse(#"["a\"b\\c\/d\n\t\u00e9\ud83d\ude00", "Hợp tác xã"]"#)
        #expect(v.arrayValue?[0].stringValue == "a\"b\\c/d\n\té😀")
        #expect(v.arrayValue?[1].stringValue == "Hợp tác xã")
        // Written back and parsed again, the strings are unchanged.
        #expect(try JSONValue.parse(v.jsonBytes()) == v)
        #expect(JSONValue.string("\u{01}").jsonString() == #""\u0001""#)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"abc", "\"\u{01}\"", "[1] 2",
                      "\"\\ud800\"", "\"\\x\"", "{\"a\":1,}", "nul"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError(offset: 0, message: "invalid UTF-8 in string")) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func errorOffset() {
        do {
            _ = try JSONValue.parse(#"{"a": [1, 2,, 3]}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 12)
        }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect { try JSONValue.parse(deep) } throws: { ($0 as? JSONParseError)?.message.hasPrefix("nesting deeper than") == true }
    }

    @Test func acceptsByteOrderMarkAndData() throws {
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
        #expect(try JSONValue.parse(Data("{\"k\":\"v\"}".utf8)) == ["k": "v"])
    }

    @Test func prettyOutputParsesBack() throws {
        let v: JSONValue = ["a": [1, ["b": "c"]], "d": [:], "e": []]
        let pretty = v.jsonString(pretty: true)
        #expect(pretty.contains("\n  \"a\": [\n"))
        #expect(try JSONValue.parse(pretty) == v)
    }

    @Test func objectSubscriptEdits() {
        var o: JSONObject = ["a": 1, "b": 2]
        o["a"] = "x"
        o["c"] = 3
        o["b"] = nil
        #expect(o.keys == ["a", "c"])
        #expect(o["a"] == "x")
    }
}
