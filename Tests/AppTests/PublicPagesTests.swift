@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Public pages", .serialized)
struct PublicPagesTests {
    @Test("The home page is Vietnamese by default and says what Nguồn is")
    func homeIsVietnamese() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("<html lang=\"vi\">"))
                #expect(response.text.contains("Truy xuất nguồn gốc nông, lâm, thủy sản"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    @Test("?lang=en switches to English and remembers the choice in a cookie")
    func englishSwitch() async throws {
        try await TestApp.run { client in
            let cookie = try await client.execute(uri: "/?lang=en", method: .get) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                #expect(response.text.contains("Traceability for farm, forest and fishery products"))
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("nguon_lang=en"))
                #expect(setCookie.contains("HttpOnly"))
                return setCookie
            }
            let pair = String(cookie.split(separator: ";")[0])
            try await client.execute(uri: "/", method: .get, headers: [.cookie: pair]) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                // The switch offers the way back to Vietnamese.
                #expect(response.text.contains("lang=vi"))
            }
        }
    }

    @Test("A repeat visit with the page's ETag costs a 304")
    func homeETag() async throws {
        try await TestApp.run { client in
            let etag = try await client.execute(uri: "/", method: .get) { try #require($0.headers[.eTag]) }
            try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("HEAD answers like GET, without a body")
    func head() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != nil)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("An unknown page gets a Vietnamese 404 page, an unknown API path a problem+json 404")
    func notFound() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/khong-co-trang-nay", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("Không tìm thấy"))
                #expect(response.text.contains("Về trang chủ"))
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            }
            try await client.execute(uri: "/api/v1/khong-co", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json; charset=utf-8")
                let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect(problem?["status"] as? Int == 404)
                #expect(problem?["code"] as? String == "not-found")
                #expect(problem?["instance"] as? String == "/api/v1/khong-co")
            }
        }
    }

    @Test("Stylesheet and icon are served by the app itself, cached for a year")
    func assets() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/assets/site.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(response.headers[.cacheControl]?.contains("immutable") == true)
                #expect(response.text.contains("--green"))
            }
            try await client.execute(uri: "/assets/favicon.svg", method: .get) { response in
                #expect(response.headers[.contentType] == "image/svg+xml")
            }
            try await client.execute(uri: "/assets/khong-co.js", method: .get) { response in
                #expect(response.status == .notFound)
            }
            // The page links the exact versions it was built with.
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.text.contains("/assets/site.css?v=\(Assets.siteCSS.version)"))
            }
        }
    }

    @Test("Markup in a path or title is escaped, and the language switch never leaves the site")
    func escaping() {
        let html = BasePage(title: LocalizedText(stringLiteral: #"x"><meta http-equiv="refresh" content="0">"#), language: .vi,
                            path: #"//evil.example/"><script>"#, main: .p("…")).render()
        #expect(!html.contains("<script>"))
        #expect(!html.contains(#"<meta http-equiv="refresh""#))
        #expect(!html.contains(#"href="//evil.example"#))
        #expect(html.contains("&quot;&gt;&lt;script&gt;"))
    }
}
