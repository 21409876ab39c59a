import Foundation
import SQLKit

/// A lot an organisation made: harvested at one of its facilities, or packed from input lots.
/// Written in the same transaction as the EPCIS event that made it (`ProducerWork`).
struct Lot: Sendable, Equatable, Codable {
    var id: String
    var organisationID: String
    var productID: String
    var gtin: String
    var lotNumber: String
    var producedOn: String?
    var expiresOn: String?
    var bestBefore: String?
    var quantity: Double?
    var unit: String?
    var facilityID: String?
    /// Ids of the lots it was made from, as JSON text.
    var inputs: String
    var eventID: String?
    var createdAt: Int64

    var digitalLinkPath: String { "/01/\(gtin)/10/" + SiteURL.encode(lotNumber) }
}

/// Goods an organisation may ship: its own lots, and what it received from others.
struct Holding: Sendable, Equatable {
    let gtin: String
    let lotNumber: String
    let productName: String
    let quantity: Double
    let unit: String
    /// Where the goods are: the facility that made or received them.
    let facilityID: String
    /// The organisation's own lot, when it made it.
    let lotID: String?

    /// The value a form's lot choice sends back.
    var choice: String { gtin + "|" + lotNumber + "|" + facilityID }
}

/// A shipment on its way to one of the organisation's facilities, not yet received.
struct IncomingShipment: Sendable, Equatable {
    let eventID: String
    let time: Int64
    let gtin: String
    let lotNumber: String
    let productName: String?
    let quantity: Double
    let unit: String
    let fromKey: String
    let fromName: String?
    let facilityID: String
    let facilityName: String
}

/// One diary entry as the workspace lists it.
struct DiaryRecord: Sendable, Equatable {
    let time: Int64
    let activity: FarmActivity
    let facilityName: String
    let gtin: String?
    let input: String?
    let dose: String?
    let waitingDays: Int?
    let note: String?
}

extension Lot {
    static func insert(_ lot: Lot, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO lots (id, organisation_id, product_id, gtin, lot_number, produced_on, expires_on, best_before, quantity, unit,
                              facility_id, inputs, event_id, created_at)
            VALUES (\(bind: lot.id), \(bind: lot.organisationID), \(bind: lot.productID), \(bind: lot.gtin), \(bind: lot.lotNumber),
                    \(bind: lot.producedOn), \(bind: lot.expiresOn), \(bind: lot.bestBefore), \(bind: lot.quantity), \(bind: lot.unit),
                    \(bind: lot.facilityID), \(bind: lot.inputs), \(bind: lot.eventID), \(bind: lot.createdAt))
            """).run()
    }
}
