import EPCIS
import SQLKit

extension EPCISRepository {
    /// What master data says about one element: its attributes by id (string values only,
    /// which is what pages show).
    struct MasterDataElement: Sendable, Equatable {
        let id: String
        let attributes: [String: String]

        var name: String? { attributes[VocabularyElement.nameAttribute] ?? attributes["urn:epcglobal:cbv:mda#descriptionShort"] }

        /// "street, city" from the CBV address attributes present.
        var address: String? {
            let parts = ["streetAddressOne", "streetAddressTwo", "city", "state"]
                .compactMap { attributes["urn:epcglobal:cbv:mda#\($0)"] }
                .filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }
    }

    /// Master data for these canonical keys, whichever vocabulary holds them.
    func masterData(for keys: Set<String>) async throws -> [String: MasterDataElement] {
        guard !keys.isEmpty else { return [:] }
        var result: [String: MasterDataElement] = [:]
        for chunk in Array(keys).chunked(into: 500) {
            let rows = try await database.reader.raw(
                "SELECT element_id, attributes FROM epcis_master_data WHERE element_id IN (\(binds: Array(chunk)))").all()
            for row in rows {
                let id = try row.decode(column: "element_id", as: String.self)
                var attributes = result[id]?.attributes ?? [:]
                if case .object(let object)? = try? JSONValue.parse(try row.decode(column: "attributes", as: String.self)) {
                    for member in object.members {
                        if case .string(let text) = member.value { attributes[member.key] = text }
                    }
                }
                result[id] = MasterDataElement(id: id, attributes: attributes)
            }
        }
        return result
    }

    /// The ILMD (lot master data) of these events, by event ID, from its own column: two dates
    /// on a page never cost parsing an event that lists half a million EPCs.
    func lotMasterData(ofEvents ids: [String]) async throws -> [String: JSONObject] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: JSONObject] = [:]
        for chunk in ids.chunked(into: 500) {
            let rows = try await database.reader.select().columns("event_id", "ilmd").from("epcis_events")
                .where(Self.eventIDCondition(Array(chunk))).all()
            for row in rows {
                guard let text = try row.decode(column: "ilmd", as: String?.self),
                      case .object(let object)? = try? JSONValue.parse(text) else { continue }
                result[try row.decode(column: "event_id", as: String.self)] = object
            }
        }
        return result
    }

    /// The organisation that recorded each event (its capture job's), by event ID: the origin
    /// page says who stated each step. Events captured by officers or integrations have none.
    func recorders(ofEvents ids: [String]) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for chunk in ids.chunked(into: 500) {
            let rows = try await database.reader.select().column(SQLColumn("event_id", table: "e")).column(SQLColumn("name", table: "o"))
                .from(SQLAlias(SQLIdentifier("epcis_events"), as: SQLIdentifier("e")))
                .join(SQLAlias(SQLIdentifier("epcis_capture_jobs"), as: SQLIdentifier("j")), method: SQLJoinMethod.inner,
                      on: SQLColumn("id", table: "j"), .equal, SQLColumn("capture_job_id", table: "e"))
                .join(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")), method: SQLJoinMethod.inner,
                      on: SQLColumn("id", table: "o"), .equal, SQLColumn("organisation_id", table: "j"))
                .where(Self.eventIDCondition(Array(chunk), table: "e")).all()
            for row in rows {
                result[try row.decode(column: "event_id", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return result
    }
}
