import Foundation
import NguonCore
import Plot
import SQLKit

/// `/quan-tri/kiem-tra/de-xuat`: the facilities in the officer's area, riskiest first
/// (`RiskScore`), to choose whom an inspection plan visits: failed samples and violations of the
/// last 24 months, papers missing or lapsed, how long since the facility recorded a traceability
/// event, and since it was last inspected.
enum InspectionProposal {
    struct Row: Sendable {
        let facility: (id: String, name: String, organisation: String)
        let record: RiskScore.Record
        let score: RiskScore
    }

    struct Model {
        let rows: [Row]
        let facilities: Int
        static let shown = 100
        /// Facilities read at most: a province's registry, not an unbounded one.
        static let limit = 50_000

        static func query(principal: Principal, today: CivilDate, database: AppDatabase) async throws -> Model {
            let sql = try database.reader
            let columns = ScopeColumns(province: "f.province_code", commune: "f.commune_code", organisation: "f.organisation_id")
            let facilities = try await sql.select().columns(SQLRaw("f.id"), SQLRaw("f.name"), SQLRaw("f.gln"), SQLRaw("o.name AS organisation_name"))
                .from(SQLAlias(SQLIdentifier("facilities"), as: SQLIdentifier("f")))
                .join(SQLAlias(SQLIdentifier("organisations"), as: SQLIdentifier("o")), method: SQLJoinMethod.inner, on: SQLRaw("o.id = f.organisation_id"))
                .where(SQLRaw("f.state"), .equal, SQLBind("active"))
                .scoped(to: principal, .inspections, .write, columns: columns)
                .limit(limit).all()
                .map { (id: try $0.decode(column: "id", as: String.self), name: try $0.decode(column: "name", as: String.self),
                        gln: try $0.decode(column: "gln", as: String?.self), organisation: try $0.decode(column: "organisation_name", as: String.self)) }
            let since = today.adding(months: -24).description
            func counts(_ query: SQLQueryString) async throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try await sql.raw(query).all() {
                    result[try row.decode(column: "facility_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
                }
                return result
            }
            // Whole-table groupings, read once: cheaper than a query per facility.
            let failed = try await counts("SELECT facility_id, COUNT(*) AS n FROM samples WHERE verdict = 'fail' AND sampled_on > \(bind: since) GROUP BY facility_id")
            let violations = try await counts("SELECT facility_id, COUNT(*) AS n FROM violations WHERE found_on > \(bind: since) GROUP BY facility_id")
            let day = today.description
            let papered = try await counts("""
                SELECT facility_id, COUNT(*) AS n FROM (
                  SELECT facility_id FROM certificates WHERE state = 'issued' AND issued_on <= \(bind: day) AND (expires_on IS NULL OR expires_on >= \(bind: day))
                  UNION ALL
                  SELECT facility_id FROM commitments WHERE signed_on <= \(bind: day) AND (valid_until IS NULL OR valid_until >= \(bind: day))
                ) papers GROUP BY facility_id
                """)
            var lastInspection: [String: CivilDate] = [:]
            for row in try await sql.raw("SELECT facility_id, MAX(inspected_on) AS last FROM inspections GROUP BY facility_id").all() {
                lastInspection[try row.decode(column: "facility_id", as: String.self)] = try row.decode(column: "last", as: String?.self).flatMap(CivilDate.init)
            }
            var lastEvent: [String: Int64] = [:]
            let places = facilities.compactMap { f in f.gln.map { "https://id.gs1.org/414/" + $0 } }
            for chunk in places.chunked(into: 500) {
                for row in try await sql.raw("""
                    SELECT biz_location, MAX(event_time) AS last FROM epcis_events WHERE biz_location IN (\(binds: Array(chunk))) GROUP BY biz_location
                    """).all() {
                    lastEvent[try row.decode(column: "biz_location", as: String.self)] = try row.decode(column: "last", as: Int64?.self)
                }
            }
            let now = Millis.now()
            var rows = facilities.map { f in
                let event = f.gln.flatMap { lastEvent["https://id.gs1.org/414/" + $0] }
                let record = RiskScore.Record(
                    failedSamples: failed[f.id] ?? 0, violations: violations[f.id] ?? 0, lacksPapers: papered[f.id] == nil,
                    daysSinceLastEvent: event.map { Int((now - $0) / 86_400_000) },
                    daysSinceInspection: lastInspection[f.id].map { $0.days(until: today) })
                return Row(facility: (f.id, f.name, f.organisation), record: record, score: RiskScore(record))
            }
            rows.sort { ($0.score.total, $1.facility.name) > ($1.score.total, $0.facility.name) }
            return Model(rows: Array(rows.prefix(shown)), facilities: facilities.count)
        }
    }

    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { LocalizedText(vi: "Đề xuất cơ sở cần kiểm tra", en: "Facilities to inspect first") }
        var path: String { SiteURL.inspectionProposals.path }

        var main: Node<HTML.BodyContext> {
            .group(
                AdminView.eyebrow(.inspections, t("Kiểm tra", "Inspections")),
                heading,
                .p(.class("lead"), .text(t("\(AdminView.number(model.facilities, language)) cơ sở đang hoạt động trong địa bàn, xếp theo mức rủi ro: mẫu không đạt và vi phạm trong 24 tháng, thiếu giấy chứng nhận hoặc cam kết còn hiệu lực, lâu không ghi nhận truy xuất, lâu chưa được kiểm tra.",
                                           "\(model.facilities) active facilities, riskiest first: failed samples and violations in 24 months, missing papers, silence in traceability, time since the last inspection."))),
                .if(model.rows.isEmpty, .p(.text(t("Không có cơ sở nào trong địa bàn.", "No facilities in scope.")))),
                .if(!model.rows.isEmpty, AdminView.table([t("Cơ sở", "Facility"), t("Điểm", "Score"), t("Vì sao", "Why")], model.rows) { row in
                    .tr(.td(.a(.href(SiteURL.facility(row.facility.id).path), .text(row.facility.name)), .br(), .small(.text(row.facility.organisation))),
                        .td(.text(String(row.score.total))),
                        .td(.text(reasons(row.record).joined(separator: " · ")), .br(),
                            .a(.href(SiteURL.facilityInspections(row.facility.id).path), .text(t("Ghi biên bản kiểm tra", "Record an inspection")))))
                }))
        }

        private func reasons(_ record: RiskScore.Record) -> [String] {
            var reasons: [String] = []
            if record.failedSamples > 0 { reasons.append(t("\(record.failedSamples) mẫu không đạt", "\(record.failedSamples) failed samples")) }
            if record.violations > 0 { reasons.append(t("\(record.violations) vi phạm", "\(record.violations) violations")) }
            if record.lacksPapers { reasons.append(t("chưa có giấy chứng nhận, cam kết còn hiệu lực", "no papers in force")) }
            switch record.daysSinceLastEvent {
            case nil: reasons.append(t("chưa ghi nhận truy xuất", "no traceability records"))
            case let days? where days > 60: reasons.append(t("\(days) ngày không ghi nhận", "silent \(days) days"))
            default: break
            }
            switch record.daysSinceInspection {
            case nil: reasons.append(t("chưa kiểm tra lần nào", "never inspected"))
            case let days? where days > 180: reasons.append(t("\(days) ngày chưa kiểm tra", "\(days) days since inspected"))
            default: break
            }
            return reasons.isEmpty ? [t("không có gì đáng lo", "nothing of note")] : reasons
        }
    }
}
