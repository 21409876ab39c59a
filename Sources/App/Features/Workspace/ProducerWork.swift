import EPCIS
import Foundation
import GS1
import NguonCore
import SQLKit

/// The producer's work (issue 9 §4): diary entries, harvests, packing, shipping and receiving,
/// each written as an EPCIS event through capture — so the rules of who may say what, trace,
/// recall scope and origin pages apply unchanged — with the registry rows it implies in the
/// same transaction. Acts only for the account's own organisation.
struct ProducerWork: Sendable {
    let database: AppDatabase
    let epcis: EPCISRepository
    let facilities: FacilityRepository
    let products: ProductRepository
    let changes: IdentifierChanges?
    /// Where this server answers Digital Links (labels point here).
    let publicURL: String

    /// The lot's Digital Link as its label carries it: GTIN and lot in the path, the expiry
    /// (AI 17, YYMMDD) as an attribute so a till can check the date.
    func digitalLink(of lot: Lot) -> String {
        var link = publicURL.trimmingSuffix("/") + lot.digitalLinkPath
        if let expires = lot.expiresOn, expires.utf8.count == 10 {
            link += "?17=" + expires.dropFirst(2).replacingOccurrences(of: "-", with: "")
        }
        return link
    }

    /// The organisation whose workspace it is, with its facilities and products.
    struct Workspace: Sendable {
        let organisation: Organisation
        let facilities: [Facility]
        let products: [Product]

        /// An active facility of the organisation with a GLN, or a 400 naming `field`.
        func facility(_ id: String, field: String = "facility") throws -> (Facility, ProducerEvents.Place) {
            guard let facility = facilities.first(where: { $0.id == id }) else {
                throw AppError.invalid(field: field, rule: "one-of", LocalizedText(vi: "Hãy chọn một cơ sở của tổ chức.", en: "Choose one of your facilities."))
            }
            guard let gln = facility.gln else {
                throw AppError.invalid(field: field, rule: "gln-required", LocalizedText(
                    vi: "Cơ sở “\(facility.name)” chưa có GLN (mã địa điểm); hãy gán GLN cho cơ sở trước.",
                    en: "Facility “\(facility.name)” has no GLN yet; give it one first."))
            }
            guard facility.state == .active else {
                throw AppError.invalid(field: field, rule: "facility-state", LocalizedText(
                    vi: "Cơ sở “\(facility.name)” đang \(facility.state.label.vi.lowercased()); không ghi được hoạt động mới.",
                    en: "Facility “\(facility.name)” is \(facility.state.label.en.lowercased())."))
            }
            return (facility, ProducerEvents.Place(gln: gln))
        }

        func product(_ id: String, field: String = "product") throws -> Product {
            guard let product = products.first(where: { $0.id == id }) else {
                throw AppError.invalid(field: field, rule: "one-of", LocalizedText(vi: "Hãy chọn một sản phẩm của tổ chức.", en: "Choose one of your products."))
            }
            return product
        }
    }

    /// The account's organisation; a 403 for accounts of no organisation (officers, administrators).
    static func organisationID(of principal: Principal) throws(AppError) -> String {
        guard let organisationID = principal.organisationID else {
            throw AppError(status: .forbidden, code: "organisation-account", detail: LocalizedText(
                vi: "Khu sản xuất dành cho tài khoản của một tổ chức (hợp tác xã, doanh nghiệp, hộ kinh doanh).",
                en: "The producer's workspace is for an organisation's account."))
        }
        return organisationID
    }

    func workspace(for principal: Principal) async throws -> Workspace {
        let organisationID = try Self.organisationID(of: principal)
        let organisation = try await facilities.organisations.find(organisationID, for: principal)
        return Workspace(organisation: organisation, facilities: try await facilities.list(of: organisationID, for: principal),
                         products: try await products.list(of: organisationID, for: principal))
    }

    // MARK: - Diary

    struct DiaryInput: Sendable {
        var id: UUID
        var activity: FarmActivity
        var facilityID: String
        var productID: String
        var time: EPCISTimestamp
        var input: String?
        var dose: String?
        var waitingDays: Int?
        var area: String?
        var note: String?
    }

    func recordDiary(_ input: DiaryInput, actor: Actor) async throws {
        let workspace = try await workspace(for: try Self.principal(actor))
        let (_, place) = try workspace.facility(input.facilityID)
        let product = try workspace.product(input.productID)
        if input.activity.hasWaitingPeriod && input.waitingDays == nil {
            throw AppError.invalid(field: "waitingDays", rule: "required", LocalizedText(
                vi: "Hãy nhập thời gian cách ly (số ngày) ghi trên nhãn thuốc; nhập 0 nếu nhãn ghi không cần cách ly.",
                en: "Enter the pre-harvest interval in days from the product's label (0 if none)."))
        }
        if input.activity.usesInput && input.input == nil {
            throw AppError.invalid(field: "input", rule: "required", LocalizedText(
                vi: "Hãy ghi tên phân bón, thuốc hoặc thức ăn đã dùng.", en: "Name what was applied."))
        }
        let event = ProducerEvents.diary(.init(id: input.id, activity: input.activity, place: place, gtin: product.gtin, time: input.time,
                                               input: input.input, dose: input.dose, waitingDays: input.waitingDays, area: input.area,
                                               note: input.note))
        try await capture(event, actor: actor)
    }

    func diary(for principal: Principal, limit: Int = 50) async throws -> [DiaryRecord] {
        let workspace = try await workspace(for: principal)
        let places = Dictionary(workspace.facilities.compactMap { f in f.locationKey.map { ($0, f.name) } }, uniquingKeysWith: { a, _ in a })
        guard !places.isEmpty else { return [] }
        let rows = try await database.reader.raw("""
            SELECT event_time, biz_step, biz_location, document FROM epcis_events
            WHERE biz_location IN (\(binds: Array(places.keys))) AND biz_step LIKE \(bind: FarmActivity.bizStepPrefix + "%")
            ORDER BY event_time DESC, id DESC LIMIT \(bind: limit)
            """).all()
        return try rows.compactMap { row in
            guard let activity = FarmActivity(bizStep: try row.decode(column: "biz_step", as: String.self)) else { return nil }
            let document = try? JSONValue.parse(try row.decode(column: "document", as: String.self))
            guard case .object(let event)? = document else { return nil }
            let gtin = event["quantityList"].flatMap { list -> String? in
                guard case .array(let items) = list, case .object(let first)? = items.first else { return nil }
                return first["epcClass"]?.stringValue.map { String($0.dropFirst("https://id.gs1.org/01/".count)) }
            }
            return DiaryRecord(time: try row.decode(column: "event_time", as: Int64.self), activity: activity,
                               facilityName: places[try row.decode(column: "biz_location", as: String.self)] ?? "",
                               gtin: gtin, input: event["nguon:input"]?.stringValue, dose: event["nguon:dose"]?.stringValue,
                               waitingDays: event["nguon:waitingDays"]?.stringValue.flatMap { Int($0) }
                                ?? event["nguon:waitingDays"].flatMap(Self.integer),
                               note: event["nguon:note"]?.stringValue)
        }
    }

    // MARK: - Harvest and packing

    struct LotInput: Sendable {
        var id: UUID
        var facilityID: String
        var productID: String
        var lotNumber: String
        var time: EPCISTimestamp
        var quantity: Double
        var unit: String
        var expires: String?
        var bestBefore: String?
    }

    /// A harvest makes a lot. Refused while a spraying or a treatment of that product at that
    /// facility is inside its waiting period, with the date the period ends.
    func harvest(_ input: LotInput, actor: Actor) async throws -> Lot {
        let workspace = try await workspace(for: try Self.principal(actor))
        let (facility, place) = try workspace.facility(input.facilityID)
        let product = try workspace.product(input.productID)
        if let waiting = try await waitingPeriod(of: product, at: place, before: input.time) {
            throw Self.insideWaitingPeriod(waiting)
        }
        return try await makeLot(input, product: product, facility: facility, workspace: workspace, inputs: [], actor: actor) { lot, dates in
            ProducerEvents.harvest(id: input.id, lot: lot, at: place, time: input.time, dates: dates)
        }
    }

    /// Packing or processing: input lots the organisation holds at the facility become one new lot.
    func pack(_ input: LotInput, inputs: [(choice: String, quantity: Double)], actor: Actor) async throws -> Lot {
        let principal = try Self.principal(actor)
        let workspace = try await workspace(for: principal)
        let (facility, place) = try workspace.facility(input.facilityID)
        let product = try workspace.product(input.productID)
        let holdings = try await holdings(for: principal)
        var used: [(Holding, Double)] = []
        for (index, item) in inputs.enumerated() {
            guard let holding = holdings.first(where: { $0.choice == item.choice }) else {
                throw AppError.invalid(field: "input\(index)", rule: "one-of", LocalizedText(
                    vi: "Hãy chọn lô nguyên liệu tổ chức đang có.", en: "Choose an input lot your organisation holds."))
            }
            used.append((holding, item.quantity))
        }
        guard !used.isEmpty else {
            throw AppError.invalid(field: "input0", rule: "required", LocalizedText(vi: "Hãy chọn ít nhất một lô nguyên liệu.", en: "Choose at least one input lot."))
        }
        let lotInputs = used.map { ProducerEvents.LotQuantity(gtin: $0.0.gtin, lot: $0.0.lotNumber, quantity: $0.1, uom: $0.0.unit) }
        return try await makeLot(input, product: product, facility: facility, workspace: workspace,
                                 inputs: used.compactMap(\.0.lotID), actor: actor, isHarvest: false) { lot, dates in
            ProducerEvents.pack(id: input.id, inputs: lotInputs, output: lot, at: place, time: input.time, dates: dates)
        }
    }

    private func makeLot(_ input: LotInput, product: Product, facility: Facility, workspace: Workspace, inputs: [String], actor: Actor,
                         isHarvest: Bool = true,
                         event: (ProducerEvents.LotQuantity, ProducerEvents.LotDates) -> EPCISEvent) async throws -> Lot {
        let produced = String(input.time.lexical.prefix(10))
        // Without a date typed, expiry follows from the product's shelf life.
        let expires = input.expires ?? product.shelfLifeDays.map { Self.day(produced, plus: $0) }
        let dates = ProducerEvents.LotDates(produced: produced, expires: expires, bestBefore: input.bestBefore, isHarvest: isHarvest)
        let quantity = ProducerEvents.LotQuantity(gtin: product.gtin, lot: input.lotNumber, quantity: input.quantity, uom: input.unit)
        let eventID = "urn:uuid:" + input.id.uuidString.lowercased()
        let lot = Lot(id: input.id.uuidString.lowercased(), organisationID: workspace.organisation.id, productID: product.id, gtin: product.gtin,
                      lotNumber: input.lotNumber, producedOn: produced, expiresOn: expires, bestBefore: input.bestBefore,
                      quantity: input.quantity, unit: input.unit, facilityID: facility.id,
                      inputs: String(decoding: try JSONEncoder().encode(inputs), as: UTF8.self), eventID: eventID, createdAt: Millis.now())
        try await capture(event(quantity, dates), actor: actor) { sql in
            // A resent form finds its own lot already there; another use of the lot number is refused.
            if let row = try await sql.raw("SELECT event_id FROM lots WHERE gtin = \(bind: lot.gtin) AND lot_number = \(bind: lot.lotNumber)").first() {
                guard try row.decode(column: "event_id", as: String?.self) == eventID else { throw Self.lotTaken(lot.lotNumber) }
                return
            }
            try await Lot.insert(lot, on: sql)
        }
        return lot
    }

    /// The latest end of a waiting period (pre-harvest interval, withdrawal time) still running
    /// at `time` for this product at this place: the diary entry and the moment it ends.
    func waitingPeriod(of product: Product, at place: ProducerEvents.Place, before time: EPCISTimestamp) async throws
        -> (activity: FarmActivity, input: String?, applied: Int64, ends: Int64)? {
        let harvest = time.epochMilliseconds
        // Labels give intervals of days to a few months; a year back covers any of them.
        let rows = try await database.sql.raw("""
            SELECT e.event_time, e.biz_step, e.document FROM epcis_events e JOIN epcis_event_members m ON m.event = e.id
            WHERE m.key = \(bind: product.classKey) AND e.biz_location = \(bind: place.key)
              AND e.biz_step IN (\(bind: FarmActivity.spraying.bizStep), \(bind: FarmActivity.treating.bizStep))
              AND e.event_time <= \(bind: harvest) AND e.event_time >= \(bind: harvest - 366 * 86_400_000)
            """).all()
        var latest: (activity: FarmActivity, input: String?, applied: Int64, ends: Int64)?
        for row in rows {
            guard case .object(let event)? = try? JSONValue.parse(try row.decode(column: "document", as: String.self)),
                  let days = event["nguon:waitingDays"].flatMap(Self.integer), days > 0,
                  let activity = FarmActivity(bizStep: try row.decode(column: "biz_step", as: String.self)) else { continue }
            let applied = try row.decode(column: "event_time", as: Int64.self)
            let ends = applied + Int64(days) * 86_400_000
            if ends > harvest, ends > latest?.ends ?? 0 { latest = (activity, event["nguon:input"]?.stringValue, applied, ends) }
        }
        return latest
    }

    // MARK: - Shipping and receiving

    struct ShipInput: Sendable {
        var id: UUID
        var choice: String
        var quantity: Double
        var destinationGLN: String
        var sscc: String?
        var time: EPCISTimestamp
    }

    func ship(_ input: ShipInput, actor: Actor) async throws {
        let principal = try Self.principal(actor)
        let workspace = try await workspace(for: principal)
        guard let holding = try await holdings(for: principal).first(where: { $0.choice == input.choice }) else {
            throw AppError.invalid(field: "lot", rule: "one-of", LocalizedText(vi: "Hãy chọn một lô hàng tổ chức đang có.", en: "Choose a lot your organisation holds."))
        }
        let (_, from) = try workspace.facility(holding.facilityID, field: "lot")
        guard try await database.reader.raw("SELECT id FROM facilities WHERE gln = \(bind: input.destinationGLN) AND state = 'active'").first() != nil else {
            throw AppError.invalid(field: "destination", rule: "unknown-facility", LocalizedText(
                vi: "Không có cơ sở đang hoạt động nào mang GLN \(input.destinationGLN) trong sổ đăng ký; hãy kiểm tra lại với bên mua.",
                en: "No active facility in the registry has GLN \(input.destinationGLN)."))
        }
        let lot = ProducerEvents.LotQuantity(gtin: holding.gtin, lot: holding.lotNumber, quantity: input.quantity, uom: holding.unit)
        try await capture(ProducerEvents.ship(id: input.id, lot: lot, from: from, to: ProducerEvents.Place(gln: input.destinationGLN),
                                              sscc: input.sscc, time: input.time), actor: actor)
    }

    /// Shipments sent to the organisation's facilities that it has not received yet, newest first.
    func incoming(for principal: Principal) async throws -> [IncomingShipment] {
        let workspace = try await workspace(for: principal)
        let places = Dictionary(workspace.facilities.compactMap { f in f.locationKey.map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        guard !places.isEmpty else { return [] }
        let rows = try await database.reader.raw("""
            SELECT e.id, e.event_id, e.event_time, e.read_point, l.value AS destination FROM epcis_events e
            JOIN epcis_event_links l ON l.event = e.id AND l.kind = 'destination'
            WHERE l.value IN (\(binds: Array(places.keys))) AND e.biz_step = 'shipping'
              AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.shipment_event_id = e.event_id)
            ORDER BY e.event_time DESC LIMIT 50
            """).all()
        var shipments: [IncomingShipment] = []
        var fromKeys = Set<String>()
        var gtins = Set<String>()
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            guard let facility = places[try row.decode(column: "destination", as: String.self)] else { continue }
            let from = try row.decode(column: "read_point", as: String?.self) ?? ""
            // A shipment lists a few lots; one listing thousands (made up by its sender) must not
            // cost the receiver's page more than these.
            var seen = Set<String>()
            for member in try await database.reader.raw("""
                SELECT key, quantity, uom FROM epcis_event_members WHERE event = \(bind: id) AND class_level = \(bind: true)
                LIMIT \(bind: Self.maxLotsPerShipment)
                """).all() {
                guard let (gtin, lotNumber) = Self.lot(ofKey: try member.decode(column: "key", as: String.self)),
                      seen.insert(gtin + "/" + lotNumber).inserted else { continue }
                fromKeys.insert(from)
                gtins.insert(gtin)
                shipments.append(IncomingShipment(
                    eventID: try row.decode(column: "event_id", as: String.self), time: try row.decode(column: "event_time", as: Int64.self),
                    gtin: gtin, lotNumber: lotNumber, productName: nil, quantity: try member.decode(column: "quantity", as: Double?.self) ?? 0,
                    unit: try member.decode(column: "uom", as: String?.self) ?? "", fromKey: from, fromName: nil,
                    facilityID: facility.id, facilityName: facility.name))
            }
        }
        let names = try await epcis.masterData(for: fromKeys.union(gtins.map { "https://id.gs1.org/01/" + $0 }))
        return shipments.map { s in
            IncomingShipment(eventID: s.eventID, time: s.time, gtin: s.gtin, lotNumber: s.lotNumber,
                             productName: names["https://id.gs1.org/01/" + s.gtin]?.name, quantity: s.quantity, unit: s.unit,
                             fromKey: s.fromKey, fromName: names[s.fromKey]?.name, facilityID: s.facilityID, facilityName: s.facilityName)
        }
    }

    /// Receives one incoming shipment, whole, at the facility it was sent to.
    func receive(shipment eventID: String, time: EPCISTimestamp, actor: Actor) async throws {
        let principal = try Self.principal(actor)
        let waiting = try await incoming(for: principal).filter { $0.eventID == eventID }
        guard let first = waiting.first else {
            throw AppError(status: .notFound, code: "shipment-not-found", detail: LocalizedText(
                vi: "Không có chuyến hàng này đang chờ nhận tại cơ sở của tổ chức (có thể đã được nhận).",
                en: "No such shipment is waiting at your facilities (it may have been received already)."))
        }
        let workspace = try await workspace(for: principal)
        let (facility, place) = try workspace.facility(first.facilityID)
        let organisation = workspace.organisation.id
        // One receiving event per lot in the shipment; receiving twice is stopped by the receipts' unique key.
        var events: [EPCISEvent] = []
        for item in waiting {
            let id = UUID()
            events.append(ProducerEvents.receive(id: id, lot: .init(gtin: item.gtin, lot: item.lotNumber, quantity: item.quantity, uom: item.unit),
                                                 at: place, from: item.fromKey.isEmpty ? nil : item.fromKey, time: time))
        }
        let receivedAt = Millis.now()
        let firstEventID = events[0].eventID ?? ""
        do {
            _ = try await EPCISCapture.capture(events, context: ProducerEvents.context, vocabularies: [], behaviour: .rollback, repository: epcis,
                                               changes: changes, actor: actor) { sql in
                for item in waiting {
                    try await sql.raw("""
                        INSERT INTO receipts (id, shipment_event_id, organisation_id, facility_id, gtin, lot_number, quantity, unit, event_id, received_at)
                        VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: eventID), \(bind: organisation),
                                \(bind: facility.id), \(bind: item.gtin), \(bind: item.lotNumber), \(bind: item.quantity), \(bind: item.unit),
                                \(bind: firstEventID), \(bind: receivedAt))
                        """).run()
                }
            }
        } catch let error where !(error is AppError) {
            // Two "received" clicks at once: the second finds the receipt the first wrote.
            guard try await incoming(for: principal).contains(where: { $0.eventID == eventID }) == false else { throw error }
            throw AppError(status: .notFound, code: "shipment-not-found", detail: LocalizedText(
                vi: "Chuyến hàng này đã được nhận.", en: "This shipment was already received."))
        }
    }

    /// Lots read of one incoming shipment.
    static let maxLotsPerShipment = 50

    /// What the organisation may ship or pack: its own lots and the goods it received.
    func holdings(for principal: Principal) async throws -> [Holding] {
        guard let organisationID = principal.organisationID else { return [] }
        var result: [Holding] = []
        for row in try await database.reader.raw("""
            SELECT l.id, l.gtin, l.lot_number, l.quantity, l.unit, l.facility_id, p.name FROM lots l JOIN products p ON p.id = l.product_id
            WHERE l.organisation_id = \(bind: organisationID) ORDER BY l.created_at DESC LIMIT 500
            """).all() {
            guard let facility = try row.decode(column: "facility_id", as: String?.self) else { continue }
            result.append(Holding(gtin: try row.decode(column: "gtin", as: String.self), lotNumber: try row.decode(column: "lot_number", as: String.self),
                                  productName: try row.decode(column: "name", as: String.self),
                                  quantity: try row.decode(column: "quantity", as: Double?.self) ?? 0,
                                  unit: try row.decode(column: "unit", as: String?.self) ?? "", facilityID: facility,
                                  lotID: try row.decode(column: "id", as: String.self)))
        }
        let received = try await database.reader.raw("""
            SELECT gtin, lot_number, quantity, unit, facility_id FROM receipts WHERE organisation_id = \(bind: organisationID)
            ORDER BY received_at DESC LIMIT 500
            """).all()
        let names = try await epcis.masterData(for: Set(try received.map { "https://id.gs1.org/01/" + (try $0.decode(column: "gtin", as: String.self)) }))
        for row in received {
            let gtin = try row.decode(column: "gtin", as: String.self)
            result.append(Holding(gtin: gtin, lotNumber: try row.decode(column: "lot_number", as: String.self),
                                  productName: names["https://id.gs1.org/01/" + gtin]?.name ?? "GTIN " + gtin,
                                  quantity: try row.decode(column: "quantity", as: Double.self), unit: try row.decode(column: "unit", as: String.self),
                                  facilityID: try row.decode(column: "facility_id", as: String.self), lotID: nil))
        }
        return result
    }

    func lots(for principal: Principal, limit: Int = 100) async throws -> [Lot] {
        guard let organisationID = principal.organisationID else { return [] }
        return try await database.reader.raw("""
            SELECT * FROM lots WHERE organisation_id = \(bind: organisationID) ORDER BY created_at DESC LIMIT \(bind: limit)
            """).all().map { try $0.record(Lot.self) }
    }

    func lot(_ id: String, for principal: Principal) async throws -> Lot {
        guard let row = try await database.reader.raw("SELECT * FROM lots WHERE id = \(bind: id)").first() else { throw AccessDenied.notFound }
        let lot = try row.record(Lot.self)
        let organisation = try await facilities.organisations.record(lot.organisationID)
        guard principal.reaches(.registry, .read, area: organisation.area, organisationID: organisation.id) else { throw AccessDenied.notFound }
        return lot
    }

    // MARK: - Shared

    private func capture(_ event: EPCISEvent, actor: Actor, also: EPCISRepository.AlsoWrite? = nil) async throws {
        _ = try await EPCISCapture.capture([event], context: ProducerEvents.context, vocabularies: [], behaviour: .rollback,
                                           repository: epcis, changes: changes, actor: actor, also: also)
    }

    private static func principal(_ actor: Actor) throws -> Principal {
        guard let principal = actor.principal else { throw AccessDenied.forbidden }
        return principal
    }

    /// (GTIN, lot) of a canonical lot key https://id.gs1.org/01/{gtin}/10/{lot}.
    static func lot(ofKey key: String) -> (String, String)? {
        guard let data = try? DigitalLink.parse(key), let gtin = data.gtin?.gtin14, let lot = data["10"] else { return nil }
        return (gtin, lot)
    }

    /// "YYYY-MM-DD" plus `days`.
    static func day(_ iso: String, plus days: Int) -> String {
        guard let start = EPCISTimestamp(iso + "T00:00:00Z") else { return iso }
        return String(EPCISTimestamp(epochMilliseconds: start.epochMilliseconds + Int64(days) * 86_400_000).lexical.prefix(10))
    }

    static func integer(_ value: JSONValue) -> Int? {
        if case .number(let text) = value { return Int(text) ?? Double(text).map { Int($0) } }
        return value.stringValue.flatMap { Int($0) }
    }

    static func insideWaitingPeriod(_ waiting: (activity: FarmActivity, input: String?, applied: Int64, ends: Int64)) -> AppError {
        // Harvest only after the interval on the pesticide's or medicine's label: "thời gian cách ly"
        // (Law 41/2013/QH13 on Plant Protection and Quarantine) and "thời gian ngừng thuốc" for
        // veterinary drugs (Law 79/2015/QH13 on Animal Health); VietGAP (TCVN 11892-1:2017) checks both.
        let ends = Formatting.dateTime(millis: waiting.ends, .vi)
        let applied = Formatting.dateTime(millis: waiting.applied, .vi)
        let what = waiting.input.map { " (\($0))" } ?? ""
        let (vi, en) = waiting.activity == .treating
            ? ("Chưa hết thời gian ngừng thuốc: lần dùng thuốc\(what) lúc \(applied) hết hạn ngừng thuốc lúc \(ends). Chỉ được thu hoạch từ \(ends).",
               "Inside the withdrawal time of the treatment\(what) of \(applied), which ends at \(ends).")
            : ("Chưa hết thời gian cách ly: lần phun thuốc\(what) lúc \(applied) có thời gian cách ly đến \(ends). Chỉ được thu hoạch từ \(ends).",
               "Inside the pre-harvest interval of the spraying\(what) of \(applied), which ends at \(ends).")
        return AppError.invalid(field: "time", rule: "pre-harvest-interval", LocalizedText(vi: vi, en: en))
    }

    static func lotTaken(_ lot: String) -> AppError {
        AppError.invalid(field: "lotNumber", rule: "unique", LocalizedText(
            vi: "Số lô \(lot) của sản phẩm này đã được dùng; hãy chọn số lô khác.", en: "Lot number \(lot) is already used for this product."))
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
