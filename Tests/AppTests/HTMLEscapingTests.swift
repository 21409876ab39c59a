@testable import App
import Foundation
import Hummingbird
import HummingbirdTesting
import NguonCore
import Plot
import Testing

/// Every page and form, rendered with hostile values in every field and record it shows, holds
/// no markup it did not intend: no script or frame elements, no event-handler attributes, no
/// `javascript:` links.
@Suite("HTML escaping", .serialized)
struct HTMLEscapingTests {
    static let hostile = [#""><script>alert(1)</script>"#, #"' onmouseover='alert(1)"#, "javascript:alert(1)", #"<img src=x onerror=alert(1)>"#]
    static var one: String { hostile.joined(separator: " ") }

    @Test("Form fields and links built in App escape their values")
    func attributeHelpersEscape() {
        let fields = FormFields(values: ["n": #""><script>"#, "s": #"x" onclick="y"#], error: nil, language: .vi)
        let input: Node<HTML.FormContext> = fields.text("n", "Tên")
        let select: Node<HTML.FormContext> = fields.select("s", "Chọn", options: [(#"x" onclick="y"#, "x")])
        // (Plot's own helpers are ambiguous here, outside App; App's pages use its escaping ones.)
        let form: Node<HTML.BodyContext> = .form(input, select)
        let html = form.render()
        #expect(!html.contains("<script"))
        #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;\""))
        #expect(HTMLMarkup.problems(in: html).isEmpty)
    }

    @Test("The markup check finds what it must")
    func markupCheckFinds() {
        #expect(!HTMLMarkup.problems(in: #"<p><script>x</script></p>"#).isEmpty)
        #expect(!HTMLMarkup.problems(in: #"<script src="/assets/a.js">alert(1)</script>"#).isEmpty)
        #expect(!HTMLMarkup.problems(in: #"<script src="//evil.example/a.js"></script>"#).isEmpty)
        #expect(HTMLMarkup.problems(in: #"<script src="/assets/producer.js?v=1" defer="defer"></script>"#).isEmpty)
        #expect(!HTMLMarkup.problems(in: #"<a href="x" onmouseover='y'>z</a>"#).isEmpty)
        #expect(!HTMLMarkup.problems(in: #"<a href=" JavaScript:alert(1)">z</a>"#).isEmpty)
        #expect(!HTMLMarkup.problems(in: #"<a href="&#106;avascript:x">z</a>"#).isEmpty)
        #expect(HTMLMarkup.problems(in: #"<p title="&quot; onmouseover=&#39;x">' onmouseover='x</p>"#).isEmpty)
    }

    @Test("Every page, with hostile values in every record and parameter, renders only the markup it intends")
    func everyPage() async throws {
        let box = FixtureBox()
        let hostile = Self.one
        let ids = IDBox()
        try await TestApp.run(prepare: { database in
            let f = try await AccountFixtures.seed(database)
            box.set(f)
            let repositories = Repositories(database: database)
            let admin = Actor(principal: f.users[.admin]!.principal, address: #"203.0.113.9"><b>"#)
            let organisation = try await repositories.organisations.create(
                .init(name: "HTX " + hostile, taxCode: nil, unitCode: "07093", address: hostile), actor: admin)
            let user = try await repositories.users.create(
                .init(username: "doc.hai", displayName: "Cán bộ " + hostile, role: .business, department: nil, unitCode: nil,
                      organisationID: organisation.id), password: AccountFixtures.password, actor: admin)
            _ = try await repositories.tokens.create(.init(name: String(hostile.prefix(80)), organisationID: organisation.id, scopes: [.capture], days: 1),
                                                     actor: admin)
            _ = try await repositories.units.importUnits([
                AdminUnit(code: "07094", name: hostile, fullName: "Xã " + hostile, nameEn: hostile, kind: .commune, parentCode: "22",
                          former: [.init(code: "99999", name: hostile)]),
            ], actor: admin)
            _ = try await repositories.gs1Codes.addPrefix("8931000009", organisationID: nil, provinceCode: nil, note: hostile, actor: admin)
            let glns = try await repositories.gs1Codes.allocate(.gln, count: 2, to: organisation.id, actor: admin)
            let gtins = try await repositories.gs1Codes.allocate(.gtin, count: 1, to: organisation.id, actor: admin)
            let facility = try await repositories.facilities.create(
                .init(name: hostile, gln: glns[0].key, unitCode: "07093", address: hostile, latitude: 21, longitude: 106.5,
                      activities: [.crop], scale: hostile, state: .active,
                      registrations: [.init(kind: .growingArea, code: String(hostile.prefix(60)), areaHa: 1)]),
                for: organisation.id, actor: admin)
            let product = try await repositories.products.create(
                .init(gtin: gtins[0].key, name: hostile, nameEn: hostile, category: nil, packaging: hostile, netContent: 1, netUnit: "kg",
                      shelfLifeDays: 3, brand: hostile, selfDeclaration: hostile, standards: hostile),
                for: organisation.id, actor: admin)
            ids.set(organisation: organisation.id, user: user.id)
            ids.set(facility: facility.id, product: product.id)
            ids.producerCookie = try await repositories.sessions.create(for: user, address: "127.0.0.1")
            // Food-safety records of the hostile facility, each with hostile text wherever it takes text.
            let certificate = try await repositories.certificates.create(
                .init(kind: .vietGAP, number: String(hostile.prefix(100)), issuer: hostile, productIDs: [product.id], scopeNote: hostile,
                      issuedOn: .today.adding(days: -10), expiresOn: .today.adding(days: 20)), facilityID: facility.id, actor: admin)
            _ = try await repositories.certificates.attach(
                try ScannedDocument(Data("%PDF-1.4 ".utf8) + Data(hostile.utf8), fileName: hostile, field: "document"), to: certificate.id, actor: admin)
            let commitment = try await repositories.commitments.create(
                .init(category: .smallTrading, receivedBy: hostile, signedOn: .today.adding(days: -100), validUntil: .today.adding(days: 30),
                      checkedOn: .today, checkResult: .fail, checkNote: hostile), facilityID: facility.id, actor: admin)
            let inspection = try await repositories.inspections.create(
                .init(kind: .unannounced, inspectedOn: .today.adding(days: -40), team: hostile,
                      checklist: [.init(item: hostile, ok: false, finding: hostile)], result: .fail, grade: nil,
                      remediationDue: .today.adding(days: -20), conclusion: hostile, planID: nil, rechecks: nil),
                facilityID: facility.id, actor: admin)
            try await repositories.inspections.attach(try ScannedDocument(Data([0xFF, 0xD8, 0xFF]) + Data(hostile.utf8), fileName: hostile, field: "document"),
                                                      to: inspection.id, actor: admin)
            let document = try await ScannedDocument.list(owner: inspection.id, database: database)[0].id
            var violations: [String] = []
            for day in [-30, -3] {
                violations.append(try await repositories.violations.create(
                    .init(foundOn: .today.adding(days: day), legalBasis: hostile, description: hostile, onConditions: true, fineVND: 1_000_000,
                          remedies: hostile, status: .open, inspectionID: inspection.id), facilityID: facility.id, actor: admin).id)
            }
            let incident = try await repositories.violations.createIncident(
                .init(occurredOn: .today, cases: 2, hospitalised: 1, deaths: 1, description: hostile), facilityID: facility.id, actor: admin)
            let programme = try await repositories.samples.createProgramme(name: hostile, year: CivilDate.today.year, unitCode: "07093",
                                                                           planned: 5, note: hostile, actor: admin)
            let sample = try await repositories.samples.create(
                .init(code: String(hostile.prefix(60)), productID: product.id, productName: hostile, lotNumber: String(hostile.prefix(20)),
                      sampledOn: .today, place: hostile, laboratory: hostile,
                      analytes: [Analyte(name: hostile, result: hostile, limit: 1, unit: hostile), Analyte(name: "Pb", result: "2", limit: 1, unit: "mg/kg")],
                      note: hostile), programmeID: programme.id, facilityID: facility.id, actor: admin)
            let recall = try await repositories.recalls.open(
                .init(title: hostile, reason: hostile, lots: ["https://id.gs1.org/01/\(gtins[0].key)/10/" + SiteURL.encode(hostile)],
                      mode: .mandatory, basis: .consumerComplaint, type: .alert, sampleID: sample.id), actor: admin)
            ids.foodSafety = ["recall": recall.id, "recallCode": recall.code, "certificate": certificate.id, "commitment": commitment.id, "inspection": inspection.id,
                              "document": document, "violation": violations[0], "incident": incident.id, "programme": programme.id,
                              "sample": sample.id]
        }) { client in
            let f = box.get()
            let (organisation, user) = ids.get()
            let registry = ids.registry()
            // Master data and an event with hostile names, for the origin page and the EPCIS views.
            let chain = DemoSupplyChain(variant: 301)
            let document = chain.document
                .replacingOccurrences(of: "Rau cải ngọt VietGAP túi 500 g", with: Self.jsonEscaped(hostile))
                .replacingOccurrences(of: "HTX Rau an toàn Đông Triều", with: Self.jsonEscaped(hostile))
            #expect(try await EPCISCaptureTests.capture(client, document).status == .accepted)

            let q = SiteURL.encode(hostile)
            let pages: [String] = [
                "/", "/?lang=en&x=" + q, "/gs1?input=" + q, "/gs1?input=(01)08935001000020(10)" + q,
                "/dang-nhap?next=" + q, "/tai-khoan?change=" + q, "/quan-tri", "/quan-tri/nguoi-dung", "/quan-tri/nguoi-dung/" + user,
                "/quan-tri/nguoi-dung/" + q, "/quan-tri/to-chuc?q=" + q, "/quan-tri/to-chuc/" + organisation, "/quan-tri/ma-truy-cap", "/quan-tri/ma-gs1",
                "/quan-tri/nhat-ky", "/quan-tri/nhat-ky?entityID=" + q + "&action=" + q, "/quan-tri/don-vi-hanh-chinh?q=" + q,
                "/quan-tri/don-vi-hanh-chinh?q=xa", ResolverTests.lotPath(chain), ResolverTests.lotPath(chain) + "?lang=en",
                "/01/08935001000020/10/" + q, "/01/" + q, "/khong-co/" + q, "/assets/" + q, "/qr.svg?data=" + q,
                "/healthz", "/.well-known/gs1resolver", "/epcis", "/api/v1/gs1/parse?input=" + q, "/qr.png?data=" + q,
                "/api/v1/gs1/digital-link?input=" + q, "/quan-tri/to-chuc/" + organisation + "/co-so", "/quan-tri/co-so/" + registry.facility,
                "/quan-tri/to-chuc/" + organisation + "/san-pham", "/quan-tri/san-pham/" + registry.product, "/quan-tri/co-so/" + q,
                "/anh/" + q, "/quan-tri/nhap?done=" + q, "/quan-tri/san-pham?q=" + q, "/quan-tri/co-so?q=" + q + "&don-vi=" + q, "/quan-tri/co-so?q=" + q,
                "/quan-tri/san-pham/xuat?q=" + q, "/quan-tri/co-so/xuat?dinh-dang=csv", "/quan-tri/to-chuc/xuat?q=" + q,
            ] + Self.foodSafetyPages(ids.foodSafety, facility: registry.facility, q) + Self.workspacePages(q) + ResolverController.primaryKeys.map { "/\($0)/" + q } + AuthorizationMatrixTests.resolverPaths
            var checked = 0
            for who in [AccountFixtures.Who.admin, .auditor, .anonymous] {
                for page in pages {
                    for method in [HTTPRequest.Method.get, .head] {
                        let response = try await client.anonymous.execute(uri: page, method: method, headers: f.headers(who))
                        #expect(response.status.code < 500, "\(method) \(page) as \(who) → \(response.status.code)")
                        guard method == .get, response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                        let problems = HTMLMarkup.problems(in: response.text)
                        #expect(problems.isEmpty, "\(page) as \(who): \(problems)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 40)
            // The workspace as the hostile organisation's own account sees it, names and all.
            for page in Self.workspacePages(q) {
                let response = try await client.anonymous.execute(uri: page, method: .get,
                                                                  headers: [.cookie: "\(SessionStore.cookieName)=\(ids.producerCookie)"])
                #expect(response.status.code < 500, "\(page) as producer → \(response.status.code)")
                #expect(HTMLMarkup.problems(in: response.text).isEmpty, "\(page) as producer")
            }
            // Forms sent back with hostile values re-render them, escaped.
            let forms: [(String, [(String, String)])] = [
                ("/quan-tri/to-chuc", [("name", hostile), ("taxCode", hostile), ("unit", hostile), ("address", hostile)]),
                ("/quan-tri/to-chuc/" + organisation, [("name", hostile), ("taxCode", "1"), ("unit", "07093"), ("address", hostile)]),
                ("/quan-tri/nguoi-dung", [("username", hostile), ("displayName", hostile), ("role", hostile), ("password", hostile)]),
                ("/quan-tri/nguoi-dung/" + user, [("displayName", hostile), ("role", "business"), ("organisation", hostile)]),
                ("/quan-tri/ma-truy-cap", [("name", hostile), ("organisation", hostile), ("days", hostile)]),
                ("/quan-tri/ma-gs1", [("prefix", hostile), ("province", hostile), ("organisation", hostile), ("note", hostile)]),
                ("/quan-tri/ma-gs1", [("prefix", "8932000"), ("province", ""), ("organisation", hostile), ("note", hostile)]),
                ("/quan-tri/to-chuc/" + organisation + "/ma-gs1", [("kind", hostile), ("count", hostile)]),
                ("/quan-tri/to-chuc/" + organisation + "/ma-gs1", [("kind", "gtin"), ("count", hostile)]),
                ("/quan-tri/to-chuc/" + organisation + "/co-so", [("name", hostile), ("gln", hostile), ("unit", "07093"), ("latitude", hostile)]),
                ("/quan-tri/co-so/" + registry.facility, [("name", hostile), ("unit", "07093"), ("growing_area", hostile + "; " + hostile)]),
                ("/quan-tri/to-chuc/" + organisation + "/san-pham", [("gtin", hostile), ("name", hostile)]),
                ("/quan-tri/san-pham/" + registry.product, [("gtin", "08935001000013"), ("name", hostile), ("netUnit", hostile)]),
                ("/tai-khoan/mat-khau", [("current", hostile), ("new", hostile), ("repeat", hostile)]),
                ("/dang-nhap", [("username", hostile), ("password", hostile), ("next", hostile)]),
                ("/quan-tri/co-so/\(registry.facility)/chung-nhan", [("kind", "vietgap"), ("number", hostile), ("issuer", hostile), ("issuedOn", hostile)]),
                ("/quan-tri/co-so/\(registry.facility)/cam-ket", [("category", hostile), ("receivedBy", hostile), ("signedOn", hostile)]),
                ("/quan-tri/co-so/\(registry.facility)/kiem-tra", [("kind", "periodic"), ("inspectedOn", "2026-01-01"), ("team", hostile),
                                                                   ("result", "fail"), ("remediationDue", hostile), ("item-0", hostile)]),
                ("/quan-tri/co-so/\(registry.facility)/vi-pham", [("foundOn", "2026-01-01"), ("legalBasis", hostile), ("description", hostile),
                                                                  ("fineVND", hostile)]),
                ("/quan-tri/co-so/\(registry.facility)/ngo-doc", [("occurredOn", hostile), ("cases", hostile), ("description", hostile)]),
                ("/quan-tri/giam-sat", [("name", hostile), ("year", hostile), ("planned", "3"), ("unit", hostile)]),
                ("/quan-tri/thu-hoi", [("title", hostile), ("reason", hostile), ("lots", hostile), ("mode", hostile)]),
                ("/quan-tri/co-so/\(registry.facility)/mau", [("programme", hostile), ("code", hostile), ("sampledOn", "2026-01-01"),
                                                              ("productName", hostile), ("laboratory", hostile), ("analyte-0", hostile), ("limit-0", hostile)]),
            ]
            for (path, fields) in forms {
                let response = try await client.anonymous.execute(uri: path, method: .post, headers: f.headers(.admin, form: true),
                                                                  body: f.form(.admin, fields))
                #expect(response.status.code < 500, "POST \(path) → \(response.status.code)")
                if response.headers[.contentType]?.hasPrefix("text/html") == true {
                    let problems = HTMLMarkup.problems(in: response.text)
                    #expect(problems.isEmpty, "POST \(path): \(problems)")
                }
            }
            // Every readable route is among the pages above (by pattern), so a new page cannot skip this test.
            for route in try RouteTable.routes() where route.method == .get {
                let covered = pages.contains { RouteTable.matches(route.path, $0) }
                    || route.path.hasPrefix("/epcis/") || route.path.hasPrefix("/api/v1/trace")  // JSON only, never HTML
                #expect(covered, "GET \(route.path) is not rendered with hostile values")
            }
        }
    }

    static func foodSafetyPages(_ ids: [String: String], facility: String, _ q: String) -> [String] {
        let (certificate, commitment, inspection) = (ids["certificate"] ?? "", ids["commitment"] ?? "", ids["inspection"] ?? "")
        return [
            "/quan-tri/chung-nhan", "/quan-tri/chung-nhan?loai=" + q, "/quan-tri/chung-nhan?tinh-trang=expiring&trang=" + q,
            "/quan-tri/chung-nhan/nhac-han", "/quan-tri/chung-nhan/nhac-han/xuat", "/quan-tri/chung-nhan/" + certificate,
            "/quan-tri/chung-nhan/" + certificate + "/ban-quet", "/quan-tri/chung-nhan/" + q, "/quan-tri/co-so/\(facility)/chung-nhan",
            "/quan-tri/co-so/\(facility)/cam-ket", "/quan-tri/cam-ket/" + commitment, "/quan-tri/cam-ket/" + commitment + "/ban-quet",
            "/quan-tri/kiem-tra", "/quan-tri/kiem-tra?qua-han=1&nam=" + q, "/quan-tri/kiem-tra/de-xuat", "/quan-tri/kiem-tra/" + inspection,
            "/quan-tri/kiem-tra/\(inspection)/tai-lieu/\(ids["document"] ?? "")", "/quan-tri/co-so/\(facility)/kiem-tra?tai-kiem-tra=" + inspection,
            "/quan-tri/co-so/\(facility)/kiem-tra?tai-kiem-tra=" + q, "/quan-tri/vi-pham", "/quan-tri/vi-pham/" + (ids["violation"] ?? ""),
            "/quan-tri/co-so/\(facility)/vi-pham?kiem-tra=" + inspection, "/quan-tri/co-so/\(facility)/ngo-doc", "/quan-tri/ngo-doc/" + (ids["incident"] ?? ""),
            "/quan-tri/giam-sat", "/quan-tri/giam-sat?nam=" + q, "/quan-tri/giam-sat/" + (ids["programme"] ?? ""), "/quan-tri/mau/" + (ids["sample"] ?? ""),
            "/quan-tri/co-so/\(facility)/mau", "/quan-tri/thu-hoi", "/quan-tri/thu-hoi?mau=" + (ids["sample"] ?? ""),
            "/quan-tri/thu-hoi/" + (ids["recall"] ?? ""), "/quan-tri/thu-hoi/\(ids["recall"] ?? "")/xuat", "/thu-hoi/" + (ids["recallCode"] ?? ""),
            "/thu-hoi/" + q,
        ]
    }

    static func workspacePages(_ q: String) -> [String] {
        ["/san-xuat", "/san-xuat?done=" + q, "/san-xuat/nhat-ky", "/san-xuat/thu-hoach", "/san-xuat/dong-goi", "/san-xuat/giao-hang",
         "/san-xuat/lo/" + q, "/san-xuat/lo/" + q + "/tem", "/san-xuat/sw.js"]
    }

    static func jsonEscaped(_ text: String) -> String {
        String(String(decoding: (try? JSONEncoder().encode(text)) ?? Data(), as: UTF8.self).dropFirst().dropLast())
    }
}

/// The ids the hostile records got, from `prepare` to the test body.
final class IDBox: @unchecked Sendable {
    private var organisation = "", user = ""
    private(set) var facility = "", product = ""
    /// A session of the hostile organisation's own account, for its workspace.
    var producerCookie = ""
    /// The hostile food-safety records: certificate, commitment, inspection, violation, outbreak.
    var foodSafety: [String: String] = [:]
    private let lock = NSLock()
    func set(organisation: String, user: String) { lock.withLock { self.organisation = organisation; self.user = user } }
    func set(facility: String, product: String) { lock.withLock { self.facility = facility; self.product = product } }
    func get() -> (String, String) { lock.withLock { (organisation, user) } }
    func registry() -> (facility: String, product: String) { lock.withLock { (facility, product) } }
}

/// A small HTML tokenizer that reads tags and their attributes the way a browser would, to find
/// markup a page did not mean to have.
enum HTMLMarkup {
    static let forbiddenElements: Set<String> = ["script", "iframe", "object", "embed", "frame", "frameset", "base", "svg", "math"]
    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href"]

    static func problems(in html: String) -> [String] {
        var problems: [String] = []
        let chars = Array(html.unicodeScalars)
        var i = 0
        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < chars.count ? chars[i + k] : nil }
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            i += 1
            if peek() == "!" || peek() == "/" || peek() == "?" {
                // Comments, doctype and end tags: skip to the next '>'.
                while let c = peek(), c != ">" { i += 1 }
                continue
            }
            var name = ""
            while let c = peek(), c.properties.isAlphabetic || ("0"..."9").contains(c) { name.unicodeScalars.append(c); i += 1 }
            if name.isEmpty { continue }  // "<" as text
            name = name.lowercased()
            // Our own scripts are allowed: a src under /assets/ and nothing inside (`ownScript` below).
            if forbiddenElements.contains(name), name != "script" { problems.append("<\(name)>") }
            var source: String?
            // Attributes until '>'.
            while let c = peek(), c != ">" {
                if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "/" { i += 1; continue }
                var attribute = ""
                while let c = peek(), c != "=", c != ">", c != " ", c != "/", c != "\n", c != "\t" { attribute.unicodeScalars.append(c); i += 1 }
                attribute = attribute.lowercased()
                var value = ""
                if peek() == "=" {
                    i += 1
                    if let quote = peek(), quote == "\"" || quote == "'" {
                        i += 1
                        while let c = peek(), c != quote { value.unicodeScalars.append(c); i += 1 }
                        i += 1
                    } else {
                        while let c = peek(), c != " ", c != ">" { value.unicodeScalars.append(c); i += 1 }
                    }
                }
                if attribute == "src" { source = value }
                if attribute.hasPrefix("on") { problems.append("\(name) \(attribute)=") }
                if attribute == "style" || attribute == "srcdoc" { problems.append("\(name) \(attribute)=") }
                if urlAttributes.contains(attribute) {
                    let decoded = decodeEntities(value).unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
                    if decoded.hasPrefix("javascript:") || decoded.hasPrefix("data:") || decoded.hasPrefix("vbscript:") {
                        problems.append("\(name) \(attribute)=\(value)")
                    }
                }
            }
            i += 1
            if name == "script" {
                let body = String(String.UnicodeScalarView(chars[min(i, chars.count)..<min(i + 9, chars.count)]))
                if !(source?.hasPrefix("/assets/") == true && body.lowercased() == "</script>") { problems.append("<script>") }
            }
        }
        return problems
    }

    static func decodeEntities(_ text: String) -> String {
        var out = text
        for (entity, character) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        // Numeric references: &#106; and &#x6a;
        while let range = out.range(of: #"&#x?[0-9a-fA-F]+;"#, options: .regularExpression) {
            let body = out[range].dropFirst(2).dropLast()
            let value = body.hasPrefix("x") || body.hasPrefix("X") ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            out.replaceSubrange(range, with: value.flatMap(Unicode.Scalar.init).map { String($0) } ?? "")
        }
        return out
    }
}
