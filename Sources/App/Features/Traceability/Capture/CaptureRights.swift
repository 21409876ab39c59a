import EPCIS
import SQLKit

/// Who may say what (issue 9 §3). An organisation commissions and describes only identifiers it
/// holds (`GS1Holders`), records events only at places it holds, and speaks of anyone else's
/// goods only once it has them: they were received at one of its places or shipped to it. The
/// public origin pages read from what is captured, so without this one business could make
/// another cooperative's lot read "destroyed" or rename its products.
///
/// Applies to organisations' accounts and tokens; officers and administrators act for the
/// province and are bounded by their jurisdiction instead.
enum CaptureRights {
    /// Steps that mark goods arriving at the event's place: the first time an organisation
    /// speaks of another's lot, it is receiving it.
    static let receivingSteps: Set<String> = ["receiving", "arriving", "accepting"]
    /// Steps that bring an identifier into being, whatever the event's action.
    static let creatingSteps: Set<String> = ["commissioning", "creating_class_instance"]

    /// Throws a 403 naming every refused identifier and its rule; nothing is stored then.
    static func check(_ events: [EPCISRepository.PreparedEvent], vocabularies: [Vocabulary], organisation: String,
                      on sql: any SQLDatabase) async throws {
        var keys = Set<String>()
        for prepared in events {
            for member in prepared.members { keys.insert(member.key) }
            if let place = prepared.event.readPointKey { keys.insert(place) }
            if let place = prepared.event.bizLocationKey { keys.insert(place) }
        }
        for vocabulary in vocabularies {
            for element in vocabulary.elements { keys.insert(EPCISIndex.key(for: element.id)) }
        }
        let holders = try await GS1Holders.holders(of: keys, on: sql)
        func held(_ key: String) -> Bool { holders[key] == organisation }

        var problems: [AppError.FieldError] = []
        // Others' goods this organisation has had at its places, from this document's earlier events.
        var had = Set<String>()
        var unproven: [(index: Int, key: String, role: String)] = []
        for (index, prepared) in events.enumerated() {
            let event = prepared.event
            let field = "eventList[\(index)]"
            var atOwnPlace = false
            for (name, place) in [("readPoint", event.readPointKey), ("bizLocation", event.bizLocationKey)] {
                guard let place else { continue }
                if held(place) { atOwnPlace = true } else { problems.append(placeNotHeld(place, field: field + "." + name)) }
            }
            let step = event.bizStep.map { CBV.normalize($0, .bizStep) }
            let receiving = atOwnPlace && step.map(receivingSteps.contains) == true
            for member in prepared.members where !held(member.key) {
                if creates(member.role, in: event, step: step) {
                    problems.append(notHolder(member.key, field: field + "." + member.role))
                } else if receiving && holders[member.key] == nil {
                    // Goods no organisation here holds (an import, an unknown prefix): receiving them
                    // at one's own place is the first word anyone says of them.
                    had.insert(member.key)
                } else if !had.contains(member.key) {
                    // Another organisation's goods: received only if they were shipped here (or were
                    // here before) — otherwise anyone could "receive" a lot, real or invented, and
                    // then destroy it on its public page.
                    unproven.append((index, member.key, member.role))
                }
            }
        }
        if !unproven.isEmpty {
            let possessed = try await possessed(Set(unproven.map(\.key)), by: organisation, on: sql)
            for item in unproven where !possessed.contains(item.key) {
                problems.append(notInPossession(item.key, field: "eventList[\(item.index)].\(item.role)"))
            }
        }
        let registered = try await registeredKeys(vocabularies, on: sql)
        for vocabulary in vocabularies {
            for element in vocabulary.elements {
                let key = EPCISIndex.key(for: element.id)
                let field = "vocabularyList[\(vocabulary.type)]"
                if !held(key) {
                    problems.append(AppError.FieldError(field: field, rule: "master-data-not-held", message: LocalizedText(
                        vi: "Chỉ đơn vị giữ mã “\(element.id)” được khai báo thông tin của nó (tên, địa chỉ, hình ảnh).",
                        en: "Only the holder of “\(element.id)” may describe it.")))
                } else if registered.contains(key) {
                    // The registry is that key's master data (and says who produces it): changed there, by form or import.
                    problems.append(AppError.FieldError(field: field, rule: "registered-in-registry", message: LocalizedText(
                        vi: "“\(element.id)” đã có trong sổ đăng ký; hãy sửa thông tin của nó ở trang sản phẩm hoặc cơ sở.",
                        en: "“\(element.id)” is in the registry; change it on its product or facility page.")))
                } else if let attribute = element.attributes.first(where: { $0.id.hasPrefix(FarmActivity.namespace) }) {
                    problems.append(AppError.FieldError(field: field, rule: "registry-attribute", message: LocalizedText(
                        vi: "Thuộc tính “\(attribute.id)” chỉ do sổ đăng ký của Nguồn ghi.", en: "“\(attribute.id)” is written by the registry only.")))
                }
            }
        }
        guard !problems.isEmpty else { return }
        throw AppError(
            status: .forbidden, code: "not-holder",
            title: LocalizedText(vi: "Tổ chức của bạn không được ghi những điều này", en: "Your organisation may not record this"),
            detail: LocalizedText(
                vi: "Có \(problems.count) chỗ nói về mã hoặc địa điểm không thuộc tổ chức của bạn; không sự kiện nào được lưu. \(problems[0].message.vi)",
                en: "\(problems.count) place(s) name codes or locations your organisation does not hold; nothing was stored. \(problems[0].message.en)"),
            fieldErrors: Array(problems.prefix(1_000)), problemType: "epcisException:SecurityException")
    }

    /// The vocabulary keys that are a registered product's GTIN or facility's GLN.
    static func registeredKeys(_ vocabularies: [Vocabulary], on sql: any SQLDatabase) async throws -> Set<String> {
        var gtins: [String] = []
        var glns: [String] = []
        for vocabulary in vocabularies {
            for element in vocabulary.elements {
                let key = EPCISIndex.key(for: element.id)
                if key.hasPrefix("https://id.gs1.org/01/") { gtins.append(String(key.dropFirst("https://id.gs1.org/01/".count))) }
                if key.hasPrefix("https://id.gs1.org/414/") { glns.append(String(key.dropFirst("https://id.gs1.org/414/".count))) }
            }
        }
        var registered = Set<String>()
        for chunk in gtins.chunked(into: 500) {
            for row in try await sql.raw("SELECT gtin FROM products WHERE gtin IN (\(binds: Array(chunk)))").all() {
                registered.insert("https://id.gs1.org/01/" + (try row.decode(column: "gtin", as: String.self)))
            }
        }
        for chunk in glns.chunked(into: 500) {
            for row in try await sql.raw("SELECT gln FROM facilities WHERE gln IN (\(binds: Array(chunk)))").all() {
                registered.insert("https://id.gs1.org/414/" + (try row.decode(column: "gln", as: String.self)))
            }
        }
        return registered
    }

    /// Whether `role` in this event brings the identifier into being (commissioning, an
    /// aggregation's new parent, a transformation's output): only its holder may.
    static func creates(_ role: String, in event: EPCISEvent, step: String?) -> Bool {
        if let step, creatingSteps.contains(step), role != IdentifierRole.input.rawValue { return true }
        switch (event.eventType, role) {
        case (.object, IdentifierRole.epc.rawValue): return event.action == .add
        case (.aggregation, IdentifierRole.parent.rawValue), (.association, IdentifierRole.parent.rawValue),
             (.transaction, IdentifierRole.parent.rawValue):
            return event.action == .add
        case (.transformation, IdentifierRole.output.rawValue): return true
        default: return false
        }
    }

    /// The keys already recorded at one of the organisation's places or sent to it (a
    /// destination it holds).
    static func possessed(_ keys: Set<String>, by organisation: String, on sql: any SQLDatabase) async throws -> Set<String> {
        var placesOf: [String: Set<String>] = [:]
        for chunk in Array(keys).chunked(into: 400) {
            let binds = Array(chunk)
            for row in try await sql.raw("""
                SELECT DISTINCT m.key AS k, e.read_point AS rp, e.biz_location AS bl
                FROM epcis_event_members m JOIN epcis_events e ON e.id = m.event WHERE m.key IN (\(binds: binds))
                """).all() {
                let key = try row.decode(column: "k", as: String.self)
                for column in ["rp", "bl"] {
                    if let place = try row.decode(column: column, as: String?.self) { placesOf[key, default: []].insert(place) }
                }
            }
            for row in try await sql.raw("""
                SELECT DISTINCT m.key AS k, l.value AS v
                FROM epcis_event_members m JOIN epcis_event_links l ON l.event = m.event AND l.kind = 'destination'
                WHERE m.key IN (\(binds: binds))
                """).all() {
                placesOf[try row.decode(column: "k", as: String.self), default: []].insert(try row.decode(column: "v", as: String.self))
            }
        }
        let holders = try await GS1Holders.holders(of: Set(placesOf.values.joined()), on: sql)
        return Set(placesOf.compactMap { key, places in places.contains { holders[$0] == organisation } ? key : nil })
    }

    private static func placeNotHeld(_ place: String, field: String) -> AppError.FieldError {
        AppError.FieldError(field: field, rule: "location-not-held", message: LocalizedText(
            vi: "Địa điểm “\(place)” không phải của tổ chức bạn; chỉ ghi được sự kiện tại địa điểm (GLN) tổ chức mình giữ.",
            en: "Location “\(place)” is not your organisation's; events are recorded only at locations (GLNs) it holds."))
    }

    private static func notHolder(_ key: String, field: String) -> AppError.FieldError {
        AppError.FieldError(field: field, rule: "identifier-not-held", message: LocalizedText(
            vi: "Mã “\(key)” không thuộc tổ chức bạn: chỉ được tạo lô, sản phẩm theo mã GS1 của mình (tiền tố riêng hoặc mã được cấp).",
            en: "“\(key)” is not your organisation's: lots and products are made only under codes it holds."))
    }

    private static func notInPossession(_ key: String, field: String) -> AppError.FieldError {
        AppError.FieldError(field: field, rule: "not-in-possession", message: LocalizedText(
            vi: "Hàng “\(key)” là của đơn vị khác và chưa từng được giao đến hoặc nhận tại địa điểm của tổ chức bạn.",
            en: "“\(key)” belongs to someone else and was never shipped to or received at your organisation's locations."))
    }
}
