@testable import App
import NguonCore
import Testing

@Suite("Administration home: the cards an account sees")
struct AdminHomeModelTests {
    static func principal(_ role: Role, jurisdiction: AdminArea? = nil, organisationID: String? = nil) -> Principal {
        Principal(id: "p", name: "p", role: role, jurisdiction: jurisdiction, organisationID: organisationID)
    }

    @Test("Each role gets the sections it may read, in the page's order; everyone gets the administrative units")
    func cardsByRole() {
        let cases: [(Principal, [SiteURL])] = [
            (Self.principal(.admin), [.organisations, .products, .facilities, .certificates, .inspections, .users, .tokens, .gs1Prefixes,
                                      .auditLog, .adminUnits]),
            (Self.principal(.auditor), [.organisations, .products, .facilities, .certificates, .inspections, .users, .tokens, .gs1Prefixes,
                                        .auditLog, .adminUnits]),
            // An organisation's account finds its workspace first.
            (Self.principal(.business, organisationID: "org"), [.workspace, .organisations, .products, .facilities, .certificates, .inspections,
                                                                .tokens, .adminUnits]),
            (Self.principal(.communeOfficer, jurisdiction: AdminArea(province: "22", commune: "07093")),
             [.organisations, .products, .facilities, .certificates, .inspections, .adminUnits]),
            (Self.principal(.inspector, jurisdiction: AdminArea(province: "22")),
             [.organisations, .products, .facilities, .certificates, .inspections, .adminUnits]),
            // An officer whose jurisdiction was never set reaches no organisation.
            (Self.principal(.departmentOfficer), [.adminUnits]),
        ]
        for (principal, expected) in cases {
            let model = AdminHome.Model.query(principal: principal)
            #expect(model.cards.map(\.url) == expected, "\(principal.role)")
            #expect(model.role == principal.role)
        }
    }

    @Test("The line under the heading names the role, department and jurisdiction")
    func scopeLine() {
        let officer = Principal(id: "p", name: "p", role: .departmentOfficer, department: .health, jurisdiction: AdminArea(province: "22"))
        let html = AdminHome.View(model: .query(principal: officer), language: .vi).main.render()
        #expect(html.contains("Cán bộ sở, ngành · Sở Y tế · địa bàn 22"))
        let english = AdminHome.View(model: .query(principal: Self.principal(.admin)), language: .en).main.render()
        #expect(english.contains(#"<p class="lead">System administrator</p>"#))
    }
}
