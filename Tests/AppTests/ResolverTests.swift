@testable import App
import EPCIS
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Digital Link resolver and origin page", .serialized)
struct ResolverTests {
    static func lotPath(_ chain: DemoSupplyChain) -> String {
        "/01/\(chain.packGTIN)/10/\(chain.packLotCode)"
    }

    @Test("Scanning the pack's QR code shows its origin and journey in Vietnamese")
    func originPage() async throws {
        let chain = DemoSupplyChain(variant: 201)
        try await TestApp.run { client in
            _ = try await EPCISCaptureTests.capture(client, chain.document)
            try await client.execute(uri: Self.lotPath(chain) + "?17=261231", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Rau cải ngọt VietGAP túi 500 g"))
                #expect(html.contains("HTX Rau an toàn Đông Triều"))
                #expect(html.contains("Hành trình sản phẩm"))
                #expect(html.contains("Siêu thị Xanh Cầu Giấy"))
                #expect(html.contains("31/12/2026"))  // use-by date from the link's AI 17
                #expect(html.contains("/qr.svg?data="))
                #expect(response.headers[.link]?.contains("rel=\"linkset\"") == true)
            }
        }
    }

    @Test("The page is rendered once and revalidated with its ETag; a new event about the lot refreshes it")
    func caching() async throws {
        let chain = DemoSupplyChain(variant: 202)
        try await TestApp.run { client in
            _ = try await EPCISCaptureTests.capture(client, chain.document)
            let etag = try await client.execute(uri: Self.lotPath(chain), method: .get) { try #require($0.headers[.eTag]) }
            try await client.execute(uri: Self.lotPath(chain), method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
            // A case of this lot is now stocked on a shelf: the page must show it.
            let stocked = #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"ObjectEvent","eventTime":"2026-11-22T08:00:00.000+07:00","eventTimeZoneOffset":"+07:00","action":"OBSERVE","bizStep":"stocking","epcList":["\#(chain.caseA)"],"bizLocation":{"id":"\#(chain.supermarketA)"}}"#
            let response = try await client.execute(uri: "/epcis/events", method: .post,
                                                    headers: [.contentType: "application/ld+json"],
                                                    body: ByteBuffer(string: stocked))
            #expect(response.status == .created)
            try await client.execute(uri: Self.lotPath(chain), method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Lên kệ"))
            }
        }
    }

    @Test("Programs get an RFC 9264 linkset with GS1 link types")
    func linkset() async throws {
        let chain = DemoSupplyChain(variant: 203)
        try await TestApp.run { client in
            let byAccept: HTTPFields = [.accept: "application/linkset+json"]
            for request in [(Self.lotPath(chain), byAccept), (Self.lotPath(chain) + "?linkType=linkset", HTTPFields())] {
                try await client.execute(uri: request.0, method: .get, headers: request.1) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/linkset+json")
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let set = try #require((json["linkset"] as? [[String: Any]])?.first)
                    #expect((set["anchor"] as? String)?.hasSuffix(Self.lotPath(chain)) == true)
                    #expect(set["https://gs1.org/voc/pip"] != nil)
                    #expect(set["https://gs1.org/voc/epcis"] != nil)
                }
            }
        }
    }

    @Test("Master data cannot inject markup into the public page")
    func hostileMasterData() async throws {
        let chain = DemoSupplyChain(variant: 205)
        let hostile = #"Rau\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><script>x</script>"#
        let document = chain.document.replacingOccurrences(of: "Rau cải ngọt VietGAP túi 500 g", with: hostile)
        try await TestApp.run { client in
            let captured = try await EPCISCaptureTests.capture(client, document)
            #expect(captured.status == .accepted)
            try await client.execute(uri: Self.lotPath(chain), method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("<script>x"))
                #expect(!response.text.contains(#"<meta http-equiv="refresh""#))
            }
        }
    }

    @Test("A code nobody recorded gets a 404 page that says so")
    func unknownCode() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/01/08935009000015/10/KHONGCO", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Chưa có dữ liệu truy xuất"))
            }
        }
    }

    @Test("?linkType=gs1:epcis redirects to the event query for the lot")
    func epcisRedirect() async throws {
        let chain = DemoSupplyChain(variant: 204)
        try await TestApp.run { client in
            try await client.execute(uri: Self.lotPath(chain) + "?linkType=gs1:epcis", method: .get) { response in
                #expect(response.status == .temporaryRedirect)
                let location = try #require(response.headers[.location])
                #expect(location.hasPrefix("/epcis/events?MATCH_anyEPCClass="))
                #expect(location.contains(SiteURL.encode(chain.packLotLink)))
            }
        }
    }

    @Test("An invalid path gets a 400 page that says what is wrong", arguments: [
        "/01/08935001000021", "/01/123", "/01/08935001000020/21/x/10/LOT", "/00/12345",
    ])
    func invalidPath(path: String) async throws {
        try await TestApp.run { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Mã GS1 không hợp lệ"))
            }
        }
    }

    @Test("A scanned link is parsed once, and the same link asked for by a program still gets the linkset")
    func parsedOnce() async throws {
        let chain = DemoSupplyChain(variant: 205)
        try await TestApp.run { client in
            _ = try await EPCISCaptureTests.capture(client, chain.document)
            for _ in 0..<2 {
                try await client.execute(uri: Self.lotPath(chain) + "?17=261231", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(response.text.contains("31/12/2026"))
                }
            }
            // Same target, another answer: what the target means is kept, not the answer.
            try await client.execute(uri: Self.lotPath(chain) + "?17=261231", method: .get,
                                     headers: [.accept: "application/linkset+json"]) { response in
                #expect(response.headers[.contentType] == "application/linkset+json")
            }
            try await client.execute(uri: Self.lotPath(chain) + "?17=270115", method: .get) { response in
                #expect(response.text.contains("15/01/2027"))
            }
        }
    }

    @Test("The parsed-link memo stays bounded and keeps neither long links nor bad ones")
    func memoBounded() throws {
        let targets = ResolverTargets(capacity: 3)
        let stem = "https://nguon.test"
        for day in 10..<30 {
            let target = try targets.target(path: "/01/08935001000020/10/L1", query: "17=2612\(day)", publicURL: stem)
            #expect(target.link == "\(stem)/01/08935001000020/10/L1?17=2612\(day)")
            #expect(targets.count <= 3)
        }
        let before = targets.count
        _ = try targets.target(path: "/01/08935001000020/10/" + String(repeating: "A", count: 20), query: String(repeating: "x=1&", count: 200),
                               publicURL: stem)
        #expect(throws: AppError.self) { try targets.target(path: "/01/123", query: nil, publicURL: stem) }
        #expect(targets.count == before)
        // Attributes in any order name one canonical link.
        let a = try targets.target(path: "/01/08935001000020/10/L1", query: "17=261231&15=261201", publicURL: stem)
        let b = try targets.target(path: "/01/08935001000020/10/L1", query: "15=261201&17=261231", publicURL: stem)
        #expect(a.link == b.link && a.attributeQuery == b.attributeQuery)
    }

    @Test("/.well-known/gs1resolver describes the resolver")
    func wellKnown() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/.well-known/gs1resolver", method: .get) { response in
                #expect(response.status == .ok)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect((json["supportedPrimaryKeys"] as? [String])?.contains("01") == true)
            }
        }
    }
}
