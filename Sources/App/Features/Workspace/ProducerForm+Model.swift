import EPCIS
import Foundation
import NguonCore

/// The producer's forms (`/san-xuat/nhat-ky`, `thu-hoach`, `dong-goi`, `giao-hang`): each built on
/// the organisation's workspace, with a fresh entry id so sending a form twice, or again after the
/// connection returns, records it once.
enum ProducerForm {
    enum Kind: Sendable {
        case diary, harvest, pack, ship

        var url: SiteURL {
            switch self {
            case .diary: .workspaceDiary
            case .harvest: .workspaceHarvest
            case .pack: .workspacePack
            case .ship: .workspaceShip
            }
        }
    }

    struct Model {
        let kind: Kind
        let workspace: ProducerWork.Workspace
        /// Lots the organisation may pack or ship.
        let holdings: [Holding]
        /// Other organisations' active facilities to ship to (name, GLN), for the destination field.
        let destinations: [(name: String, gln: String)]
        /// The latest diary entries, under the diary form.
        let diary: [DiaryRecord]

        static func query(_ kind: Kind, principal: Principal, work: ProducerWork) async throws -> Model {
            let workspace = try await work.workspace(for: principal)
            let holdings = kind == .pack || kind == .ship ? try await work.holdings(for: principal) : []
            var destinations: [(String, String)] = []
            if kind == .ship {
                destinations = try await work.database.reader.raw("""
                    SELECT f.name, f.gln, o.name AS organisation FROM facilities f JOIN organisations o ON o.id = f.organisation_id
                    WHERE f.gln IS NOT NULL AND f.state = 'active' AND f.organisation_id <> \(bind: workspace.organisation.id)
                    ORDER BY o.name, f.name LIMIT 500
                    """).all().map { row in
                    ("\(try row.decode(column: "organisation", as: String.self)) — \(try row.decode(column: "name", as: String.self))",
                     try row.decode(column: "gln", as: String.self))
                }
            }
            return Model(kind: kind, workspace: workspace, holdings: holdings, destinations: destinations,
                         diary: kind == .diary ? try await work.diary(for: principal, limit: 30) : [])
        }
    }

    /// A new form's values: a fresh entry id, now in Vietnam's time, the only facility or product preselected.
    static func values(_ model: Model, now: Date = Date()) -> [String: String] {
        var values = ["entry": UUID().uuidString.lowercased(), "time": localTime(now)]
        if model.workspace.facilities.count == 1 { values["facility"] = model.workspace.facilities[0].id }
        if model.workspace.products.count == 1 { values["product"] = model.workspace.products[0].id }
        if model.kind == .harvest || model.kind == .pack {
            values["unit"] = "KGM"
            values["lotNumber"] = suggestedLot(now)
        }
        return values
    }

    /// "2026-11-20T07:30" in Vietnam's time, as a datetime-local field holds it.
    static func localTime(_ date: Date) -> String {
        String(EPCISTimestamp(date: date, offsetSeconds: 7 * 3600).lexical.prefix(16))
    }

    /// A lot number from the day: "261120-0730" (year, month, day, hour, minute), short enough for a label.
    static func suggestedLot(_ date: Date) -> String {
        let local = localTime(date)
        let digits = local.filter(\.isNumber)
        return String(digits.dropFirst(2).prefix(6)) + "-" + String(digits.dropFirst(8).prefix(4))
    }
}
