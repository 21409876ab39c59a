@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Whatever a client sends, the answer is a 4xx that says why, never a 500.
@Suite("Robustness", .serialized)
struct RobustnessTests {
    static let nasty: [String] = [
        "", "%", "%%", "%zz", "%00", "a%ZZb", "%E0%A4%A", "+", "&&&", "=", "==x", "x=%",
        String(repeating: "9", count: 10_000), "<script>alert(1)</script>", "'; DROP TABLE settings; --",
        "%F0%9F%98%80%F0%9F%98%80", "\u{1D}", "%1D%1D", "(01)", "(", ")", "^", "https://", "http:///01/",
        "https://id.gs1.org/01/", "https://id.gs1.org/01/%FF", "../../etc/passwd", "%C0%AF",
    ]

    @Test("Public and API routes answer every malformed query below 500")
    func neverFiveHundred() async throws {
        let paths = ["/", "/gs1", "/qr.svg", "/qr.png", "/healthz", "/api/v1/gs1/parse", "/api/v1/gs1/digital-link",
                     "/assets/site.css", "/khong-co"]
        let params = ["input", "data", "ecc", "size", "domain", "lang"]
        try await TestApp.run { client in
            for path in paths {
                for value in Self.nasty {
                    for param in params {
                        let uri = "\(path)?\(param)=\(value)"
                        try await client.execute(uri: uri, method: .get) { response in
                            #expect(response.status.code < 500, "\(uri) → \(response.status.code)")
                        }
                    }
                }
            }
            // Methods a route does not have, and bodies where none is expected.
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                try await client.execute(uri: "/gs1", method: method, body: ByteBuffer(string: "{\"x\":")) { response in
                    #expect(response.status.code < 500)
                }
            }
        }
    }
}
