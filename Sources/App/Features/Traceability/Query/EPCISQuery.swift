import EPCIS
import Foundation

/// A SimpleEventQuery of the EPCIS 2.0 REST binding (`GET /epcis/events?…`), parsed and
/// validated: every parameter is known, every value well formed, or the client gets a 400
/// `QueryParameterException` naming the parameter.
package struct EPCISQuery: Sendable, Equatable {
    enum Order: String, Sendable { case eventTime, recordTime }
    enum Direction: String, Sendable { case asc = "ASC", desc = "DESC" }

    /// An identifier condition: exact canonical keys, or key prefixes from EPC patterns.
    package struct Match: Sendable, Equatable {
        var roles: [IdentifierRole]
        var classLevel: Bool
        var keys: [String]
        var prefixes: [String]
    }

    struct QuantityCondition: Sendable, Equatable {
        enum Op: String, Sendable { case eq = "=", gt = ">", ge = ">=", lt = "<", le = "<=" }
        var op: Op
        var value: Double
    }

    var eventTypes: [EventType] = []
    var eventTimeFrom: Int64?
    var eventTimeBefore: Int64?
    var recordTimeFrom: Int64?
    var recordTimeBefore: Int64?
    var actions: [EPCISAction] = []
    var bizSteps: [String] = []
    var dispositions: [String] = []
    var readPoints: [String] = []
    var readPointsWithDescendants: [String] = []
    var bizLocations: [String] = []
    var bizLocationsWithDescendants: [String] = []
    var transformationIDs: [String] = []
    var eventIDs: [String] = []
    package var matches: [Match] = []
    var quantities: [QuantityCondition] = []
    var orderBy: Order = .eventTime
    var orderDirection: Direction = .asc
    var eventCountLimit: Int?
    var perPage: Int = 100
    var after: PageToken?

    /// "eventTime ASC": what a page token's position is measured in.
    var orderKey: String { "\(orderBy.rawValue) \(orderDirection.rawValue)" }

    static let maxPerPage = 1_000

    /// The position after the last event of a page; opaque to clients (base64url JSON).
    package struct PageToken: Codable, Sendable, Equatable {
        var time: Int64
        var id: Int64
        /// Events already returned, so `eventCountLimit` holds across pages.
        var returned: Int
        /// The order the position belongs to ("eventTime ASC"); a token from another order is refused.
        var order: String

        var encoded: String { Base64URL.encode((try? JSONEncoder().encode(self)) ?? Data()) }

        init(time: Int64, id: Int64, returned: Int, order: String) {
            self.time = time
            self.id = id
            self.returned = returned
            self.order = order
        }

        /// nil for anything this server did not write: bad encoding, or counts no page can have.
        init?(encoded: String) {
            guard let data = Base64URL.decode(encoded), let token = try? JSONDecoder().decode(PageToken.self, from: data),
                  token.returned >= 0, token.returned <= 1_000_000_000 else { return nil }
            self = token
        }
    }

    static func problem(_ parameter: String, _ vi: String, _ en: String) -> AppError {
        AppError(status: .badRequest, code: "query-parameter",
                 title: LocalizedText(vi: "Tham số truy vấn không hợp lệ", en: "Invalid query parameter"),
                 detail: LocalizedText(vi: vi, en: en),
                 fieldErrors: [.init(field: parameter, rule: "query-parameter", message: LocalizedText(vi: vi, en: en))],
                 problemType: "epcisException:QueryParameterException")
    }

    /// Most values one list parameter may carry: enough for any real query, and it keeps every
    /// statement far below the databases' bind limits.
    static let maxListItems = 100

    /// Pipe-delimited list values (`EQ_bizStep=shipping|receiving`), none empty.
    static func list(_ name: String, _ raw: String) throws(AppError) -> [String] {
        let items = raw.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard items.count <= maxListItems else {
            throw problem(name, "“\(name)” có \(items.count) giá trị, tối đa \(maxListItems).", "“\(name)” has \(items.count) values; at most \(maxListItems).")
        }
        guard !items.contains(where: \.isEmpty) else {
            throw problem(name, "“\(name)” có phần tử rỗng (các giá trị phân cách bằng |).", "“\(name)” has an empty element (values are separated by |).")
        }
        return items
    }

    static func time(_ name: String, _ raw: String) throws(AppError) -> Int64 {
        guard let stamp = EPCISTimestamp(raw), stamp.offsetSeconds != nil else {
            throw problem(name, "“\(name)” phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-03-01T08:00:00+07:00.",
                          "“\(name)” must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T08:00:00+07:00.")
        }
        return stamp.epochMilliseconds
    }

    /// An identifier list as index conditions; EPC patterns (`urn:epc:idpat:sgtin:…*`) become
    /// key prefixes under the pattern's product.
    package static func match(_ name: String, _ raw: String, roles: [IdentifierRole], classLevel: Bool) throws(AppError) -> Match {
        var match = Match(roles: roles, classLevel: classLevel, keys: [], prefixes: [])
        for value in try list(name, raw) {
            guard value.contains(":") else {
                throw problem(name, "“\(name)”: “\(value)” không phải URI (EPC URN hoặc GS1 Digital Link).",
                              "“\(name)”: “\(value)” is not a URI (EPC URN or GS1 Digital Link).")
            }
            let key = EPCISIndex.key(for: value)
            if value.hasPrefix("urn:epc:idpat:") {
                // All instances (or lots) of a product: the product's key, and anything below it.
                match.keys.append(key)
                match.prefixes.append(key + "/")
            } else {
                match.keys.append(key)
            }
        }
        return match
    }

    package init() {}

    init(_ query: Query) throws(AppError) {
        var token: (name: String, value: PageToken)?
        for (name, raw) in query.values.sorted(by: { $0.key < $1.key }) {
            switch name {
            case "eventType":
                eventTypes = try Self.list(name, raw).map { (value) throws(AppError) -> EventType in
                    guard let type = EventType(rawValue: value) else {
                        throw Self.problem(name, "“\(value)” không phải loại sự kiện EPCIS.", "“\(value)” is not an EPCIS event type.")
                    }
                    return type
                }
            case "GE_eventTime": eventTimeFrom = try Self.time(name, raw)
            case "LT_eventTime": eventTimeBefore = try Self.time(name, raw)
            case "GE_recordTime": recordTimeFrom = try Self.time(name, raw)
            case "LT_recordTime": recordTimeBefore = try Self.time(name, raw)
            case "EQ_action":
                actions = try Self.list(name, raw).map { (value) throws(AppError) -> EPCISAction in
                    guard let action = EPCISAction(rawValue: value) else {
                        throw Self.problem(name, "“EQ_action” phải là ADD, OBSERVE hoặc DELETE.", "“EQ_action” must be ADD, OBSERVE or DELETE.")
                    }
                    return action
                }
            case "EQ_bizStep": bizSteps = try Self.list(name, raw).map { CBV.normalize($0, .bizStep) }
            case "EQ_disposition": dispositions = try Self.list(name, raw).map { CBV.normalize($0, .disposition) }
            case "EQ_readPoint": readPoints = try Self.list(name, raw).map(EPCISIndex.key(for:))
            case "WD_readPoint": readPointsWithDescendants = try Self.list(name, raw).map(EPCISIndex.key(for:))
            case "EQ_bizLocation": bizLocations = try Self.list(name, raw).map(EPCISIndex.key(for:))
            case "WD_bizLocation": bizLocationsWithDescendants = try Self.list(name, raw).map(EPCISIndex.key(for:))
            case "EQ_transformationID": transformationIDs = try Self.list(name, raw)
            case "EQ_eventID": eventIDs = try Self.list(name, raw)
            case "MATCH_epc": matches.append(try Self.match(name, raw, roles: [.epc, .child], classLevel: false))
            case "MATCH_parentID": matches.append(try Self.match(name, raw, roles: [.parent], classLevel: false))
            case "MATCH_inputEPC": matches.append(try Self.match(name, raw, roles: [.input], classLevel: false))
            case "MATCH_outputEPC": matches.append(try Self.match(name, raw, roles: [.output], classLevel: false))
            case "MATCH_anyEPC":
                matches.append(try Self.match(name, raw, roles: [.epc, .parent, .child, .input, .output], classLevel: false))
            case "MATCH_epcClass": matches.append(try Self.match(name, raw, roles: [.epc, .child], classLevel: true))
            case "MATCH_inputEPCClass": matches.append(try Self.match(name, raw, roles: [.input], classLevel: true))
            case "MATCH_outputEPCClass": matches.append(try Self.match(name, raw, roles: [.output], classLevel: true))
            case "MATCH_anyEPCClass":
                matches.append(try Self.match(name, raw, roles: [.epc, .child, .input, .output], classLevel: true))
            case "EQ_quantity", "GT_quantity", "GE_quantity", "LT_quantity", "LE_quantity":
                guard let value = Double(raw), value.isFinite else {
                    throw Self.problem(name, "“\(name)” phải là một số.", "“\(name)” must be a number.")
                }
                let op: QuantityCondition.Op = switch name.prefix(2) {
                case "EQ": .eq
                case "GT": .gt
                case "GE": .ge
                case "LT": .lt
                default: .le
                }
                quantities.append(QuantityCondition(op: op, value: value))
            case "orderBy":
                guard let order = Order(rawValue: raw) else {
                    throw Self.problem(name, "“orderBy” phải là eventTime hoặc recordTime.", "“orderBy” must be eventTime or recordTime.")
                }
                orderBy = order
            case "orderDirection":
                guard let direction = Direction(rawValue: raw.uppercased()) else {
                    throw Self.problem(name, "“orderDirection” phải là ASC hoặc DESC.", "“orderDirection” must be ASC or DESC.")
                }
                orderDirection = direction
            case "eventCountLimit":
                guard let limit = Int(raw), limit > 0 else {
                    throw Self.problem(name, "“eventCountLimit” phải là số nguyên dương.", "“eventCountLimit” must be a positive integer.")
                }
                eventCountLimit = limit
            case "perPage":
                guard let n = Int(raw), (1...Self.maxPerPage).contains(n) else {
                    throw Self.problem(name, "“perPage” phải từ 1 đến \(Self.maxPerPage).", "“perPage” must be from 1 to \(Self.maxPerPage).")
                }
                perPage = n
            case "nextPageToken":
                guard let parsed = PageToken(encoded: raw) else {
                    throw Self.problem(name, "“nextPageToken” không hợp lệ hoặc đã bị sửa.", "“nextPageToken” is invalid or was altered.")
                }
                token = (name, parsed)
            case "lang":
                continue  // the interface language, read by LanguageMiddleware
            default:
                throw Self.problem(name, "Tham số “\(name)” không được hỗ trợ.", "The parameter “\(name)” is not supported.")
            }
        }
        if let token {
            guard token.value.order == orderKey else {
                throw Self.problem(token.name, "“nextPageToken” thuộc về một thứ tự sắp xếp khác.", "“nextPageToken” belongs to another sort order.")
            }
            after = token.value
        }
    }
}
