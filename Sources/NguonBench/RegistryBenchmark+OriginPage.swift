import App
import Foundation
import GS1
import Logging

/// `nguon bench origin-page`: a real server on 127.0.0.1 with one cooperative registered as an
/// officer registers it (organisation, own GS1 prefix, farm with GLN and growing-area code,
/// packhouse, product with photo, brand, net content and shelf life), its lot commissioned,
/// packed and shipped through `/epcis/capture` with its own token; then the cached origin page
/// of that lot viewed over and over by keep-alive connections, and the product photo.
extension RegistryBenchmark {
    public struct OriginPageReport: Encodable, Sendable {
        let path: String
        let imagePath: String
        let pageBytes: Int
        let imageBytes: Int
        /// What the page must show from the registry (Circular 02/2024/TT-BKHCN art. 6(5)).
        let pageShows: [String: Bool]
        /// The first view after capture: trace, master data and render, then kept.
        let firstViewMs: Double
        let connections: Int
        let loadSeconds: Double
        let originPage: LoadGenerator.Result
        let image: LoadGenerator.Result
        let peakResidentMB: Double
    }

    /// The cooperative, its places and its product, as the registry holds them.
    struct Cooperative {
        static let name = "HTX Rau an toàn Đông Triều"
        static let prefix = "8935123"
        static let commune = "07093"
        static let productName = "Rau cải ngọt VietGAP túi 500 g"
        static let brand = "Rau Đông Triều"
        static let growingArea = "VN-QNDT-0012"
        static let lot = "DT2611"
        static var farmGLN: String { GS1.appendingCheckDigit(to: prefix + "00001")! }
        static var packhouseGLN: String { GS1.appendingCheckDigit(to: prefix + "00002")! }
        static var gtin: String { GS1.appendingCheckDigit(to: "0" + prefix + "00002")! }
        /// A distributor in Hà Nội under another prefix: shipping names it only as a destination.
        static var distributorGLN: String { GS1.appendingCheckDigit(to: "8935999" + "00003")! }
    }

    /// `keep`: a SQLite file to register in and leave behind (to serve it with `nguon serve` and
    /// load it with wrk); by default a temporary file, removed afterwards.
    public static func runOriginPage(seconds: Double, connections: Int, port: Int, keep: String? = nil) async throws -> OriginPageReport {
        let path = keep ?? temporaryDatabasePath()
        defer { if keep == nil { removeDatabase(path) } }
        let config = AppConfig(hostname: "127.0.0.1", port: port, database: .sqlite(path: path), logLevel: .critical,
                               autoMigrate: true, rateLimit: 0)
        var logger = Logger(label: "nguon.bench")
        logger.logLevel = .critical
        let password = "mat-khau-quan-tri-bang-do-hieu-nang"
        _ = try await AccountCommands.createUser(config: config, username: "bench.admin", displayName: "Quản trị (benchmark)", role: "admin",
                                                 department: nil, unit: nil, organisation: nil, password: password, logger: logger)

        let app = try await buildApplication(config: config, logger: logger)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        try await AvailabilityBenchmark.waitUntilUp(port: UInt16(port))

        var session = try AdminSession.signIn(port: UInt16(port), username: "bench.admin", password: password)
        defer { session.close() }
        let imagePath = try register(&session)
        let page = "/01/\(Cooperative.gtin)/10/\(Cooperative.lot)"

        // The first view renders and keeps the page; it is timed once, on its own.
        guard var viewer = LoadGenerator.Connection(port: UInt16(port)) else { throw BenchError(description: "no connection to the server") }
        let clock = ContinuousClock()
        let start = clock.now
        guard let (status, _, html) = viewer.exchange(.init(path: page)), status == 200 else {
            throw BenchError(description: "the origin page \(page) did not answer 200")
        }
        let firstView = RegistryBenchmark.seconds(clock.now - start) * 1000
        let imageHead = viewer.exchange(.init(path: imagePath))
        viewer.close()
        let imageBytes = imageHead.flatMap { answer in
            answer.head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
        } ?? 0
        let shows: [String: Bool] = [
            "productName": html.contains(Cooperative.productName), "producer": html.contains(Cooperative.name),
            "brand": html.contains(Cooperative.brand), "netContent": html.contains("500 g"), "shelfLife": html.contains("5 ngày"),
            "growingArea": html.contains(Cooperative.growingArea), "image": html.contains(imagePath),
        ]

        let load = LoadGenerator(port: UInt16(port), connections: connections)
        _ = load.run(seconds: 0.5) { _, _ in .init(path: page) }
        let origin = load.run(seconds: seconds) { _, _ in .init(path: page) }
        _ = load.run(seconds: 0.5) { _, _ in .init(path: imagePath) }
        let image = load.run(seconds: seconds) { _, _ in .init(path: imagePath) }
        return OriginPageReport(path: page, imagePath: imagePath, pageBytes: html.utf8.count, imageBytes: imageBytes, pageShows: shows,
                                firstViewMs: round3(firstView), connections: connections, loadSeconds: seconds,
                                originPage: origin, image: image, peakResidentMB: ProcessMemory.peakMB())
    }

    /// Registers the cooperative through the administration forms and records its lot; returns
    /// the product photo's path.
    static func register(_ session: inout AdminSession) throws -> String {
        func expect(_ answer: AdminSession.Answer, _ status: Int, _ what: String) throws -> AdminSession.Answer {
            guard answer.status == status else {
                throw BenchError(description: "\(what): \(answer.status) instead of \(status): \(answer.body.prefix(300))")
            }
            return answer
        }
        /// The record's id from the redirect to its page ("/quan-tri/to-chuc/{id}?done=1").
        func id(_ answer: AdminSession.Answer, under stem: String) throws -> String {
            guard let location = answer.location, location.hasPrefix(stem) else { throw BenchError(description: "no redirect under \(stem)") }
            return String(location.dropFirst(stem.count).prefix { $0 != "?" && $0 != "/" })
        }

        let organisation = try id(expect(session.post("/quan-tri/to-chuc", [
            ("name", Cooperative.name), ("taxCode", RegistryBenchData.taxCode(4_242)), ("unit", Cooperative.commune), ("kind", "cooperative"),
            ("address", "Thôn Đông Sơn, Phường Đông Triều"), ("representative", "Nguyễn Văn An"), ("phone", "0912 345 678"),
        ]), 303, "organisation"), under: "/quan-tri/to-chuc/")
        _ = try expect(session.post("/quan-tri/ma-gs1", [("prefix", Cooperative.prefix), ("organisation", organisation), ("note", "Tiền tố riêng của HTX")]),
                       303, "GS1 prefix")
        _ = try expect(session.post("/quan-tri/to-chuc/\(organisation)/co-so", [
            ("name", "Vùng rau thôn Đông Sơn"), ("gln", Cooperative.farmGLN), ("unit", Cooperative.commune), ("address", "Thôn Đông Sơn"),
            ("latitude", "21,0836"), ("longitude", "106,512"), ("activity-crop", "on"), ("state", "active"), ("scale", "2,5 ha"),
            ("growing_area", "\(Cooperative.growingArea); 2,5"),
        ]), 303, "farm")
        _ = try expect(session.post("/quan-tri/to-chuc/\(organisation)/co-so", [
            ("name", "Cơ sở sơ chế rau Đông Triều"), ("gln", Cooperative.packhouseGLN), ("unit", Cooperative.commune),
            ("address", "Khu 3, Phường Đông Triều"), ("activity-preprocessing", "on"), ("state", "active"),
        ]), 303, "packhouse")
        let product = try id(expect(session.post("/quan-tri/to-chuc/\(organisation)/san-pham", [
            ("gtin", Cooperative.gtin), ("name", Cooperative.productName), ("nameEn", "VietGAP choy sum, 500 g bag"), ("category", "rau-cu"),
            ("packaging", "Túi PE"), ("netContent", "500"), ("netUnit", "g"), ("shelfLifeDays", "5"), ("brand", Cooperative.brand),
            ("standards", "VietGAP"),
        ]), 303, "product"), under: "/quan-tri/san-pham/")
        _ = try expect(session.upload("/quan-tri/san-pham/\(product)/anh", field: "image", filename: "rau-cai-ngot.png", bytes: BenchPhoto.png()),
                       303, "product photo")
        let productPage = try expect(session.get("/quan-tri/san-pham/\(product)"), 200, "product page").body
        guard let image = productPage.components(separatedBy: "src=\"/anh/").dropFirst().first?.prefix(while: { $0 != "\"" && $0 != "?" }) else {
            throw BenchError(description: "the product page shows no photo")
        }

        let tokens = try expect(session.post("/quan-tri/ma-truy-cap", [("name", "Phần mềm HTX"), ("organisation", organisation),
                                                                         ("capture", "on"), ("days", "30")]), 200, "capture token").body
        guard let range = tokens.range(of: #"class="secret">"#) else { throw BenchError(description: "no token secret on the tokens page") }
        let secret = String(tokens[range.upperBound...].prefix { $0 != "<" })
        _ = try expect(session.capture(lotDocument(), token: secret), 202, "capture")
        return "/anh/" + image
    }

    /// The lot's journey: commissioned at the farm, packed into a case at the packhouse, the
    /// case shipped to a distributor.
    static func lotDocument() -> String {
        let lot = "https://id.gs1.org/01/\(Cooperative.gtin)/10/\(Cooperative.lot)"
        let farm = "https://id.gs1.org/414/\(Cooperative.farmGLN)"
        let packhouse = "https://id.gs1.org/414/\(Cooperative.packhouseGLN)"
        let caseID = "urn:epc:id:sgtin:\(Cooperative.prefix).100002.2611001"
        let events = [
            #"{"type":"ObjectEvent","eventTime":"2026-11-26T06:00:00.000+07:00","eventTimeZoneOffset":"+07:00","action":"ADD","bizStep":"commissioning","disposition":"active","quantityList":[{"epcClass":"\#(lot)","quantity":900,"uom":"EA"}],"readPoint":{"id":"\#(farm)"},"bizLocation":{"id":"\#(farm)"},"ilmd":{"cbvmda:bestBeforeDate":"2026-12-01","cbvmda:countryOfOrigin":"VN"}}"#,
            #"{"type":"AggregationEvent","eventTime":"2026-11-26T10:00:00.000+07:00","eventTimeZoneOffset":"+07:00","action":"ADD","bizStep":"packing","disposition":"in_progress","parentID":"\#(caseID)","childQuantityList":[{"epcClass":"\#(lot)","quantity":900,"uom":"EA"}],"readPoint":{"id":"\#(packhouse)"},"bizLocation":{"id":"\#(packhouse)"}}"#,
            #"{"type":"ObjectEvent","eventTime":"2026-11-27T04:00:00.000+07:00","eventTimeZoneOffset":"+07:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","epcList":["\#(caseID)"],"readPoint":{"id":"\#(packhouse)"},"destinationList":[{"type":"location","destination":"https://id.gs1.org/414/\#(Cooperative.distributorGLN)"}]}"#,
        ]
        return #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-27T05:00:00Z","epcisBody":{"eventList":[\#(events.joined(separator: ","))]}}"#
    }
}
