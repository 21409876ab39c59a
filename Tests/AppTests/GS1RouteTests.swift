@testable import App
import Foundation
import GS1
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("GS1 check page and API", .serialized)
struct GS1RouteTests {
    static let label = "(01)09506000134352(10)ABC123(17)261231"

    @Test("The API reads a label's AIs and gives the canonical Digital Link")
    func apiParse() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/api/v1/gs1/parse?input=" + SiteURL.encode(Self.label), method: .get) { response in
                #expect(response.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["kind"] as? String == "bracketed")
                #expect(json["digitalLink"] as? String == "https://id.gs1.org/01/09506000134352/10/ABC123?17=261231")
                let elements = try #require(json["elements"] as? [[String: Any]])
                #expect(elements.map { $0["ai"] as? String } == ["01", "10", "17"])
                #expect(elements[2]["date"] as? String == "2026-12-31")
            }
        }
    }

    @Test("A wrong check digit is a 400 problem naming the field, the rule and the AI")
    func apiBadCheckDigit() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/api/v1/gs1/parse?input=" + SiteURL.encode("(01)09506000134353"), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json; charset=utf-8")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["code"] as? String == "invalid-gs1")
                let errors = try #require(json["errors"] as? [[String: Any]])
                #expect(errors.first?["field"] as? String == "input")
                #expect(errors.first?["rule"] as? String == "bad_check_digit")
                #expect((json["detail"] as? String)?.contains("(01)") == true)
            }
        }
    }

    @Test("Digital Link on a chosen domain; a bad domain is refused by name")
    func apiDigitalLink() async throws {
        try await TestApp.run { client in
            let uri = "/api/v1/gs1/digital-link?input=" + SiteURL.encode("^0109506000134352^10LOT7") + "&domain=" + SiteURL.encode("https://truyxuat.quangninh.gov.vn/")
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == #"{"digitalLink":"https://truyxuat.quangninh.gov.vn/01/09506000134352/10/LOT7"}"#)
            }
            try await client.execute(uri: "/api/v1/gs1/digital-link?input=x&domain=javascript:alert(1)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("\"field\":\"domain\""))
            }
            try await client.execute(uri: "/api/v1/gs1/parse", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("\"rule\":\"required\""))
            }
        }
    }

    @Test("The check page explains each field in Vietnamese and shows the Digital Link QR code")
    func page() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/gs1?input=" + SiteURL.encode(Self.label), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Hạn sử dụng"))
                #expect(response.text.contains("31/12/2026"))
                #expect(response.text.contains("/qr.svg?data=https%3A%2F%2Fid.gs1.org%2F01%2F09506000134352"))
            }
        }
    }

    @Test("Invalid data keeps the form filled and says what is wrong, safely escaped")
    func pageError() async throws {
        try await TestApp.run { client in
            let input = "(01)12345\"><script>x</script>"
            try await client.execute(uri: "/gs1?input=" + SiteURL.encode(input), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Mã GS1 không hợp lệ"))
                #expect(!response.text.contains("<script>x"))
                #expect(response.text.contains("value=\"(01)12345&quot;&gt;&lt;script&gt;"))
            }
        }
    }
}
