import NguonCore
import SQLKit

/// `/quan-tri/thu-hoi`: recalls in scope, open first, with the form to open one (filled from a
/// failed sample with `?mau=`).
enum RecallList {
    struct Model {
        let recalls: [(recall: Recall, holders: Int, confirmed: Int)]
        let canWrite: Bool
        /// The failed sample a new recall starts from, when the link named one.
        let sample: Sample?
        /// An account without a jurisdiction names the recall's area.
        var needsUnit = false

        static func query(sampleID: String?, principal: Principal, recalls: RecallRepository, samples: SampleRepository) async throws -> Model {
            var sample: Sample?
            if let sampleID { sample = try await samples.find(sampleID, for: principal) }
            return Model(recalls: try await recalls.list(for: principal), canWrite: principal.can(.write, .inspections), sample: sample,
                         needsUnit: principal.jurisdiction == nil && sample == nil)
        }
    }

    static func values(sample: Sample?) -> [String: String] {
        var values = ["mode": RecallMode.voluntary.rawValue, "basis": RecallBasis.officialControl.rawValue, "type": RecallType.alert.rawValue]
        if let sample {
            values["title"] = "Thu hồi \(sample.productName)" + (sample.lotNumber.map { " lô \($0)" } ?? "")
            let failed = sample.analytes.filter { $0.exceeds == true }.map { "\($0.name) \($0.result) \($0.unit) (giới hạn \($0.limit.map(Formatting.decimal) ?? "0") \($0.unit))" }
            values["reason"] = "Mẫu giám sát \(sample.code) ngày \(sample.sampledOn.vietnamese) không đạt: " + failed.joined(separator: "; ")
            values["lots"] = sample.lotKey ?? ""
            values["sample"] = sample.id
        }
        return values
    }
}

/// `/quan-tri/thu-hoi/{id}`: one recall: its deadlines, its holders and their progress.
enum RecallPage {
    struct Model {
        let recall: Recall
        let holders: [RecallRepository.Holder]
        let items: Int
        let canWrite: Bool
        let now: Int64
        let today: CivilDate

        var deadlines: [Recall.Deadline] { recall.deadlines(holders: holders, now: now, today: today) }
        /// Holders not confirmed a day after the notice was due: to escalate.
        var overdue: [RecallRepository.Holder] {
            guard recall.isOpen, now > RecallRules.noticeDue(openedAt: recall.openedAt) else { return [] }
            return holders.filter { $0.confirmedAt == nil }
        }

        static func query(id: String, principal: Principal, recalls: RecallRepository) async throws -> Model {
            let recall = try await recalls.find(id, for: principal)
            let items = try await recalls.database.sql.raw("SELECT COUNT(*) AS n FROM recall_items WHERE recall_id = \(bind: id)").first()?
                .decode(column: "n", as: Int.self) ?? 0
            return Model(recall: recall, holders: try await recalls.holders(of: id), items: items,
                         canWrite: principal.reaches(.inspections, .write, area: recall.area, organisationID: nil),
                         now: Millis.now(), today: .today)
        }
    }
}
