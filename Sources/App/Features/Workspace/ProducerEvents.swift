import EPCIS
import Foundation

/// The EPCIS 2.0 events the producer's forms write: one pure function per form, so a resent
/// form makes the very same event (same eventID and content) and is stored once.
enum ProducerEvents {
    /// Vietnam keeps one offset all year (UTC+7, no daylight saving).
    static let offset = "+07:00"
    static let context = EPCISContext(namespaces: [("nguon", FarmActivity.namespace)])

    struct Place: Sendable, Equatable {
        let gln: String
        var key: String { "https://id.gs1.org/414/" + gln }
    }

    struct LotQuantity: Sendable, Equatable {
        let gtin: String
        let lot: String
        let quantity: Double
        let uom: String

        var classKey: String { ProducerEvents.lotKey(gtin: gtin, lot: lot) }
        var element: QuantityElement { QuantityElement(epcClass: classKey, quantity: EPCISNumber(quantity), uom: uom) }
    }

    /// A lot's key as capture indexes it: its Digital Link on id.gs1.org, the lot percent-encoded.
    static func lotKey(gtin: String, lot: String) -> String {
        "https://id.gs1.org/01/\(gtin)/10/" + (lot.addingPercentEncoding(withAllowedCharacters: .gs1PathSafe) ?? lot)
    }

    /// "2026-11-20T07:30" from a datetime-local field, in Vietnam's time.
    static func time(_ local: String) -> EPCISTimestamp? {
        let seconds = local.utf8.count == 16 ? local + ":00" : local
        return EPCISTimestamp(seconds + ".000" + offset)
    }

    struct DiaryEntry: Sendable, Equatable {
        let id: UUID
        let activity: FarmActivity
        let place: Place
        let gtin: String
        let time: EPCISTimestamp
        var input: String? = nil
        var dose: String? = nil
        var waitingDays: Int? = nil
        var area: String? = nil
        var note: String? = nil
    }

    static func diary(_ entry: DiaryEntry) -> EPCISEvent {
        var extensions = JSONObject()
        if let input = entry.input { extensions["nguon:input"] = .string(input) }
        if let dose = entry.dose { extensions["nguon:dose"] = .string(dose) }
        if let days = entry.waitingDays { extensions["nguon:waitingDays"] = JSONValue(integerLiteral: days) }
        if let area = entry.area { extensions["nguon:area"] = .string(area) }
        if let note = entry.note { extensions["nguon:note"] = .string(note) }
        return EPCISEvent(
            eventType: .object, eventTime: entry.time, eventTimeZoneOffset: offset, eventID: "urn:uuid:" + entry.id.uuidString.lowercased(),
            quantityList: [QuantityElement(epcClass: "https://id.gs1.org/01/" + entry.gtin)], action: .observe,
            bizStep: entry.activity.bizStep, readPoint: Location(id: entry.place.key), bizLocation: Location(id: entry.place.key),
            extensions: extensions)
    }

    /// Dates a lot carries as instance/lot master data (CBV 2.0 §10), "YYYY-MM-DD".
    struct LotDates: Sendable, Equatable {
        var produced: String
        var expires: String? = nil
        var bestBefore: String? = nil
        /// Harvests record the harvest date; processing records the production date.
        var isHarvest = true

        var ilmd: JSONObject {
            var ilmd = JSONObject()
            ilmd[isHarvest ? "cbvmda:harvestStartDate" : "cbvmda:productionDate"] = .string(produced)
            if let expires { ilmd["cbvmda:itemExpirationDate"] = .string(expires) }
            if let bestBefore { ilmd["cbvmda:bestBeforeDate"] = .string(bestBefore) }
            return ilmd
        }
    }

    /// A harvest (or a catch, a slaughter) makes a new lot at the facility.
    static func harvest(id: UUID, lot: LotQuantity, at place: Place, time: EPCISTimestamp, dates: LotDates) -> EPCISEvent {
        EPCISEvent(
            eventType: .object, eventTime: time, eventTimeZoneOffset: offset, eventID: "urn:uuid:" + id.uuidString.lowercased(),
            quantityList: [lot.element], action: .add, bizStep: "commissioning", disposition: "active",
            readPoint: Location(id: place.key), bizLocation: Location(id: place.key), ilmd: dates.ilmd)
    }

    /// Processing and packing: input lots in, one output lot out.
    static func pack(id: UUID, inputs: [LotQuantity], output: LotQuantity, at place: Place, time: EPCISTimestamp,
                     dates: LotDates) -> EPCISEvent {
        EPCISEvent(
            eventType: .transformation, eventTime: time, eventTimeZoneOffset: offset, eventID: "urn:uuid:" + id.uuidString.lowercased(),
            inputQuantityList: inputs.map(\.element), outputQuantityList: [output.element], bizStep: "commissioning",
            disposition: "active", readPoint: Location(id: place.key), bizLocation: Location(id: place.key), ilmd: dates.ilmd)
    }

    /// Goods leaving the facility for another organisation's place.
    static func ship(id: UUID, lot: LotQuantity, from place: Place, to destination: Place, sscc: String?,
                     time: EPCISTimestamp) -> EPCISEvent {
        EPCISEvent(
            eventType: .object, eventTime: time, eventTimeZoneOffset: offset, eventID: "urn:uuid:" + id.uuidString.lowercased(),
            epcList: sscc.map { ["https://id.gs1.org/00/" + $0] } ?? [], quantityList: [lot.element], action: .observe,
            bizStep: "shipping", disposition: "in_transit", readPoint: Location(id: place.key),
            sourceList: [SourceDestination(type: "location", value: place.key)],
            destinationList: [SourceDestination(type: "location", value: destination.key)])
    }

    /// Goods arriving at the facility.
    static func receive(id: UUID, lot: LotQuantity, at place: Place, from source: String?, time: EPCISTimestamp) -> EPCISEvent {
        EPCISEvent(
            eventType: .object, eventTime: time, eventTimeZoneOffset: offset, eventID: "urn:uuid:" + id.uuidString.lowercased(),
            quantityList: [lot.element], action: .observe, bizStep: "receiving", disposition: "in_progress",
            readPoint: Location(id: place.key), bizLocation: Location(id: place.key),
            sourceList: source.map { [SourceDestination(type: "location", value: $0)] } ?? [])
    }
}

extension CharacterSet {
    /// What a Digital Link path segment keeps as written (RFC 3986 unreserved, as GS1 Digital Link 1.4 §6 asks).
    static let gs1PathSafe = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
