@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import QRCode
import Testing

@Suite("QR code routes", .serialized)
struct QRRouteTests {
    @Test("/qr.svg returns a scalable SVG symbol, cached with an ETag")
    func svg() async throws {
        try await TestApp.run { client in
            let uri = "/qr.svg?data=" + SiteURL.encode("https://id.gs1.org/01/08930000000019/10/LÔ-01")
            let etag = try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/svg+xml")
                #expect(response.text.hasPrefix("<svg") || response.text.hasPrefix("<?xml"))
                #expect(response.text.contains("viewBox"))
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
        }
    }

    @Test("/qr.png returns a PNG of about the requested size")
    func png() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/qr.png?data=Rau+c%E1%BA%A3i&size=300&ecc=h", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/png")
                let bytes = Array(buffer: response.body)
                #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
                // IHDR width, big-endian, at offset 16.
                let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
                #expect(width <= 300 && width >= 150)
            }
        }
    }

    @Test("Bad input gets a 400 page naming the field and the rule", arguments: [
        ("/qr.svg", "data", "required"),
        ("/qr.svg?data=x&ecc=Z", "ecc", "one-of"),
        ("/qr.png?data=x&size=10", "size", "range"),
        ("/qr.png?data=x&size=abc", "size", "range"),
        ("/qr.svg?data=%E0%A4", "data", "percent-encoding"),
    ])
    func badInput(uri: String, field: String, rule: String) async throws {
        try await TestApp.run { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("“\(field)”"))
            }
        }
    }

    @Test("Data too long for any version is a 400 that says the limit, not a 500")
    func tooLong() async throws {
        // 3,000 bytes is over version 40-L's 2,953-byte capacity but under the early size cap.
        let data = String(repeating: "a", count: 3000)
        try await TestApp.run { client in
            try await client.execute(uri: "/qr.svg?data=\(data)&ecc=L", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("quá dài"))
            }
            let tooBig = String(repeating: "a", count: QRController.maxDataBytes + 1)
            try await client.execute(uri: "/qr.svg?data=\(tooBig)", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("The validated request keeps Vietnamese text intact")
    func parseKeepsUnicode() throws {
        let parsed = try QRController.parse(Query("data=" + SiteURL.encode("Bưởi Phúc Trạch — Hà Tĩnh") + "&ecc=q"))
        #expect(parsed.data == "Bưởi Phúc Trạch — Hà Tĩnh")
        #expect(parsed.errorCorrection == .quartile)
        #expect(try QRController.parse(Query("data=a+b", form: true)).data == "a b")
    }
}
